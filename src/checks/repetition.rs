//! Checks of the `repetition` family (issue 3): a character or word typed twice, an item
//! listed twice in one enumeration, a sentence or a paragraph pasted twice.
//!
//! Telling a slip from correct Chinese needs words: 目的的手段 is 目的|的, 实实在在 is a
//! reduplication, 研究研究 is a verb said twice on purpose. The words come from a small
//! generated file (`repetition/lexicon.txt`, made by `scripts/gen_repetition_data.py` from
//! pycorrector's word-frequency list), embedded in the binary and parsed the first time a
//! candidate is seen, so documents without one pay nothing.
//!
//! Every scan is one pass over the text with constant work per character; the sentence and
//! paragraph checks hash each sentence or paragraph once.

use super::{
    Builder, Check, Finding, Params, is_ideograph, known_params, section_lines, string_list,
};
use crate::engine::covered;
use crate::source::Document;
use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;
use std::sync::OnceLock;

/// The checks of this module, by id.
pub const CHECKS: &[(&str, Builder)] = &[
    ("doubled-char", DoubledChar::build),
    ("doubled-word", DoubledWord::build),
    ("duplicate-list-item", DuplicateListItem::build),
    ("repeated-sentence", RepeatedSentence::build),
    ("repeated-paragraph", RepeatedParagraph::build),
];

// ------------------------------------------------------------------------------ lexicon

const LEXICON_TEXT: &str = include_str!("repetition/lexicon.txt");

/// The parsed word data; see the generator script for what each section means.
#[derive(Debug, Default)]
struct Lexicon {
    chars: HashMap<char, CharWords>,
    /// Per character, the words holding it doubled and the byte offset of the pair in each.
    doubled: HashMap<char, Vec<(&'static str, usize)>>,
    /// Function words whose doubling is a slip.
    words: HashSet<&'static str>,
    /// Longest function word, in characters.
    longest_word: usize,
}

/// The two-character words around one checked character.
#[derive(Debug, Default)]
struct CharWords {
    /// Never a word on its own (们).
    bound: bool,
    /// Every P of a word PX.
    before: &'static str,
    /// Every N of a word XN.
    after: &'static str,
    /// What precedes X in a longer word ending in X (实事求 of 实事求是).
    before_long: Vec<&'static str>,
    /// What follows X in a longer word starting with X (不是 of 是不是).
    after_long: Vec<&'static str>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::parse(LEXICON_TEXT))
}

impl Lexicon {
    /// Reads the generated file; lines it does not understand are skipped (a unit test
    /// checks that the shipped file parses in full).
    fn parse(text: &'static str) -> Lexicon {
        let mut lex = Lexicon::default();
        for (section, line) in section_lines(text) {
            match section {
                "chars" => {
                    let fields: Vec<&str> = line.split('\t').collect();
                    let [head, before, after, before_long, after_long] = fields[..] else {
                        continue;
                    };
                    let mut head = head.chars();
                    let Some(c) = head.next() else { continue };
                    let bound = head.as_str() == "!";
                    lex.chars.insert(
                        c,
                        CharWords {
                            bound,
                            before,
                            after,
                            before_long: before_long.split_whitespace().collect(),
                            after_long: after_long.split_whitespace().collect(),
                        },
                    );
                }
                "doubled" => {
                    let mut prev: Option<(usize, char)> = None;
                    for (i, c) in line.char_indices() {
                        if prev.is_some_and(|(_, p)| p == c) {
                            let at = prev.map_or(0, |(j, _)| j);
                            lex.doubled.entry(c).or_default().push((line, at));
                        }
                        prev = Some((i, c));
                    }
                }
                "words" => {
                    let n = line.chars().count();
                    lex.longest_word = lex.longest_word.max(n);
                    lex.words.insert(line);
                }
                _ => {}
            }
        }
        lex
    }
}

// ------------------------------------------------------------------------------ helpers

/// A short quotation of `s` for a message: its first `n` characters, then an ellipsis.
fn preview(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((at, _)) => format!("{}……", s[..at].trim_end_matches(['，', '、', '：', '；'])),
        None => s.to_string(),
    }
}

/// `range` without the whitespace (including the ideographic space) at either end.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

fn usize_param(params: &Params, key: &str, default: usize) -> Result<usize, String> {
    match params.get(key) {
        None => Ok(default),
        Some(toml::Value::Integer(n)) if *n > 0 => {
            usize::try_from(*n).map_err(|_| format!("`{key}` is too large"))
        }
        Some(_) => Err(format!("`{key}` must be a positive integer")),
    }
}

// ------------------------------------------------------------------------------ DL701

