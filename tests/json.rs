//! `--format json` is the contract editors rely on (DESIGN.md): checked against our schema.

use std::process::Command;

const SCHEMA: &str = include_str!("../schema/doclint-output.schema.json");

fn run_json(dir: &std::path::Path, args: &[&str]) -> (serde_json::Value, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(["--format", "json"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let value = serde_json::from_slice(&out.stdout).expect("stdout is exactly one JSON document");
    (value, out.status.code())
}

fn assert_valid(value: &serde_json::Value) {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "schema violations: {errors:#?}");
}

#[test]
fn output_matches_the_schema_and_points_at_the_right_characters() {
    let dir = tempfile::tempdir().unwrap();
    // Line 2 holds the typo at character 4; a CRLF line ending and wide characters before it.
    std::fs::write(dir.path().join("b.txt"), "标题\r\n请尽快按装调试设备。\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "干部群众再接再励。\n").unwrap();
    let (json, code) = run_json(dir.path(), &["b.txt", "a.txt"]);
    assert_eq!(code, Some(1));
    assert_valid(&json);
    let ds = json["diagnostics"].as_array().unwrap();
    // Sorted by path, then span.
    assert_eq!(ds[0]["path"], "a.txt");
    assert_eq!(ds[1]["path"], "b.txt");
    let d = &ds[1];
    let text = "标题\r\n请尽快按装调试设备。\n";
    let start = text.find("按装").unwrap();
    assert_eq!(d["span"]["start"], start);
    assert_eq!(d["span"]["end"], start + "按装".len());
    assert_eq!(d["start"], serde_json::json!({"line": 2, "column": 4}));
    assert_eq!(d["end"], serde_json::json!({"line": 2, "column": 6}));
    assert_eq!(d["matched"], "按装");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "错别字：“按装”应为“安装”");
    assert_eq!(
        d["fixes"],
        serde_json::json!([{"replacement": "安装", "applicability": "certain"}])
    );
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 2, "diagnostics": 2, "errors": 2, "warnings": 0, "infos": 0})
    );
}

#[test]
fn clean_output_matches_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.txt"), "安装调试设备。\n").unwrap();
    let (json, code) = run_json(dir.path(), &["c.txt"]);
    assert_eq!(code, Some(0));
    assert_valid(&json);
    assert_eq!(json["diagnostics"], serde_json::json!([]));
}

/// Our schema is a copy of the shared contract; when the shared one is at hand, they agree.
#[test]
fn schema_is_in_step_with_the_shared_contract() {
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/schema/doclint-output.schema.json"
    );
    match std::fs::read_to_string(shared) {
        Ok(text) => {
            let a: serde_json::Value = serde_json::from_str(&text).unwrap();
            let b: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
            assert_eq!(a, b, "schema/ differs from ../shared/schema/");
        }
        Err(_) => eprintln!("../shared is not here (a user's clone): nothing to compare"),
    }
}
