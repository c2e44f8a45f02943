//! Brackets and quotes, which come in pairs: ASCII parentheses in Chinese text (DL803),
//! straight quotes (DL804, and DL807 when mixed with curly ones), a bracket or quote with
//! no partner (DL805), a quote turned the wrong way (DL806).
//!
//! One pass over the lines pairs every kind on its own (a crossing such as `（《）》` is not
//! looked for). A paragraph is a line, with two tolerances:
//! - a bracket may close on one of the next few lines: hard-wrapped text files and
//!   converted documents break lines inside a parenthesis;
//! - GB/T 15834 lets a quotation of several paragraphs open every paragraph with “ and
//!   close only at the end of the last; some documents also leave out the repeated “. An
//!   unclosed “ therefore waits for a ” over the next paragraphs before it is reported.
//!
//! ASCII parentheses pair with full-width ones (`中国(北京）` is one pair with a wrong
//! half), so a wrong form is reported once, as a form, not also as unmatched.

use super::chars::{at, before, is_bare_number_line, is_chinese, is_cn_numeral, is_han};
use crate::checks::{Marks, MarksWithin};
use crate::source::Document;
use std::ops::Range;

/// What an [`Issue`] is about; each kind is one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// DL803: `(` or `)` in Chinese text.
    AsciiParen,
    /// DL804: a straight quote in a paragraph that has no curly quotes.
    StraightQuote,
    /// DL807: a straight quote in a paragraph that also has curly quotes.
    MixedQuote,
    /// DL805: an opening mark never closed, or a closing mark never opened.
    Unmatched,
    /// DL806: “ where ” belongs or the other way round.
    Direction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub kind: Kind,
    /// Byte range in the document.
    pub span: Range<usize>,
    pub fix: Option<String>,
    pub certain: bool,
    pub note: Option<String>,
}

/// Lines after its own on which a bracket may still close.
const BRACKET_WINDOW: u8 = 3;
/// Paragraphs over which an unclosed “ waits for its ”.
const QUOTE_WINDOW: u8 = 10;
/// Characters looked at for a Chinese character between two paired marks.
const CONTENT_LOOK: usize = 100;

/// Every bracket and quote issue of the document, in no particular order.
pub fn analyze(doc: &Document) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut brackets = Brackets::default();
    let mut double = Quotes::new("引号", '“', '”', ['"', '＂'], QUOTE_WINDOW);
    let mut single = Quotes::new("单引号", '‘', '’', ['\'', '＇'], 0);
    let mut scratch = Scratch::default();
    let marks = Marks::of(doc);
    let mut marks = marks.cursor();
    for index in 0..doc.line_count() {
        let range = doc.line_range(index);
        let line = &doc.text[range.clone()];
        if line.trim().is_empty() {
            continue;
        }
        let line = Line {
            text: line,
            base: range.start,
            bare: is_bare_number_line(line),
            marks: marks.within(&doc.text, range),
        };
        brackets.line(&line, &mut issues);
        double.line(&line, &mut scratch, &mut issues);
        single.line(&line, &mut scratch, &mut issues);
    }
    brackets.finish(&mut issues);
    double.finish(&mut issues);
    single.finish(&mut issues);
    issues
}

struct Line<'a> {
    text: &'a str,
    /// Byte offset of the line in the document.
    base: usize,
    /// A line holding only a heading number: not a paragraph of its own.
    bare: bool,
    /// Its characters but the ideographs (no ideograph is a bracket or a quotation mark).
    marks: MarksWithin<'a>,
}

impl Line<'_> {
    /// Whether the character before or after the one-byte-or-more mark at `j` is Chinese.
    fn chinese_around(&self, j: usize, len: usize) -> bool {
        before(self.text, j).is_some_and(is_chinese)
            || at(self.text, j + len).is_some_and(is_chinese)
    }

    /// Whether a Chinese character lies between two marks of this line.
    fn han_between(&self, from: usize, to: usize) -> bool {
        from < to && self.text[from..to].chars().take(CONTENT_LOOK).any(is_han)
    }
}

fn unmatched(span: Range<usize>, note: String) -> Issue {
    Issue {
        kind: Kind::Unmatched,
        span,
        fix: None,
        certain: false,
        note: Some(note),
    }
}