/// A function character typed twice: 的的, 了了, 是是. Silent where the doubling is a
/// word (实实在在, 不了了之), half of an AABB form (是是非非), or a word boundary
/// (目的|的, 就是|是否).
///
/// Params: `allow`, contexts in which a doubling is right (a name like 其其格).
#[derive(Debug)]
struct DoubledChar {
    allow: Vec<String>,
}

impl DoubledChar {
    fn build(params: &Params) -> Result<Box<dyn Check>, String> {
        known_params(params, &["allow"])?;
        Ok(Box::new(DoubledChar {
            allow: string_list(params, "allow")?,
        }))
    }

    /// Judges one run of `n` ≥ 2 copies of `c`; `prev` is the run just before it (its
    /// character, and its copies counted up to 3).
    fn judge(
        &self,
        text: &str,
        run: Range<usize>,
        c: char,
        n: usize,
        prev: Option<(char, usize)>,
    ) -> Option<Finding> {
        let lex = lexicon();
        let words = lex.chars.get(&c)?;
        if covered(text, &run, &self.allow) {
            return None;
        }
        let one = c.to_string();
        if n > 2 {
            // 的的的: surely a slip, but which copies to keep is for the writer to see.
            return Some(Finding::new(run).suggestion(one));
        }
        let in_word = lex.doubled.get(&c).is_some_and(|ws| {
            ws.iter().any(|&(w, at)| {
                run.start
                    .checked_sub(at)
                    .is_some_and(|start| text.as_bytes()[start..].starts_with(w.as_bytes()))
            })
        });
        if in_word {
            return None;
        }
        // AABB: 是是非非, 实实在在 (when the form is not in the word list).
        let aabb_before = prev.is_some_and(|(p, k)| k == 2 && p != c && is_ideograph(p));
        let mut next = text[run.end..].chars();
        let (n1, n2) = (next.next(), next.next());
        let aabb_after = n1.is_some_and(|a| a != c && is_ideograph(a) && n2 == Some(a));
        if aabb_before || aabb_after {
            return None;
        }
        // A word ends with the first copy or starts with the second: 目的|的, 为了|了解,
        // 实事求是|是.
        let head = &text[..run.start];
        let tail = &text[run.end..];
        let left = head
            .chars()
            .next_back()
            .is_some_and(|p| words.before.contains(p))
            || words.before_long.iter().any(|w| head.ends_with(w));
        let right = n1.is_some_and(|a| words.after.contains(a))
            || words.after_long.iter().any(|w| tail.starts_with(w));
        let boundary = if words.bound {
            left && right
        } else {
            left || right
        };
        if boundary {
            return None;
        }
        Some(Finding::new(run).fix(one))
    }
}

impl Check for DoubledChar {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        let mut end = 0;
        for pos in doubled_starts(text.as_bytes()) {
            // Inside the run judged last.
            if pos < end {
                continue;
            }
            let Some(c) = text[pos..].chars().next() else {
                break;
            };
            let width = c.len_utf8();
            end = pos + 2 * width;
            let mut n = 2;
            while text[end..].starts_with(c) {
                end += width;
                n += 1;
            }
            if is_ideograph(c) {
                // The run before this one: its character, and its copies counted up to 3.
                let prev = text[..pos].chars().next_back().map(|p| {
                    let copies = text[..pos].chars().rev().take(3).take_while(|&q| q == p);
                    (p, copies.count())
                });
                out.extend(self.judge(text, pos..end, c, n, prev));
            }
        }
    }
}

/// The eight bytes of `bytes` at `at`, as a little-endian word.
fn word_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

/// The high bit of each byte of `z` that is zero, and no other bit (no carry crosses bytes).
fn zero_bytes(z: u64) -> u64 {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((z & LOW) + LOW) | z | LOW)
}

/// The ends of the three-byte characters that equal the one 2, 3 or 4 three-byte
/// characters before (6, 9 or 12 bytes), in order: where a doubled word of two to four
/// three-byte characters can end. Found eight bytes at a time, as in [`doubled_starts`].
fn repeated_char_ends(bytes: &[u8]) -> Vec<usize> {
    let word = |at: usize| word_at(bytes, at);
    let lead = |at: usize| (0xE0..=0xEF).contains(&bytes[at]);
    let again = |at: usize| {
        [6, 9, 12].iter().any(|&d| {
            at >= d && at + 3 <= bytes.len() && bytes[at - d..at - d + 3] == bytes[at..at + 3]
        })
    };
    // The first bytes one by one (a character 6 to 11 bytes in has fewer distances to try).
    let mut out: Vec<usize> = (6..bytes.len().min(12))
        .filter(|&k| lead(k) && again(k))
        .map(|k| k + 3)
        .collect();
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let x = word(at);
        let same = zero_bytes(x ^ word(at - 6))
            | zero_bytes(x ^ word(at - 9))
            | zero_bytes(x ^ word(at - 12));
        // A candidate only: the three equal bytes may come from different distances.
        let mut runs = same & (same >> 8) & (same >> 16) & 0x0000_8080_8080_8080;
        while runs != 0 {
            let k = runs.trailing_zeros() as usize / 8;
            runs &= runs - 1;
            if lead(at + k) && again(at + k) {
                out.push(at + k + 3);
            }
        }
        at += 6;
    }
    for k in at.max(12)..bytes.len() {
        if lead(k) && again(k) {
            out.push(k + 3);
        }
    }
    out
}

