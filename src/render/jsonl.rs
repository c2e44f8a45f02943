//! `--format jsonl`: one diagnostic per line, each the same object as in the JSON contract.
//!
//! Tools that stream (a log shipper, `grep`, `jq -c`) read one finding per line; there is no
//! envelope and no summary, so a clean run prints nothing.

use super::FileReport;
use super::json::JsonDiagnostic;

/// Every diagnostic of every report, one compact JSON object per line.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for d in &report.diagnostics {
            let object = JsonDiagnostic::new(&report.doc, d);
            // Compact JSON escapes control characters, so a message never spans two lines.
            out.push_str(&serde_json::to_string(&object).expect("plain data serialises"));
            out.push('\n');
        }
    }
    out
}
