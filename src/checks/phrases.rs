//! Checks of the `phrases` family (issue 5 §2): long fixed phrases — political formulations,
//! law and regulation titles, institution names — written one character off, and full law
//! titles written in running text without 《》.
//!
//! The phrases come from a generated file (`phrases/phrases.txt`, made by
//! `scripts/gen_phrases.py` from `data/phrases/*.txt` and ECSpell's title list) plus what a
//! rule's params add. Each phrase of n characters is indexed by two anchors: its first
//! ⌊n/2⌋−1 characters and its characters from ⌊n/2⌋+1 on. One substituted, missing, added or
//! swapped character leaves at least one anchor intact, so one overlapping automaton pass
//! finds every candidate; each is then verified by comparing at most n+1 characters. The
//! index is built the first time a document is checked, so start-up pays nothing.
//!
//! Precision guards (every one decided on the clean corpus, see rules/phrases.toml):
//! the edit is at least two characters from either end of the phrase (a boundary edit is
//! usually another word: 国家卫生健康委|会同); it touches Han characters only and no
//! numerals (第十九次 / 第二十次, 2018 / 2019 are different real things); a substituted
//! character must sound or look like the right one (法律体系 / 法治体系 are both right);
//! only titles accept a missing or added character, and never a function character
//! (以人民为中心的发展思想 / 以人民为中心发展思想); a span inside an exact listed phrase
//! is left alone (中华人民共和国司法部 holds 中华人民共和国司法, one character from 公司法).

use super::sampled::Sampled;
use super::{
    Builder, Check, Finding, Params, is_ideograph, known_params, section_lines, string_list,
};
use crate::source::Document;
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder};
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// The checks of this module, by id.
pub const CHECKS: &[(&str, Builder)] = &[
    ("phrase-near-miss", NearMiss::build),
    ("title-without-book-marks", BareTitle::build),
];

const DATA: &str = include_str!("phrases/phrases.txt");

/// Phrases shorter than this are not checked: one edit from a short phrase is too often
/// another real phrase.
const MIN_CHARS: usize = 6;

/// Characters that grammar adds or drops inside a formulation (的, 和 …); a title missing or
/// gaining one of them is left to a reader.
const FUNCTION_CHARS: &str = "的地得了着过和与及或并之等在是为对把被将其以而且也都就还又再很更已所";

// ------------------------------------------------------------------------------ data

#[derive(Debug, Clone)]
struct Phrase {
    text: String,
    chars: Vec<char>,
    /// What the message calls it: 提法, 法律名称, 机构名称 …
    kind: String,
    /// A title: a missing or added character is reported too.
    title: bool,
    /// A law or regulation title that running text must put in 《》.
    book: bool,
}

impl Phrase {
    fn new(text: &str, kind: &str, title: bool, book: bool) -> Phrase {
        Phrase {
            text: text.to_string(),
            chars: text.chars().collect(),
            kind: kind.to_string(),
            title,
            book,
        }
    }
}

/// The built-in phrases and the confusable pairs, parsed from the generated file, each on
/// first use: the confusable table is nine tenths of the file, and only a candidate with a
/// substituted character asks it.
struct Builtin {
    phrases: Vec<Phrase>,
}

fn builtin() -> &'static Builtin {
    static BUILTIN: OnceLock<Builtin> = OnceLock::new();
    BUILTIN.get_or_init(|| Builtin {
        phrases: parse_phrases(DATA),
    })
}

/// Per character, the confusable characters with a larger code point.
fn confusables() -> &'static FxHashMap<char, &'static str> {
    static CONFUSABLE: OnceLock<FxHashMap<char, &'static str>> = OnceLock::new();
    CONFUSABLE.get_or_init(|| parse_confusables(DATA))
}

/// The lines of the generated file's section `name`; lines that do not have at least two
/// tab-separated fields are skipped (a unit test checks that the shipped file parses in
/// full).
fn section(
    text: &'static str,
    name: &str,
) -> impl Iterator<Item = (&'static str, &'static str, std::str::Split<'static, char>)> {
    // A heading is a line of its own (the file's comments name the sections too).
    let heading = format!("\n[{name}]\n");
    let start = text.find(&heading).map_or(text.len(), |at| at + 1);
    section_lines(&text[start..])
        .take_while(move |(s, _)| *s == name)
        .filter_map(|(_, line)| {
            let mut fields = line.split('\t');
            Some((fields.next()?, fields.next()?, fields))
        })
}