/// The starts of the three- and four-byte characters (every ideograph) that the next
/// character repeats, in order. The three-byte ones are found eight bytes at a time: the
/// bytes equal to the byte three further on, in three consecutive places, the first of them
/// a three-byte lead. Four-byte characters are rare and checked one by one.
fn doubled_starts(bytes: &[u8]) -> Vec<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let word = |at: usize| word_at(bytes, at);
    let repeats = |at: usize, w: usize| {
        at + 2 * w <= bytes.len() && bytes[at..at + w] == bytes[at + w..at + 2 * w]
    };
    let mut out = Vec::new();
    let mut four = false;
    let mut at = 0;
    while at + 11 <= bytes.len() {
        let x = word(at);
        // Bytes 0xF0..=0xFF (four-byte leads) anywhere in the word: looked at below.
        four |= zero_bytes((x & (0xF0 * ONES)) ^ (0xF0 * ONES)) != 0;
        let same = zero_bytes(x ^ word(at + 3));
        // Places k (0..=5) where bytes k, k + 1 and k + 2 each equal the byte three on.
        let mut runs = same & (same >> 8) & (same >> 16) & 0x0000_8080_8080_8080;
        while runs != 0 {
            let k = runs.trailing_zeros() as usize / 8;
            runs &= runs - 1;
            if (0xE0..=0xEF).contains(&bytes[at + k]) {
                out.push(at + k);
            }
        }
        at += 6;
    }
    // The last bytes one by one.
    out.extend((at..bytes.len()).filter(|&k| (0xE0..=0xEF).contains(&bytes[k]) && repeats(k, 3)));
    four |= bytes[at..].iter().any(|&b| b >= 0xF0);
    if four {
        let len = out.len();
        out.extend((0..bytes.len()).filter(|&k| bytes[k] >= 0xF0 && repeats(k, 4)));
        if out.len() > len {
            out.sort_unstable();
        }
    }
    out
}

// ------------------------------------------------------------------------------ DL702

/// A function word typed twice: 我们我们, 进一步进一步. Verbs and adjectives are not in
/// the list, so their reduplication (研究研究, 讨论讨论) stays silent, and so is 谈心谈话,
/// which repeats nothing.
///
/// Params: `allow`, words never reported.
#[derive(Debug)]
struct DoubledWord {
    allow: Vec<String>,
}

impl DoubledWord {
    fn build(params: &Params) -> Result<Box<dyn Check>, String> {
        known_params(params, &["allow"])?;
        Ok(Box::new(DoubledWord {
            allow: string_list(params, "allow")?,
        }))
    }
}

/// The longest word of the `[words]` section, in characters (a unit test holds the data to it).
const MAX_WORD: usize = 4;
/// Character starts kept by the character-by-character scan: enough for two copies of the
/// longest word, rounded up to a power of two (an index into the ring is then a mask).
#[cfg(test)]
const RING: usize = (2 * MAX_WORD + 1).next_power_of_two();

impl Check for DoubledWord {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        if text.is_empty() {
            return;
        }
        // Every function word is two to four three-byte characters (a test holds the
        // shipped list to it, and holds this scan equal to a character-by-character one).
        self.run_wide(text, out);
    }
}

impl DoubledWord {
    /// Reports `word` doubled at `start` (and every further copy), unless allowed.
    fn report(&self, text: &str, start: usize, word: &str, out: &mut Vec<Finding>) -> bool {
        if !lexicon().words.contains(word) || self.allow.iter().any(|a| a == word) {
            return false;
        }
        let mut stop = start + 2 * word.len();
        while text[stop..].starts_with(word) {
            stop += word.len();
        }
        out.push(Finding::new(start..stop).fix(word));
        true
    }

    /// [`Self::run_every_char`] when every function word is made of three-byte characters:
    /// only the ends where the last character came 2 to 4 characters before are tried.
    fn run_wide(&self, text: &str, out: &mut Vec<Finding>) {
        let bytes = text.as_bytes();
        let mut reported_to = 0;
        for end in repeated_char_ends(bytes) {
            for len in (2..=MAX_WORD).rev() {
                let half = 3 * len;
                let Some(start) = end.checked_sub(2 * half) else {
                    continue;
                };
                let mid = end - half;
                if start < reported_to
                    || !text.is_char_boundary(start)
                    || !text.is_char_boundary(mid)
                    || bytes[start..mid] != bytes[mid..end]
                {
                    continue;
                }
                if self.report(text, start, &text[start..mid], out) {
                    reported_to = out.last().map_or(end, |f| f.span.end);
                    break;
                }
            }
        }
    }

