//! Document-level checks written in Rust, for what a list of words cannot express (pairing,
//! sequences, repetition, dates). Each check is bound to a rule in a TOML rule set with
//! `check = "<id>"`; the rule gives code, name, severity, message template and examples, so
//! checks are listed, explained, selected and tested exactly like data rules.

use crate::diagnostic::{Applicability, Label};
use crate::source::Document;
use std::ops::Range;

/// One finding of a check; the engine turns it into a diagnostic with the rule's identity,
/// severity and message template (`{found}` is the text at `span`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub span: Range<usize>,
    /// Replacement of the span.
    pub fix: Option<String>,
    /// Overrides the rule's default applicability.
    pub applicability: Option<Applicability>,
    /// Fills `{note}` in the rule's templates.
    pub note: Option<String>,
    /// Secondary locations, shown in human output.
    pub labels: Vec<Label>,
}

impl Finding {
    pub fn new(span: Range<usize>) -> Finding {
        Finding {
            span,
            fix: None,
            applicability: None,
            note: None,
            labels: Vec::new(),
        }
    }

    pub fn fix(mut self, replacement: impl Into<String>) -> Finding {
        self.fix = Some(replacement.into());
        self
    }

    pub fn suggestion(mut self, replacement: impl Into<String>) -> Finding {
        self.fix = Some(replacement.into());
        self.applicability = Some(Applicability::Suggestion);
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Finding {
        self.note = Some(note.into());
        self
    }

    pub fn label(mut self, span: Range<usize>, message: impl Into<String>) -> Finding {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }
}

/// A document-level check. Spans must lie on character boundaries inside the text.
pub trait Check: Send + Sync + std::fmt::Debug {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>);

    /// The operating point the check belongs to (`--thorough` switches between them).
    fn level(&self) -> Level {
        Level::Always
    }

    /// What the check works out on its first document and can keep in the stored rule book
    /// (see `rules/compiled.rs`), worked out now; None when it has nothing to keep.
    fn stored_state(&self) -> Option<Vec<u8>> {
        None
    }

    /// Bytes [`Check::stored_state`] gave, to use on the first document instead of working
    /// it all out; the check ignores bytes that do not fit what it would work out.
    fn restore_state(&self, _bytes: &'static [u8]) {}
}

/// When a check runs: always, only without `--thorough` (it steps aside for a recall-first
/// sibling), or only with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Always,
    Default,
    Thorough,
}

impl Level {
    /// Whether a check of this level runs in a `thorough` (or a default) run.
    pub fn runs(self, thorough: bool) -> bool {
        match self {
            Level::Always => true,
            Level::Default => !thorough,
            Level::Thorough => thorough,
        }
    }
}

/// Settings of a check, from the rule's `[rule.params]` table.
pub type Params = toml::Table;

/// Makes a check from its settings; an error message says what is wrong with them.
pub type Builder = fn(&Params) -> Result<Box<dyn Check>, String>;

mod dates;
mod numbering;
mod phrases;
mod placeholders;
mod punctuation;
mod repetition;
mod sampled;
mod suspect;

/// Every check by id, as named by `check = "…"` in a rule set; one list per module.
const REGISTRY: &[&[(&str, Builder)]] = &[
    placeholders::CHECKS,
    dates::CHECKS,
    repetition::CHECKS,
    suspect::CHECKS,
    punctuation::CHECKS,
    numbering::CHECKS,
    phrases::CHECKS,
];

fn registered() -> impl Iterator<Item = &'static (&'static str, Builder)> {
    REGISTRY.iter().flat_map(|checks| checks.iter())
}

/// The builder of check `id`.
pub fn builder(id: &str) -> Option<Builder> {
    registered().find(|(name, _)| *name == id).map(|(_, b)| *b)
}

/// Every registered check id, for error messages.
pub fn ids() -> Vec<&'static str> {
    registered().map(|(name, _)| *name).collect()
}

/// A CJK ideograph: the basic block, extension A, the compatibility block, extensions B on.
pub fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// `text.char_indices()` without the characters U+4000 to U+9FFF (the common ideographs,
/// nine in ten characters of Chinese text), which are stepped over by their first byte
/// without being decoded: for the checks that look only at punctuation, digits, Latin letters
/// and white space.
pub fn char_indices_but_ideographs(text: &str) -> ButIdeographs<'_> {
    ButIdeographs { text, at: 0 }
}

/// The iterator of [`char_indices_but_ideographs`].
#[derive(Debug, Clone)]
pub struct ButIdeographs<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for ButIdeographs<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            // 0xE4..=0xE9 starts exactly the three-byte sequences of U+4000..=U+9FFF.
            if (0xE4..=0xE9).contains(&b) {
                self.at += 3;
                continue;
            }
            let c = self.text[self.at..].chars().next()?;
            let here = self.at;
            self.at += c.len_utf8();
            return Some((here, c));
        }
        None
    }
}

