//! The pre-commit hook: pre-commit passes the staged files that match `files` as arguments and
//! fails the commit on a non-zero exit status. This runs the hook's entry the same way.

use std::path::Path;
use std::process::Command;

/// `key: value` of the hook in .pre-commit-hooks.yaml (a flat list of one mapping).
fn hook_field(key: &str) -> String {
    let yaml = include_str!("../.pre-commit-hooks.yaml");
    yaml.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|l| {
            let l = l.trim_start().trim_start_matches("- ");
            l.strip_prefix(&format!("{key}:"))
                .map(|v| v.trim().to_string())
        })
        .unwrap_or_else(|| panic!("hook has no `{key}`"))
}

#[test]
fn hook_runs_on_the_matching_files_and_fails_on_findings() {
    assert_eq!(hook_field("id"), "doclint");
    assert_eq!(hook_field("language"), "rust");
    assert_eq!(hook_field("entry"), "doclint");
    let files = regex::Regex::new(&hook_field("files")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let staged = ["报告.txt", "说明.md", "通知.docx", "main.rs", "图.png"];
    let matching: Vec<&str> = staged
        .iter()
        .copied()
        .filter(|f| files.is_match(f))
        .collect();
    assert_eq!(matching, ["报告.txt", "说明.md", "通知.docx"]);

    let run = |files: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_doclint"))
            .args(files)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    std::fs::write(dir.path().join("报告.txt"), "安装调试。\n").unwrap();
    std::fs::write(dir.path().join("说明.md"), "# 说明\n\n一如既往。\n").unwrap();
    std::fs::write(dir.path().join("通知.docx"), docx("再接再厉")).unwrap();
    let out = run(&matching);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::write(dir.path().join("通知.docx"), docx("再接再励")).unwrap();
    let out = run(&matching);
    assert_eq!(out.status.code(), Some(1), "a finding fails the commit");
    assert!(String::from_utf8_lossy(&out.stdout).contains("--> 通知.docx:1:1"));
}

fn docx(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let xml = format!(
        "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    );
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn readme_shows_the_hook() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.contains("- id: doclint"),
        "README shows the .pre-commit-config.yaml lines"
    );
}