    /// Every character end tried: what [`Self::run_wide`] must find (the tests' reference).
    #[cfg(test)]
    fn run_every_char(&self, text: &str, out: &mut Vec<Finding>) {
        let bytes = text.as_bytes();
        // Byte offsets and characters of the last RING characters; `k` counts characters.
        let mut starts = [0usize; RING];
        let mut chars = ['\0'; RING];
        let mut reported_to = 0;
        let positions = text.char_indices().chain([(text.len(), '\0')]);
        for (k, (end, c)) in positions.enumerate() {
            starts[k % RING] = end;
            // Longest first, so 进一步进一步 is one finding, not a shorter one inside it.
            for len in (2..=MAX_WORD).rev() {
                if k < 2 * len {
                    continue;
                }
                // The two halves' last characters first: most positions differ there.
                if chars[(k - 1) % RING] != chars[(k - 1 - len) % RING] {
                    continue;
                }
                let start = starts[(k - 2 * len) % RING];
                let mid = starts[(k - len) % RING];
                // A slice comparison is a call: the lengths and last bytes first.
                if start < reported_to
                    || mid - start != end - mid
                    || bytes[mid - 1] != bytes[end - 1]
                    || bytes[start..mid] != bytes[mid..end]
                {
                    continue;
                }
                if self.report(text, start, &text[start..mid], out) {
                    reported_to = out.last().map_or(end, |f| f.span.end);
                    break;
                }
            }
            chars[k % RING] = c;
        }
    }
}

// ------------------------------------------------------------------------------ DL703

/// The same item twice in one enumeration: 加强、改进、加强. A clause (up to ，。；：！？ or a
/// line end) is split on 、 outside brackets and quotes, and items are compared whole.
///
/// Precision first, from what the clean corpus does on purpose:
/// - two lists can share a clause (省、自治区、直辖市党委……向省、自治区、直辖市党委书记报告):
///   the item joining them is long, so a repeat counts only when every item between the
///   two copies is short next to it;
/// - the first and the last item carry the rest of the clause (推进地方与部门之间、地区之间、
///   部门之间的……), so they are never trimmed to match another item;
/// - values repeat in a list of values (分别为4年、4年、3年): items with digits are skipped;
/// - long lists of names (the roads along a zone's boundary) come back to an item, so lists
///   of more than `max_items` items are skipped and the copies must be at most `max_gap`
///   items apart.
#[derive(Debug)]
struct DuplicateListItem {
    max_items: usize,
    max_gap: usize,
}

impl DuplicateListItem {
    fn build(params: &Params) -> Result<Box<dyn Check>, String> {
        known_params(params, &["max_items", "max_gap"])?;
        Ok(Box::new(DuplicateListItem {
            max_items: usize_param(params, "max_items", 12)?,
            max_gap: usize_param(params, "max_gap", 3)?,
        }))
    }

    fn judge(&self, text: &str, items: &[Range<usize>], out: &mut Vec<Finding>) {
        if items.len() < 2 || items.len() > self.max_items {
            return;
        }
        for (k, item) in items.iter().enumerate() {
            let s = &text[item.clone()];
            // Values repeat in a list of values (分别为4年、4年、3年): only words are compared.
            // (No ideograph is numeric in Unicode, and asking is a slow table lookup.)
            if !s.chars().any(is_ideograph) || s.chars().any(|c| !is_ideograph(c) && c.is_numeric())
            {
                continue;
            }
            let chars = s.chars().count();
            let first = (k.saturating_sub(self.max_gap)..k).find(|&j| {
                text[items[j].clone()] == *s
                    && items[j + 1..k]
                        .iter()
                        .all(|m| text[m.clone()].chars().count() <= 2 * chars + 1)
            });
            if let Some(j) = first {
                out.push(Finding::new(item.clone()).label(items[j].clone(), "首次列出"));
            }
        }
    }
}

