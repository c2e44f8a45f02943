//! Real documents and workflows: encodings, .docx, Markdown, folders, stdin, configuration,
//! suppression comments, --fix and --diff.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn doclint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run doclint")
}

fn doclint_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn gb18030(s: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(s).0.into_owned()
}

#[test]
fn gb18030_positions_and_fix_writes_gb18030_back() {
    let dir = tempfile::tempdir().unwrap();
    let original = "关于设备的通知\r\n各单位要尽快完成按装调试。\r\n";
    let bytes = gb18030(original);
    std::fs::write(dir.path().join("通知.txt"), &bytes).unwrap();
    let out = doclint(dir.path(), &["--format", "json", "通知.txt"]);
    let j = json(&out);
    let d = &j["diagnostics"][0];
    assert_eq!(d["matched"], "按装");
    assert_eq!(d["start"], serde_json::json!({"line": 2, "column": 9}));
    // Byte span into the UTF-8 text.
    assert_eq!(d["span"]["start"], original.find("按装").unwrap());

    let out = doclint(dir.path(), &["--fix", "通知.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("fixed 1 problem in 1 file"));
    let after = std::fs::read(dir.path().join("通知.txt")).unwrap();
    let expected = gb18030(&original.replace("按装", "安装"));
    assert_eq!(after, expected, "GB18030 bytes with only the typo changed");
    let differing = after.iter().zip(&bytes).filter(|(a, b)| a != b).count();
    assert!(differing <= 2, "{differing} bytes changed");
}

#[test]
fn utf16_bom_crlf_and_permissions_survive_fix_and_a_second_fix_is_a_no_op() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    let original = "标题\r\n我们要再接再励，按装好设备。\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(original.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, &bytes).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = doclint(dir.path(), &["--fix", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let after = std::fs::read(&path).unwrap();
    assert_eq!(&after[..2], &[0xFF, 0xFE], "BOM kept");
    let fixed = "标题\r\n我们要再接再厉，安装好设备。\r\n";
    let mut expected = vec![0xFF, 0xFE];
    expected.extend(fixed.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(after, expected);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // A second --fix changes nothing.
    let out = doclint(dir.path(), &["--fix", "a.txt"]);
    assert!(text(&out.stderr).contains("fixed 0 problems in 0 files"));
    assert_eq!(std::fs::read(&path).unwrap(), expected);
}

#[test]
fn diff_shows_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "第一行\n按装调试。\n").unwrap();
    let out = doclint(dir.path(), &["--diff", "a.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "--- a.txt\n+++ a.txt\n@@ -1,2 +1,2 @@\n 第一行\n-按装调试。\n+安装调试。\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "第一行\n按装调试。\n"
    );
}

#[test]
fn docx_paragraphs_tables_and_tracked_changes() {
    let dir = tempfile::tempdir().unwrap();
    let body = "<w:p><w:r><w:t>关于设备的通知</w:t></w:r></w:p>\
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格：请按装</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
        <w:p><w:del><w:r><w:delText>删除的再接再励</w:delText></w:r></w:del><w:r><w:t>我们要</w:t></w:r><w:ins><w:r><w:t>再接再励</w:t></w:r></w:ins></w:p>";
    std::fs::write(dir.path().join("通知.docx"), docx(body)).unwrap();
    let out = doclint(dir.path(), &["--format", "json", "通知.docx"]);
    let j = json(&out);
    let found: Vec<(String, u64, u64)> = j["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["matched"].as_str().unwrap().to_string(),
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("按装".to_string(), 2, 5), ("再接再励".to_string(), 3, 4)]
    );
    assert_eq!(j["diagnostics"][0]["path"], "通知.docx");
    // --fix refuses clearly instead of silently doing nothing.
    let out = doclint(dir.path(), &["--fix", "通知.docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("通知.docx: --fix does not write .docx files"),
        "{}",
        text(&out.stderr)
    );
}

fn docx(body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts).unwrap();
    let doc = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>"
    );
    zip.write_all(doc.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn markdown_checks_prose_only_with_true_positions() {
    let dir = tempfile::tempdir().unwrap();
    let md = "---\ntitle: 按装\n---\n# 设备按装\n\n代码 `按装` 不查，[链接](https://a.cn/按装)。\n\n```\n按装\n```\n";
    std::fs::write(dir.path().join("a.md"), md).unwrap();
    let j = json(&doclint(dir.path(), &["--format", "json", "a.md"]));
    let ds = j["diagnostics"].as_array().unwrap();
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(ds[0]["start"], serde_json::json!({"line": 4, "column": 5}));
    assert_eq!(ds[0]["matched"], "按装");
}

#[test]
fn stdin_with_a_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = doclint_stdin(
        dir.path(),
        &["--format", "json", "--stdin-filename", "x.md", "-"],
        "# 标题\n\n`按装` 和 按装\n".as_bytes(),
    );
    let j = json(&out);
    assert_eq!(j["diagnostics"][0]["path"], "x.md");
    assert_eq!(j["diagnostics"][0]["start"]["column"], 8);
    assert_eq!(j["summary"]["diagnostics"], 1);
    // --fix on stdin prints the fixed text.
    let out = doclint_stdin(dir.path(), &["--fix", "-"], "按装调试\n".as_bytes());
    assert_eq!(text(&out.stdout), "安装调试\n");
}