/// [`char_indices_but_ideographs`] of a whole document, listed once and shared by the checks
/// that walk its marks (brackets, quotes, punctuation, sentence ends).
pub struct Marks(Option<Vec<(u32, char)>>);

impl Marks {
    pub fn of(doc: &Document) -> std::sync::Arc<Marks> {
        doc.memo(|doc| {
            let text = doc.text.as_str();
            // Offsets are kept in 32 bits; a longer text is walked again by each check.
            Marks((u32::try_from(text.len()).is_ok()).then(|| {
                char_indices_but_ideographs(text)
                    .map(|(i, c)| (i as u32, c))
                    .collect()
            }))
        })
    }

    /// [`char_indices_but_ideographs`] of `text[range]` (`text` is the document's text),
    /// offsets counted from `range.start`.
    pub fn within<'a>(&'a self, text: &'a str, range: Range<usize>) -> MarksWithin<'a> {
        self.cursor().within(text, range)
    }

    /// A reader of [`Marks::within`] for ranges asked for in text order (the lines of a
    /// document): each is found from where the last one ended.
    pub fn cursor(&self) -> MarksCursor<'_> {
        MarksCursor { marks: self, at: 0 }
    }
}

/// See [`Marks::cursor`].
pub struct MarksCursor<'a> {
    marks: &'a Marks,
    /// Index of the first mark after the last range.
    at: usize,
}

impl<'a> MarksCursor<'a> {
    pub fn within(&mut self, text: &'a str, range: Range<usize>) -> MarksWithin<'a> {
        let Some(all) = &self.marks.0 else {
            return MarksWithin::Walked(char_indices_but_ideographs(&text[range]));
        };
        // Ranges in order start at or after the last one's marks; any other is searched for
        // from the start.
        let from = if self.at <= all.len()
            && self
                .at
                .checked_sub(1)
                .is_none_or(|k| (all[k].0 as usize) < range.start)
        {
            self.at
        } else {
            0
        };
        let from = from + gallop(&all[from..], |m| (m.0 as usize) < range.start);
        let to = from + gallop(&all[from..], |m| (m.0 as usize) < range.end);
        self.at = to;
        MarksWithin::Listed(all[from..to].iter(), range.start)
    }
}

/// `slice.partition_point(below)`, searched from the front in growing steps: a few steps
/// when the point is near the start.
fn gallop<T>(slice: &[T], below: impl Fn(&T) -> bool) -> usize {
    let mut step = 1;
    let mut lo = 0;
    while lo + step <= slice.len() && below(&slice[lo + step - 1]) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(slice.len());
    lo + slice[lo..hi].partition_point(below)
}

/// The iterator of [`Marks::within`].
#[derive(Clone)]
pub enum MarksWithin<'a> {
    Listed(std::slice::Iter<'a, (u32, char)>, usize),
    Walked(ButIdeographs<'a>),
}

impl Iterator for MarksWithin<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        match self {
            MarksWithin::Listed(iter, base) => iter.next().map(|&(i, c)| (i as usize - *base, c)),
            MarksWithin::Walked(iter) => iter.next(),
        }
    }
}

/// `text.split('\n')`, the line ends found by `memchr` (the standard library's search for one
/// character goes a word at a time; the checks that walk a whole text line by line spent a
/// tenth of their instructions there).
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr::memchr(b'\n', r.as_bytes()) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// `text.split_inclusive('\n')`, the line ends found by `memchr` (see [`split_lines`]).
pub fn split_lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// The lines of an embedded data file written in `[section]` blocks, as (section, line);
/// blank lines and `#` comments are skipped.
pub fn section_lines(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut section = "";
    text.lines().filter_map(move |line| {
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            return None;
        }
        Some((section, line))
    })
}

/// Rejects params a check does not know, so a misspelt key is an error, not a silent default.
pub fn known_params(params: &Params, known: &[&str]) -> Result<(), String> {
    match params.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) if known.is_empty() => Err(format!("unknown param `{k}`: this check takes none")),
        Some(k) => Err(format!(
            "unknown param `{k}`, expected one of {}",
            known.join(", ")
        )),
        None => Ok(()),
    }
}

/// A `true`/`false` param, `default` when absent.
pub fn flag_param(params: &Params, key: &str, default: bool) -> Result<bool, String> {
    match params.get(key) {
        None => Ok(default),
        Some(toml::Value::Boolean(b)) => Ok(*b),
        Some(_) => Err(format!("`{key}` must be true or false")),
    }
}