impl Check for DuplicateListItem {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        let mut items: Vec<Range<usize>> = Vec::new();
        let mut item_start = 0;
        let mut depth = 0usize;
        // Only marks and line ends matter here: the ideographs are stepped over.
        let marks = super::Marks::of(doc);
        for (i, c) in marks
            .within(text, 0..text.len())
            .chain([(text.len(), '\n')])
        {
            match c {
                '（' | '(' | '《' | '“' | '‘' | '「' | '『' | '【' | '〔' | '[' => {
                    depth += 1
                }
                '）' | ')' | '》' | '”' | '’' | '」' | '』' | '】' | '〕' | ']' => {
                    depth = depth.saturating_sub(1)
                }
                '、' if depth == 0 => {
                    items.push(trimmed(text, item_start..i));
                    item_start = i + c.len_utf8();
                }
                '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '\n' =>
                {
                    if !items.is_empty() {
                        items.push(trimmed(text, item_start..i));
                        self.judge(text, &items, out);
                        items.clear();
                    }
                    item_start = i + c.len_utf8();
                    depth = 0;
                }
                _ => {}
            }
        }
    }
}

// ------------------------------------------------------------------------------ DL704

/// Marks that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// Closing marks that belong to the sentence they follow (。” ends the quote, too).
fn closes(c: char) -> bool {
    matches!(c, '”' | '’' | '）' | ')' | '》' | '」' | '』' | '】' | '〕')
}

/// The sentences of one line: byte ranges without surrounding whitespace, each with the
/// length of its text before the end mark.
/// `marks` are the line's characters but the ideographs U+4000..U+9FFF, as
/// [`super::Marks::within`] gives them.
fn sentences(
    text: &str,
    line: Range<usize>,
    marks: impl Iterator<Item = (usize, char)>,
    out: &mut Vec<(Range<usize>, Range<usize>)>,
) {
    out.clear();
    let s = &text[line.clone()];
    let mut start = 0;
    // Only marks matter here: the ideographs are stepped over (so the marks that close a
    // sentence must follow one another with nothing between).
    let mut iter = marks.peekable();
    while let Some((i, c)) = iter.next() {
        if !ends_sentence(c) {
            continue;
        }
        let body_end = i;
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if j != end || !(ends_sentence(d) || closes(d)) {
                break;
            }
            end = j + d.len_utf8();
            iter.next();
        }
        push_sentence(text, line.start, start..body_end, end, out);
        start = end;
    }
    push_sentence(text, line.start, start..s.len(), s.len(), out);
}

fn push_sentence(
    text: &str,
    base: usize,
    body: Range<usize>,
    end: usize,
    out: &mut Vec<(Range<usize>, Range<usize>)>,
) {
    let body = trimmed(text, base + body.start..base + body.end);
    if !body.is_empty() {
        out.push((body.start..base + end, body));
    }
}

/// A sentence that comes again in the same paragraph. Only within a paragraph: in the
/// clean corpus, repeated sentences in different paragraphs are all deliberate (the same
/// penalty clause in several articles, the same guiding paragraph in each of several plans).
/// Consecutive repeated sentences (a passage pasted twice) make one finding.
///
/// Params: `min_chars`, the shortest sentence checked (15 characters).
#[derive(Debug)]
struct RepeatedSentence {
    min_chars: usize,
}

impl RepeatedSentence {
    fn build(params: &Params) -> Result<Box<dyn Check>, String> {
        known_params(params, &["min_chars"])?;
        Ok(Box::new(RepeatedSentence {
            min_chars: usize_param(params, "min_chars", 15)?,
        }))
    }
}

impl Check for RepeatedSentence {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        let mut sents = Vec::new();
        let mut seen: rustc_hash::FxHashMap<&str, usize> = Default::default();
        let marks = super::Marks::of(doc);
        let mut marks = marks.cursor();
        for line in 0..doc.line_count() {
            let range = doc.line_range(line);
            sentences(text, range.clone(), marks.within(text, range), &mut sents);
            seen.clear();
            // The open finding: (first copy's sentences, second copy's sentences).
            let mut open: Option<(Range<usize>, Range<usize>)> = None;
            for (k, (_, body)) in sents.iter().enumerate() {
                let s = &text[body.clone()];
                if s.chars().nth(self.min_chars - 1).is_none() {
                    continue;
                }
                let Some(&j) = seen.get(s) else {
                    seen.insert(s, k);
                    continue;
                };
                // The copy continues the open one when the sentences in between (too short to
                // be checked) are the same in both copies.
                let continues = open.as_ref().is_some_and(|(first, second)| {
                    j < second.start
                        && j >= first.end
                        && k >= second.end
                        && j - first.end == k - second.end
                        && (first.end..j)
                            .zip(second.end..k)
                            .all(|(a, b)| text[sents[a].1.clone()] == text[sents[b].1.clone()])
                });
                match &mut open {
                    Some((first, second)) if continues => {
                        first.end = j + 1;
                        second.end = k + 1;
                    }
                    _ => {
                        if let Some(done) = open.take() {
                            out.push(self.finding(text, &sents, done));
                        }
                        open = Some((j..j + 1, k..k + 1));
                    }
                }
            }
            if let Some(done) = open {
                out.push(self.finding(text, &sents, done));
            }
        }
    }
}

