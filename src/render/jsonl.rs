//! `--format jsonl`: one diagnostic per line, each the same object as in the JSON contract.
//!
//! Tools that stream (a log shipper, `grep`, `jq -c`) read one finding per line; there is no
//! envelope and no summary, so a clean run prints nothing.

use super::json::JsonDiagnostic;
use super::{FileReport, Locator};

/// Every diagnostic of every report, one compact JSON object per line.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let (mut starts, mut ends) = (Locator::new(&report.doc), Locator::new(&report.doc));
        for d in &report.diagnostics {
            let (start, end) = (starts.position(d.span.start), ends.position(d.span.end));
            let object = JsonDiagnostic::new(&report.doc, d, start, end);
            // Compact JSON escapes control characters, so a message never spans two lines.
            out.push_str(&serde_json::to_string(&object).expect("plain data serialises"));
            out.push('\n');
        }
    }
    out
}
