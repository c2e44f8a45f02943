//! Renderers turn finished results into text; they never compute findings.

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod sarif;
pub mod statistics;

use crate::diagnostic::Diagnostic;
use crate::source::Document;

/// A checked document and its findings, sorted by position.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub doc: Document,
    pub diagnostics: Vec<Diagnostic>,
}