impl RepeatedSentence {
    fn finding(
        &self,
        text: &str,
        sents: &[(Range<usize>, Range<usize>)],
        (first, second): (Range<usize>, Range<usize>),
    ) -> Finding {
        let span = sents[second.start].0.start..sents[second.end - 1].0.end;
        let label = sents[first.start].0.start..sents[first.end - 1].0.end;
        Finding::new(span)
            .suggestion("")
            .note(preview(&text[sents[second.start].1.clone()], 12))
            .label(label, "首次出现")
    }
}

// ------------------------------------------------------------------------------ DL705

/// A paragraph pasted twice: the same body paragraph again within `max_distance`
/// paragraphs. Headings, titles and bracketed notes (（国家发展改革委负责）) repeat by design, and in the clean corpus so do body paragraphs that stand further
/// apart (parallel articles, one plan per region), so only near copies are reported.
///
/// Params: `min_chars` (15), `max_distance` (2: the next paragraph or the one after).
#[derive(Debug)]
struct RepeatedParagraph {
    min_chars: usize,
    max_distance: usize,
}

impl RepeatedParagraph {
    fn build(params: &Params) -> Result<Box<dyn Check>, String> {
        known_params(params, &["min_chars", "max_distance"])?;
        Ok(Box::new(RepeatedParagraph {
            min_chars: usize_param(params, "min_chars", 15)?,
            max_distance: usize_param(params, "max_distance", 2)?,
        }))
    }
}