fn parse_phrases(text: &'static str) -> Vec<Phrase> {
    section(text, "phrases")
        .map(|(a, b, mut rest)| {
            let flags = rest.next().unwrap_or("");
            let title = !matches!(b, "提法" | "机构名称");
            Phrase::new(a, b, title, flags.contains('b'))
        })
        .collect()
}

fn parse_confusables(text: &'static str) -> FxHashMap<char, &'static str> {
    section(text, "confusable")
        .filter_map(|(a, b, _)| {
            let mut chars = a.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some((c, b)),
                _ => None,
            }
        })
        .collect()
}

fn confusable(a: char, b: char) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    confusables().get(&lo).is_some_and(|xs| xs.contains(hi))
}

fn is_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千万亿两廿壹贰叁肆伍陆柒捌玖拾佰仟".contains(c)
}

/// A character an edit may touch: a Han character that is not a numeral.
fn editable(c: char) -> bool {
    is_ideograph(c) && !is_numeral(c)
}

// ------------------------------------------------------------------------------ index

/// What an automaton pattern stands for.
#[derive(Debug, Default)]
struct Roles {
    /// Phrases whose head anchor this is.
    head: Vec<u32>,
    /// Phrases whose tail anchor this is.
    tail: Vec<u32>,
    /// The phrase this pattern is, exactly.
    exact: Option<u32>,
}

struct Index {
    phrases: Vec<Phrase>,
    /// A checksum of the automaton's patterns, which a stored automaton must match.
    patterns_sum: u64,
    /// Whether the automaton was taken from stored bytes rather than built.
    from_stored: bool,
    /// Every anchor, overlapping matches reported (daachorse's character-wise automaton:
    /// about twice as fast on Chinese text as aho-corasick's, see docs/performance.md).
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    roles: Vec<Roles>,
    /// Where the patterns may occur, when they are all long (whole titles, not anchors).
    gate: Option<Sampled>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let automaton = if self.from_stored { "stored" } else { "built" };
        write!(
            f,
            "Index({} phrases, automaton {automaton})",
            self.phrases.len()
        )
    }
}

impl Index {
    /// The index of `phrases` (by anchors, or whole), its automaton taken from `stored`
    /// (what [`Index::stored`] gave) when that was made from the same patterns.
    fn new(phrases: Vec<Phrase>, anchors: bool, stored: Option<&[u8]>) -> Index {
        let mut ids: FxHashMap<String, usize> = FxHashMap::default();
        let mut patterns: Vec<String> = Vec::new();
        let mut roles: Vec<Roles> = Vec::new();
        let mut id = |s: String, patterns: &mut Vec<String>, roles: &mut Vec<Roles>| {
            *ids.entry(s.clone()).or_insert_with(|| {
                patterns.push(s);
                roles.push(Roles::default());
                patterns.len() - 1
            })
        };
        for (p, phrase) in phrases.iter().enumerate() {
            let p = p as u32;
            if !anchors {
                let exact = id(phrase.text.clone(), &mut patterns, &mut roles);
                roles[exact].exact.get_or_insert(p);
                continue;
            }
            // Exact occurrences are seen when the head anchor is verified.
            let n = phrase.chars.len();
            let h = n / 2;
            let head: String = phrase.chars[..h - 1].iter().collect();
            let tail: String = phrase.chars[h + 1..].iter().collect();
            let head = id(head, &mut patterns, &mut roles);
            roles[head].head.push(p);
            let tail = id(tail, &mut patterns, &mut roles);
            roles[tail].tail.push(p);
        }
        let mut listed = Vec::new();
        for p in &patterns {
            listed.extend_from_slice(&(p.len() as u64).to_le_bytes());
            listed.extend_from_slice(p.as_bytes());
        }
        let patterns_sum = crate::engine::checksum(&listed);
        let restored = stored.and_then(|bytes| {
            let (sum, rest) = bytes.split_first_chunk::<8>()?;
            if u64::from_le_bytes(*sum) != patterns_sum {
                return None;
            }
            // The checked form: the bytes were stored by an earlier build, perhaps
            // against another version of the crate.
            match CharwiseDoubleArrayAhoCorasick::deserialize(rest) {
                Ok((automaton, [])) => Some(automaton),
                _ => None,
            }
        });
        let from_stored = restored.is_some();
        // Building the automaton is most of the first document's cost for these checks.
        let automaton = if patterns.is_empty() {
            None
        } else {
            // The patterns are distinct (`id`), as the builder requires.
            restored.or_else(|| {
                CharwiseDoubleArrayAhoCorasickBuilder::new()
                    .build(&patterns)
                    .ok()
            })
        };
        let gate = if anchors {
            None
        } else {
            Sampled::new(&patterns)
        };
        Index {
            phrases,
            patterns_sum,
            from_stored,
            automaton,
            roles,
            gate,
        }
    }

