//! Checks of the `placeholders` family (issue 3): what a template leaves behind when the writer
//! forgets to fill it in.
//!
//! - `placeholder` (DL501): placeholder marks — `XX`, `xx`, `XXX`, `××`, `○○`, `□□`, a year
//!   like `20XX`, and a lone `X` that stands where a number belongs (`X篇`, `X%`, `第X届`).
//!   Contiguous marks are one run (`X月X日`, `20XX年X月X日`, `XX市XX`).
//! - `template-slot` (DL502): bracketed fill-in instructions and field names (`（此处填写…）`,
//!   `【单位名称】`, `[键入文档标题]`) and the placeholder text of Word content controls.
//!
//! Both scan the text once, left to right; every look-around is bounded by a small constant, so
//! the cost is linear in the text. Allocation happens per finding, never per character.

use super::sampled::Sampled;
use super::{Builder, Check, Finding, Params, known_params, string_list};
use crate::source::Document;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;
use std::ops::Range;

/// The checks of this module, by id.
pub const CHECKS: &[(&str, Builder)] = &[
    ("placeholder", Placeholder::build),
    ("template-slot", TemplateSlot::build),
];

/// How far (in characters) a run's context is searched: quotation marks around it, a word like
/// 字样 after it in the same clause. Bounded so that the check stays linear.
const QUOTE_REACH: usize = 40;
const CLAUSE_REACH: usize = 30;
/// Longest bracket content (in characters) that can be a template slot.
const SLOT_REACH: usize = 40;
/// Longest bracketed field name (`【单位名称】`), in characters.
const FIELD_MAX: usize = 12;

/// A word list from the params, indexed by first and by last character, so that a lookup at a
/// position is a binary search and a comparison with the few words that can match there.
#[derive(Debug)]
struct Words {
    /// `(first character, word)`, by character, longest word first: the first match at a
    /// position is the longest (`万元` before `万`).
    by_first: Vec<(char, String)>,
    /// `(last character, word)`, likewise.
    by_last: Vec<(char, String)>,
}

impl Words {
    fn from_params(params: &Params, key: &str) -> Result<Words, String> {
        let list = string_list(params, key)?;
        if list.iter().any(String::is_empty) {
            return Err(format!("`{key}` must not contain an empty string"));
        }
        Ok(Words::new(list))
    }

    fn new(list: Vec<String>) -> Words {
        let index = |pick: fn(&str) -> Option<char>| {
            let mut v: Vec<(char, String)> = list
                .iter()
                .filter_map(|w| Some((pick(w)?, w.clone())))
                .collect();
            v.sort_by(|a, b| {
                a.0.cmp(&b.0)
                    .then(b.1.len().cmp(&a.1.len()))
                    .then(a.1.cmp(&b.1))
            });
            v.dedup();
            v
        };
        Words {
            by_first: index(|w| w.chars().next()),
            by_last: index(|w| w.chars().next_back()),
        }
    }

    fn with(index: &[(char, String)], c: char) -> impl Iterator<Item = &str> {
        let from = index.partition_point(|(k, _)| *k < c);
        index[from..]
            .iter()
            .take_while(move |(k, _)| *k == c)
            .map(|(_, w)| w.as_str())
    }

    /// The longest word `text` starts with.
    fn prefix_of(&self, text: &str) -> Option<&str> {
        let c = text.chars().next()?;
        Words::with(&self.by_first, c).find(|w| text.starts_with(w))
    }

    /// The longest word `text` ends with.
    fn suffix_of(&self, text: &str) -> Option<&str> {
        let c = text.chars().next_back()?;
        Words::with(&self.by_last, c).find(|w| text.ends_with(w))
    }

    /// Whether a word occurs in `text` (a short bracket content).
    fn occurs_in(&self, text: &str) -> bool {
        text.char_indices()
            .any(|(i, _)| self.prefix_of(&text[i..]).is_some())
    }
}

fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn next_char(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// `X`, `x` and their full-width forms.
fn is_x(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A letter or digit of a Latin word, half- or full-width: the unit a word boundary is about
/// (`XML`, `Xbox`, `docx`, `V2X` are words, not placeholders).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// A character of a written number: `○` and `〇` next to one are zeros (二○二○年, 第七六○研究所,
/// 第九〇〇医院), not placeholder circles.
fn is_numeral(c: char) -> bool {
    digit(c).is_some()
        || matches!(
            c,
            '〇' | '○'
                | '零'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
        )
}

/// Arithmetic around a lone `X` makes it a variable (1+X证书, “5+X”工作日, X=…), not a number
/// left blank.
fn is_operator(c: char) -> bool {
    matches!(
        c,
        '+' | '＋'
            | '-'
            | '－'
            | '−'
            | '='
            | '＝'
            | '×'
            | '÷'
            | '/'
            | '／'
            | '*'
            | '＊'
            | '<'
            | '>'
            | '＜'
            | '＞'
            | '≤'
            | '≥'
    )
}

/// Ends a clause: a run and a describing word after it must stand in the same clause.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | '!' | '?' | '\n' | '\r'
    )
}

/// Marks that are a placeholder when repeated: `××`, `○○`, `〇〇`, `□□`.
fn is_mark(c: char) -> bool {
    matches!(c, '×' | '○' | '〇' | '□')
}

/// One piece of a placeholder run.
#[derive(Debug, Clone, Copy)]
struct Atom {
    /// The marks themselves.
    start: usize,
    end: usize,
    /// End of the run if it stops here: a lone `X` takes the measure word or unit that makes
    /// it a number (`X篇`); other marks stop at themselves (`×××人民政府` is not `×××人`).
    tail: usize,
    /// A lone `X` with nothing to say it is a number: it joins a run (`X.X%`) but does not
    /// make one.
    weak: bool,
}

impl Atom {
    fn bare(span: Range<usize>) -> Atom {
        Atom {
            start: span.start,
            end: span.end,
            tail: span.end,
            weak: false,
        }
    }
}

/// DL501: placeholder marks left in the text.
#[derive(Debug)]
struct Placeholder {
    /// Measure words and units after a lone `X` that make it a number left blank.
    measures: Words,
    /// Words before a lone `X` that make it a number left blank (第X届).
    number_before: Words,
    /// Words after `XX`/`XXX` that make it a Roman numeral (XX世纪).
    roman_after: Words,
    /// `其中□□□为…`: the text defines the mark, so it is a convention of the text.
    defined_before: Words,
    defined_after: Words,
    /// Words later in the same clause that make the run part of a wording shown as such
    /// (加挂……××办事处牌子, “×××人民政府”字样).
    mention_after: Words,
    /// Words right after the closing quote around the run (“www.□□□.gov.cn”结构).
    quote_after: Words,
    /// Words right before the opening quote around the run (格式为“……”).
    quote_before: Words,
}

const PLACEHOLDER_PARAMS: &[&str] = &[
    "measures",
    "number_before",
    "roman_after",
    "defined_before",
    "defined_after",
    "mention_after",
    "quote_after",
    "quote_before",
];

impl Placeholder {
    fn build(params: &Params) -> Result<Box<dyn Check>, String> {
        known_params(params, PLACEHOLDER_PARAMS)?;
        Ok(Box::new(Placeholder {
            measures: Words::from_params(params, "measures")?,
            number_before: Words::from_params(params, "number_before")?,
            roman_after: Words::from_params(params, "roman_after")?,
            defined_before: Words::from_params(params, "defined_before")?,
            defined_after: Words::from_params(params, "defined_after")?,
            mention_after: Words::from_params(params, "mention_after")?,
            quote_after: Words::from_params(params, "quote_after")?,
            quote_before: Words::from_params(params, "quote_before")?,
        }))
    }

