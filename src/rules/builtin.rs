//! The rule sets shipped inside the binary (every `rules/*.toml`, embedded by `build.rs`).

use super::RuleSource;

/// File name and text of every built-in rule set, sorted by file name.
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The automaton of every literal pattern of [`BUILTIN`], built by `build.rs` (empty if it
/// could not be); the engine loads it instead of building when its pattern list is the same.
pub const BUILTIN_AUTOMATON: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/builtin_automaton.bin"));

pub fn builtin_sources() -> Vec<RuleSource> {
    BUILTIN
        .iter()
        .map(|(name, text)| RuleSource {
            name: format!("<built-in>/rules/{name}"),
            text: (*text).to_string(),
            builtin: true,
        })
        .collect()
}
