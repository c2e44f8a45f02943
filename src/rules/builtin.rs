//! The rule sets shipped inside the binary (every `rules/*.toml`, embedded by `build.rs`).

use super::RuleSource;

/// File name and text of every built-in rule set, sorted by file name.
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

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
