//! The binary as users run it: exit codes, streams, and rule-file errors shown like compiler errors.

use std::path::Path;
use std::process::{Command, Output};

fn doclint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run doclint")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

const RULE: &str = r#"[[rule]]
code = "U900"
name = "my-term"
family = "house-style"
severity = "warning"
summary = "本单位用语"
message = "本单位统一写作“{fix}”，不写“{found}”"
entry = [ { found = "网格化管理员", fix = "网格员" } ]
[[rule.example]]
bad = "各网格化管理员要加强巡查。"
good = "各网格员要加强巡查。"
"#;

#[test]
fn exit_status_follows_findings() {
    let dir = tempdir();
    std::fs::write(dir.path().join("bad.txt"), "我们要再接再励，按装好设备。\n").unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "我们要再接再厉，安装好设备。\n",
    )
    .unwrap();
    let out = doclint(dir.path(), &["good.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "0 errors, 0 warnings in 1 file\n");
    let out = doclint(dir.path(), &["bad.txt", "good.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("error[DL"), "{stdout}");
    assert!(
        stdout.ends_with("2 errors, 0 warnings in 2 files\n"),
        "{stdout}"
    );
    let out = doclint(dir.path(), &["--exit-zero", "bad.txt"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = tempdir();
    std::fs::write(dir.path().join("w.txt"), "各网格化管理员要加强巡查。\n").unwrap();
    std::fs::write(dir.path().join("r.toml"), RULE).unwrap();
    let args = ["--no-default-rules", "--rules", "r.toml", "w.txt"];
    assert_eq!(doclint(dir.path(), &args).status.code(), Some(1));
    let out = doclint(dir.path(), &[&args[..], &["--fail-on", "error"]].concat());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("warning[U900]: 本单位统一写作“网格员”，不写“网格化管理员”")
    );
}

#[test]
fn a_missing_file_is_reported_and_the_others_are_still_checked() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.txt"), "按装调试。\n").unwrap();
    let out = doclint(dir.path(), &["--format", "json", "nope.txt", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("error: nope.txt: "), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["diagnostics"][0]["path"], "a.txt");
    assert_eq!(json["diagnostics"][0]["matched"], "按装");
}

#[test]
fn undecodable_and_binary_files() {
    let dir = tempdir();
    std::fs::write(dir.path().join("x.txt"), b"\x80\x80\xff abc").unwrap();
    std::fs::write(dir.path().join("b.txt"), b"PK\x03\x04\x00\x00binary").unwrap();
    std::fs::write(dir.path().join("ok.txt"), "按装。\n").unwrap();
    let out = doclint(dir.path(), &["x.txt", "b.txt", "ok.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "note: b.txt: binary file skipped (a NUL byte at offset 4); if it is text, name its encoding with --encoding\n\
         error: x.txt: not UTF-8, UTF-16 or GB18030 text (invalid byte at offset 0); name the encoding with --encoding\n"
    );
    // The readable file is still checked.
    assert!(text(&out.stdout).ends_with("1 error, 0 warnings in 1 file\n"));
}

#[test]
fn folders_are_walked() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.path().join("docs/sub")).unwrap();
    std::fs::write(dir.path().join("docs/a.txt"), "按装。\n").unwrap();
    std::fs::write(dir.path().join("docs/sub/b.md"), "# 标题\n\n再接再励。\n").unwrap();
    std::fs::write(dir.path().join("docs/c.rs"), "按装").unwrap();
    let out = doclint(dir.path(), &["--format", "json", "docs"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["docs/a.txt", "docs/sub/b.md"]);
    assert_eq!(json["summary"]["files"], 2);
}

#[test]
fn usage_errors_exit_2_with_nothing_on_stdout() {
    let dir = tempdir();
    let out = doclint(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = doclint(dir.path(), &["--format", "yaml", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = doclint(dir.path(), &["explain", "DL999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: no rule `DL999`"));
}

#[test]
fn user_rules_merge_with_builtin_ones() {
    let dir = tempdir();
    std::fs::write(dir.path().join("r.toml"), RULE).unwrap();
    std::fs::write(dir.path().join("a.txt"), "网格化管理员一如继往。\n").unwrap();
    let out = doclint(
        dir.path(),
        &["--rules", "r.toml", "--format", "json", "a.txt"],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 2, "{codes:?}");
    assert_eq!(codes[0], "U900");
    assert!(codes[1].starts_with("DL1"), "{codes:?}");
    // A folder of rule files works like the files in it.
    std::fs::create_dir(dir.path().join("mine")).unwrap();
    std::fs::rename(dir.path().join("r.toml"), dir.path().join("mine/r.toml")).unwrap();
    let out = doclint(
        dir.path(),
        &["--no-default-rules", "--rules", "mine", "rules"],
    );
    assert_eq!(out.status.code(), Some(0));
    let listing = text(&out.stdout);
    assert!(listing.contains("U900"), "{listing}");
    assert!(listing.ends_with("1 rules, 1 entries\n"), "{listing}");
}

/// Writes `toml` as `bad.toml`, loads it, and returns stderr (exit status must be 2).
fn rule_error(toml: &str, extra: &[(&str, &str)]) -> String {
    let dir = tempdir();
    std::fs::write(dir.path().join("bad.toml"), toml).unwrap();
    std::fs::write(dir.path().join("a.txt"), "正文\n").unwrap();
    let mut args = vec!["--no-default-rules", "--color", "never"];
    for (name, content) in extra {
        std::fs::write(dir.path().join(name), content).unwrap();
        args.extend(["--rules", name]);
    }
    args.extend(["--rules", "bad.toml", "a.txt"]);
    let out = doclint(dir.path(), &args);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "nothing on stdout");
    text(&out.stderr)
}

#[test]
fn rule_error_unknown_key() {
    let toml = RULE.replace("found = \"网格化管理员\"", "foud = \"网格化管理员\"");
    insta::assert_snapshot!(rule_error(&toml, &[]));
}

#[test]
fn rule_error_missing_field() {
    let toml = RULE.replace("severity = \"warning\"\n", "");
    insta::assert_snapshot!(rule_error(&toml, &[]));
}

#[test]
fn rule_error_duplicate_code() {
    let other = RULE.replace("name = \"my-term\"", "name = \"other-term\"");
    insta::assert_snapshot!(rule_error(RULE, &[("first.toml", &other)]));
}

#[test]
fn rule_error_bad_regex() {
    let toml = RULE.replace(
        "entry = [ { found = \"网格化管理员\", fix = \"网格员\" } ]",
        "[[rule.regex]]\npattern = '网格(化管理员'\nfix = \"网格员\"",
    );
    insta::assert_snapshot!(rule_error(&toml, &[]));
}

#[test]
fn rule_error_empty_found() {
    let toml = RULE.replace("found = \"网格化管理员\"", "found = \"\"");
    insta::assert_snapshot!(rule_error(&toml, &[]));
}

#[test]
fn rule_error_failing_example() {
    let toml = RULE.replace(
        "good = \"各网格员要加强巡查。\"",
        "good = \"各网格长要加强巡查。\"",
    );
    insta::assert_snapshot!(rule_error(&toml, &[]));
}

#[test]
fn rule_error_toml_syntax() {
    let toml = RULE.replace("severity = \"warning\"", "severity = warning");
    insta::assert_snapshot!(rule_error(&toml, &[]));
}

#[test]
fn rule_error_unknown_placeholder_and_bad_severity() {
    let toml = RULE
        .replace("不写“{found}”", "不写“{foun}”")
        .replace("code = \"U900\"", "code = \"u-900\"");
    insta::assert_snapshot!(rule_error(&toml, &[]));
}

#[test]
fn color_always_colours_and_never_does_not() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.txt"), "按装调试。\n").unwrap();
    let coloured = text(&doclint(dir.path(), &["--color", "always", "a.txt"]).stdout);
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    let plain = text(&doclint(dir.path(), &["--color", "never", "a.txt"]).stdout);
    assert!(!plain.contains('\u{1b}'));
    // Not a terminal: auto means no colour.
    let auto = text(&doclint(dir.path(), &["a.txt"]).stdout);
    assert_eq!(auto, plain);
}
