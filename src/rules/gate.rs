//! Running a regex entry only where it can match.
//!
//! Most regex entries of a rule set look for a rare word in a context: `(?:^|[^经运])营利…`.
//! The regex crate finds no literal prefix in such a pattern (it may start with any character
//! but two), so it runs its automaton over the whole text. A [`Gate`] finds, from the
//! pattern's syntax, a literal that every match contains (the common start of the prefixes
//! of some tail of the top-level sequence: `营利` here) and the longest a match can be; the
//! regex then runs only on the stretches of text within that reach of an occurrence (found by
//! `memchr::memmem`, many times faster than an automaton), with the text before a stretch
//! still in view (so `^` keeps its meaning). The findings are the same as a search of the
//! whole text: every match contains an occurrence and lies within its reach, and stretches
//! that overlap are merged.
//!
//! A look-around (`$`, `\b`) at the end of a match sees the character after it, which a
//! stretch always holds: a match lies within its reach of an occurrence and a stretch runs
//! further, so no match ends where a stretch is cut.
//!
//! Patterns that can match without bound or that have no required literal of two characters
//! or more are searched whole, as are texts where the stretches would cover much of the text.
//! (A set of literals searched at once, where no single one is common to every match, was
//! measured and dropped: an Aho-Corasick pass over the text cost more than the regex's own
//! search; see docs/performance.md.)

use memchr::memmem::Finder;
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Hir, HirKind};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Fewest bytes the literal must have (two Chinese characters: one is too common).
const MIN_LITERAL: usize = 6;

/// Texts up to this size without any of a gate's literals are not searched (above it, one
/// pass per literal costs more than the regex's own search).
const SMALL_TEXT: usize = 64 * 1024;
/// Most literals a gate checks a small text for.
const MAX_ANY: usize = 32;

