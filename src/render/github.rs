//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's changed files.
//!
//! `::error file=a.txt,line=2,col=4,endLine=2,endColumn=6,title=DL101::message`; a warning
//! becomes `::warning`, an info `::notice`. Columns count characters, like every other format.
//! Escaping follows the runner's parser (the `@actions/core` toolkit does the same): in the
//! message `%`, CR and LF are percent-encoded; in a property `:` and `,` as well, since they
//! separate properties.

use super::{FileReport, Locator};
use crate::diagnostic::Severity;
use std::fmt::Write;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let doc = &report.doc;
        let (mut starts, mut ends) = (Locator::new(doc), Locator::new(doc));
        for d in &report.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let start = starts.position(d.span.start);
            let end = ends.position(d.span.end);
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&doc.path),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(d.code()),
                escape_data(&d.message),
            );
        }
    }
    out
}

/// Escapes the message part of a workflow command.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value (`file=…`, `title=…`) of a workflow command.
fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_runner_parses() {
        assert_eq!(escape_data("50%\r\n下一行：a,b"), "50%25%0D%0A下一行：a,b");
        assert_eq!(
            escape_property("d:/报告,2024%.txt"),
            "d%3A/报告%2C2024%25.txt"
        );
        // Full-width punctuation is text, not syntax.
        assert_eq!(escape_property("报告：一，二"), "报告：一，二");
    }
}
