//! The one finding type every rule and check produces.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Always right where the rule fired: `--fix` applies it.
    #[default]
    Certain,
    /// Probably right; shown, applied only on request.
    Suggestion,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Certain => "certain",
            Applicability::Suggestion => "suggestion",
        }
    }
}

/// A replacement of the diagnostic's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub replacement: String,
    pub applicability: Applicability,
}

/// A secondary location shown with a diagnostic (e.g. the first copy of a repeated sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub message: String,
}

/// Identity of the rule that produced a diagnostic; shared, cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RuleId {
    pub code: Arc<str>,
    pub name: Arc<str>,
}

/// One finding: rule identity, severity, message, byte span into the document text, fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: RuleId,
    pub severity: Severity,
    pub message: String,
    /// Byte range into the document text (UTF-8), always on character boundaries.
    pub span: Range<usize>,
    pub fixes: Vec<Fix>,
    /// Shown as `= help: …` in human output.
    pub help: Option<String>,
    /// Shown as `= note: …` in human output.
    pub note: Option<String>,
    pub labels: Vec<Label>,
}

impl Diagnostic {
    pub fn code(&self) -> &str {
        &self.rule.code
    }

    pub fn name(&self) -> &str {
        &self.rule.name
    }

    /// Sort key: position first, then code, so output is stable whatever the check order.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.span.start, self.span.end, &self.rule.code)
    }
}

/// Counts per severity, for summaries and exit codes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// Number of findings at or above `severity`.
    pub fn at_least(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.errors + self.warnings,
            Severity::Info => self.total(),
        }
    }
}
