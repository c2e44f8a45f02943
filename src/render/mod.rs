//! Renderers turn finished results into text; they never compute findings.

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod sarif;
pub mod statistics;

use crate::diagnostic::Diagnostic;
use crate::source::{Document, Position};

/// A checked document and its findings, sorted by position.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub doc: Document,
    pub diagnostics: Vec<Diagnostic>,
}

/// Turns byte offsets of one document into line/column positions, fast when they come in
/// order. `Document::position` counts the characters from the start of the line; on a
/// paragraph of millions of characters with thousands of findings that is quadratic. A
/// locator counts only from the offset it was last asked about, when that is earlier on the
/// same line, and otherwise asks the document. Renderers keep one for starts and one for ends,
/// since diagnostics are sorted by start.
pub struct Locator<'a> {
    doc: &'a Document,
    byte: usize,
    at: Position,
}

impl<'a> Locator<'a> {
    pub fn new(doc: &'a Document) -> Locator<'a> {
        Locator {
            doc,
            byte: 0,
            at: Position { line: 1, column: 1 },
        }
    }

    /// The same as `Document::position(byte)`.
    pub fn position(&mut self, byte: usize) -> Position {
        let text = &self.doc.text;
        let byte = byte.min(text.len());
        let line = self.doc.line_index(byte);
        let at = if byte >= self.byte && line + 1 == self.at.line {
            Position {
                line: self.at.line,
                column: self.at.column + text[self.byte..byte].chars().count(),
            }
        } else {
            self.doc.position(byte)
        };
        self.byte = byte;
        self.at = at;
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locator_agrees_with_the_document() {
        let doc = Document::new("t", "标题\r\n请按装调试😀设备。\n\nabc按装");
        let offsets: Vec<usize> = (0..=doc.text.len())
            .filter(|&i| doc.text.is_char_boundary(i))
            .collect();
        let mut locator = Locator::new(&doc);
        // Forward, then backward, then jumping about.
        let order = offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain(offsets.iter().step_by(3))
            .chain(offsets.iter().rev().step_by(2));
        for &i in order {
            assert_eq!(locator.position(i), doc.position(i), "at {i}");
        }
    }
}
