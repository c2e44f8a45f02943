//! The output users see on the sample documents in `fixtures/`, pinned by snapshot.
//! `fixtures/README.md` lists the errors planted in each document.

use std::path::Path;
use std::process::{Command, Output};

/// Every sample document and the name of its snapshot.
const FIXTURES: &[(&str, &str)] = &[
    ("work_summary", "fixtures/2024年上半年工作总结.txt"),
    ("notice", "fixtures/关于开展安全生产大检查的通知.txt"),
    ("speech", "fixtures/在全县经济工作会议上的讲话.txt"),
    // Assembled from last year's report: every family of document checks.
    ("assembled", "fixtures/2024年上半年安全生产工作总结.txt"),
];
const CLEAN_DIR: &str = "fixtures/clean";

fn doclint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn human_output_on_each_fixture() {
    for (name, path) in FIXTURES {
        let out = doclint(&["--color", "never", path]);
        assert_eq!(out.status.code(), Some(1), "{path} has planted errors");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        insta::assert_snapshot!(
            format!("human_{name}"),
            String::from_utf8(out.stdout).unwrap()
        );
    }
}

#[test]
fn json_output_on_fixtures() {
    for (name, path) in [FIXTURES[0], FIXTURES[3]] {
        let out = doclint(&["--format", "json", path]);
        assert_eq!(out.status.code(), Some(1));
        let snapshot = if name == "work_summary" {
            "json_work_summary".to_string()
        } else {
            format!("json_{name}")
        };
        insta::assert_snapshot!(snapshot, String::from_utf8(out.stdout).unwrap());
    }
}

/// The careful final pass (`--thorough`) on the assembled report: the numbering gap
/// (DL903) and the recall-first suspect characters (DL111) join in.
#[test]
fn human_output_of_the_thorough_pass() {
    let path = FIXTURES[3].1;
    let out = doclint(&["--color", "never", "--thorough", path]);
    assert_eq!(out.status.code(), Some(1));
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(human.contains("warning[DL903]"), "{human}");
    insta::assert_snapshot!("human_assembled_thorough", human);
}

/// The assembled report carries at least one finding of every family of document checks.
#[test]
fn the_assembled_report_shows_every_family() {
    let out = doclint(&["--format", "json", FIXTURES[3].1]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for prefix in ["DL5", "DL60", "DL65", "DL7", "DL8", "DL9", "DL1"] {
        assert!(
            codes.iter().any(|c| c.starts_with(prefix)),
            "no {prefix}xx in {codes:?}"
        );
    }
}

#[test]
fn clean_documents_give_nothing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(CLEAN_DIR);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| format!("{CLEAN_DIR}/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in &files {
        let out = doclint(&["--color", "never", "--fail-on", "info", file]);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "0 errors, 0 warnings in 1 file\n",
            "{file} must be clean"
        );
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn every_fixture_is_pinned() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".txt") {
            let path = format!("fixtures/{name}");
            assert!(
                FIXTURES.iter().any(|(_, p)| *p == path),
                "{path} has no snapshot: add it to FIXTURES"
            );
        }
    }
}

#[test]
fn explain_and_rules_listing() {
    let out = doclint(&["explain", "DL101"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("DL101 typo — 常见错别字\nfamily: typos · severity: error"));
    assert!(text.contains("\nExamples:\n  ✗ "), "{text}");
    // By name as well as by code.
    assert_eq!(doclint(&["explain", "typo"]).stdout, text.as_bytes());
    let listing = String::from_utf8(doclint(&["rules"]).stdout).unwrap();
    assert!(listing.starts_with("code "), "{listing}");
    for code in ["DL101", "DL102", "DL201", "DL301", "DL401"] {
        assert!(
            listing.contains(&format!("\n{code} ")),
            "{code} missing:\n{listing}"
        );
    }
}