    /// The automaton in the form [`Index::new`] takes back.
    fn stored(&self) -> Option<Vec<u8>> {
        let automaton = self.automaton.as_ref()?;
        let mut out = self.patterns_sum.to_le_bytes().to_vec();
        out.extend_from_slice(&automaton.serialize());
        Some(out)
    }
}

/// An index made on first use, from the stored book's bytes when there are some.
#[derive(Debug, Default)]
struct Lazy {
    index: OnceLock<Index>,
    stored: OnceLock<&'static [u8]>,
}

impl Lazy {
    fn get(&self, phrases: &PhraseList, anchors: bool) -> &Index {
        self.index
            .get_or_init(|| Index::new(phrases.all(), anchors, self.stored.get().copied()))
    }
}

/// The phrases a check uses: the built-in ones (unless switched off) and the params'.
/// The phrases a check looks for: its params' own, checked when the rule set is loaded, and
/// the built-in lists, read only when a document needs them (on the first check).
#[derive(Debug)]
struct PhraseList {
    extra: Vec<Phrase>,
    builtin: bool,
    near_miss: bool,
}

impl PhraseList {
    /// The params' phrases, then the built-in ones.
    fn all(&self) -> Vec<Phrase> {
        let mut out = self.extra.clone();
        if self.builtin {
            let all = builtin().phrases.iter();
            if self.near_miss {
                out.extend(all.cloned());
            } else {
                out.extend(all.filter(|p| p.book).cloned());
            }
        }
        out
    }
}

fn phrases_from(params: &Params, near_miss: bool) -> Result<PhraseList, String> {
    let builtin_on = match params.get("builtin") {
        None => true,
        Some(toml::Value::Boolean(b)) => *b,
        Some(_) => return Err("`builtin` must be true or false".to_string()),
    };
    let mut out = Vec::new();
    let mut add = |text: &str, kind: &str, title: bool, book: bool| -> Result<(), String> {
        let n = text.chars().count();
        if n < MIN_CHARS {
            return Err(format!(
                "“{text}” is too short: a phrase needs at least {MIN_CHARS} characters"
            ));
        }
        out.push(Phrase::new(text, kind, title, book));
        Ok(())
    };
    if near_miss {
        for p in string_list(params, "phrases")? {
            add(&p, "固定用语", false, false)?;
        }
    }
    for t in string_list(params, "titles")? {
        add(&t, "名称", true, true)?;
    }
    Ok(PhraseList {
        extra: out,
        builtin: builtin_on,
        near_miss,
    })
}

// ------------------------------------------------------------------------------ edits

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    /// `p[i]` written as another character.
    Substituted(usize),
    /// `p[i]` and `p[i + 1]` written in the other order.
    Swapped(usize),
    /// `p[i]` left out.
    Missing(usize),
    /// A character added before `p[i]`.
    Added(usize),
}

/// The single edit that turns `p` into `t`, if they are exactly one edit apart.
fn one_edit(p: &[char], t: &[char]) -> Option<Edit> {
    let i = p.iter().zip(t).take_while(|(a, b)| a == b).count();
    match t.len() as isize - p.len() as isize {
        0 => {
            if i == p.len() {
                return None;
            }
            if p[i + 1..] == t[i + 1..] {
                Some(Edit::Substituted(i))
            } else if i + 1 < p.len()
                && p[i] == t[i + 1]
                && p[i + 1] == t[i]
                && p[i + 2..] == t[i + 2..]
            {
                Some(Edit::Swapped(i))
            } else {
                None
            }
        }
        -1 => (p[i + 1..] == t[i..]).then_some(Edit::Missing(i)),
        1 => (p[i..] == t[i + 1..]).then_some(Edit::Added(i)),
        _ => None,
    }
}

