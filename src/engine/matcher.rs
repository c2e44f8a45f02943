//! The multi-pattern automaton behind the engine.
//!
//! Everything the engine needs from an automaton crate is this one type: build once from
//! every literal pattern, then find the leftmost-longest match starting at or after a byte
//! offset. Swapping the crate (e.g. for daachorse's charwise double-array automaton) is a
//! change to this file only.

use aho_corasick::{AhoCorasick, Input, MatchKind};

/// A match of pattern `pattern` (its index in the build list) at `start..end` (bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

pub struct Matcher {
    automaton: AhoCorasick,
}

impl Matcher {
    /// Builds the automaton. Patterns must be non-empty and distinct.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> Result<Matcher, String> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|p| p.as_ref().as_bytes()))
            .map_err(|e| format!("cannot build the pattern automaton: {e}"))?;
        Ok(Matcher { automaton })
    }

    /// The leftmost-longest match that starts at or after `from`.
    pub fn find_from(&self, text: &str, from: usize) -> Option<Hit> {
        if from >= text.len() {
            return None;
        }
        self.automaton
            .find(Input::new(text).range(from..))
            .map(|m| Hit {
                pattern: m.pattern().as_usize(),
                start: m.start(),
                end: m.end(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftmost_longest_from_an_offset() {
        let m = Matcher::new(&["按装", "按装机", "装机"]).unwrap();
        let text = "请按装机容量按装";
        let first = m.find_from(text, 0).unwrap();
        assert_eq!(
            (first.pattern, &text[first.start..first.end]),
            (1, "按装机")
        );
        let next = m.find_from(text, first.start + "按".len()).unwrap();
        assert_eq!(&text[next.start..next.end], "装机");
        let last = m.find_from(text, next.end).unwrap();
        assert_eq!(&text[last.start..last.end], "按装");
        assert_eq!(m.find_from(text, text.len()), None);
    }
}