    /// Every atom in the text, in order.
    /// `marks`: the characters of `text` but the ideographs U+4000..U+9FFF (none is Latin or
    /// a mark), as [`super::Marks`] gives them.
    fn atoms(&self, text: &str, marks: impl Iterator<Item = (usize, char)>) -> Vec<Atom> {
        let mut atoms = Vec::new();
        let mut chars = marks.peekable();
        while let Some((start, c)) = chars.next() {
            if is_latin(c) {
                let mut end = start + c.len_utf8();
                while let Some(&(i, d)) = chars.peek() {
                    if i != end || !is_latin(d) {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
                if let Some(atom) = self.latin_atom(text, start..end) {
                    atoms.push(atom);
                }
            } else if is_mark(c) {
                let mut end = start + c.len_utf8();
                let mut n = 1;
                while let Some(&(i, d)) = chars.peek() {
                    if i != end || d != c {
                        break;
                    }
                    end = i + d.len_utf8();
                    n += 1;
                    chars.next();
                }
                // A single × multiplies (2×3, 280毫米×135毫米, 7×24小时); a single ○ or □ is a
                // bullet or a check box.
                let circle = c != '×' && c != '□';
                let numeral = circle
                    && (prev_char(text, start).is_some_and(is_numeral)
                        || next_char(text, end).is_some_and(is_numeral));
                if n >= 2 && !numeral {
                    atoms.push(Atom::bare(start..end));
                }
            }
        }
        atoms
    }

    /// Classifies a whole Latin word: `XX`, `xxx`, `20XX`, or a lone `X` that stands for a
    /// number. Other words (`XML`, `Xbox`, `docx`, `V2X`, `1920x1080`) are not placeholders.
    fn latin_atom(&self, text: &str, span: Range<usize>) -> Option<Atom> {
        let word = &text[span.clone()];
        let xs = word.chars().filter(|&c| is_x(c)).count();
        let digits = word.chars().take_while(|&c| digit(c).is_some()).count();
        let n = word.chars().count();
        if xs == 0 || digits + xs != n {
            return None;
        }
        if digits > 0 {
            // A year with its last digits blank (20XX, 202X); 3x3 and 2x are multiplication.
            let first = word.chars().next().and_then(digit);
            let year = n == 4 && digits >= 2 && matches!(first, Some(1 | 2));
            return year.then(|| Atom::bare(span));
        }
        if n >= 2 {
            return (!self.roman(text, &span)).then(|| Atom::bare(span));
        }
        // A lone X: X光, X射线, X线, X型, X轴 are words, 1+X a variable; it is a number left
        // blank only before a measure word or unit, or after 第.
        let before = prev_char(text, span.start);
        let after = next_char(text, span.end);
        if before.is_some_and(is_operator) || after.is_some_and(is_operator) {
            return None;
        }
        let measure = self
            .measures
            .prefix_of(&text[span.end..])
            .map_or(0, str::len);
        let ordinal = self.number_before.suffix_of(&text[..span.start]).is_some();
        Some(Atom {
            start: span.start,
            end: span.end,
            tail: span.end + measure,
            weak: measure == 0 && !ordinal,
        })
    }

    /// `XX`, `XXX` as a Roman numeral: an item number at the start of a line (`XX、`, `（XX）`,
    /// `XX.`), or before a word like 世纪.
    fn roman(&self, text: &str, span: &Range<usize>) -> bool {
        if self.roman_after.prefix_of(&text[span.end..]).is_some() {
            return true;
        }
        let mut rest = text[span.end..].chars();
        let item_end = match rest.next() {
            Some('、' | '．' | ')' | '）') => true,
            Some('.') => !rest.next().is_some_and(|c| c.is_ascii_alphabetic()),
            _ => false,
        };
        if !item_end {
            return false;
        }
        let mut before = text[..span.start]
            .chars()
            .rev()
            .skip_while(|&c| matches!(c, ' ' | '\t' | '\u{3000}'));
        match before.next() {
            None | Some('\n' | '\r') => true,
            Some('(' | '（') => before
                .find(|&c| !matches!(c, ' ' | '\t' | '\u{3000}'))
                .is_none_or(|c| c == '\n' || c == '\r'),
            _ => false,
        }
    }

    /// Joins atoms into runs: `X月X日` is one run, `XX市XX` too. Atoms join across at most one
    /// character (an ideograph, a digit, `.`, `:`); a weak lone `X` joins only across nothing or
    /// a `.`/`:`, and a run made only of weak atoms is dropped.
    fn runs(&self, text: &str, atoms: &[Atom]) -> Vec<Range<usize>> {
        let mut runs = Vec::new();
        let mut i = 0;
        while i < atoms.len() {
            let mut last = atoms[i];
            let mut strong = !last.weak;
            let start = last.start;
            let mut j = i + 1;
            while j < atoms.len() {
                let next = atoms[j];
                let gap = &text[last.end..next.start];
                let mut gap_chars = gap.chars();
                let joins = match (gap_chars.next(), gap_chars.next()) {
                    (None, _) => true,
                    (Some(c), None) => {
                        let punct = matches!(c, '.' | ':' | '．' | '：' | '·');
                        if last.weak || next.weak {
                            punct
                        } else {
                            punct || is_ideograph(c) || digit(c).is_some()
                        }
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                strong |= !next.weak;
                last = next;
                j += 1;
            }
            if strong {
                // An ordinal is reported whole: 第X届, 第XX条.
                let before = self
                    .number_before
                    .suffix_of(&text[..start])
                    .map_or(0, str::len);
                let mut end = last.tail;
                if before > 0 && end == last.end {
                    end += self.measures.prefix_of(&text[end..]).map_or(0, str::len);
                }
                runs.push(start - before..end);
            }
            i = j;
        }
        runs
    }

    /// The quotation around `span` on its line: the byte ranges of the opening and the closing
    /// mark, when both are near.
    fn quote(text: &str, span: &Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
        let mut open = None;
        for (i, c) in text[..span.start].char_indices().rev().take(QUOTE_REACH) {
            match c {
                '“' | '「' => {
                    open = Some(i..i + c.len_utf8());
                    break;
                }
                '”' | '」' | '\n' => return None,
                _ => {}
            }
        }
        let open = open?;
        for (i, c) in text[span.end..].char_indices().take(QUOTE_REACH) {
            match c {
                '”' | '」' => {
                    let at = span.end + i;
                    return Some((open, at..at + c.len_utf8()));
                }
                '“' | '「' | '\n' => return None,
                _ => {}
            }
        }
        None
    }

    /// Whether the text presents the run as a wording rather than using it as its own words,
    /// and the key under which it does: the quoted phrase when the run is quoted, else the run.
    fn mention<'t>(&self, text: &'t str, run: &Range<usize>) -> (bool, &'t str) {
        let quote = Self::quote(text, run);
        let key = match &quote {
            Some((open, close)) => &text[open.end..close.start],
            None => &text[run.clone()],
        };
        // 其中□□□为本地区名称的拼音: the text defines its own mark.
        if self.defined_before.suffix_of(&text[..run.start]).is_some()
            && self.defined_after.prefix_of(&text[run.end..]).is_some()
        {
            return (true, key);
        }
        // “×××人民政府”字样, “www.□□□.gov.cn”结构, 格式为“……”.
        if let Some((open, close)) = &quote {
            if self.quote_after.prefix_of(&text[close.end..]).is_some()
                || self.quote_before.suffix_of(&text[..open.start]).is_some()
            {
                return (true, key);
            }
        }
        // 加挂……××办事处牌子: the run is part of a name shown as such.
        for (i, c) in text[run.end..].char_indices().take(CLAUSE_REACH) {
            if ends_clause(c) {
                break;
            }
            if self.mention_after.prefix_of(&text[run.end + i..]).is_some() {
                return (true, key);
            }
        }
        (false, key)
    }
}

impl Check for Placeholder {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        let marks = super::Marks::of(doc);
        let runs = self.runs(text, &self.atoms(text, marks.within(text, 0..text.len())));
        let keyed: Vec<(&Range<usize>, bool, &str)> = runs
            .iter()
            .map(|run| {
                let (mention, key) = self.mention(text, run);
                (run, mention, key)
            })
            .collect();
        // A mark the text describes once is a convention of the whole text: the same quoted
        // phrase or the same mark elsewhere (与“×××人民政府”右端对齐, a line holding only □□□)
        // is a mention too.
        let described: HashSet<&str> = keyed
            .iter()
            .filter(|(_, mention, _)| *mention)
            .map(|(_, _, key)| *key)
            .collect();
        out.extend(
            keyed
                .iter()
                .filter(|(run, _, key)| {
                    !described.contains(key) && !described.contains(&text[(*run).clone()])
                })
                .map(|(run, _, _)| Finding::new((*run).clone())),
        );
    }
}

/// Bracket pairs a template slot can stand in, and whether the pair is one that 公文 text does
/// not use for its own words (so that a bare field name inside it is a slot).
const BRACKETS: &[(char, char, bool)] = &[
    ('（', '）', false),
    ('(', ')', false),
    ('【', '】', true),
    ('[', ']', true),
    ('［', '］', true),
    ('〔', '〕', true),
    ('〖', '〗', true),
    ('<', '>', true),
    ('＜', '＞', true),
];

/// Every opening bracket of [`BRACKETS`] in `text`: (byte offset, index in `BRACKETS`), in
/// order. The ASCII ones and the lead bytes of the others are found by `memchr` (an automaton
/// over the text cost three times as much: these bytes are everywhere in Chinese text's
/// continuation bytes, which its prefilter looks at).
fn openers(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let which = |at: usize| {
        let c = text[at..].chars().next()?;
        BRACKETS.iter().position(|b| b.0 == c).map(|k| (at, k))
    };
    let mut out: Vec<(usize, usize)> = memchr::memchr3_iter(b'(', b'[', b'<', bytes)
        .filter_map(which)
        .collect();
    let ascii = out.len();
    // '（' '［' '＜' start with 0xEF, '【' '〔' '〖' with 0xE3.
    out.extend(memchr::memchr2_iter(0xE3, 0xEF, bytes).filter_map(which));
    if ascii > 0 && ascii < out.len() {
        out.sort_unstable();
    }
    out
}

fn phrases(list: &[String]) -> Result<Option<AhoCorasick>, String> {
    if list.iter().any(String::is_empty) {
        return Err("`phrases` must not contain an empty string".to_string());
    }
    if list.is_empty() {
        return Ok(None);
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(list)
        .map(Some)
        .map_err(|e| format!("`phrases`: {e}"))
}

/// DL502: fill-in instructions and field names of a template.
#[derive(Debug)]
struct TemplateSlot {
    /// Inside any bracket: words that address the writer of the document (此处填写, 在此输入).
    instructions: Words,
    /// Inside 【】[]〔〕<>: how an instruction begins (请填写, 键入).
    starts: Words,
    /// Inside 【】[]〔〕<>: how a bare field name ends (名称, 全称, 姓名).
    fields: Words,
    /// After 【】[]〔〕<>: words that make the bracket a reference to a form field (栏, 按钮).
    reference_after: Words,
    /// Anywhere: placeholder text of word-processor content controls, leftmost-longest
    /// (单击或点击此处输入文字 holds 点击此处输入文字).
    phrases: Option<AhoCorasick>,
    /// Where `phrases` may occur (they are long: a few bytes every few characters tell).
    phrases_gate: Option<Sampled>,
}

impl TemplateSlot {
    fn build(params: &Params) -> Result<Box<dyn Check>, String> {
        known_params(
            params,
            &[
                "instructions",
                "starts",
                "fields",
                "reference_after",
                "phrases",
            ],
        )?;
        Ok(Box::new(TemplateSlot {
            instructions: Words::from_params(params, "instructions")?,
            starts: Words::from_params(params, "starts")?,
            fields: Words::from_params(params, "fields")?,
            reference_after: Words::from_params(params, "reference_after")?,
            phrases: phrases(&string_list(params, "phrases")?)?,
            phrases_gate: Sampled::new(&string_list(params, "phrases")?),
        }))
    }

    /// Whether a bracket holding `content` is a slot; `after` is the text after the closing mark.
    fn is_slot(&self, content: &str, square: bool, after: &str) -> bool {
        if self.instructions.occurs_in(content) {
            return true;
        }
        if !square {
            return false;
        }
        // 【会议时间】2024年5月10日 and 【主办单位】：… label the value that follows;
        // [名称](url) is a Markdown link; 在【单位名称】栏填写 refers to a field of a form.
        let label = after
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '：' | ':' | '(') || is_numeral(c));
        if label || self.reference_after.prefix_of(after).is_some() {
            return false;
        }
        // An instruction says what to fill in: 【键入】 alone is the name of a button.
        if self
            .starts
            .prefix_of(content)
            .is_some_and(|w| w.len() < content.len())
        {
            return true;
        }
        let n = content.chars().count();
        n <= FIELD_MAX
            && content.chars().all(is_ideograph)
            && self.fields.suffix_of(content).is_some()
    }
}

impl Check for TemplateSlot {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        let mut slots: Vec<Range<usize>> = Vec::new();
        // Where the scan resumes: after the last slot found.
        let mut pos = 0;
        for (start, b) in openers(text) {
            if start < pos {
                continue;
            }
            let (open, close, square) = BRACKETS[b];
            pos = start + open.len_utf8();
            let mut end = None;
            for (i, d) in text[pos..].char_indices().take(SLOT_REACH + 1) {
                if d == close {
                    end = Some(pos + i);
                    break;
                }
                if d == open || d == '\n' {
                    break;
                }
            }
            let Some(end) = end else { continue };
            let outer = end + close.len_utf8();
            let content = &text[pos..end];
            // An empty 【】 or 〔〕 (X政发〔　　〕X号) waits for its content; an empty （） or []
            // is the answer box of a form or a Markdown task.
            let empty = content.chars().all(|c| matches!(c, ' ' | '\u{3000}'))
                && matches!(open, '【' | '〔');
            if empty || self.is_slot(content, square, &text[outer..]) {
                slots.push(start..outer);
                pos = outer;
            }
        }
        // Content-control text inside a slot already reported is not reported again.
        let mut phrases: Vec<Range<usize>> = Vec::new();
        if let Some(ac) = &self.phrases {
            let find = |w: Range<usize>| {
                ac.find_iter(&text[w.clone()])
                    .map(move |m| m.start() + w.start..m.end() + w.start)
            };
            match &self.phrases_gate {
                Some(gate) => phrases.extend(gate.stretches(text).into_iter().flat_map(find)),
                None => phrases.extend(find(0..text.len())),
            }
        }
        phrases.retain(|p| {
            let i = slots.partition_point(|s| s.start <= p.start);
            i == 0 || slots[i - 1].end < p.end
        });
        let first = out.len();
        out.extend(slots.into_iter().chain(phrases).map(Finding::new));
        out[first..].sort_by_key(|f| f.span.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check `id` with the params the shipped rule set gives it.
    fn shipped(id: &str) -> Box<dyn Check> {
        let set: toml::Table = toml::from_str(include_str!("../../rules/placeholders.toml"))
            .expect("rules/placeholders.toml parses");
        let rule = set["rule"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["check"].as_str() == Some(id))
            .unwrap();
        let params = rule["params"].as_table().unwrap();
        let build = CHECKS.iter().find(|(name, _)| *name == id).unwrap().1;
        build(params).unwrap()
    }

    #[test]
    fn openers_are_found_as_an_automaton_finds_them() {
        let open: Vec<String> = BRACKETS.iter().map(|b| b.0.to_string()).collect();
        let ac = AhoCorasick::new(&open).unwrap();
        let text = "（一）[草稿]〔2024〕<名称>【单位】〖甲〗［乙］＜丙＞(丁)，“”、。ａ１".repeat(3);
        let want: Vec<(usize, usize)> = ac
            .find_iter(&text)
            .map(|m| (m.start(), m.pattern().as_usize()))
            .collect();
        assert_eq!(want.len(), 27);
        assert_eq!(openers(&text), want);
        assert!(openers("").is_empty());
    }

    fn found(id: &str, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        shipped(id).run(&Document::new("t", text), &mut out);
        out.iter()
            .map(|f| text[f.span.clone()].to_string())
            .collect()
    }

    fn placeholders(text: &str) -> Vec<String> {
        found("placeholder", text)
    }

    fn slots(text: &str) -> Vec<String> {
        found("template-slot", text)
    }

    #[test]
    fn contiguous_marks_are_one_run() {
        assert_eq!(placeholders("定于X月X日召开"), ["X月X日"]);
        assert_eq!(placeholders("20XX年X月X日"), ["20XX年X月X日"]);
        assert_eq!(placeholders("XX月XX日前报送"), ["XX月XX"]);
        assert_eq!(placeholders("XX市XX区人民政府"), ["XX市XX"]);
        assert_eq!(placeholders("增长X.X%"), ["X.X%"]);
        assert_eq!(
            placeholders("增长XX.X%，下降X个百分点"),
            ["XX.X%", "X个百分点"]
        );
        assert_eq!(placeholders("××□□"), ["××□□"]);
        // Apart by more than one character, or by punctuation: two runs.
        assert_eq!(placeholders("由XX、XX负责"), ["XX", "XX"]);
        assert_eq!(placeholders("XX同志在XX会议上"), ["XX", "XX"]);
        // A lone X with no measure does not join across an ideograph.
        assert_eq!(placeholders("X光XX"), ["XX"]);
    }

    #[test]
    fn a_lone_x_is_a_number_only_before_a_measure_or_after_di() {
        for text in [
            "X次", "X篇", "X人", "X个", "X%", "X万元", "第X届", "第X条", "Ｘ篇", "x名",
        ] {
            assert_eq!(placeholders(text), [text], "{text}");
        }
        assert_eq!(placeholders("投资X万元。"), ["X万元"]);
        for text in [
            "X光机",
            "X射线",
            "X线片",
            "X型钢",
            "X轴",
            "X染色体",
            "x轴和y轴",
            "X、Y两个方向",
            "1+X证书",
            "“5+X”工作日",
            "医学＋X",
            "X=2",
            "用X代表消防救援",
            "iPhone X手机",
            "X-1型",
            "X",
            "Ｘ光",
        ] {
            assert!(placeholders(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn latin_words_are_not_placeholders() {
        for text in [
            "XML",
            "Xbox",
            "docx",
            "XXL码",
            "C—V2X",
            "1920x1080",
            "3x3米",
            "2x",
            "0x00",
            "X86",
            "Tax",
            "index",
        ] {
            assert!(placeholders(text).is_empty(), "{text}");
        }
        assert_eq!(placeholders("XX.docx"), ["XX"]);
        assert_eq!(placeholders("xxx"), ["xxx"]);
        assert_eq!(placeholders("ＸＸ公司"), ["ＸＸ"]);
        assert_eq!(placeholders("202X年"), ["202X"]);
        assert_eq!(placeholders("19XX"), ["19XX"]);
        assert!(placeholders("2020X").is_empty());
    }

    #[test]
    fn roman_numerals_in_a_numeral_context() {
        for text in [
            "XX、人工智能",
            "  XX. 数字治理",
            "（XX）附则",
            "进入XX世纪以来",
            "正文\nXXX、附则",
        ] {
            assert!(placeholders(text).is_empty(), "{text}");
        }
        // Not at the start of a line, or not followed by a list separator: a placeholder.
        assert_eq!(placeholders("根据XX、XX等单位"), ["XX", "XX"]);
        assert_eq!(placeholders("XX：\n"), ["XX"]);
        assert_eq!(placeholders("第XX条"), ["第XX条"]);
    }

    #[test]
    fn multiplication_numerals_and_single_marks() {
        for text in [
            "销售额×税率",
            "280毫米×135毫米",
            "7×24小时",
            "二○二○年",
            "二○○○年",
            "第七六○研究所",
            "第九〇〇医院",
            "2○○8年",
            "○ 项目一",
            "□是 □否",
        ] {
            assert!(placeholders(text).is_empty(), "{text}");
        }
        for text in ["××", "×××", "○○", "〇〇〇", "□□"] {
            assert_eq!(placeholders(&format!("{text}单位")), [text]);
        }
    }

    #[test]
    fn a_mark_the_text_describes_is_a_mention() {
        // Quoted and followed by 字样; the same quoted wording later in the text too.
        let text = "“×××人民政府”字样为黑色，与“×××人民政府”右端对齐。";
        assert!(placeholders(text).is_empty());
        // The description covers that wording only.
        assert_eq!(
            placeholders("“×××人民政府”字样为黑色。×××同志出席。"),
            ["×××"]
        );
        assert!(placeholders("加挂管理办公室××办事处牌子").is_empty());
        // 牌子 in another clause does not describe the run.
        assert_eq!(placeholders("××单位，制作牌子"), ["××"]);
        assert!(placeholders("使用“www.□□□.gov.cn”结构的域名").is_empty());
        assert!(placeholders("格式为“XX市XX局”").is_empty());
        // Defined once: every occurrence, even alone on a line.
        assert!(placeholders("“www\n□□□\ngov\ncn”，其中□□□为本地区名称").is_empty());
        // Quoted without a describing word: a leftover.
        assert_eq!(placeholders("开展“XX杯”竞赛"), ["XX"]);
    }

    #[test]
    fn template_slots() {
        assert_eq!(
            slots("（此处填写单位名称）关于……的报告"),
            ["（此处填写单位名称）"]
        );
        assert_eq!(slots("【单位名称】全面落实"), ["【单位名称】"]);
        assert_eq!(slots("[键入文档标题]"), ["[键入文档标题]"]);
        assert_eq!(slots("请<单位名称>于"), ["<单位名称>"]);
        assert_eq!(slots("X政发〔　　〕X号"), ["〔　　〕"]);
        assert_eq!(slots("【】"), ["【】"]);
        // Content-control text: reported once, the longest form, and not again inside a slot.
        assert_eq!(
            slots("单击或点击此处输入文字。"),
            ["单击或点击此处输入文字"]
        );
        assert_eq!(slots("[单击此处输入文字]"), ["[单击此处输入文字]"]);
        for text in [
            "（此处略）",
            "（单位名称）",
            "申报单位（盖章）",
            "（ ）",
            "- [ ] 任务",
            "【会议时间】2024年5月10日",
            "【主办单位】：县政府",
            "在【单位名称】栏填写全称",
            "点击【输入】按钮",
            "【键入】",
            "[单位名称](https://example.org)",
            "国发〔2021〕23号",
            "〔国务院审改办〕",
            "【背景】",
            "【发布单位】国务院办公厅",
            "【标题】关于做好春节期间有关工作的通知",
            "【成文日期】二〇二四年一月五日",
            "详见附件（点击此处下载）",
            "请分别填写每个季度的数量",
        ] {
            assert!(slots(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn unclosed_and_nested_brackets() {
        assert!(slots("（此处填写单位名称").is_empty());
        assert_eq!(
            slots("（见【单位名称】）"),
            ["【单位名称】"],
            "an inner slot is found when the outer bracket is not one"
        );
        // A closing mark too far away is not this bracket's.
        let far = format!("【{}名称】", "很".repeat(SLOT_REACH + 1));
        assert!(slots(&far).is_empty());
    }

    #[test]
    fn params_are_checked() {
        let bad: Params = toml::from_str("measure = [\"篇\"]").unwrap();
        assert!(
            Placeholder::build(&bad)
                .unwrap_err()
                .contains("unknown param `measure`")
        );
        let empty: Params = toml::from_str("measures = [\"\"]").unwrap();
        assert!(Placeholder::build(&empty).unwrap_err().contains("empty"));
        let bad: Params = toml::from_str("field = [\"名称\"]").unwrap();
        assert!(TemplateSlot::build(&bad).is_err());
        // Without params only the marks themselves are found.
        let bare = Placeholder::build(&Params::new()).unwrap();
        let doc = Document::new("t", "XX区完成X篇");
        let mut out = Vec::new();
        bare.run(&doc, &mut out);
        assert_eq!(out.len(), 1);
    }

    /// Spans on character boundaries, no panic, on text made of the characters the checks
    /// look at.
    #[test]
    fn any_text_gives_valid_spans() {
        let alphabet: Vec<char> = "XxＸｘ×○〇□二0２第篇月年%+“”「」（）()【】[]〔〕<>＜＞、.：:\n 此处填写名称字样其中为请单击或点击输入文字栏"
            .chars()
            .collect();
        let checks = [shipped("placeholder"), shipped("template-slot")];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let len = (seed % 24) as usize;
            let mut text = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let doc = Document::new("t", text.as_str());
            for check in &checks {
                let mut out = Vec::new();
                check.run(&doc, &mut out);
                for f in out {
                    assert!(
                        f.span.start < f.span.end && f.span.end <= text.len(),
                        "{text:?}"
                    );
                    assert!(text.is_char_boundary(f.span.start), "{text:?}");
                    assert!(text.is_char_boundary(f.span.end), "{text:?}");
                }
            }
        }
    }

    /// A long single line of candidates is one linear pass (this would take minutes if any
    /// look-around were unbounded).
    #[test]
    fn long_lines_stay_linear() {
        let doc = Document::new("t", "X月X日“（【".repeat(200_000));
        let mut out = Vec::new();
        shipped("placeholder").run(&doc, &mut out);
        assert_eq!(out.len(), 200_000);
        out.clear();
        shipped("template-slot").run(&doc, &mut out);
        assert!(out.is_empty());
    }
}