/// Whether a careful proofreader would call `t` a slip for phrase `p`.
fn plausible(phrase: &Phrase, t: &[char], edit: Edit) -> bool {
    let p = &phrase.chars;
    let n = p.len();
    // Titles end in a fixed word (…法, …条例) that leaves no word boundary to mistake
    // there; other phrases keep two characters clear at the end (国家卫生健康委|会同).
    let tail = if phrase.title { 2 } else { 3 };
    let inner = |i: usize| i >= 2 && i + tail <= n;
    let function = |c: char| FUNCTION_CHARS.contains(c);
    match edit {
        Edit::Substituted(i) => {
            inner(i) && editable(p[i]) && editable(t[i]) && confusable(p[i], t[i])
        }
        Edit::Swapped(i) => inner(i) && inner(i + 1) && editable(p[i]) && editable(p[i + 1]),
        Edit::Missing(i) => phrase.title && inner(i) && editable(p[i]) && !function(p[i]),
        // The added character stands before p[i]: the same margins, counted on p.
        Edit::Added(i) => {
            phrase.title && i >= 2 && i + tail <= n + 1 && editable(t[i]) && !function(t[i])
        }
    }
}

/// A near-miss found in the text.
#[derive(Debug, Clone)]
struct Candidate {
    span: Range<usize>,
    phrase: u32,
}

/// Tries the spans of `n - 1`, `n` and `n + 1` characters that start (`forward`) or end at
/// `at`; `window` holds the byte offsets of up to `n + 2` character boundaries from `at`.
fn verify(
    text: &str,
    phrase: &Phrase,
    bounds: &[usize],
    forward: bool,
    buf: &mut Vec<char>,
) -> Option<Range<usize>> {
    let n = phrase.chars.len();
    for m in [n, n - 1, n + 1] {
        let Some(&other) = bounds.get(m) else {
            continue;
        };
        let span = if forward {
            bounds[0]..other
        } else {
            other..bounds[0]
        };
        buf.clear();
        buf.extend(text[span.clone()].chars());
        if let Some(edit) = one_edit(&phrase.chars, buf)
            && plausible(phrase, buf, edit)
        {
            return Some(span);
        }
    }
    None
}

