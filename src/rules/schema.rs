//! The TOML shape of a rule set, exactly as written (see `rules/README.md`).
//! Unknown keys are errors, so a typo in a key name never silently disables a rule.

use crate::diagnostic::{Applicability, Severity};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    #[serde(default)]
    pub rule: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub code: Spanned<String>,
    pub name: Spanned<String>,
    pub family: Spanned<String>,
    pub severity: Severity,
    pub summary: Spanned<String>,
    pub message: Spanned<String>,
    pub help: Option<Spanned<String>>,
    pub explain: Option<String>,
    pub applicability: Option<Applicability>,
    pub source: Option<String>,
    /// A check written in Rust (`src/checks/`), instead of entries.
    pub check: Option<Spanned<String>>,
    /// Settings for the check.
    pub params: Option<Spanned<toml::Table>>,
    #[serde(default)]
    pub entry: Vec<RawEntry>,
    /// Plain entries written compactly, one `found fix` (or a bare `found`) per line: the form
    /// for long generated lists, parsed many times faster than one table per entry.
    pub pairs: Option<Spanned<String>>,
    #[serde(default)]
    pub regex: Vec<RawRegex>,
    #[serde(default)]
    pub example: Vec<Spanned<RawExample>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    pub found: Spanned<String>,
    pub fix: Option<Spanned<String>>,
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
    pub note: Option<String>,
    pub applicability: Option<Applicability>,
    /// The entry is only wrong in documents of a year outside `valid_from..=valid_until`.
    pub valid_from: Option<Spanned<i32>>,
    pub valid_until: Option<Spanned<i32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegex {
    pub pattern: Spanned<String>,
    pub fix: Option<String>,
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
    pub note: Option<String>,
    pub applicability: Option<Applicability>,
    /// As for literal entries: only wrong in documents of a year outside the range.
    pub valid_from: Option<Spanned<i32>>,
    pub valid_until: Option<Spanned<i32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    pub bad: Option<String>,
    pub good: Option<String>,
    pub ok: Option<String>,
    /// The document year the example is checked under (as `--year`).
    pub year: Option<i32>,
    /// The file name the example is checked under.
    pub path: Option<String>,
}
