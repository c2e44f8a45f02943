//! Generated rule sets must be what their generator makes today (a stale file fails here).
//! The generators read `../shared`, which CI has and a user's clone does not: without it (or
//! without python3) there is nothing to regenerate from, and the test says so.

use std::path::Path;
use std::process::Command;

fn regenerate_and_compare(script: &str, rules: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join("../shared/data").is_dir() {
        eprintln!("../shared is not here: {rules} not regenerated");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.toml");
    let status = match Command::new("python3")
        .arg(script)
        .arg("--out")
        .arg(&out)
        .current_dir(root)
        .output()
    {
        Ok(status) => status,
        Err(e) => {
            eprintln!("python3 not available ({e}): {rules} not regenerated");
            return;
        }
    };
    assert!(
        status.status.success(),
        "{script} failed:\n{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let fresh = std::fs::read_to_string(&out).unwrap();
    let committed = std::fs::read_to_string(root.join(rules)).unwrap();
    assert!(
        fresh == committed,
        "{rules} is stale: run `python3 {script}` and commit the result"
    );
}

#[test]
fn variants_toml_is_up_to_date() {
    regenerate_and_compare("scripts/gen_variants.py", "rules/variants.toml");
}

#[test]
fn idioms_toml_is_up_to_date() {
    regenerate_and_compare("scripts/gen_idioms.py", "rules/idioms.toml");
}

#[test]
fn phrases_data_is_up_to_date() {
    regenerate_and_compare("scripts/gen_phrases.py", "src/checks/phrases/phrases.txt");
}
