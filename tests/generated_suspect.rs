//! The data of the suspect-character checks (src/checks/suspect/*.bin) must be what
//! scripts/gen_charlm.py makes today. Without ../shared (a user's clone) or python3 there is
//! nothing to regenerate from, and the test says so.

use std::path::Path;
use std::process::Command;

#[test]
fn suspect_data_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join("../shared/data").is_dir() {
        eprintln!("../shared is not here: src/checks/suspect/*.bin not regenerated");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = match Command::new("python3")
        .arg("scripts/gen_charlm.py")
        .arg("--shared")
        .arg(root.join("../shared"))
        .arg("--out")
        .arg(dir.path())
        .current_dir(root)
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!("python3 not available ({e}): src/checks/suspect/*.bin not regenerated");
            return;
        }
    };
    assert!(
        out.status.success(),
        "gen_charlm.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["lm.bin", "pairs.bin", "lexicon.bin", "confusion.bin"] {
        let fresh = std::fs::read(dir.path().join(name)).unwrap();
        let committed = std::fs::read(root.join("src/checks/suspect").join(name)).unwrap();
        assert!(
            fresh == committed,
            "src/checks/suspect/{name} is stale: run `python3 scripts/gen_charlm.py` and commit the result"
        );
    }
}