#[test]
fn suppression_comments() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "按装一\n<!-- doclint-disable-next-line DL101 -->\n按装二\n<!-- doclint-disable typos -->\n按装三\n<!-- doclint-enable -->\n按装四\n";
    std::fs::write(dir.path().join("a.txt"), doc).unwrap();
    std::fs::write(dir.path().join("a.md"), doc).unwrap();
    for file in ["a.txt", "a.md"] {
        let j = json(&doclint(dir.path(), &["--format", "json", file]));
        let lines: Vec<u64> = j["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["start"]["line"].as_u64().unwrap())
            .collect();
        assert_eq!(lines, [1, 7], "{file}: {j}");
    }
}

#[test]
fn configuration_select_severity_allow_and_per_file_ignores() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("附件")).unwrap();
    std::fs::write(
        root.join("doclint.toml"),
        "year = 2024\nignore = [\"cautioned\"]\nallow = [\"按装机\"]\n[severity]\nDL101 = \"warning\"\n[per-file-ignores]\n\"附件/*.txt\" = [\"typos\"]\n",
    )
    .unwrap();
    std::fs::write(root.join("a.txt"), "按装调试，按装机。\n").unwrap();
    std::fs::write(root.join("附件/b.txt"), "按装调试。\n").unwrap();
    let j = json(&doclint(root, &["--format", "json", "a.txt", "附件/b.txt"]));
    let ds = j["diagnostics"].as_array().unwrap();
    assert_eq!(ds.len(), 1, "{j}");
    assert_eq!(ds[0]["severity"], "warning");
    assert_eq!(ds[0]["path"], "a.txt");
    let out = doclint(root, &["--explain-year", "a.txt"]);
    assert_eq!(text(&out.stdout), "a.txt: 2024 (from the configuration)\n");
    let out = doclint(root, &["config", "--show", "a.txt"]);
    let shown = text(&out.stdout);
    assert!(
        shown.contains("year = 2024") && shown.contains("ignore = [\"cautioned\"]"),
        "{shown}"
    );
    // The globs are relative to the config's folder, not to where doclint runs.
    let j = json(&doclint(
        root.parent().unwrap(),
        &[
            "--format",
            "json",
            root.join("附件/b.txt").to_str().unwrap(),
        ],
    ));
    assert_eq!(j["summary"]["diagnostics"], 0, "{j}");
    // --no-config: defaults.
    let j = json(&doclint(
        root,
        &["--no-config", "--format", "json", "附件/b.txt"],
    ));
    assert_eq!(j["summary"]["errors"], 1);
}

#[test]
fn configuration_errors_point_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("doclint.toml"),
        "year = 2024\nselec = [\"typos\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "按装\n").unwrap();
    let out = doclint(dir.path(), &["--color", "never", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("unknown field `selec`"), "{err}");
    assert!(err.contains("doclint.toml:2:1"), "{err}");
    std::fs::write(dir.path().join("doclint.toml"), "ignore = [\"DL999\"]\n").unwrap();
    let err = text(&doclint(dir.path(), &["--color", "never", "a.txt"]).stderr);
    assert!(
        err.contains("error: no rule `DL999`") && err.contains("doclint.toml:1:11"),
        "{err}"
    );
}