fn ascii_paren(pos: usize, open: bool) -> Issue {
    Issue {
        kind: Kind::AsciiParen,
        span: pos..pos + 1,
        fix: Some(if open { "（" } else { "）" }.to_string()),
        certain: true,
        note: None,
    }
}

/// `(试行)` written with two ASCII halves on one line: one finding for the pair (one mistake,
/// one fix), as long as the span stays short enough to read in a message.
fn ascii_pair(open: usize, close: usize, inner: &str) -> Issue {
    Issue {
        kind: Kind::AsciiParen,
        span: open..close + 1,
        fix: Some(format!("（{inner}）")),
        certain: true,
        note: None,
    }
}

/// Characters inside a pair of ASCII parentheses up to which the pair is reported as one.
const PAIR_MAX_CHARS: usize = 30;

// ----------------------------------------------------------------------------------------
// Brackets

/// The bracket pairs of Chinese text (GB/T 15834 4.9, 4.15): （） 《》 〈〉 【】 〔〕.
const BRACKETS: [(char, char); 5] = [
    ('（', '）'),
    ('《', '》'),
    ('〈', '〉'),
    ('【', '】'),
    ('〔', '〕'),
];

/// What each pair is called in a message (the marks themselves, put in quotes, would be
/// hard to read: “““).
const NAMES: [&str; 5] = ["括号", "书名号", "单书名号", "方头括号", "六角括号"];

fn note_unclosed(name: &str, open: char, close: char) -> String {
    format!("有前{name}{open}而没有后{name}{close}")
}

fn note_unopened(name: &str, open: char, close: char) -> String {
    format!("有后{name}{close}而没有前{name}{open}")
}

/// The pair index and direction of a bracket; ASCII parentheses count as （）.
fn bracket(c: char) -> Option<(usize, bool)> {
    match c {
        '(' => Some((0, true)),
        ')' => Some((0, false)),
        _ => BRACKETS.iter().enumerate().find_map(|(i, &(o, cl))| {
            if c == o {
                Some((i, true))
            } else if c == cl {
                Some((i, false))
            } else {
                None
            }
        }),
    }
}

#[derive(Debug, Clone, Copy)]
struct Open {
    /// Byte offset in the document.
    pos: usize,
    /// Byte offset in its line, and of the character after it, when on the line being read.
    col: usize,
    col_end: usize,
    ascii: bool,
    /// The mark has a Chinese neighbour.
    chinese: bool,
}

#[derive(Default)]
struct Brackets {
    /// Per pair kind: openers of the current line, innermost last.
    stack: [Vec<Open>; 5],
    /// Per pair kind: openers of earlier lines still waiting, with lines left.
    carried: [Vec<(Open, u8)>; 5],
}

impl Brackets {
    fn line(&mut self, line: &Line, issues: &mut Vec<Issue>) {
        for (j, c) in line.marks.clone() {
            let Some((kind, is_open)) = bracket(c) else {
                continue;
            };
            let ascii = c.is_ascii();
            let chinese = line.chinese_around(j, c.len_utf8());
            if is_open {
                self.stack[kind].push(Open {
                    pos: line.base + j,
                    col: j,
                    col_end: j + c.len_utf8(),
                    ascii,
                    chinese,
                });
                continue;
            }
            let close_pos = line.base + j;
            if let Some(open) = self.stack[kind].pop() {
                if open.ascii || ascii {
                    // `规划(2016-2035年)` `(1)加强` are Chinese text; `f(x)` and
                    // `Hello (world)` are not, whatever follows them.
                    let outer_after = at(line.text, j + c.len_utf8()).is_some_and(is_chinese);
                    let open_outer = before(line.text, open.col);
                    // An item number opens its line, after at most some indentation.
                    let line_start = || open.col <= 120 && line.text[..open.col].trim().is_empty();
                    let chinese = open.ascii != ascii
                        || open_outer.is_some_and(is_chinese)
                        || (outer_after && line_start())
                        || line.han_between(open.col_end, j);
                    let inner = &line.text[open.col_end..j];
                    if chinese && open.ascii && ascii && inner.chars().count() <= PAIR_MAX_CHARS {
                        issues.push(ascii_pair(open.pos, close_pos, inner));
                    } else if chinese {
                        if open.ascii {
                            issues.push(ascii_paren(open.pos, true));
                        }
                        if ascii {
                            issues.push(ascii_paren(close_pos, false));
                        }
                    }
                }
            } else if let Some((open, _)) = self.carried[kind].pop() {
                // Closed on a later line.
                if open.ascii && (open.chinese || chinese || !ascii) {
                    issues.push(ascii_paren(open.pos, true));
                }
                if ascii && (chinese || !open.ascii || open.chinese) {
                    issues.push(ascii_paren(close_pos, false));
                }
            } else {
                if ascii && chinese {
                    issues.push(ascii_paren(close_pos, false));
                }
                if (!ascii || chinese) && !(kind == 0 && is_enumerator(line.text, j)) {
                    let (o, cl) = BRACKETS[kind];
                    issues.push(unmatched(
                        close_pos..close_pos + c.len_utf8(),
                        note_unopened(NAMES[kind], o, cl),
                    ));
                }
            }
        }
        for kind in 0..BRACKETS.len() {
            let carried = &mut self.carried[kind];
            if !line.bare {
                // This line was one more chance for the older openers; some run out.
                carried.retain_mut(|(open, left)| {
                    *left -= 1;
                    if *left == 0 {
                        unclosed(kind, open, issues);
                    }
                    *left > 0
                });
            }
            carried.extend(self.stack[kind].drain(..).map(|o| (o, BRACKET_WINDOW)));
        }
    }