/// Where a regex can match: near a literal every match contains.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(into = "Literals", from = "Literals")]
pub struct Gate {
    /// A literal every match holds, and how far (bytes) a match can reach from it, when the
    /// pattern can be run on stretches of the text.
    near: Option<(Finder<'static>, usize)>,
    /// Other literals (two characters or more) that every match holds too: a stretch without
    /// one of them is dropped (`成立…周年`: the stretches around 成立 that hold no 周年).
    also: Vec<Finder<'static>>,
    /// Literals (two characters or more) one of which every match holds: a small text with
    /// none of them needs no search. (Searchers made once: making one per text was a tenth
    /// of checking a 3 KB file.)
    any: Vec<Finder<'static>>,
}

/// A gate's literals as bytes: the form it is stored in (see `compiled.rs`), since working
/// out a gate costs more than compiling its regex.
#[derive(Serialize, Deserialize)]
struct Literals {
    near: Option<(Vec<u8>, usize)>,
    also: Vec<Vec<u8>>,
    any: Vec<Vec<u8>>,
}

impl From<Gate> for Literals {
    fn from(g: Gate) -> Literals {
        Literals {
            near: g.near.map(|(f, reach)| (f.needle().to_vec(), reach)),
            also: g.also.iter().map(|f| f.needle().to_vec()).collect(),
            any: g.any.iter().map(|f| f.needle().to_vec()).collect(),
        }
    }
}

impl From<Literals> for Gate {
    fn from(l: Literals) -> Gate {
        Gate {
            near: l
                .near
                .map(|(n, reach)| (Finder::new(&n).into_owned(), reach)),
            also: l.also.iter().map(|n| Finder::new(n).into_owned()).collect(),
            any: l.any.iter().map(|n| Finder::new(n).into_owned()).collect(),
        }
    }
}

impl Gate {
    /// The gate of `pattern`, or None when it has no useful one.
    pub fn new(pattern: &str) -> Option<Gate> {
        let hir = regex_syntax::parse(pattern).ok()?;
        let props = hir.properties();
        let mut top = &hir;
        while let HirKind::Capture(c) = top.kind() {
            top = &c.sub;
        }
        // The top-level sequence, with the sequences inside its groups spliced in (a group
        // changes what a match captures, not what it holds).
        let mut parts: Vec<Hir> = Vec::new();
        let mut todo = vec![top];
        while let Some(h) = todo.pop() {
            match h.kind() {
                HirKind::Concat(inner) => todo.extend(inner.iter().rev()),
                HirKind::Capture(c) => todo.push(&c.sub),
                _ => parts.push(h.clone()),
            }
        }
        // Every match holds a match of each tail of the sequence, which starts with one of
        // the tail's prefix literals when their set is finite, so with their common start.
        // The longest common start is taken, and the smallest set of long literals.
        let mut best: Vec<u8> = Vec::new();
        let mut commons: Vec<Vec<u8>> = Vec::new();
        let mut any: Vec<Vec<u8>> = Vec::new();
        for k in 0..parts.len() {
            let tail = Hir::concat(parts[k..].to_vec());
            // At most 64 literals per tail: more would be cut to their prefixes anyway (still
            // sound), and building the cross product of long alternations cost a seventh of
            // checking a 3 KB document.
            let seq = Extractor::new().limit_total(64).extract(&tail);
            let Some(literals) = seq.literals().filter(|l| !l.is_empty()) else {
                continue;
            };
            let mut common = literals[0].as_bytes();
            for l in &literals[1..] {
                let n = common
                    .iter()
                    .zip(l.as_bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                common = &common[..n];
            }
            if common.len() > best.len() {
                best = common.to_vec();
            }
            if common.len() >= MIN_LITERAL && !commons.iter().any(|c| c == common) {
                commons.push(common.to_vec());
            }
            let long = literals.iter().all(|l| l.as_bytes().len() >= MIN_LITERAL);
            if long && literals.len() <= MAX_ANY && (any.is_empty() || literals.len() < any.len()) {
                any = literals.iter().map(|l| l.as_bytes().to_vec()).collect();
            }
        }
        let near = match props.maximum_len() {
            Some(longest) if best.len() >= MIN_LITERAL => {
                Some((Finder::new(&best).into_owned(), longest))
            }
            _ => None,
        };
        let also = commons
            .iter()
            .filter(|c| near.is_some() && **c != best)
            .map(|c| Finder::new(c).into_owned())
            .collect();
        let any: Vec<Finder<'static>> = any.iter().map(|l| Finder::new(l).into_owned()).collect();
        (near.is_some() || !any.is_empty()).then_some(Gate { near, also, any })
    }

    /// The stretches of `text` that can hold a match (sorted, disjoint, on character
    /// boundaries; none when it cannot match at all), or None when the whole text must be
    /// searched (the stretches would cover more than a quarter of it, or the gate has no
    /// single literal and the text is not small).
    pub fn windows(&self, text: &str) -> Option<Vec<Range<usize>>> {
        let Some((finder, reach)) = &self.near else {
            let none = text.len() <= SMALL_TEXT
                && !self.any.iter().any(|f| f.find(text.as_bytes()).is_some());
            return none.then(Vec::new);
        };
        let reach = *reach;
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut covered = 0;
        let n = finder.needle().len();
        for at in finder.find_iter(text.as_bytes()) {
            let mut start = at.saturating_sub(reach);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (at + n + reach).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            match out.last_mut() {
                Some(last) if start <= last.end => {
                    covered += end.saturating_sub(last.end);
                    last.end = last.end.max(end);
                }
                _ => {
                    covered += end - start;
                    out.push(start..end);
                }
            }
            if covered > text.len() / 4 {
                return None;
            }
        }
        // A match lies inside a stretch and holds every literal: a stretch without one of
        // them holds no match.
        if !self.also.is_empty() {
            out.retain(|w| {
                let hay = &text.as_bytes()[w.clone()];
                self.also.iter().all(|f| f.find(hay).is_some())
            });
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gate stored as its literals and read back finds the same stretches.
    #[test]
    fn stored_gates_find_the_same_stretches() {
        let text = "要积极营利能力，成立十周年，认真学习，成立大会。".repeat(3);
        for pattern in [
            "(?:^|[^经运])(?P<found>营利)(?:能力|水平)",
            "成立[一二三四五六七八九十]+(?P<found>周年)",
            "(?:认真|切实)(?P<found>的)(?:做好|抓好)",
        ] {
            let gate = Gate::new(pattern).unwrap();
            let bytes = postcard::to_allocvec(&gate).unwrap();
            let back: Gate = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(back.windows(&text), gate.windows(&text), "{pattern}");
            assert_eq!(back.windows("无关"), gate.windows("无关"), "{pattern}");
        }
    }

    #[test]
    fn gates_come_from_literals_every_match_holds() {
        let g = Gate::new("(?:^|[^经运])(?P<found>营利)(?:能力|水平)").unwrap();
        // 营利能力 and 营利水平 start with 营利
        let (finder, reach) = g.near.as_ref().unwrap();
        assert_eq!(finder.needle(), "营利".as_bytes());
        // a character other than 经 and 运 (up to 4 bytes), then 12 bytes
        assert_eq!(*reach, 4 + 12);
        assert_eq!(
            Gate::new("(?:^|[^有到])(?:更好|充分)(?P<found>的)发挥[^，。]{0,12}?作用")
                .unwrap()
                .near
                .unwrap()
                .0
                .needle(),
            "的发挥".as_bytes()
        );
        // one character in common is too little for stretches, but a small text without any
        // of the literals is not searched
        let g = Gate::new("(?:认真|切实)(?P<found>的)(?:做好|抓好)").unwrap();
        assert!(g.near.is_none());
        assert_eq!(g.windows("认真学习"), Some(vec![]));
        assert_eq!(g.windows("要切实的抓好"), None);
        assert_eq!(g.windows(&"认真学习".repeat(10_000)), None);
        // a look-around has stretches too
        for p in ["营利$", r"\b营利", "(?m)营利$"] {
            assert!(Gate::new(p).unwrap().near.is_some(), "{p}");
        }
        // without bound: no stretches, only the small-text test
        for p in ["营利.*能力", "营利.+"] {
            let g = Gate::new(p).unwrap();
            assert!(g.near.is_none(), "{p}");
            assert_eq!(g.windows("提高能力"), Some(vec![]), "{p}");
            assert_eq!(g.windows("提高营利能力"), None, "{p}");
        }
        // every other literal a match holds must be in a stretch too
        let g = Gate::new("今年是[^。]{0,10}?(?P<found>成立(?:70|七十)周年)").unwrap();
        assert_eq!(g.near.as_ref().unwrap().0.needle(), "今年是".as_bytes());
        let also: Vec<&[u8]> = g.also.iter().map(|f| f.needle()).collect();
        assert_eq!(also, ["成立".as_bytes(), "周年".as_bytes()]);
        let text = format!(
            "{}今年是公司成立十年。{}",
            "甲".repeat(200),
            "乙".repeat(200)
        );
        assert_eq!(g.windows(&text), Some(vec![]));
        let text = text.replace("成立十年", "成立70周年");
        assert_eq!(g.windows(&text).map(|w| w.len()), Some(1));
        // only short literals: none
        assert!(Gate::new("[^a]b").is_none());
        assert!(Gate::new("(?:的|了)").is_none());
        assert!(Gate::new("(?m)^营利").unwrap().near.is_some());
    }

    #[test]
    fn windows_hold_every_match_and_give_way_to_dense_text() {
        let g = Gate::new("(?:^|[^经运])(?P<found>营利)能力").unwrap();
        let text = format!("{}提高营利能力。{}", "甲".repeat(100), "乙".repeat(100));
        let w = g.windows(&text).unwrap();
        assert_eq!(w.len(), 1);
        let at = text.find("提高").unwrap();
        assert!(w[0].start <= at && w[0].end >= at + "提高营利能力".len());
        assert_eq!(g.windows("甲乙丙").unwrap(), Vec::<Range<usize>>::new());
        assert!(g.windows(&"营利能力".repeat(10)).is_none());
    }

    #[test]
    fn a_search_through_the_windows_finds_what_a_whole_search_finds() {
        // look-arounds before and after the match, in multi-line mode and not
        let patterns = [
            "(?m)(?:报名|考试)(?P<found>需知)(?:》|”|$)",
            "(?m)^(?P<found>启用)(?:了)?(?:干部|新人)(?:，|。|$)",
            r"(?:^|[^经运])(?P<found>营利)(?:能力|水平|\b)",
            "营利水平$",
        ];
        let pieces = [
            "考试需知",
            "报名需知》",
            "考试需知",
            "启用干部",
            "启用了新人",
            "启用新人。",
            "\n",
            "，",
            "营利能力",
            "经营利水平",
            "营利水平",
            "甲",
            "a",
        ];
        // a text of pieces in a fixed pseudo-random order, with filler and line ends
        let mut state = 12345u64;
        let mut text = String::new();
        for _ in 0..3000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            if (state >> 50) % 2 == 0 {
                text.push('\n');
            }
            text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            if (state >> 40) % 3 != 0 {
                text.push('\n');
            }
            text.push_str(&"丙".repeat(20 + (state >> 20) as usize % 40));
        }
        text.push_str("营利水平");
        for p in patterns {
            let re = regex::Regex::new(p).unwrap();
            let whole: Vec<Range<usize>> = re.find_iter(&text).map(|m| m.range()).collect();
            let windows = Gate::new(p).unwrap().windows(&text);
            let windows = windows.unwrap_or_else(|| panic!("{p}: no stretches"));
            let mut gated = Vec::new();
            for w in windows {
                let hay = &text[..w.end];
                let mut at = w.start;
                while let Some(m) = re.find_at(hay, at) {
                    gated.push(m.range());
                    at = m.end();
                }
            }
            assert!(!whole.is_empty(), "{p}");
            assert_eq!(gated, whole, "{p}");
        }
    }
}
