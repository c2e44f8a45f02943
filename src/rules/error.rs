//! A rule file that cannot be used, reported like a compiler error.

use codespan_reporting::diagnostic::Diagnostic as Report;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};

/// One or more problems in rule files, each pointing at a line and column inside the TOML.
pub struct LoadError {
    files: SimpleFiles<String, String>,
    reports: Vec<Report<usize>>,
    /// What could not be loaded, for the closing line.
    subject: &'static str,
}

impl LoadError {
    pub(crate) fn new(files: SimpleFiles<String, String>, reports: Vec<Report<usize>>) -> Self {
        LoadError {
            files,
            reports,
            subject: "the rule sets",
        }
    }

    /// A problem in configuration files (`doclint.toml`).
    pub(crate) fn config(files: SimpleFiles<String, String>, reports: Vec<Report<usize>>) -> Self {
        LoadError {
            files,
            reports,
            subject: "the configuration",
        }
    }

    /// Number of problems found.
    pub fn count(&self) -> usize {
        self.reports.len()
    }

    /// The rustc-style text of every problem, coloured or not.
    pub fn render(&self, color: bool) -> String {
        let mut buffer = if color {
            termcolor::Buffer::ansi()
        } else {
            termcolor::Buffer::no_color()
        };
        let config = term::Config {
            chars: term::Chars::ascii(),
            ..term::Config::default()
        };
        for report in &self.reports {
            // Every file id in a report was added to `files`, so rendering cannot fail.
            let _ = term::emit_to_write_style(&mut buffer, &config, &self.files, report);
        }
        let n = self.reports.len();
        let text = format!(
            "error: could not load {} due to {n} previous error{}\n",
            self.subject,
            if n == 1 { "" } else { "s" }
        );
        let mut out = String::from_utf8_lossy(buffer.as_slice()).into_owned();
        out.push_str(&text);
        out
    }
}

impl std::fmt::Debug for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for LoadError {}
