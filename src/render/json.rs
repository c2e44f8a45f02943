//! `--format json`: the contract of DESIGN.md (schema in `schema/doclint-output.schema.json`).

use super::{FileReport, Locator};
use crate::diagnostic::{Diagnostic, Tally};
use crate::source::{Document, Position};
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

/// One diagnostic as the contract spells it; `jsonl` prints the same objects one per line.
#[derive(Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    path: &'a str,
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    message: &'a str,
    span: Span,
    start: Position,
    end: Position,
    matched: &'a str,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    replacement: &'a str,
    applicability: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    diagnostics: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl<'a> JsonDiagnostic<'a> {
    /// `start` and `end` are the positions of the span's ends.
    pub(crate) fn new(
        doc: &'a Document,
        d: &'a Diagnostic,
        start: Position,
        end: Position,
    ) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            path: &doc.path,
            code: d.code(),
            name: d.name(),
            severity: d.severity.as_str(),
            message: &d.message,
            span: Span {
                start: d.span.start,
                end: d.span.end,
            },
            start,
            end,
            matched: &doc.shown()[d.span.clone()],
            fixes: d
                .fixes
                .iter()
                .map(|f| JsonFix {
                    replacement: &f.replacement,
                    applicability: f.applicability.as_str(),
                })
                .collect(),
        }
    }
}

/// One JSON object, pretty-printed, with a final newline. `reports` must be sorted by path.
pub fn render(reports: &[FileReport]) -> String {
    let mut tally = Tally::default();
    let mut diagnostics = Vec::new();
    for report in reports {
        let (mut starts, mut ends) = (Locator::new(&report.doc), Locator::new(&report.doc));
        for d in &report.diagnostics {
            tally.add(d.severity);
            let (start, end) = (starts.position(d.span.start), ends.position(d.span.end));
            diagnostics.push(JsonDiagnostic::new(&report.doc, d, start, end));
        }
    }
    let output = Output {
        version: 1,
        summary: Summary {
            files: reports.len(),
            diagnostics: tally.total(),
            errors: tally.errors,
            warnings: tally.warnings,
            infos: tally.infos,
        },
        diagnostics,
    };
    let mut text = serde_json::to_string_pretty(&output).expect("plain data serialises");
    text.push('\n');
    text
}
