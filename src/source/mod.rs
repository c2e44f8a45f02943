//! Reading inputs into a [`Document`]: detect the format and encoding, extract the text, and
//! keep what is needed to write a fix back (`Origin`).

pub mod docx;
mod encoding;
mod load;
mod markdown;

pub use encoding::{Detected, TextEncoding, detect};
pub use load::{Format, Loaded, Origin, SourceError, from_text, load, load_path};

use crate::year::DocYear;
use std::any::{Any, TypeId};
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// A document as every later stage sees it: UTF-8 text and where its lines start.
#[derive(Debug, Clone)]
pub struct Document {
    /// The name shown to the user (the path as given, or a stdin name).
    pub path: String,
    /// The text the rules read. In Markdown, markup, code and URLs are masked by neutral
    /// characters of the same UTF-8 length, so byte offsets and columns stay true.
    pub text: String,
    /// The text as written, when it differs from `text` (masked Markdown).
    pub original: Option<String>,
    /// Byte ranges of `text` that are not prose (masked); nothing is reported there.
    pub masked: Vec<Range<usize>>,
    /// The year the document speaks for, when known (see [`crate::year`]).
    pub year: Option<DocYear>,
    line_starts: Vec<usize>,
    memo: Memo,
}

/// Results of document-wide analyses that several checks share (the bracket and quote
/// analysis serves five rules), computed once per document by [`Document::memo`].
#[derive(Default)]
struct Memo(Mutex<Vec<(TypeId, Arc<dyn Any + Send + Sync>)>>);

impl Clone for Memo {
    /// A copy starts empty: its fields may be changed before it is checked.
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
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
            original: None,
            masked: Vec::new(),
            year: None,
            line_starts,
            memo: Memo::default(),
        }
    }

    /// The result of `compute` on this document, computed on the first call for each result
    /// type and shared afterwards. For analyses several checks read; the document must not
    /// change between the checks (the engine checks a finished document).
    pub fn memo<T: Any + Send + Sync>(&self, compute: impl FnOnce(&Document) -> T) -> Arc<T> {
        let key = TypeId::of::<T>();
        let cached = |memo: &Vec<(TypeId, Arc<dyn Any + Send + Sync>)>| {
            memo.iter()
                .find(|(k, _)| *k == key)
                .and_then(|(_, v)| Arc::clone(v).downcast::<T>().ok())
        };
        let lock = || self.memo.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = cached(&lock()) {
            return hit;
        }
        // Computed without the lock, so an analysis may itself use the memo.
        let value = Arc::new(compute(self));
        let mut memo = lock();
        if let Some(hit) = cached(&memo) {
            return hit;
        }
        memo.push((key, value.clone()));
        value
    }

    /// The text as the user wrote it, for display and `matched`.
    pub fn shown(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }

    /// Whether `span` touches a masked (non-prose) range.
    pub fn is_masked(&self, span: &Range<usize>) -> bool {
        let i = self.masked.partition_point(|m| m.end <= span.start);
        self.masked
            .get(i)
            .is_some_and(|m| m.start < span.end.max(span.start + 1))
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
    memchr::memchr_iter(b'\n', text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_analysis_is_computed_once_per_document() {
        let doc = Document::new("t", "第一行");
        let calls = std::cell::Cell::new(0);
        let count = |d: &Document| {
            calls.set(calls.get() + 1);
            d.text.chars().count()
        };
        assert_eq!(*doc.memo(count), 3);
        assert_eq!(*doc.memo(count), 3);
        assert_eq!(calls.get(), 1);
        // Another result type is another analysis; a copy starts afresh.
        assert_eq!(*doc.memo(|d| d.text.len() as u64), 9);
        assert_eq!(*doc.clone().memo(count), 3);
        assert_eq!(calls.get(), 2);
    }

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
}