/// A quick test on bytes, before any decoding: whether some span starting (`forward`) or
/// ending at `at` might be one edit from `phrase`. Most anchor hits fail it at once.
/// It may say yes wrongly (a swap is tested loosely), never no wrongly.
fn maybe_one_edit(text: &str, at: usize, phrase: &str, forward: bool) -> bool {
    let p = phrase.as_bytes();
    let width = |s: &str, from_end: bool| {
        let c = if from_end {
            s.chars().next_back()
        } else {
            s.chars().next()
        };
        c.map_or(0, char::len_utf8)
    };
    if forward {
        let t = &text.as_bytes()[at..];
        let mut l = p.iter().zip(t).take_while(|(a, b)| a == b).count();
        while l > 0 && !phrase.is_char_boundary(l) {
            l -= 1;
        }
        if l >= p.len() {
            return false;
        }
        let pw = width(&phrase[l..], false);
        let tw = width(&text[at + l..], false);
        let pw2 = pw + width(&phrase[l + pw..], false);
        (tw > 0 && t[l + tw..].starts_with(&p[l + pw..]))
            || t[l..].starts_with(&p[l + pw..])
            || (tw > 0 && t[l + tw..].starts_with(&p[l..]))
            || (t.len() >= l + pw2 && t[l + pw2..].starts_with(&p[l + pw2..]))
    } else {
        let t = &text.as_bytes()[..at];
        let mut l = p
            .iter()
            .rev()
            .zip(t.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        while l > 0 && !phrase.is_char_boundary(p.len() - l) {
            l -= 1;
        }
        if l >= p.len() {
            return false;
        }
        let (pe, te) = (p.len() - l, t.len() - l);
        let pw = width(&phrase[..pe], true);
        let tw = width(&text[..te], true);
        let pw2 = pw + width(&phrase[..pe - pw], true);
        (tw > 0 && t[..te - tw].ends_with(&p[..pe - pw]))
            || t[..te].ends_with(&p[..pe - pw])
            || (tw > 0 && t[..te - tw].ends_with(&p[..pe]))
            || (te >= pw2 && t[..te - pw2].ends_with(&p[..pe - pw2]))
    }
}

/// Every near-miss of the index's phrases in `text`, and every exact occurrence.
fn scan(index: &Index, text: &str) -> (Vec<Candidate>, Vec<(Range<usize>, u32)>) {
    let mut candidates = Vec::new();
    let mut exact = Vec::new();
    let Some(automaton) = &index.automaton else {
        return (candidates, exact);
    };
    let mut bounds = Vec::new();
    let mut buf = Vec::new();
    let mut on_match = |m: Range<usize>, value: u32| {
        let roles = &index.roles[value as usize];
        if let Some(p) = roles.exact {
            exact.push((m.clone(), p));
        }
        for (list, forward) in [(&roles.head, true), (&roles.tail, false)] {
            for &p in list {
                let phrase = &index.phrases[p as usize];
                let n = phrase.chars.len();
                let at = if forward { m.start } else { m.end };
                if forward && text[at..].starts_with(phrase.text.as_str()) {
                    exact.push((at..at + phrase.text.len(), p));
                    continue;
                }
                if !maybe_one_edit(text, at, &phrase.text, forward) {
                    continue;
                }
                bounds.clear();
                if forward {
                    let at = m.start;
                    bounds.push(at);
                    bounds.extend(
                        text[at..]
                            .char_indices()
                            .skip(1)
                            .map(|(i, _)| at + i)
                            .chain(std::iter::once(text.len()))
                            .take(n + 1),
                    );
                } else {
                    let at = m.end;
                    bounds.push(at);
                    bounds.extend(text[..at].char_indices().rev().map(|(i, _)| i).take(n + 1));
                }
                if let Some(span) = verify(text, phrase, &bounds, forward, &mut buf) {
                    candidates.push(Candidate { span, phrase: p });
                }
            }
        }
    };
    // The whole text, or only the stretches the gate leaves (the matches are the same).
    match &index.gate {
        Some(gate) => {
            for w in gate.stretches(text) {
                for m in automaton.find_overlapping_iter(&text[w.clone()]) {
                    on_match(m.start() + w.start..m.end() + w.start, m.value());
                }
            }
        }
        None => {
            for m in automaton.find_overlapping_iter(text) {
                on_match(m.start()..m.end(), m.value());
            }
        }
    }
    (candidates, exact)
}

// ------------------------------------------------------------------------------ DL120

/// A long fixed phrase written with one character substituted, missing, added or swapped.
///
/// Params: `phrases` (more formulations or names: a substituted or swapped character is
/// reported), `titles` (more titles: a missing or added character too), `builtin = false`
/// (only the params' lists), `allow` (contexts never reported).
#[derive(Debug)]
struct NearMiss {
    phrases: PhraseList,
    allow: Vec<String>,
    index: Lazy,
}

impl NearMiss {
    fn build(params: &Params) -> Result<Box<dyn Check>, String> {
        known_params(params, &["phrases", "titles", "builtin", "allow"])?;
        Ok(Box::new(NearMiss {
            phrases: phrases_from(params, true)?,
            allow: string_list(params, "allow")?,
            index: Lazy::default(),
        }))
    }
}

impl Check for NearMiss {
    fn stored_state(&self) -> Option<Vec<u8>> {
        self.index.get(&self.phrases, true).stored()
    }

    fn restore_state(&self, bytes: &'static [u8]) {
        let _ = self.index.stored.set(bytes);
    }

    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        if !text.chars().any(is_ideograph) {
            return;
        }
        let index = self.index.get(&self.phrases, true);
        let (mut candidates, mut exact) = scan(index, text);
        // For each exact occurrence (by start), the furthest end of any starting at or
        // before it: a candidate is inside one when that reaches past its end.
        exact.sort_by_key(|(e, _)| e.start);
        let mut reach = Vec::with_capacity(exact.len());
        let mut far = 0;
        for (e, _) in &exact {
            far = far.max(e.end);
            reach.push(far);
        }
        // Longest phrase first at each position, then one finding per stretch of text.
        candidates.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
        let mut last_end = 0;
        for c in candidates {
            if c.span.start < last_end {
                continue;
            }
            let before = exact.partition_point(|(e, _)| e.start <= c.span.start);
            let inside_exact = before > 0 && reach[before - 1] >= c.span.end;
            if inside_exact || crate::engine::covered(text, &c.span, &self.allow) {
                continue;
            }
            let phrase = &index.phrases[c.phrase as usize];
            last_end = c.span.end;
            out.push(
                Finding::new(c.span)
                    .fix(phrase.text.clone())
                    .note(phrase.kind.clone()),
            );
        }
    }
}

// ------------------------------------------------------------------------------ DL121

/// A full law or regulation title in running text without 《》 (GB/T 15834 4.15).
///
/// Params: `titles` (more titles), `builtin = false` (only the params' titles).
#[derive(Debug)]
struct BareTitle {
    phrases: PhraseList,
    index: Lazy,
}