    fn finish(&mut self, issues: &mut Vec<Issue>) {
        for kind in 0..BRACKETS.len() {
            for (open, _) in self.carried[kind].drain(..) {
                unclosed(kind, &open, issues);
            }
        }
    }
}

fn unclosed(kind: usize, open: &Open, issues: &mut Vec<Issue>) {
    if open.ascii {
        if !open.chinese {
            return;
        }
        issues.push(ascii_paren(open.pos, true));
    }
    let (o, cl) = BRACKETS[kind];
    let len = if open.ascii { 1 } else { o.len_utf8() };
    issues.push(unmatched(
        open.pos..open.pos + len,
        note_unclosed(NAMES[kind], o, cl),
    ));
}

/// `1）` `a)` `二）` at the start of a line or a clause: an item number written with a
/// closing parenthesis only, a form in common use.
fn is_enumerator(line: &str, j: usize) -> bool {
    let mut start = j;
    let mut n = 0;
    for (k, c) in line[..j].char_indices().rev() {
        if n < 3 && (c.is_ascii_alphanumeric() || is_cn_numeral(c)) {
            start = k;
            n += 1;
        } else {
            break;
        }
    }
    n > 0
        && before(line, start).is_none_or(|p| {
            p.is_whitespace() || matches!(p, '。' | '；' | '，' | '：' | '、' | ';' | ',' | ':')
        })
}

// ----------------------------------------------------------------------------------------
// Quotes

/// `23’45”`: a ” after the digits that follow a minute mark is a second of arc, not a quote.
fn is_arc_seconds(line: &str, j: usize) -> bool {
    let digits = line.as_bytes()[..j]
        .iter()
        .rev()
        .take(4)
        .take_while(|b| b.is_ascii_digit())
        .count();
    digits > 0 && matches!(before(line, j - digits), Some('’' | '\'' | '′'))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Straight,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    /// Byte offset in the line, and its length in bytes.
    col: usize,
    len: usize,
    role: Role,
    /// For a straight quote, the direction it takes in its paragraph.
    opens: bool,
    /// The index of the token it pairs with.
    partner: Option<usize>,
}

#[derive(Default)]
struct Scratch {
    toks: Vec<Tok>,
    stack: Vec<usize>,
}

struct Quotes {
    name: &'static str,
    open: char,
    close: char,
    /// The straight form, ASCII or full-width (＂ ＇, from some input methods).
    straight: [char; 2],
    window: u8,
    /// An opening quote of an earlier paragraph still open: document offset, paragraphs left.
    carried: Option<(usize, u8)>,
}

impl Quotes {
    fn new(name: &'static str, open: char, close: char, straight: [char; 2], window: u8) -> Quotes {
        Quotes {
            name,
            open,
            close,
            straight,
            window,
            carried: None,
        }
    }

