//! Embeds every `rules/*.toml` into the binary, so a bare `doclint file.txt` needs no data files,
//! and builds the automaton of their literal patterns ahead of time, so start-up only loads it.

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The automaton code the engine uses, compiled into this script too: the stored form is
/// written and read by the same file.
#[allow(dead_code)]
#[path = "src/engine/matcher.rs"]
mod matcher;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=src/engine/matcher.rs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("rules/ folder")
        .map(|e| e.expect("rules/ entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("]\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("builtin_rules.rs"), out).unwrap();

    // An empty file when anything goes wrong: the engine then builds the automaton at run
    // time, and the loader reports whatever is wrong with the rule sets.
    let automaton = match literal_patterns(&files) {
        Ok(patterns) => matcher::serialize(&patterns).unwrap_or_else(|e| {
            println!("cargo:warning=built-in automaton not stored: {e}");
            Vec::new()
        }),
        Err(e) => {
            println!("cargo:warning=built-in automaton not stored: {e}");
            Vec::new()
        }
    };
    std::fs::write(out_dir.join("builtin_automaton.bin"), automaton).unwrap();
}

/// Every distinct literal `found` of the rule sets, in the order `Engine::new` collects them:
/// file by file (sorted by name), rule by rule, a rule's `entry` tables before its `pairs`
/// lines, each pattern at its first occurrence. `Matcher::load` compares the list with the
/// engine's own, so a difference here costs start-up time, never a wrong match; a test
/// (`engine::tests::builtin_automaton_is_loaded`) makes the difference visible.
fn literal_patterns(files: &[PathBuf]) -> Result<Vec<String>, String> {
    let mut seen = std::collections::HashSet::new();
    let mut patterns = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let rules = table.get("rule").and_then(|r| r.as_array());
        for rule in rules.into_iter().flatten() {
            let entries = rule.get("entry").and_then(|e| e.as_array());
            let listed = entries
                .into_iter()
                .flatten()
                .filter_map(|e| e.get("found").and_then(|f| f.as_str()));
            let pairs = rule.get("pairs").and_then(|p| p.as_str()).unwrap_or("");
            let paired = pairs
                .lines()
                .filter_map(|line| line.split_whitespace().next())
                .filter(|word| !word.starts_with('#'));
            for found in listed.chain(paired) {
                if !found.is_empty() && seen.insert(found.to_string()) {
                    patterns.push(found.to_string());
                }
            }
        }
    }
    Ok(patterns)
}