impl Check for RepeatedParagraph {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        // The last `max_distance` non-empty paragraphs: (line index, trimmed range).
        let mut recent: VecDeque<(usize, Range<usize>)> = VecDeque::new();
        for line in 0..doc.line_count() {
            let para = trimmed(text, doc.line_range(line));
            if para.is_empty() {
                continue;
            }
            let s = &text[para.clone()];
            // Body text ends with an end mark (and perhaps a closing quote); a heading has
            // none and a bracketed note (（各地区负责，2020年底前完成；……）) ends with its bracket.
            let body = s.chars().nth(self.min_chars - 1).is_some()
                && s.trim_end_matches(['”', '’', '」', '』'])
                    .ends_with(ends_sentence);
            if body {
                if let Some((first_line, first)) =
                    recent.iter().find(|(_, r)| text[r.clone()] == *s)
                {
                    out.push(
                        Finding::new(para.clone())
                            .note((first_line + 1).to_string())
                            .label(first.clone(), "首次出现"),
                    );
                }
            }
            if recent.len() == self.max_distance {
                recent.pop_front();
            }
            recent.push_back((line, para));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_doubled_word_scans_find_the_same() {
        let check = DoubledWord {
            allow: vec!["一些".to_string()],
        };
        let pieces = [
            "我们",
            "我们我们",
            "进一步",
            "进一步进一步",
            "一些一些",
            "的",
            "a",
            "𠀀",
            "，",
            "\n",
            "不仅",
            "不仅仅",
            "们",
        ];
        let mut found = 0;
        for text in super::super::random_texts(&pieces, 3000, 24, 0x2545_F491_4F6C_DD1D) {
            let (mut wide, mut every) = (Vec::new(), Vec::new());
            check.run_wide(&text, &mut wide);
            check.run_every_char(&text, &mut every);
            assert_eq!(wide, every, "{text:?}");
            found += wide.len();
        }
        assert!(found > 1000, "{found}");
        // What the wide scan can find: words of two to four three-byte characters.
        for w in &lexicon().words {
            assert!((2..=MAX_WORD).contains(&w.chars().count()), "{w}");
            assert!(w.chars().all(|c| c.len_utf8() == 3), "{w}");
        }
    }

    #[test]
    fn doubled_starts_are_every_repeated_wide_character() {
        let naive = |text: &str| -> Vec<usize> {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            chars
                .windows(2)
                .filter(|w| w[0].1 == w[1].1 && w[0].1.len_utf8() >= 3)
                .map(|w| w[0].0)
                .collect()
        };
        let pieces = [
            "的", "的的", "了", "𠀀", "𠀀𠀀", "a", "aa", "é", "éé", "，", "。。", "\n", "三三",
        ];
        for text in super::super::random_texts(&pieces, 3000, 30, 0x9E37_79B9_7F4A_7C15) {
            assert_eq!(doubled_starts(text.as_bytes()), naive(&text), "{text:?}");
        }
    }

    fn run(check: &dyn Check, text: &str) -> Vec<(String, Option<String>)> {
        let doc = Document::new("t", text);
        let mut out = Vec::new();
        check.run(&doc, &mut out);
        for f in &out {
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        }
        out.iter()
            .map(|f| (text[f.span.clone()].to_string(), f.fix.clone()))
            .collect()
    }

    fn found(check: &dyn Check, text: &str) -> Vec<String> {
        run(check, text).into_iter().map(|(s, _)| s).collect()
    }

    fn build(b: Builder, params: &str) -> Box<dyn Check> {
        b(&toml::from_str(params).unwrap()).unwrap()
    }

    #[test]
    fn lexicon_parses_in_full() {
        let lex = lexicon();
        let lines = |section: &str| {
            LEXICON_TEXT
                .split(&format!("[{section}]\n"))
                .nth(1)
                .unwrap()
                .lines()
                .take_while(|l| !l.starts_with('['))
                .count()
        };
        assert_eq!(lex.chars.len(), lines("chars"));
        assert_eq!(lex.words.len(), lines("words"));
        assert!(lex.chars[&'们'].bound && !lex.chars[&'的'].bound);
        assert!(lex.chars[&'的'].before.contains('目'));
        assert!(lex.doubled[&'了'].iter().any(|(w, _)| *w == "不了了之"));
        assert!(lex.words.contains("进一步") && !lex.words.contains("研究"));
        assert_eq!(lex.longest_word, MAX_WORD);
        assert!(lex.chars[&'是'].before_long.contains(&"实事求"));
        assert!(LEXICON_TEXT.len() < 40 * 1024, "the data file stays small");
    }

    #[test]
    fn doubled_char_finds_slips() {
        let c = build(DoubledChar::build, "");
        assert_eq!(
            run(&*c, "我们的的工作完成了了，这是是一项在在全市开展的任务"),
            [
                ("的的".to_string(), Some("的".to_string())),
                ("了了".to_string(), Some("了".to_string())),
                ("是是".to_string(), Some("是".to_string())),
                ("在在".to_string(), Some("在".to_string())),
            ]
        );
        // A bound character needs a word on both sides: 我们|们 is not one.
        assert_eq!(found(&*c, "我们们要加强学习"), ["们们"]);
        // Three copies: reported once, the fix is only a suggestion.
        let f = run(&*c, "会议的的的决定");
        assert_eq!(f, [("的的的".to_string(), Some("的".to_string()))]);
    }

    #[test]
    fn doubled_char_knows_words_reduplication_and_boundaries() {
        let c = build(DoubledChar::build, "allow = [\"其其格\"]");
        for ok in [
            "实现目的的手段",     // 目的|的
            "为了了解情况",       // 为了|了解
            "问题就是是否落实",   // 就是|是否
            "不了了之",           // a word
            "实实在在的获得感",   // a word and AABB
            "是是非非要分清",     // AABB
            "的的确确做到了",     // a word
            "工作作为重点",       // 作 is not checked
            "层层落实，常常检查", // content characters are not checked
            "乌云其其格",         // allowed
            "的",
            "",
        ] {
            assert!(found(&*c, ok).is_empty(), "{ok}: {:?}", found(&*c, ok));
        }
    }

    #[test]
    fn doubled_word() {
        let c = build(DoubledWord::build, "");
        assert_eq!(
            run(&*c, "我们我们要进一步进一步加强管理"),
            [
                ("我们我们".to_string(), Some("我们".to_string())),
                ("进一步进一步".to_string(), Some("进一步".to_string())),
            ]
        );
        assert_eq!(found(&*c, "同时同时同时推进"), ["同时同时同时"]);
        for ok in [
            "研究研究这个问题",
            "大家讨论讨论",
            "坚持谈心谈话制度",
            "一项一项整改，一个一个落实",
            "省级人民政府负责",
            "我们",
        ] {
            assert!(found(&*c, ok).is_empty(), "{ok}");
        }
        let allowed = build(DoubledWord::build, "allow = [\"我们\"]");
        assert!(found(&*allowed, "我们我们").is_empty());
    }

    #[test]
    fn duplicate_list_item() {
        let c = build(DuplicateListItem::build, "");
        let text = "加强、改进、加强，确保落实。";
        let doc = Document::new("t", text);
        let mut out = Vec::new();
        c.run(&doc, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&text[out[0].span.clone()], "加强");
        assert_eq!(out[0].span.start, text.rfind("加强").unwrap());
        assert_eq!(out[0].labels[0].span.start, text.find("加强").unwrap());
        assert_eq!(found(&*c, "统筹规划、建设、管理、建设。"), ["建设"]);
        for ok in [
            // two lists in one clause, joined by a long item
            "省、自治区、直辖市党委巡视组可以直接向省、自治区、直辖市党委书记报告。",
            // brackets hold their own list
            "财政部（含国库、预算）、国库、审计署",
            // different items
            "创新、协调、绿色、开放、共享",
            // too far apart
            "甲路、乙路、丙路、丁路、戊路、甲路",
            // numbers are not items to compare
            "1、2、1",
            "任期分别为4年、4年、3年",
            // the first and the last item carry the clause around the list
            "推进地方与部门之间、地区之间、部门之间的干部交流",
            "中央委员会、中央政治局、中央政治局常务委员会",
        ] {
            assert!(found(&*c, ok).is_empty(), "{ok}: {:?}", found(&*c, ok));
        }
        let long: String = (0..13).map(|i| format!("路{i}、")).collect::<String>() + "路0、路1";
        assert!(found(&*c, &long).is_empty());
    }

    #[test]
    fn repeated_sentence_within_a_paragraph() {
        let c = build(RepeatedSentence::build, "");
        let s = "各地要切实加强组织领导，确保各项任务落到实处。";
        let text = format!("{s}同时做好宣传引导工作。{s}\n下一段。");
        assert_eq!(run(&*c, &text), [(s.to_string(), Some(String::new()))]);
        // A passage of two sentences pasted twice is one finding.
        let t = "第一句话要写得足够长才会被检查到。第二句话同样也要写得足够长才可以。";
        assert_eq!(found(&*c, &format!("{t}{t}")), [t]);
        let u = "第一句话要写得足够长才会被检查到。短句。第二句话同样也要写得足够长才可以。";
        assert_eq!(found(&*c, &format!("{u}{u}")), [u]);
        // In another paragraph, or short: silent.
        assert!(found(&*c, &format!("{s}\n{s}")).is_empty());
        assert!(found(&*c, "现将有关事项通知如下。现将有关事项通知如下。").is_empty());
        // A closing quote stays with its sentence.
        let q = "他说：“我们要把这项工作作为今年的重点来抓。”";
        assert_eq!(found(&*c, &format!("{q}{q}")), [q]);
    }

    #[test]
    fn repeated_paragraph_near_copies_only() {
        let c = build(RepeatedParagraph::build, "");
        let p = "各地要切实加强组织领导，确保各项任务落到实处。";
        let text = format!("一、总体要求\n{p}\n\n{p}\n");
        let doc = Document::new("t", text.as_str());
        let mut out = Vec::new();
        c.run(&doc, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&text[out[0].span.clone()], p);
        assert_eq!(out[0].note.as_deref(), Some("2"));
        // Headings repeat by design; far copies are parallel structure.
        assert!(found(&*c, "第一章　总则\n第一章　总则而言\n第一章　总则").is_empty());
        let note = "（各地区和国务院有关部门负责，2020年底前完成；试点地区2019年底前完成）";
        assert!(found(&*c, &format!("{note}\n（一）推进标准化。\n{note}")).is_empty());
        let quoted = "他强调：“要切实加强组织领导，确保各项任务落到实处。”";
        assert_eq!(found(&*c, &format!("{quoted}\n{quoted}")), [quoted]);
        let far = format!("{p}\n甲。\n乙。\n{p}");
        assert!(found(&*c, &far).is_empty());
    }

    #[test]
    fn params_are_checked() {
        assert!(DoubledChar::build(&toml::from_str("alow = []").unwrap()).is_err());
        assert!(RepeatedParagraph::build(&toml::from_str("max_distance = 0").unwrap()).is_err());
        assert!(DuplicateListItem::build(&toml::from_str("max_items = \"3\"").unwrap()).is_err());
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let checks: Vec<Box<dyn Check>> = CHECKS
            .iter()
            .map(|(_, b)| b(&Params::new()).unwrap())
            .collect();
        for text in [
            "",
            "\n\n\r\n",
            "的的",
            "、、、",
            "。。。",
            "我们我们我们",
            "a\u{301}的的𠀀𠀀、𠀀、𠀀",
            "（（（、）））、",
        ] {
            for c in &checks {
                run(&**c, text);
            }
        }
        // Long single-line input stays linear (a quadratic scan would not finish).
        let big = "我们的的工作、加强、加强。".repeat(50_000);
        for c in &checks {
            let doc = Document::new("t", big.as_str());
            let mut out = Vec::new();
            c.run(&doc, &mut out);
        }
    }

    #[test]
    fn generated_data_is_up_to_date() {
        // The generator reads ../shared, which CI has and a user's clone does not.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        if !root.join("../shared/data").is_dir() {
            eprintln!("../shared is not here: lexicon.txt not regenerated");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("lexicon.txt");
        let status = std::process::Command::new("python3")
            .arg("scripts/gen_repetition_data.py")
            .arg("--out")
            .arg(&out)
            .current_dir(root)
            .output();
        let Ok(status) = status else {
            eprintln!("python3 not available: lexicon.txt not regenerated");
            return;
        };
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        assert!(
            std::fs::read_to_string(out).unwrap() == LEXICON_TEXT,
            "src/checks/repetition/lexicon.txt is stale: run `python3 scripts/gen_repetition_data.py`"
        );
    }
}
