//! `--statistics`: how many findings each rule gave, most frequent first.
//!
//! It replaces the list of findings (as ruff's `--statistics` does): on a folder of hundreds
//! of documents the point is the overview — which mistakes are common — not every instance.

use super::FileReport;
use super::human::summary_line;
use crate::diagnostic::Tally;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;

/// How many findings one rule gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub count: usize,
}

/// Counts per rule, sorted by count (most first), then by code.
pub fn counts(reports: &[FileReport]) -> Vec<RuleCount<'_>> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut counts: Vec<RuleCount> = Vec::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        let i = *index.entry(d.code()).or_insert_with(|| {
            counts.push(RuleCount {
                code: d.code(),
                name: d.name(),
                count: 0,
            });
            counts.len() - 1
        });
        counts[i].count += 1;
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(b.code)));
    counts
}

/// `count  code  name` lines, aligned, then the summary line.
pub fn render(reports: &[FileReport]) -> String {
    let counts = counts(reports);
    let wn = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    let wc = counts.iter().map(|c| c.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for c in &counts {
        let _ = writeln!(out, "{:>wn$}  {:wc$}  {}", c.count, c.code, c.name);
    }
    let mut tally = Tally::default();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        tally.add(d.severity);
    }
    out.push_str(&summary_line(&tally, reports.len()));
    out.push('\n');
    out
}

/// The same counts as a JSON array of `{code, name, count}` (for `--format json`).
pub fn render_json(reports: &[FileReport]) -> String {
    let mut text = serde_json::to_string_pretty(&counts(reports)).expect("plain data serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, RuleId, Severity};
    use crate::source::Document;

    fn diag(code: &str, name: &str, severity: Severity) -> Diagnostic {
        Diagnostic {
            rule: RuleId {
                code: code.into(),
                name: name.into(),
            },
            severity,
            message: "m".into(),
            span: 0..0,
            fixes: vec![],
            help: None,
            note: None,
            labels: vec![],
        }
    }

    #[test]
    fn sorted_by_count_then_code() {
        let e = Severity::Error;
        let w = Severity::Warning;
        let reports = vec![
            FileReport {
                doc: Document::new("a.txt", ""),
                diagnostics: vec![
                    diag("DL301", "variant", w),
                    diag("DL102", "idiom", e),
                    diag("DL101", "typo", e),
                ],
            },
            FileReport {
                doc: Document::new("b.txt", ""),
                diagnostics: (0..10).map(|_| diag("DL101", "typo", e)).collect(),
            },
        ];
        assert_eq!(
            render(&reports),
            "11  DL101  typo\n 1  DL102  idiom\n 1  DL301  variant\n\
             12 errors, 1 warning in 2 files\n"
        );
        let json: serde_json::Value = serde_json::from_str(&render_json(&reports)).unwrap();
        assert_eq!(
            json[0],
            serde_json::json!({"code": "DL101", "name": "typo", "count": 11})
        );
        assert_eq!(render(&[]), "0 errors, 0 warnings in 0 files\n");
    }
}