/// The operating point a `thorough = true` param asks for; `default` when absent.
pub fn level_param(params: &Params, default: Level) -> Result<Level, String> {
    Ok(match params.get("thorough") {
        None => default,
        Some(_) if flag_param(params, "thorough", false)? => Level::Thorough,
        Some(_) => default,
    })
}

/// A list of strings from the params (`key = ["…", …]`), empty when absent.
pub fn string_list(params: &Params, key: &str) -> Result<Vec<String>, String> {
    match params.get(key) {
        None => Ok(Vec::new()),
        Some(toml::Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("`{key}` must be a list of strings"))
            })
            .collect(),
        Some(_) => Err(format!("`{key}` must be a list of strings")),
    }
}

/// `count` texts of up to `max_pieces` pieces each, picked by a small deterministic generator
/// (xorshift from `seed`): the same texts every run, no dependency. For tests that hold a fast
/// search equal to a plain one.
#[cfg(test)]
pub(crate) fn random_texts(
    pieces: &[&str],
    count: usize,
    max_pieces: usize,
    seed: u64,
) -> Vec<String> {
    let mut state = seed;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    (0..count)
        .map(|_| {
            let len = next(max_pieces);
            (0..len).map(|_| pieces[next(pieces.len())]).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_split_as_the_standard_library_splits_them() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "\na",
            "一\n二\r\n\n三",
            "\n\n",
            "甲乙\n",
        ] {
            let ours: Vec<&str> = split_lines(text).collect();
            let std: Vec<&str> = text.split('\n').collect();
            assert_eq!(ours, std, "{text:?}");
            let ours: Vec<&str> = split_lines_inclusive(text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    use super::*;

    #[test]
    fn ideographs_are_stepped_over_and_nothing_else() {
        for text in [
            "",
            "一",
            "，",
            "甲、乙，丙。\n（一）ab 1２〇㐀\u{4DFF}\u{9FFF}\u{A000}𠀀é",
            "\u{4000}\u{3FFF}",
            "一二三四五六七八九十，一二三四五六七八九十一二三四五六七〇，\u{9FFF}\u{9FFF}\u{9FFF}\u{9FFF}\u{9FFF}\u{9FFF}\u{A000}",
            "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥a",
        ] {
            let want: Vec<(usize, char)> = text
                .char_indices()
                .filter(|&(_, c)| !('\u{4000}'..='\u{9FFF}').contains(&c))
                .collect();
            let got: Vec<(usize, char)> = char_indices_but_ideographs(text).collect();
            assert_eq!(got, want, "{text:?}");
            // The same through the document's list, for every line and the whole text.
            let doc = Document::new("t", text);
            let marks = Marks::of(&doc);
            let walked = Marks(None);
            let mut cursor = marks.cursor();
            let lines: Vec<Range<usize>> =
                (0..doc.line_count()).map(|l| doc.line_range(l)).collect();
            for range in &lines {
                let want: Vec<(usize, char)> =
                    char_indices_but_ideographs(&text[range.clone()]).collect();
                let got: Vec<(usize, char)> = cursor.within(text, range.clone()).collect();
                assert_eq!(got, want, "{text:?} {range:?}");
            }
            for range in std::iter::once(0..text.len()).chain(lines.into_iter().rev()) {
                let want: Vec<(usize, char)> =
                    char_indices_but_ideographs(&text[range.clone()]).collect();
                let listed: Vec<(usize, char)> = marks.within(text, range.clone()).collect();
                assert_eq!(listed, want, "{text:?} {range:?}");
                let got: Vec<(usize, char)> = walked.within(text, range.clone()).collect();
                assert_eq!(got, want, "{text:?} {range:?}");
            }
        }
    }

    #[test]
    fn gallop_is_partition_point() {
        for n in 0..40 {
            let v: Vec<usize> = (0..n).map(|i| i * 3).collect();
            for x in 0..n * 3 + 2 {
                assert_eq!(
                    gallop(&v, |&y| y < x),
                    v.partition_point(|&y| y < x),
                    "{n} {x}"
                );
            }
        }
    }

    #[test]
    fn check_ids_are_unique() {
        let mut ids = ids();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }

    #[test]
    fn params_helpers() {
        let params: Params = toml::from_str("words = [\"甲\", \"乙\"]\nn = 3").unwrap();
        assert_eq!(string_list(&params, "words").unwrap(), ["甲", "乙"]);
        assert!(string_list(&params, "n").is_err());
        assert!(string_list(&params, "none").unwrap().is_empty());
        assert!(known_params(&params, &["words", "n"]).is_ok());
        assert_eq!(
            known_params(&params, &["words"]).unwrap_err(),
            "unknown param `n`, expected one of words"
        );
    }
}
