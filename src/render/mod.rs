//! Renderers turn finished results into text; they never compute findings.

pub mod human;
pub mod json;

use crate::diagnostic::Diagnostic;
use crate::source::Document;

/// A checked document and its findings, sorted by position.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub doc: Document,
    pub diagnostics: Vec<Diagnostic>,
}
