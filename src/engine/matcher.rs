//! The multi-pattern automaton behind the engine.
//!
//! Everything the engine needs from an automaton crate is this one type: build once from
//! every literal pattern, then find the leftmost-longest match starting at or after a byte
//! offset. Swapping the crate (e.g. for daachorse's charwise double-array automaton) is a
//! change to this file only.

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

/// A match of pattern `pattern` (its index in the build list) at `start..end` (bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

/// daachorse's charwise double-array automaton: on doclint's own pattern set it builds several
/// times faster than aho-corasick's and searches Chinese text faster, with identical
/// leftmost-longest matches (`cargo bench --bench report` prints the comparison).
pub struct Matcher {
    /// `None` when there are no patterns (daachorse refuses an empty set).
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
}

impl Matcher {
    /// Builds the automaton. Patterns must be non-empty and distinct.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> Result<Matcher, String> {
        if patterns.is_empty() {
            return Ok(Matcher { automaton: None });
        }
        let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|p| p.as_ref()))
            .map_err(|e| format!("cannot build the pattern automaton: {e}"))?;
        Ok(Matcher {
            automaton: Some(automaton),
        })
    }

    /// The leftmost-longest match that starts at or after `from` (a character boundary).
    pub fn find_from(&self, text: &str, from: usize) -> Option<Hit> {
        let automaton = self.automaton.as_ref()?;
        let rest = text.get(from..)?;
        automaton.leftmost_find_iter(rest).next().map(|m| Hit {
            pattern: m.value() as usize,
            start: from + m.start(),
            end: from + m.end(),
        })
    }

    /// The number of non-overlapping leftmost-longest matches in `text`.
    pub fn count(&self, text: &str) -> usize {
        self.automaton
            .as_ref()
            .map_or(0, |a| a.leftmost_find_iter(text).count())
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

    #[test]
    fn no_patterns_no_matches() {
        let m = Matcher::new::<&str>(&[]).unwrap();
        assert_eq!(m.find_from("的的", 0), None);
        assert_eq!(m.count("的的"), 0);
    }
}