    fn role(&self, line: &str, j: usize, c: char) -> Option<Role> {
        let latin = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphanumeric());
        let (prev, next) = (before(line, j), at(line, j + c.len_utf8()));
        if c == self.open {
            Some(Role::Open)
        } else if c == self.close {
            // China’s, Xi’an: an apostrophe. 东经116°23’45”: minutes and seconds of arc.
            let apostrophe = self.open == '‘' && latin(prev) && latin(next);
            let minutes = self.open == '‘' && prev.is_some_and(|p| p.is_ascii_digit());
            (!(apostrophe || minutes || is_arc_seconds(line, j))).then_some(Role::Close)
        } else if self.straight.contains(&c) {
            // don't, Xi'an, 5'30": apostrophes and primes belong to Latin text and numbers.
            let prime = prev.is_some_and(|p| p.is_ascii_digit()) && !next.is_some_and(is_han);
            (!(prime || latin(prev) && latin(next))).then_some(Role::Straight)
        } else {
            None
        }
    }

    fn line(&mut self, line: &Line, scratch: &mut Scratch, issues: &mut Vec<Issue>) {
        let Scratch { toks, stack } = scratch;
        toks.clear();
        stack.clear();
        for (j, c) in line.marks.clone() {
            if c != self.open && c != self.close && !self.straight.contains(&c) {
                continue;
            }
            if let Some(role) = self.role(line.text, j, c) {
                toks.push(Tok {
                    col: j,
                    len: c.len_utf8(),
                    role,
                    opens: false,
                    partner: None,
                });
            }
        }
        let first = issues.len();
        let mut carried_open = self.carried.is_some();
        let mut continued = false;
        let mut from = 0;
        let text_start = line.text.len() - line.text.trim_start().len();
        if carried_open
            && toks
                .first()
                .is_some_and(|t| t.col == text_start && t.role == Role::Open)
        {
            // A quotation that goes on: this paragraph opens with “ again.
            self.carried = Some((line.base + text_start, self.window));
            continued = true;
            from = 1;
        }
        for j in from..toks.len() {
            let next = toks.get(j + 1).map(|t| t.role);
            match toks[j].role {
                Role::Open => {
                    if !stack.is_empty() && !matches!(next, Some(Role::Close | Role::Straight)) {
                        // “…“ with nothing to close the second: it is a closing quote.
                        issues.push(self.direction(line, toks[j].col, false));
                        let o = stack.pop().expect("not empty");
                        toks[o].partner = Some(j);
                    } else {
                        stack.push(j);
                    }
                }
                Role::Close => {
                    if let Some(o) = stack.pop() {
                        toks[o].partner = Some(j);
                        toks[j].partner = Some(o);
                    } else if carried_open {
                        carried_open = false;
                        self.carried = None;
                    } else if next == Some(Role::Close) {
                        // ”…” : the first one opens.
                        issues.push(self.direction(line, toks[j].col, true));
                        stack.push(j);
                    } else {
                        let pos = line.base + toks[j].col;
                        issues.push(unmatched(
                            pos..pos + self.close.len_utf8(),
                            note_unopened(self.name, self.open, self.close),
                        ));
                    }
                }
                Role::Straight => {
                    if let Some(o) = stack.pop() {
                        toks[o].partner = Some(j);
                        toks[j].partner = Some(o);
                    } else {
                        toks[j].opens = true;
                        stack.push(j);
                    }
                }
            }
        }
        // The paragraph balances once the reported quotes are turned: their fixes are sure.
        let balanced =
            stack.is_empty() && !issues[first..].iter().any(|i| i.kind == Kind::Unmatched);
        for issue in &mut issues[first..] {
            issue.certain = balanced;
        }
        // Openers left: the first may open a quotation that runs on; the others are unclosed.
        let mut keep = None;
        if !carried_open && self.window > 0 {
            keep = stack
                .first()
                .copied()
                .filter(|&o| toks[o].role == Role::Open);
        }
        for &o in stack.iter() {
            if Some(o) == keep || toks[o].role == Role::Straight {
                continue;
            }
            let pos = line.base + toks[o].col;
            issues.push(self.unclosed(pos));
        }
        if let Some(o) = keep {
            self.carried = Some((line.base + toks[o].col, self.window));
        } else if carried_open && !continued && !line.bare {
            if let Some((pos, left)) = &mut self.carried {
                *left -= 1;
                if *left == 0 {
                    let pos = *pos;
                    self.carried = None;
                    issues.push(self.unclosed(pos));
                }
            }
        }
        self.straight_issues(line, toks, balanced, issues);
    }

    fn straight_issues(&self, line: &Line, toks: &[Tok], balanced: bool, issues: &mut Vec<Issue>) {
        let mixed = toks.iter().any(|t| t.role != Role::Straight);
        for t in toks.iter().filter(|t| t.role == Role::Straight) {
            let partner = t.partner.map(|p| toks[p]);
            let chinese = line.chinese_around(t.col, t.len)
                || partner.is_some_and(|p| {
                    let (a, b) = if p.col < t.col { (p, *t) } else { (*t, p) };
                    line.chinese_around(p.col, p.len) || line.han_between(a.col + a.len, b.col)
                });
            if !chinese {
                continue;
            }
            let pos = line.base + t.col;
            let fix = if t.opens { self.open } else { self.close };
            issues.push(Issue {
                kind: if mixed {
                    Kind::MixedQuote
                } else {
                    Kind::StraightQuote
                },
                span: pos..pos + t.len,
                fix: Some(fix.to_string()),
                certain: balanced && partner.is_some(),
                note: None,
            });
        }
    }

    fn direction(&self, line: &Line, col: usize, to_open: bool) -> Issue {
        let pos = line.base + col;
        let (found, fix) = if to_open {
            (self.close, self.open)
        } else {
            (self.open, self.close)
        };
        Issue {
            kind: Kind::Direction,
            span: pos..pos + found.len_utf8(),
            fix: Some(fix.to_string()),
            certain: false,
            note: None,
        }
    }

    fn unclosed(&self, pos: usize) -> Issue {
        unmatched(
            pos..pos + self.open.len_utf8(),
            note_unclosed(self.name, self.open, self.close),
        )
    }

    fn finish(&mut self, issues: &mut Vec<Issue>) {
        if let Some((pos, _)) = self.carried.take() {
            issues.push(self.unclosed(pos));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (kind, found, fix, certain) of every issue, in text order.
    fn issues(text: &str) -> Vec<(Kind, String, String, bool)> {
        let doc = Document::new("t", text);
        let mut v = analyze(&doc);
        v.sort_by_key(|i| (i.span.start, i.span.end));
        v.into_iter()
            .map(|i| {
                (
                    i.kind,
                    text[i.span].to_string(),
                    i.fix.unwrap_or_default(),
                    i.certain,
                )
            })
            .collect()
    }

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        issues(text)
            .into_iter()
            .map(|(k, f, _, _)| (k, f))
            .collect()
    }

    use Kind::*;

    #[test]
    fn clean_text_has_no_issue() {
        for ok in [
            "根据《中华人民共和国安全生产法》（以下简称《安全生产法》），制定本办法。",
            "他强调：“要坚持‘两个毫不动摇’，推动高质量发展。”",
            "函数f(x)的取值，Hello (world)。",
            "1）加强组织领导；2）落实工作责任。",
            "a) 第一项",
            "China’s economy, Xi'an, don't, 5'30\"",
            "国发〔2024〕1号",
            "坐标为东经116°23’45”，北纬39°54’27”。",
        ] {
            assert_eq!(kinds(ok), [], "{ok}");
        }
    }

    #[test]
    fn ascii_parentheses() {
        // A pair on one line is one finding, with the pair as its span.
        assert_eq!(
            issues("印发《乡村振兴战略规划(2018-2022年)》"),
            [(
                AsciiParen,
                "(2018-2022年)".into(),
                "（2018-2022年）".into(),
                true
            )]
        );
        assert_eq!(
            kinds("细颗粒物(PM2.5)浓度"),
            [(AsciiParen, "(PM2.5)".into())]
        );
        assert_eq!(kinds("(一)加强领导"), [(AsciiParen, "(一)".into())]);
        // Nested pairs: each is one finding (the outer one is fixed in a second round).
        assert_eq!(
            kinds("规定(试行(草案))如下"),
            [
                (AsciiParen, "(试行(草案))".into()),
                (AsciiParen, "(草案)".into())
            ]
        );
        // A long parenthesis: its two halves, not a screen-wide span.
        let long = format!("说明({})如下", "甲".repeat(PAIR_MAX_CHARS + 1));
        assert_eq!(
            kinds(&long),
            [(AsciiParen, "(".into()), (AsciiParen, ")".into())]
        );
        // One wrong half of a pair is a form problem only.
        assert_eq!(
            kinds("进一步拓展中国(北京）国际贸易"),
            [(AsciiParen, "(".into())]
        );
        assert_eq!(
            kinds("国家科技计划（专项、基金等)管理改革"),
            [(AsciiParen, ")".into())]
        );
    }

    #[test]
    fn unmatched_brackets() {
        assert_eq!(kinds("（一）加强领导（试行"), [(Unmatched, "（".into())]);
        assert_eq!(kinds("加强领导）。"), [(Unmatched, "）".into())]);
        assert_eq!(kinds("《关于加强管理的通知"), [(Unmatched, "《".into())]);
        // A line broken inside a parenthesis.
        assert_eq!(kinds("细颗粒物（PM\n2.5\n）浓度下降"), []);
        assert_eq!(kinds("（2024年1月1日\n某某会议通过）"), []);
        // … but not forever.
        assert_eq!(
            kinds("甲（乙\n丙\n丁\n戊\n己）"),
            [(Unmatched, "（".into()), (Unmatched, "）".into())]
        );
    }

    #[test]
    fn quotes_across_paragraphs() {
        // GB/T 15834: every paragraph of a long quotation opens with “, only the last closes.
        let text = "修改为：“第一段内容。\n“第二段内容。\n二、\n“第三段内容。”\n下文。";
        assert_eq!(kinds(text), []);
        // Sub-items without the repeated “ (found in regulations), closed at the end.
        let text = "修改为：“巡视组对下列问题进行监督：\n（一）政治纪律；\n（二）其他问题。”";
        assert_eq!(kinds(text), []);
        // Never closed.
        let mut text = String::from("他说：“我们要努力。\n");
        for _ in 0..QUOTE_WINDOW {
            text.push_str("下一段。\n");
        }
        assert_eq!(kinds(&text), [(Unmatched, "“".into())]);
        assert_eq!(kinds("他说：“我们要努力。"), [(Unmatched, "“".into())]);
    }

    #[test]
    fn quote_direction() {
        assert_eq!(
            issues("要把”放管服”改革推向深入"),
            [(Direction, "”".into(), "“".into(), true)]
        );
        assert_eq!(
            issues("要把“放管服“改革推向深入"),
            [(Direction, "“".into(), "”".into(), true)]
        );
        assert_eq!(
            issues("把“放管服“改革和“互联网+”结合"),
            [(Direction, "“".into(), "”".into(), true)]
        );
        assert_eq!(kinds("加强管理”。"), [(Unmatched, "”".into())]);
    }

    #[test]
    fn straight_quotes() {
        assert_eq!(
            issues("开展\"回头看\"活动"),
            [
                (StraightQuote, "\"".into(), "“".into(), true),
                (StraightQuote, "\"".into(), "”".into(), true)
            ]
        );
        assert_eq!(
            issues("坚持'两个毫不动摇'"),
            [
                (StraightQuote, "'".into(), "‘".into(), true),
                (StraightQuote, "'".into(), "’".into(), true)
            ]
        );
        // Unpaired: a guess.
        assert_eq!(
            issues("开展\"回头看活动"),
            [(StraightQuote, "\"".into(), "“".into(), false)]
        );
        // Mixed with curly quotes: the curly ones decide.
        assert_eq!(
            issues("开展“回头看\"活动"),
            [(MixedQuote, "\"".into(), "”".into(), true)]
        );
        // Latin quotations stay.
        assert_eq!(kinds("He said \"yes\" 之后"), []);
        // Full-width straight quotes are straight quotes too.
        assert_eq!(
            issues("开展＂回头看＂活动"),
            [
                (StraightQuote, "＂".into(), "“".into(), true),
                (StraightQuote, "＂".into(), "”".into(), true)
            ]
        );
    }

    #[test]
    fn long_inputs_are_linear() {
        let text = "（".repeat(50_000) + &"“".repeat(50_000) + &"\"".repeat(50_001);
        let v = analyze(&Document::new("t", text));
        assert!(v.len() >= 50_000);
    }
}
