//! Reading inputs into a [`Document`]: the decoded text plus a line index.

use crate::year::DocYear;
use std::fmt;
use std::io;
use std::path::Path;

/// A document as every later stage sees it: UTF-8 text and where its lines start.
#[derive(Debug, Clone)]
pub struct Document {
    /// The name shown to the user (the path as given, or a stdin name).
    pub path: String,
    pub text: String,
    /// The year the document speaks for, when known (see [`crate::year`]).
    pub year: Option<DocYear>,
    line_starts: Vec<usize>,
}

/// A 1-based line and a 1-based column counted in characters (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Document {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(&text).map(|i| i + 1));
        Document {
            path: path.into(),
            text,
            year: None,
            line_starts,
        }
    }

    /// Sets the document year from `given` (`--year`, configuration), else infers it from the
    /// file name or the title.
    pub fn with_year(mut self, given: Option<DocYear>) -> Document {
        self.year = crate::year::infer(&self.path, &self.text, given);
        self
    }

    /// Number of lines; a final newline does not start a new line.
    pub fn line_count(&self) -> usize {
        let n = self.line_starts.len();
        if n > 1 && self.line_starts[n - 1] == self.text.len() {
            n - 1
        } else {
            n
        }
    }

    /// 0-based index of the line holding `byte`.
    pub fn line_index(&self, byte: usize) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of line `index` (0-based), without its line ending.
    pub fn line_range(&self, index: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[index.min(self.line_starts.len() - 1)];
        let mut end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }

    /// Line and column of a byte offset (which must be on a character boundary).
    pub fn position(&self, byte: usize) -> Position {
        let byte = byte.min(self.text.len());
        let line = self.line_index(byte);
        let start = self.line_starts[line];
        let column = self.text[start..byte].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
}

/// Why an input could not be turned into a document.
#[derive(Debug)]
pub enum SourceError {
    Io(io::Error),
    NotUtf8 { valid_up_to: usize },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io(e) => write!(f, "{e}"),
            SourceError::NotUtf8 { valid_up_to } => write!(
                f,
                "not valid UTF-8 (first invalid byte at offset {valid_up_to}); save the file as UTF-8"
            ),
        }
    }
}

impl std::error::Error for SourceError {}

/// Decodes raw bytes: UTF-8, with or without a byte-order mark.
pub fn decode(bytes: Vec<u8>) -> Result<String, SourceError> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| SourceError::NotUtf8 {
        valid_up_to: e.utf8_error().valid_up_to(),
    })
}

/// Reads a file from disk into a document named by `path` as the user gave it.
pub fn read_path(path: &Path) -> Result<Document, SourceError> {
    let bytes = std::fs::read(path).map_err(SourceError::Io)?;
    let text = decode(bytes)?;
    Ok(Document::new(path.display().to_string(), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let doc = Document::new("t", "第一行\n按装调试\r\nabc");
        assert_eq!(doc.position(0), Position { line: 1, column: 1 });
        let at = doc.text.find("调").unwrap();
        assert_eq!(doc.position(at), Position { line: 2, column: 3 });
        assert_eq!(doc.line_range(1), 10..22);
        assert_eq!(&doc.text[doc.line_range(1)], "按装调试");
        assert_eq!(doc.line_count(), 3);
    }

    #[test]
    fn bom_is_removed_and_bad_utf8_is_reported() {
        assert_eq!(decode(b"\xEF\xBB\xBF\xE5\xAE\x89".to_vec()).unwrap(), "安");
        match decode(b"ab\xFFcd".to_vec()) {
            Err(SourceError::NotUtf8 { valid_up_to }) => assert_eq!(valid_up_to, 2),
            other => panic!("expected NotUtf8, got {other:?}"),
        }
    }
}