#[test]
fn a_thousand_files_give_the_same_output_on_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("docs");
    for i in 0..1000 {
        let sub = root.join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        let body = if i % 3 == 0 {
            "按装调试。\n"
        } else {
            "安装调试，一如继往。\n"
        };
        std::fs::write(sub.join(format!("f{i:04}.txt")), body).unwrap();
    }
    let one = doclint(dir.path(), &["--threads", "1", "--format", "json", "docs"]);
    let two = doclint(dir.path(), &["--threads", "2", "--format", "json", "docs"]);
    assert_eq!(json(&one)["summary"]["files"], 1000);
    assert_eq!(one.stdout, two.stdout);
    let h1 = doclint(
        dir.path(),
        &["--threads", "1", "--max-per-rule", "0", "docs"],
    );
    let h2 = doclint(
        dir.path(),
        &["--threads", "2", "--max-per-rule", "0", "docs"],
    );
    assert_eq!(h1.stdout, h2.stdout);
}

#[test]
fn overlapping_fixes_apply_one_and_report_the_other() {
    let dir = tempfile::tempdir().unwrap();
    // Two user rules whose spans overlap.
    std::fs::write(
        dir.path().join("r.toml"),
        r#"[[rule]]
code = "U1"
name = "ab"
family = "t"
severity = "error"
summary = "s"
message = "{found}"
entry = [ { found = "甲乙", fix = "甲丙" } ]
[[rule.example]]
bad = "甲乙"
good = "甲丙"
[[rule]]
code = "U2"
name = "bc"
family = "t"
severity = "error"
summary = "s"
message = "{found}"
[[rule.regex]]
pattern = "乙丁戊"
fix = "乙丁己"
[[rule.example]]
bad = "乙丁戊"
good = "乙丁己"
"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "甲乙丁戊\n").unwrap();
    let out = doclint(
        dir.path(),
        &[
            "--no-default-rules",
            "--rules",
            "r.toml",
            "--format",
            "json",
            "--fix",
            "a.txt",
        ],
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "甲丙丁戊\n"
    );
    assert_eq!(
        json(&out)["summary"]["diagnostics"],
        0,
        "the other fix no longer applies"
    );
}

/// A rule of the thorough operating point (DL903, a numbering gap) runs with `--thorough`, or
/// in every run when a config names it; selecting its family or "ALL" does not turn it on.
#[test]
fn thorough_rules_run_with_thorough_or_when_a_config_names_them() {
    let dir = tempfile::tempdir().unwrap();
    // A gap as left by deleting a paragraph without renumbering (the clean corpus is full of
    // them: deleted paragraphs, not errors), so it is not reported by default.
    let gapped = "一、主要工作\n（一）加强组织领导。成立工作专班。\n（二）完善工作机制。建立周调度制度。\n（四）强化督促检查。开展专项督查两次。\n";
    std::fs::write(dir.path().join("总结.txt"), gapped).unwrap();
    let codes = |args: &[&str]| -> Vec<String> {
        let out = doclint(
            dir.path(),
            &[&["--format", "json"], args, &["总结.txt"]].concat(),
        );
        json(&out)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .filter(|code| code.starts_with("DL9"))
            .collect()
    };
    assert_eq!(codes(&[]), Vec::<String>::new());
    assert_eq!(codes(&["--thorough"]), ["DL903"]);
    for (config, expected) in [
        ("select = [\"numbering\"]\n", &[][..]),
        ("select = [\"ALL\"]\n", &[][..]),
        ("extend-select = [\"DL9\"]\n", &[][..]),
        ("extend-select = [\"DL903\"]\n", &["DL903"][..]),
        ("select = [\"numbering-gap\"]\n", &["DL903"][..]),
        ("select = [\"dl903\"]\nignore = [\"DL903\"]\n", &[][..]),
    ] {
        std::fs::write(dir.path().join("doclint.toml"), config).unwrap();
        assert_eq!(codes(&[]), expected, "{config}");
    }
}
