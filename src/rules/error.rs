//! A rule file that cannot be used, reported like a compiler error.

use codespan_reporting::diagnostic::Diagnostic as Report;
use codespan_reporting::files::{Error as FilesError, Files, SimpleFile, SimpleFiles};
use codespan_reporting::term::{self, termcolor};
use std::ops::Range;
use std::sync::OnceLock;

/// The rule files that reports point into. codespan's `SimpleFiles` indexes the lines of a
/// file as it is added (a twentieth of a start-up for the 700 KB of built-in rule sets); the
/// index is only needed to show a report, so here it is made on first use.
#[derive(Default)]
pub(crate) struct RuleFiles {
    files: Vec<RuleFile>,
}

struct RuleFile {
    name: String,
    source: String,
    /// codespan's own file type, made (with a copy of the text) only when a report is shown,
    /// so that lines and columns come out exactly as `SimpleFiles` gives them.
    indexed: OnceLock<SimpleFile<String, String>>,
}

impl RuleFiles {
    /// Adds a file; its id is its index.
    pub(crate) fn add(&mut self, name: String, source: String) -> usize {
        self.files.push(RuleFile {
            name,
            source,
            indexed: OnceLock::new(),
        });
        self.files.len() - 1
    }

    /// The text of file `id`.
    pub(crate) fn source(&self, id: usize) -> &str {
        &self.files[id].source
    }

    fn indexed(&self, id: usize) -> Result<&SimpleFile<String, String>, FilesError> {
        let file = self.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(file
            .indexed
            .get_or_init(|| SimpleFile::new(file.name.clone(), file.source.clone())))
    }
}

impl<'a> Files<'a> for RuleFiles {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, FilesError> {
        let file = self.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(file.name.clone())
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        let file = self.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(&file.source)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        self.indexed(id)?.line_index((), byte_index)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        self.indexed(id)?.line_range((), line_index)
    }
}

/// The files a [`LoadError`] points into: rule files, or `doclint.toml` files.
enum Sources {
    Rules(RuleFiles),
    Config(SimpleFiles<String, String>),
}

/// One or more problems in rule files, each pointing at a line and column inside the TOML.
pub struct LoadError {
    files: Sources,
    reports: Vec<Report<usize>>,
    /// What could not be loaded, for the closing line.
    subject: &'static str,
}

impl LoadError {
    pub(crate) fn new(files: RuleFiles, reports: Vec<Report<usize>>) -> Self {
        LoadError {
            files: Sources::Rules(files),
            reports,
            subject: "the rule sets",
        }
    }

    /// A problem in configuration files (`doclint.toml`).
    pub(crate) fn config(files: SimpleFiles<String, String>, reports: Vec<Report<usize>>) -> Self {
        LoadError {
            files: Sources::Config(files),
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
            let _ = match &self.files {
                Sources::Rules(files) => {
                    term::emit_to_write_style(&mut buffer, &config, files, report)
                }
                Sources::Config(files) => {
                    term::emit_to_write_style(&mut buffer, &config, files, report)
                }
            };
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