impl BareTitle {
    fn build(params: &Params) -> Result<Box<dyn Check>, String> {
        known_params(params, &["titles", "builtin"])?;
        Ok(Box::new(BareTitle {
            phrases: phrases_from(params, false)?,
            index: Lazy::default(),
        }))
    }
}

/// Words a title can run into that make it part of a longer name or another word:
/// 《…法》实施条例 is a title of its own, 中华人民共和国海关法规 is not the 海关法.
const CONTINUATIONS: &[&str] = &[
    "实施条例",
    "实施细则",
    "实施办法",
    "修正案",
    "草案",
    "（草案",
    "(草案",
    "（修订草案",
    "修订草案",
    "释义",
    "律",
    "治",
    "人",
    "院",
    "学",
    "官",
    "庭",
    "典",
    "制",
    "纪",
    "理",
    "务",
];

/// Whether the title at `span` is the whole heading of its line (the document's own title,
/// an item of a list of titles), where 《》 is not used.
fn heading(doc: &Document, span: &Range<usize>) -> bool {
    let text = doc.text.as_str();
    let line = doc.line_range(doc.line_index(span.start));
    let before = &text[line.start..span.start];
    let after = &text[span.end..line.end.max(span.end)];
    let numbering = before.chars().all(|c| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || matches!(c, '.' | '．' | '、' | '\u{3000}')
            || is_numeral(c)
    });
    numbering && !after.contains(['。', '，', '；', '：', '、'])
}

/// Whether `span` sits inside an open 《 or 〈 (a title quoted inside a longer title) or
/// right after an opening quote.
fn marked(text: &str, span: &Range<usize>) -> bool {
    if let Some(c) = text[..span.start].chars().next_back()
        && matches!(c, '《' | '〈' | '“' | '‘' | '「' | '『' | '"')
    {
        return true;
    }
    // Look back a bounded distance, so the check stays linear.
    for c in text[..span.start].chars().rev().take(200) {
        match c {
            '《' | '〈' => return true,
            '》' | '〉' | '\n' => return false,
            _ => {}
        }
    }
    false
}

/// Verbs of law-making: a title they govern names a regulation being drafted or revised
/// (立法规划: 制定中国共产党重大事项请示报告条例；修订中国共产党问责条例), which the clean
/// corpus writes without 《》.
const LAW_MAKING: &[&str] = &["制定", "修订", "修改", "出台", "起草", "废止", "研究"];

/// Whether the clause before `span` (back to the previous full stop, semicolon or colon,
/// at most 200 characters) holds a law-making verb.
fn law_making(text: &str, span: &Range<usize>) -> bool {
    let mut start = span.start;
    for (i, c) in text[..span.start].char_indices().rev().take(200) {
        if matches!(c, '。' | '；' | '：' | '！' | '？' | '\n') {
            break;
        }
        start = i;
    }
    let clause = &text[start..span.start];
    LAW_MAKING.iter().any(|v| clause.contains(v))
}

impl Check for BareTitle {
    fn stored_state(&self) -> Option<Vec<u8>> {
        self.index.get(&self.phrases, false).stored()
    }

    fn restore_state(&self, bytes: &'static [u8]) {
        let _ = self.index.stored.set(bytes);
    }

    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        if !text.contains(['法', '例', '定', '则', '程']) {
            return;
        }
        let index = self.index.get(&self.phrases, false);
        let (_, mut exact) = scan(index, text);
        exact.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
        let mut last_end = 0;
        for (span, p) in exact {
            // A title inside a longer listed title is judged with the longer one.
            if span.start < last_end {
                continue;
            }
            last_end = span.end;
            let rest = &text[span.end..];
            let continued = CONTINUATIONS.iter().any(|c| rest.starts_with(c))
                || (rest.starts_with('规') && !rest.starts_with("规定"));
            if continued || marked(text, &span) || heading(doc, &span) || law_making(text, &span) {
                continue;
            }
            let title = &index.phrases[p as usize].text;
            out.push(Finding::new(span).suggestion(format!("《{title}》")));
        }
    }
}

