//! `--format concise`: `path:line:col: DL101 message`, one finding per line, then the summary.
//!
//! The shape editors and `grep` understand (compilers' `file:line:col:`), for people who
//! want the list without the excerpts.

use super::human::summary_line;
use super::{FileReport, Locator};
use crate::diagnostic::Tally;
use std::fmt::Write;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    let mut tally = Tally::default();
    for report in reports {
        let doc = &report.doc;
        let mut starts = Locator::new(doc);
        for d in &report.diagnostics {
            tally.add(d.severity);
            let at = starts.position(d.span.start);
            // A message is one line by construction; a stray newline would split the record.
            let message = one_line(&d.message);
            let _ = writeln!(
                out,
                "{}:{}:{}: {} {message}",
                doc.path,
                at.line,
                at.column,
                d.code()
            );
        }
    }
    out.push_str(&summary_line(&tally, reports.len()));
    out.push('\n');
    out
}

/// `text` with line breaks replaced by spaces.
pub(crate) fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\n', '\r']) {
        text.replace("\r\n", " ").replace(['\n', '\r'], " ").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, RuleId, Severity};
    use crate::source::Document;

    #[test]
    fn one_line_per_finding_with_character_columns() {
        let doc = Document::new("报告.txt", "标题\r\n请按装调试设备。\n");
        let start = doc.text.find("按装").unwrap();
        let d = Diagnostic {
            rule: RuleId {
                code: "DL101".into(),
                name: "typo".into(),
            },
            severity: Severity::Error,
            message: "错别字：“按装”\n应为“安装”".into(),
            span: start..start + "按装".len(),
            fixes: vec![],
            help: None,
            note: None,
            labels: vec![],
        };
        let out = render(&[FileReport {
            doc,
            diagnostics: vec![d],
        }]);
        assert_eq!(
            out,
            "报告.txt:2:2: DL101 错别字：“按装” 应为“安装”\n1 error, 0 warnings in 1 file\n"
        );
    }
}