// ------------------------------------------------------------------------------ tests

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn near_miss(params: &str, text: &str) -> Vec<(String, String)> {
        let params: Params = toml::from_str(params).unwrap();
        let check = NearMiss::build(&params).unwrap();
        let doc = Document::new("t", text);
        let mut out = Vec::new();
        check.run(&doc, &mut out);
        out.into_iter()
            .map(|f| (text[f.span].to_string(), f.fix.unwrap()))
            .collect()
    }

    fn bare(text: &str) -> Vec<String> {
        let check = BareTitle::build(&Params::new()).unwrap();
        let doc = Document::new("t", text);
        let mut out = Vec::new();
        check.run(&doc, &mut out);
        out.into_iter().map(|f| text[f.span].to_string()).collect()
    }

    #[test]
    fn shipped_data_parses_in_full() {
        let data_lines = DATA
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('['))
            .count();
        let b = builtin();
        assert_eq!(b.phrases.len() + confusables().len(), data_lines);
        assert!(b.phrases.iter().all(|p| p.chars.len() >= MIN_CHARS));
        assert!(
            b.phrases
                .iter()
                .any(|p| p.text == "中华人民共和国安全生产法" && p.book)
        );
        assert!(confusable('信', '言') && confusable('言', '信'));
        assert!(!confusable('律', '治'));
    }

    #[test]
    fn one_edit_kinds() {
        let p = chars("甲乙丙丁戊己");
        assert_eq!(one_edit(&p, &chars("甲乙丙丁戊己")), None);
        assert_eq!(
            one_edit(&p, &chars("甲乙X丁戊己")),
            Some(Edit::Substituted(2))
        );
        assert_eq!(one_edit(&p, &chars("甲乙丁丙戊己")), Some(Edit::Swapped(2)));
        assert_eq!(one_edit(&p, &chars("甲乙丁戊己")), Some(Edit::Missing(2)));
        assert_eq!(one_edit(&p, &chars("甲乙X丙丁戊己")), Some(Edit::Added(2)));
        assert_eq!(one_edit(&p, &chars("甲XX丁戊己")), None);
        assert_eq!(one_edit(&p, &chars("甲乙")), None);
        assert_eq!(one_edit(&p, &chars("")), None);
    }

    #[test]
    fn the_byte_test_never_rejects_a_single_edit() {
        let phrase = "中华人民共和国安全生产法";
        let p = chars(phrase);
        let mut variants = Vec::new();
        for i in 0..p.len() {
            for c in ['a', 'é', '产', '🙂'] {
                let mut v = p.clone();
                v[i] = c;
                variants.push(v.clone());
                v.insert(i, c);
                variants.push(v);
            }
            let mut v = p.clone();
            v.remove(i);
            variants.push(v);
            if i + 1 < p.len() {
                let mut v = p.clone();
                v.swap(i, i + 1);
                variants.push(v);
            }
        }
        for v in variants {
            if one_edit(&p, &v).is_none() {
                continue;
            }
            let v: String = v.into_iter().collect();
            let text = format!("甲{v}乙");
            let start = "甲".len();
            let end = start + v.len();
            assert!(maybe_one_edit(&text, start, phrase, true), "{v}");
            assert!(maybe_one_edit(&text, end, phrase, false), "{v}");
        }
    }

    #[test]
    fn every_kind_of_slip_is_found() {
        let found = near_miss(
            "",
            "深入学习习近平新时代中国特色社会主意思想，贯彻中华人民共和国安全生法，\
             落实中华人民共和国安全生产产法，遵守中华人民共和国安生全产法。",
        );
        let fixes: Vec<&str> = found.iter().map(|(_, f)| f.as_str()).collect();
        assert_eq!(
            fixes,
            [
                "习近平新时代中国特色社会主义思想",
                "中华人民共和国安全生产法",
                "中华人民共和国安全生产法",
                "中华人民共和国安全生产法",
            ]
        );
        assert_eq!(found[0].0, "习近平新时代中国特色社会主意思想");
    }

    #[test]
    fn exact_phrases_and_real_variants_are_silent() {
        for ok in [
            "深入学习习近平新时代中国特色社会主义思想。",
            "完善以宪法为核心的中国特色社会主义法律体系。",
            "为全面建设小康社会提供保障。",
            "中国共产党第十九次全国代表大会和中国共产党第二十次全国代表大会",
            "践行以人民为中心发展思想。",
            "中华人民共和国司法部",
            "国家卫生健康委会同财政部制定。",
            "修订地名管理条例。",
        ] {
            assert_eq!(near_miss("", ok), [] as [(String, String); 0], "{ok}");
        }
    }

    #[test]
    fn params_add_phrases_and_allow_contexts() {
        let params = "phrases = [\"本市营商环境三年行动\"]\nbuiltin = false";
        assert_eq!(
            near_miss(params, "落实本市营商坏境三年行动。"),
            [("本市营商坏境三年行动".into(), "本市营商环境三年行动".into())]
        );
        let params = "phrases = [\"本市营商环境三年行动\"]\nbuiltin = false\nallow = [\"本市营商坏境三年行动\"]";
        assert!(near_miss(params, "落实本市营商坏境三年行动。").is_empty());
        let short: Params = toml::from_str("phrases = [\"四个意识\"]").unwrap();
        assert!(NearMiss::build(&short).is_err());
        let unknown: Params = toml::from_str("words = []").unwrap();
        assert!(NearMiss::build(&unknown).is_err());
    }

    /// A check given its stored automaton finds what it finds when it builds one; one
    /// given an automaton of other phrases builds its own.
    #[test]
    fn a_stored_automaton_finds_the_same() {
        let text = "深入学习习近平新时代中国特色社会主意思想，贯彻中华人民共和国安全生法，落实中华人民共和国安全生产法，本市营商坏境三年行动";
        let run = |check: &dyn Check| {
            let mut out = Vec::new();
            check.run(&Document::new("t", text), &mut out);
            out.into_iter().map(|f| (f.span, f.fix)).collect::<Vec<_>>()
        };
        let own: Params = toml::from_str("phrases = [\"本市营商环境三年行动\"]").unwrap();
        for (build, params) in [
            (NearMiss::build as Builder, Params::new()),
            (BareTitle::build, Params::new()),
            (NearMiss::build, own),
        ] {
            let fresh = build(&params).unwrap();
            let expected = run(fresh.as_ref());
            let bytes: &'static [u8] = fresh.stored_state().unwrap().leak();
            let restored = build(&params).unwrap();
            restored.restore_state(bytes);
            assert_eq!(run(restored.as_ref()), expected);
            // The automaton of the built-in phrases does not fit a list with one more.
            let other =
                build(&toml::from_str("titles = [\"某某条例实施办法规定\"]").unwrap()).unwrap();
            other.restore_state(bytes);
            let built =
                build(&toml::from_str("titles = [\"某某条例实施办法规定\"]").unwrap()).unwrap();
            assert_eq!(run(other.as_ref()), run(built.as_ref()));
            // Nor do damaged bytes.
            let mut damaged = bytes.to_vec();
            damaged.truncate(damaged.len() / 2);
            let cut = build(&params).unwrap();
            cut.restore_state(damaged.leak());
            assert_eq!(run(cut.as_ref()), expected);
        }
        let params = Params::new();
        assert!(!run(NearMiss::build(&params).unwrap().as_ref()).is_empty());
        assert!(!run(BareTitle::build(&params).unwrap().as_ref()).is_empty());

        // The stored automaton is taken when, and only when, the patterns are the same.
        let list = phrases_from(&params, true).unwrap();
        for anchors in [true, false] {
            let built = Index::new(list.all(), anchors, None);
            let bytes = built.stored().unwrap();
            assert!(!built.from_stored);
            assert!(Index::new(list.all(), anchors, Some(&bytes)).from_stored);
            assert!(!Index::new(list.all()[1..].to_vec(), anchors, Some(&bytes)).from_stored);
            assert!(!Index::new(list.all(), anchors, Some(&bytes[..100])).from_stored);
            assert!(!Index::new(list.all(), !anchors, Some(&bytes)).from_stored);
        }
    }

    #[test]
    fn bare_titles() {
        assert_eq!(
            bare("依据中华人民共和国安全生产法，制定本办法。"),
            ["中华人民共和国安全生产法"]
        );
        for ok in [
            "依据《中华人民共和国安全生产法》，制定本办法。",
            "《关于修改〈中华人民共和国安全生产法〉的决定》",
            "中华人民共和国个人所得税法实施条例\n第一条",
            "中华人民共和国食品安全法\n（2009年2月28日通过）",
            "1.中华人民共和国安全生产法（修订）",
            "审议中华人民共和国安全生产法修正案草案。",
            "遵守中华人民共和国有关法律。",
            "“中华人民共和国安全生产法”",
            "重点制定中国共产党重大事项请示报告条例，修订中国共产党纪律处分条例、中国共产党问责条例。",
            "根据中国共产党章程的规定，设立中国共产党的组织。",
        ] {
            assert!(bare(ok).is_empty(), "{ok}");
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "法",
            "中华人民共和国安全生",
            "\u{0}中华人民共和国🙂安全生产法",
            "》法《",
        ] {
            let _ = near_miss("", text);
            let _ = bare(text);
        }
    }
}
