//! Checks of the `numbering` family (issue 3): the 结构层次序数 of a 公文. GB/T 9704-2012 puts
//! “一、” on the first level, “（一）” on the second, “1.” on the third and “（1）” on the fourth.
//!
//! One scanner finds the numbers that open a heading or an item, and only where a heading can
//! stand: at the start of a line, or run into a paragraph right after the end of a sentence
//! (“（一）加强组织领导。各地要……。（二）……”). Numbers anywhere else are references or data
//! (“第（一）项”, “2019年”, “3.5亿元”, “1、2月份”) and are never read. Lines that open with a
//! quotation mark (quoted provisions in an amending decision) and text inside quotation marks
//! are skipped.
//!
//! Three checks share the scanner:
//! - `numbering-separator`: the mark after a number (`1、` → `1.`, `一，` → `一、`,
//!   `（一）、` → `（一）`, a space before the mark).
//! - `numbering-sequence`: a number repeated or going backwards within its level.
//! - `numbering-gap`: a number missing within its level, or a level that does not start at one.
//!
//! The sequence model is deliberately forgiving, because clean documents are: a level may
//! restart at one anywhere (a new list, a second document, a table), may run on across its
//! parents (many 意见 number “（一）” to “（三十）” through all their “一、” parts), and every
//! 第X条/章/节 of a regulation opens a new scope. Only numbers at the start of a line are
//! reported; a number run into a paragraph joins the sequence only when it fits, and one that
//! starts at one where the level is already running is an inline list (“条件如下：（一）……；
//! （二）……”) that is followed on its own and never reported.

use super::Level as Point;
use super::{Builder, Check, Finding, Params, known_params, level_param};
use crate::source::Document;
use std::ops::Range;

/// The checks of this module, by id.
pub const CHECKS: &[(&str, Builder)] = &[
    ("numbering-separator", build_separator),
    ("numbering-sequence", build_sequence),
    ("numbering-gap", build_gap),
];

fn build(params: &Params, kind: Kind) -> Result<Box<dyn Check>, String> {
    known_params(params, &["thorough"])?;
    Ok(Box::new(Numbering(
        kind,
        level_param(params, Point::Always)?,
    )))
}

fn build_separator(params: &Params) -> Result<Box<dyn Check>, String> {
    build(params, Kind::Separator)
}

fn build_sequence(params: &Params) -> Result<Box<dyn Check>, String> {
    build(params, Kind::Sequence)
}

fn build_gap(params: &Params) -> Result<Box<dyn Check>, String> {
    build(params, Kind::Gap)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Separator,
    Sequence,
    Gap,
}

#[derive(Debug)]
/// The kind of check, and its operating point (`thorough = true`: only with `--thorough`).
struct Numbering(Kind, Point);

impl Check for Numbering {
    fn level(&self) -> Point {
        self.1
    }

    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        match self.0 {
            Kind::Separator => separators(text, &events(doc).0, out),
            Kind::Sequence | Kind::Gap => {
                // One sequence model serves both rules, and one scan all three (a pass over
                // the text each cost a tenth of the document checks).
                let found = doc.memo(|doc| {
                    let text = doc.text.as_str();
                    let mut seq = Sequence::default();
                    let mut found = SequenceFindings::default();
                    for event in events(doc).0.iter().cloned() {
                        if let Some((problem, finding)) = seq.step(text, event) {
                            found.0.push((problem.is_gap(), finding));
                        }
                    }
                    found
                });
                let gaps = self.0 == Kind::Gap;
                out.extend(
                    found
                        .0
                        .iter()
                        .filter(|(gap, _)| *gap == gaps)
                        .map(|(_, f)| f.clone()),
                );
            }
        }
    }
}

/// What [`scan`] finds in a document, in order.
struct Events(Vec<Event>);

fn events(doc: &Document) -> std::sync::Arc<Events> {
    doc.memo(|doc| {
        let mut all = Vec::new();
        scan(doc, |event| all.push(event));
        Events(all)
    })
}

/// The findings of the sequence scan, each with whether it is a gap (DL903) or not (DL902).
#[derive(Default)]
struct SequenceFindings(Vec<(bool, Finding)>);

/// The four levels, outermost first; the index is the level's slot in [`Sequence`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// “一、”
    Han = 0,
    /// “（一）”
    HanParen = 1,
    /// “1.”
    Arabic = 2,
    /// “（1）”
    ArabicParen = 3,
}

impl Level {
    /// How a number of this level is written by the norm; `full_dot` picks “1．” over “1.”.
    fn render(self, value: u32, full_dot: bool) -> String {
        match self {
            Level::Han => format!("{}、", han_numeral(value)),
            Level::HanParen => format!("（{}）", han_numeral(value)),
            Level::Arabic if full_dot => format!("{value}．"),
            Level::Arabic => format!("{value}."),
            Level::ArabicParen => format!("（{value}）"),
        }
    }
}

/// What the norm puts after a number whose separator is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mend {
    /// `、` after a Chinese numeral.
    Dun,
    /// A dot after an Arabic numeral; which dot follows the document's own habit.
    Dot,
    /// Nothing after a bracketed number.
    Nothing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    level: Level,
    value: u32,
    /// The number with its brackets, any spaces and its separator.
    span: Range<usize>,
    /// End of the number and its brackets, where a corrected separator goes.
    number_end: usize,
    /// Whether the digits are full-width (`１．`), which calls for the full-width dot.
    full_width: bool,
    /// Set when the separator breaks the norm.
    mend: Option<Mend>,
    /// At the start of a line (after indentation), as opposed to run into a paragraph.
    line_start: bool,
    /// False where the text may be an enumeration of numbers rather than a heading
    /// (`一、二季度`): such a number joins a sequence only when it fits and is never reported.
    sure: bool,
}

/// What a line does to the scopes of the sequence model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reset {
    None,
    /// 第X条, 第X章, 第X节, 第X部分: every level starts a new scope.
    Article,
    /// 附件, 附表, 附录: a new document; nothing before it counts.
    Attachment,
}

#[derive(Debug, Clone)]
enum Event {
    Line(Reset),
    Marker(Marker),
}

const SPACES: &[char] = &[' ', '\u{3000}', '\u{a0}', '\t'];

/// Calls `on` with every line (and what it resets) and every number found where a heading
/// can stand, in text order. Linear in the text: each position is looked at a bounded
/// number of times.
fn scan(doc: &Document, mut on: impl FnMut(Event)) {
    let text = doc.text.as_str();
    let marks = super::Marks::of(doc);
    let mut marks = marks.cursor();
    let mut start = 0;
    for raw in super::split_lines(text) {
        let line_end = start + raw.len();
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let body = line.trim_start_matches(SPACES);
        let indent = line.len() - body.len();
        on(Event::Line(reset_of(body)));
        // A paragraph that opens with a quotation mark quotes another text (an amended
        // provision, a slogan): its numbers belong to that text.
        if !body.starts_with(['“', '‘', '"', '「', '『']) {
            let base = start + indent;
            if let Some(m) = parse(body, 0, base, true) {
                on(Event::Marker(m));
            }
            let body_marks = marks.within(text, base..base + body.len());
            run_in(body, body_marks, base, &mut on);
        }
        start = line_end + 1;
    }
}

/// Numbers run into a paragraph after the end of a sentence, a colon or a bracketed note,
/// outside quotes.
/// `marks`: the characters of `body` but the ideographs U+4000..U+9FFF, as
/// [`super::Marks`] gives them (no ideograph opens a number or a quotation; the character
/// before a mark is read where it matters).
fn run_in(
    body: &str,
    marks: impl Iterator<Item = (usize, char)>,
    base: usize,
    on: &mut impl FnMut(Event),
) {
    let mut depth = 0u32;
    let before = |i: usize| body[..i].chars().next_back();
    for (i, c) in marks {
        match c {
            '“' | '‘' | '「' | '『' => depth += 1,
            '”' | '’' | '」' | '』' => depth = depth.saturating_sub(1),
            '。' | '！' | '？' | '；' | '!' | '?' | ';' if depth == 0 => {
                if let Some(m) = parse(body, i + c.len_utf8(), base, false) {
                    on(Event::Marker(m));
                }
            }
            // A heading run in after a bracketed note that ends a paragraph: “（此件公开发布）
            // （一）……”, “（发展改革委负责）（三）……”; not after a bracketed number.
            '）' | ')'
                if depth == 0 && before(i).is_some_and(|b| is_han(b) && !is_han_digit(b)) =>
            {
                if let Some(m) = parse(body, i + c.len_utf8(), base, false) {
                    on(Event::Marker(m));
                }
            }
            // A colon between digits is a ratio or a time (10:1, 9：30).
            '：' | ':' if depth == 0 && !before(i).is_some_and(is_digit) => {
                if let Some(m) = parse(body, i + c.len_utf8(), base, false) {
                    on(Event::Marker(m));
                }
            }
            _ => {}
        }
    }
}

fn reset_of(body: &str) -> Reset {
    // “附件”, “附件2”, “附件：1.……”: what follows is another document. A paragraph that
    // merely begins with the word (“附件所列事项……”) is not.
    for head in ["附件", "附表", "附录"] {
        if let Some(rest) = body.strip_prefix(head) {
            let next = rest.chars().next();
            if next.is_none_or(|c| {
                is_digit(c) || is_han_digit(c) || matches!(c, '：' | ':') || SPACES.contains(&c)
            }) {
                return Reset::Attachment;
            }
        }
    }
    let Some(rest) = body.strip_prefix('第') else {
        return Reset::None;
    };
    let digits = rest.trim_start_matches(|c: char| is_han_digit(c) || c == '百' || is_digit(c));
    if digits.len() == rest.len() {
        return Reset::None;
    }
    if ["条", "章", "节", "部分", "编", "篇"]
        .iter()
        .any(|unit| digits.starts_with(unit))
    {
        Reset::Article
    } else {
        Reset::None
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn digit_value(c: char) -> u32 {
    if c.is_ascii_digit() {
        c as u32 - '0' as u32
    } else {
        c as u32 - '０' as u32
    }
}

fn is_han_digit(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// A CJK ideograph: what a heading's text starts with.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{20000}'..='\u{2ffff}')
}

/// Text that can follow a number as a heading: a word, a quotation, a title.
fn opens_text(c: char) -> bool {
    (is_han(c) && !is_han_digit(c)) || matches!(c, '“' | '《' | '‘' | '「' | '〈')
}

/// 1–99 written with Chinese numerals: 一 … 十, 十一, 二十, 二十一 ….
fn han_value(s: &str) -> Option<u32> {
    let d = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let mut cs = ['\0'; 3];
    let mut n = 0;
    for c in s.chars() {
        *cs.get_mut(n)? = c;
        n += 1;
    }
    match &cs[..n] {
        ['十'] => Some(10),
        [a] => d(*a),
        ['十', b] => d(*b).map(|b| 10 + b),
        [a, '十'] if *a != '一' => d(*a).map(|a| a * 10),
        [a, '十', b] if *a != '一' => Some(d(*a)? * 10 + d(*b)?),
        _ => None,
    }
}

fn han_numeral(v: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match v {
        1..=9 => D[v as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(v % 10) as usize]),
        20..=99 => format!("{}十{}", D[(v / 10) as usize], D[(v % 10) as usize]),
        _ => v.to_string(),
    }
}

/// Reads a number at `at` in `body` (one line without its indentation; `base` is the byte
/// offset of `body` in the document). `line_start` says whether `at` opens the line.
fn parse(body: &str, at: usize, base: usize, line_start: bool) -> Option<Marker> {
    let s = &body[at..];
    let mut it = s.char_indices().peekable();
    let (_, first) = *it.peek()?;
    let bracket = matches!(first, '（' | '(');
    if bracket {
        it.next();
    }
    let num_start = it.peek()?.0;
    let (_, c) = *it.peek()?;
    let (value, han, full_width) = if is_han_digit(c) {
        let mut end = num_start;
        let mut n = 0;
        while let Some(&(i, c)) = it.peek() {
            if !is_han_digit(c) || n > 3 {
                break;
            }
            n += 1;
            end = i + c.len_utf8();
            it.next();
        }
        if n > 3 {
            return None;
        }
        (han_value(&s[num_start..end])?, true, false)
    } else if is_digit(c) {
        // One or two digits, no leading zero: 1–99. Longer runs are years and amounts.
        let mut value = 0;
        let mut n = 0;
        let full = !c.is_ascii_digit();
        while let Some(&(_, c)) = it.peek() {
            if !is_digit(c) || n > 2 {
                break;
            }
            n += 1;
            value = value * 10 + digit_value(c);
            it.next();
        }
        if n > 2 || c == '0' || c == '０' {
            return None;
        }
        (value, false, full)
    } else {
        return None;
    };

    if bracket {
        let (_, close) = it.next()?;
        if !matches!(close, '）' | ')') {
            return None;
        }
        let number_end = it.peek().map_or(s.len(), |&(i, _)| i);
        let level = if han {
            Level::HanParen
        } else {
            Level::ArabicParen
        };
        let mut marker = Marker {
            level,
            value,
            span: base + at..base + at + number_end,
            number_end: base + at + number_end,
            full_width,
            mend: None,
            line_start,
            sure: line_start,
        };
        // A separator after the bracket: `（一）、指导思想`, `（1）.加强统筹`. But `（一）、（三）项`
        // lists references, and after anything else but a word the reading is in doubt.
        let mut look = it.clone();
        while look.peek().is_some_and(|&(_, c)| SPACES.contains(&c)) {
            look.next();
        }
        if let Some(&(_, sep)) = look.peek() {
            if matches!(sep, '、' | '，' | ',' | '.' | '．' | '：' | ':') {
                look.next();
                match look.peek().map(|&(j, c)| (j, c)) {
                    Some((_, '（' | '(')) | None => return None,
                    // `（一）、2024年工作回顾` is a heading too.
                    Some((j, next)) if opens_text(next) || (han && is_digit(next)) => {
                        marker.span.end = base + at + j;
                        marker.mend = Some(Mend::Nothing);
                    }
                    Some(_) => marker.sure = false,
                }
            }
        }
        return Some(marker);
    }

    let number_end = it.peek().map_or(s.len(), |&(i, _)| i);
    let mut spaced = false;
    while it.peek().is_some_and(|&(_, c)| c == ' ' || c == '\u{3000}') {
        spaced = true;
        it.next();
    }
    let (_, sep) = it.next()?;
    let good = if han {
        match sep {
            '、' => true,
            '，' | ',' | '.' | '．' | '：' | ':' => false,
            _ => return None,
        }
    } else {
        match sep {
            '.' | '．' => true,
            '、' | '，' | ',' | '：' | ':' => false,
            _ => return None,
        }
    };
    // Run into a paragraph, only the unmistakable slip is read: `、` after an Arabic numeral.
    // `一，` or `1：` in running text may be the writer's own punctuation of an enumeration.
    if !line_start && !good && (han || sep != '、') {
        return None;
    }
    if !line_start && spaced {
        return None;
    }
    let end = it.peek().map_or(s.len(), |&(i, _)| i);
    let level = if han { Level::Han } else { Level::Arabic };
    let mut marker = Marker {
        level,
        value,
        span: base + at..base + at + end,
        number_end: base + at + number_end,
        full_width,
        mend: None,
        line_start,
        sure: line_start,
    };
    match it.peek().map(|&(_, c)| c) {
        // A bare number heading a line of its own (“六、”).
        None => return (good && !spaced && line_start).then_some(marker),
        Some(next) if good && !spaced => {
            if is_digit(next) {
                // `3.5亿元`, `1.2万`: a decimal. But `1.2019年9月底前……`: a year after the dot.
                let mut after = s[end..].chars();
                let is_year = after
                    .by_ref()
                    .take(4)
                    .filter(|c| c.is_ascii_digit())
                    .count()
                    == 4
                    && after.next() == Some('年');
                if !han && !is_year {
                    return None;
                }
            }
            // `一、二季度`, `三、四省市` may enumerate numbers rather than head a section.
            if han && is_han_digit(next) {
                marker.sure = false;
            }
        }
        Some(next) => {
            // `一，2024年工作回顾` is a heading too; `1、2月份` is not.
            if !(opens_text(next) || (han && is_digit(next))) {
                return None;
            }
            marker.mend = Some(if han { Mend::Dun } else { Mend::Dot });
        }
    }
    Some(marker)
}

/// Every number whose separator breaks the norm, with the norm's form as a certain fix.
/// `events`: what [`scan`] finds in `text`.
fn separators(text: &str, events: &[Event], out: &mut Vec<Finding>) {
    // The dot after an Arabic numeral follows the document's own habit: “1．” or “1.”.
    let (mut half, mut full) = (0usize, 0usize);
    for event in events {
        if let Event::Marker(m) = event {
            if m.level == Level::Arabic && m.mend.is_none() && m.line_start {
                match text[m.number_end..m.span.end].chars().next() {
                    Some('．') => full += 1,
                    _ => half += 1,
                }
            }
        }
    }
    let dot = if full > half { "．" } else { "." };
    for event in events {
        let Event::Marker(m) = event else { continue };
        let Some(mend) = m.mend else { continue };
        let number = &text[m.span.start..m.number_end];
        let fixed = match mend {
            Mend::Dun => format!("{number}、"),
            Mend::Dot if m.full_width => format!("{number}．"),
            Mend::Dot => format!("{number}{dot}"),
            Mend::Nothing => number.to_string(),
        };
        out.push(Finding::new(m.span.clone()).fix(fixed));
    }
}

/// What is wrong with a number in its sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    /// The same number as the one before.
    Repeat,
    /// A smaller number than the one before, other than a restart at one.
    Backwards,
    /// Numbers skipped since the one before.
    Gap,
    /// A new scope that starts one number after one, or one after where the level left off.
    NoStart,
}

impl Problem {
    fn is_gap(self) -> bool {
        matches!(self, Problem::Gap | Problem::NoStart)
    }
}

/// The state of every level while reading a document.
#[derive(Debug, Default)]
struct Sequence {
    /// The last number of each level in its current scope; 0 when a scope has just opened.
    last: [u32; 4],
    /// The last number of each level anywhere, for numbering that runs on across parents.
    overall: [u32; 4],
    /// Where `last` and `overall` were written, for the secondary label.
    last_at: [Option<(Range<usize>, u32)>; 4],
    overall_at: [Option<(Range<usize>, u32)>; 4],
    /// Whether the last number of each level did not fit (reported or not): the next one of
    /// the level (in this scope or, numbering on, in the next) is then read against it
    /// without a report, so one slip gives one diagnostic, not a cascade, and a run of
    /// numbers that never fit (unrelated excerpts) gives none.
    unsure: [bool; 4],
    /// An inline list that started at one inside the current paragraph: level and number.
    inline: Option<(Level, u32)>,
    /// The inline list of the previous paragraph, which the next line may continue.
    pending: Option<(Level, u32)>,
}

impl Sequence {
    fn step(&mut self, text: &str, event: Event) -> Option<(Problem, Finding)> {
        let m = match event {
            Event::Line(reset) => {
                self.pending = self.inline.take();
                match reset {
                    Reset::None => {}
                    Reset::Article => {
                        self.last = [0; 4];
                        self.last_at = Default::default();
                        self.unsure = [false; 4];
                    }
                    Reset::Attachment => *self = Sequence::default(),
                }
                return None;
            }
            Event::Marker(m) => m,
        };
        let l = m.level as usize;
        let (v, last, overall) = (m.value, self.last[l], self.overall[l]);
        if !m.sure {
            // Inside an inline list, numbers of its level continue it; others are its own
            // sub-items. Neither touches the document's headings.
            if let Some((level, n)) = self.inline {
                if level == m.level {
                    self.inline = (v == n + 1).then_some((level, v));
                }
                return None;
            }
            let fits = if last > 0 {
                v == last + 1
            } else {
                v == 1 || v == overall + 1
            };
            if fits {
                self.record(&m);
            } else if v == 1 {
                self.inline = Some((m.level, 1));
            }
            return None;
        }
        let problem = if last == 0 {
            if v == 1 || v == overall + 1 {
                None
            } else if v == 2 || v == overall + 2 {
                // One number missing, at the head of the level or where it runs on.
                Some(Problem::NoStart)
            } else {
                // Further off one, the text may well be an excerpt (a quoted part, a section
                // of a table): no report, and no ground to judge the next number by.
                self.record(&m);
                self.unsure[l] = true;
                return None;
            }
        } else if v == last + 1 {
            None
        } else if v == last {
            Some(Problem::Repeat)
        } else if v > last {
            Some(Problem::Gap)
        } else if v == 1 {
            None
        } else {
            Some(Problem::Backwards)
        };
        // The line may go on with a list the previous paragraph began inline.
        let problem = problem.filter(|_| self.pending != Some((m.level, v.wrapping_sub(1))));
        let finding = problem
            .filter(|_| !self.unsure[l])
            .map(|p| self.finding(text, &m, p));
        self.record(&m);
        // A number is ground to judge the next one by only when it fits its own predecessor.
        self.unsure[l] = problem.is_some();
        finding
    }

    fn record(&mut self, m: &Marker) {
        let l = m.level as usize;
        self.last[l] = m.value;
        self.overall[l] = m.value;
        self.last_at[l] = Some((m.span.clone(), m.value));
        self.overall_at[l] = Some((m.span.clone(), m.value));
        for deeper in l + 1..4 {
            self.last[deeper] = 0;
            self.last_at[deeper] = None;
        }
    }

    fn finding(&self, text: &str, m: &Marker, problem: Problem) -> (Problem, Finding) {
        let l = m.level as usize;
        // Numbers in the notes are written the way this one is: “2.” or “2．”.
        let full_dot = text[m.number_end..m.span.end].starts_with('．');
        let render = |v: u32| m.level.render(v, full_dot);
        let missing = |from: u32, to: u32| {
            if to == from + 1 {
                format!("前面缺少“{}”", render(from))
            } else {
                format!("前面缺少“{}”至“{}”", render(from), render(to - 1))
            }
        };
        let (note, previous) = match problem {
            Problem::Repeat => ("与上一个同级序号重复".to_string(), self.last_at[l].clone()),
            Problem::Backwards => (
                format!("排在“{}”之后，顺序颠倒", render(self.last[l])),
                self.last_at[l].clone(),
            ),
            Problem::Gap => (missing(self.last[l] + 1, m.value), self.last_at[l].clone()),
            Problem::NoStart if self.overall[l] > 0 && m.value > self.overall[l] + 1 => (
                format!(
                    "本层应从“{}”起，或接续上一个同级序号，{}",
                    render(1),
                    missing(self.overall[l] + 1, m.value)
                ),
                self.overall_at[l].clone(),
            ),
            Problem::NoStart => (format!("本层序号应从“{}”开始", render(1)), None),
        };
        let mut finding = Finding::new(m.span.clone()).note(note);
        if let Some((span, value)) = previous {
            finding = finding.label(span, format!("上一个同级序号“{}”", render(value)));
        }
        (problem, finding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: Kind, text: &str) -> Vec<Finding> {
        let doc = Document::new("<test>", text);
        let mut out = Vec::new();
        Numbering(kind, Point::Always).run(&doc, &mut out);
        out
    }

    /// The text at each finding, with the fix.
    fn found(kind: Kind, text: &str) -> Vec<(String, Option<String>)> {
        run(kind, text)
            .into_iter()
            .map(|f| (text[f.span].to_string(), f.fix))
            .collect()
    }

    fn notes(kind: Kind, text: &str) -> Vec<(String, String)> {
        run(kind, text)
            .into_iter()
            .map(|f| (text[f.span].to_string(), f.note.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn han_numerals_read_and_write() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("九十九", 99),
        ] {
            assert_eq!(han_value(s), Some(v), "{s}");
            assert_eq!(han_numeral(v), s);
        }
        for s in ["一十", "十十", "一十一", "二二", "十一十", ""] {
            assert_eq!(han_value(s), None, "{s}");
        }
    }

    #[test]
    fn separators_are_mended() {
        let t = "一，总体要求\n（一）、指导思想\n1、坚持党的领导\n2 .坚持问题导向\n（1）.加强统筹";
        assert_eq!(
            found(Kind::Separator, t),
            [
                ("一，".into(), Some("一、".into())),
                ("（一）、".into(), Some("（一）".into())),
                ("1、".into(), Some("1.".into())),
                ("2 .".into(), Some("2.".into())),
                ("（1）.".into(), Some("（1）".into())),
            ]
        );
        assert_eq!(
            found(Kind::Separator, "一.总体要求\n二 、主要任务"),
            [
                ("一.".into(), Some("一、".into())),
                ("二 、".into(), Some("二、".into()))
            ]
        );
    }

    #[test]
    fn an_attachment_resets_only_as_a_heading() {
        let t = "一、总体要求\n（一）指导思想\n（二）基本原则\n附件所列事项由各部门分别负责。\n（三）主要目标";
        assert!(run(Kind::Gap, t).is_empty());
        let t = "一、总体要求\n（一）指导思想\n（二）基本原则\n附件2\n（二）主要目标";
        assert_eq!(notes(Kind::Gap, t).len(), 1);
    }

    #[test]
    fn a_bracketed_number_keeps_its_place_whatever_follows() {
        assert_eq!(
            found(Kind::Separator, "（一）、2024年工作回顾"),
            [("（一）、".into(), Some("（一）".into()))]
        );
        let t = "（1）、2号机组检修\n（2）3号机组检修";
        assert!(run(Kind::Separator, t).is_empty());
        assert!(run(Kind::Gap, t).is_empty());
    }

    #[test]
    fn notes_and_labels_speak_the_document_s_form() {
        let t = "1．强化统筹协调。\n2．压实工作责任。\n4．严格督查考核。";
        let f = run(Kind::Gap, t);
        assert_eq!(f[0].note.as_deref(), Some("前面缺少“3．”"));
        assert_eq!(f[0].labels[0].message, "上一个同级序号“2．”");
        assert_eq!(&t[f[0].labels[0].span.clone()], "2．");
        let t = "一、主要工作\n（一）、加强领导\n（一）完善制度";
        let f = run(Kind::Sequence, t);
        assert_eq!(f[0].labels[0].message, "上一个同级序号“（一）”");
    }

    #[test]
    fn the_dot_follows_the_document() {
        let t = "1．加强领导\n2．完善制度\n3、强化保障";
        assert_eq!(
            found(Kind::Separator, t),
            [("3、".into(), Some("3．".into()))]
        );
        assert_eq!(
            found(Kind::Separator, "１、加强领导"),
            [("１、".into(), Some("１．".into()))]
        );
    }

    #[test]
    fn numbers_that_are_not_headings_are_not_read() {
        for t in [
            "1、2月份，全市规模以上工业增加值增长5.2%。",
            "3.5亿元用于农村公路建设。",
            "2019年全市完成投资1.2万亿元。",
            "第一条　为了规范专利代理行为，制定本条例。",
            "依照本规定第十六条第一款第（二）、（三）项解除聘任合同的，应当提前告知。",
            "（一）、（三）项规定的情形除外。",
            "高风险地区可按照10:1、中风险地区可按照5:1的方式进行混样检测。",
            "比例为10：1、5：1两档。",
            "“（一）弘扬社会主义核心价值观；",
            "修改为：“（九）代理收付款项及代理保险业务”。",
            "一、二季度累计完成投资320亿元。",
            "除110、120、119等紧急类热线以外，整合政务服务便民热线。",
            "（2016—2020年）",
        ] {
            assert!(run(Kind::Separator, t).is_empty(), "{t}");
            assert!(run(Kind::Sequence, t).is_empty(), "{t}");
            assert!(run(Kind::Gap, t).is_empty(), "{t}");
        }
    }

    #[test]
    fn run_in_numbers_are_read_after_a_sentence() {
        assert_eq!(
            found(Kind::Separator, "主要措施如下。1、加强领导；2、完善制度。"),
            [
                ("1、".into(), Some("1.".into())),
                ("2、".into(), Some("2.".into()))
            ]
        );
        // Not inside a sentence, and not a comma in running text.
        assert!(run(Kind::Separator, "我讲三点意见：一，要提高认识。").is_empty());
        assert!(run(Kind::Separator, "分别于3、4月完成").is_empty());
    }

    #[test]
    fn a_gap_and_a_missing_first_number() {
        let t = "一、总体要求\n（一）指导思想\n（二）基本原则\n（四）主要目标";
        assert_eq!(
            notes(Kind::Gap, t),
            [("（四）".into(), "前面缺少“（三）”".into())]
        );
        let f = &run(Kind::Gap, t)[0];
        assert_eq!(&t[f.labels[0].span.clone()], "（二）");
        let t = "一、总体要求\n1.坚持党的领导\n4.坚持系统观念";
        assert_eq!(
            notes(Kind::Gap, t),
            [("4.".into(), "前面缺少“2.”至“3.”".into())]
        );
        let t = "一、总体要求\n（二）基本原则";
        assert_eq!(
            notes(Kind::Gap, t),
            [("（二）".into(), "本层序号应从“（一）”开始".into())]
        );
        assert!(run(Kind::Sequence, t).is_empty());
    }

    #[test]
    fn a_level_that_starts_far_off_one_may_be_an_excerpt() {
        // The clean corpus and the CSC sentence list hold excerpts that start at “十四、”.
        for t in [
            "十四、宁夏回族自治区中宁县部分乡镇套取农村危房改造资金问题。",
            "（三）有较规范完善的管理办法、考核鉴定工作制度和工作流程。\n（五）配备安全防护设施。",
            "一、总体要求\n（一）指导思想\n二、主要任务\n（五）加快产业升级",
        ] {
            assert!(run(Kind::Gap, t).is_empty(), "{t}");
            assert!(run(Kind::Sequence, t).is_empty(), "{t}");
        }
        // Numbers that never fit one another are not a sequence.
        let t = "十四、问题一\n十九、问题二\n十七、问题三\n十三、问题四";
        assert!(run(Kind::Gap, t).is_empty());
        assert!(run(Kind::Sequence, t).is_empty());
        // One number missing is reported, at the head of a level or where it runs on.
        assert_eq!(run(Kind::Gap, "三、存在的问题").len(), 0);
        assert_eq!(run(Kind::Gap, "二、存在的问题").len(), 1);
        let t = "一、总体要求\n（一）指导思想\n二、主要任务\n（三）加快产业升级";
        assert_eq!(run(Kind::Gap, t).len(), 1);
    }

    #[test]
    fn repeats_and_backwards() {
        let t = "一、总体要求\n（一）指导思想\n（二）基本原则\n（二）主要目标";
        assert_eq!(
            notes(Kind::Sequence, t),
            [("（二）".into(), "与上一个同级序号重复".into())]
        );
        assert!(run(Kind::Gap, t).is_empty());
        let t = "一、总体要求\n二、主要任务\n（一）加强领导\n（一）完善制度";
        assert_eq!(
            notes(Kind::Sequence, t),
            [("（一）".into(), "与上一个同级序号重复".into())]
        );
        let t = "1.加强领导\n2.完善制度\n3.强化保障\n2.严格考核";
        assert_eq!(
            notes(Kind::Sequence, t),
            [("2.".into(), "排在“3.”之后，顺序颠倒".into())]
        );
    }

    #[test]
    fn one_slip_gives_one_diagnostic() {
        // A wrong first number, then the list goes on from one.
        let t = "一、总体要求\n（二）指导思想\n（二）基本原则\n（三）主要目标";
        assert_eq!(run(Kind::Gap, t).len(), 1);
        assert!(run(Kind::Sequence, t).is_empty());
        // A repeat where the next number was meant: the list goes on as planned.
        let t = "（一）加强领导\n（二）完善制度\n（二）强化保障\n（四）严格考核";
        assert_eq!(run(Kind::Sequence, t).len(), 1);
        assert!(run(Kind::Gap, t).is_empty());
        // After a reported number, the next one is read against it again.
        let t = "（一）加强领导\n（三）完善制度\n（四）强化保障\n（六）严格考核";
        assert_eq!(run(Kind::Gap, t).len(), 2);
    }

    #[test]
    fn a_higher_level_resets_the_lower_ones() {
        let t = "一、总体要求\n（一）指导思想\n1.坚持党的领导\n2.坚持人民至上\n（二）基本原则\n1.坚持系统观念\n二、主要任务\n（一）加强领导";
        assert!(run(Kind::Sequence, t).is_empty());
        assert!(run(Kind::Gap, t).is_empty());
    }

    #[test]
    fn numbering_may_run_on_across_parents() {
        let t = "一、总体要求\n（一）指导思想\n（二）基本原则\n二、主要任务\n（三）加强领导\n（四）完善制度";
        assert!(run(Kind::Gap, t).is_empty());
        let t = "一、总体要求\n（一）指导思想\n（二）基本原则\n二、主要任务\n（四）加强领导";
        assert_eq!(
            notes(Kind::Gap, t),
            [(
                "（四）".into(),
                "本层应从“（一）”起，或接续上一个同级序号，前面缺少“（三）”".into()
            )]
        );
    }

    #[test]
    fn articles_restart_their_items() {
        let t = "第八条　有下列情形之一的，不予登记：\n（一）名称不符合规定的；\n（二）材料不齐全的。\n第九条　有下列情形之一的，予以注销：\n（一）自行解散的；\n（二）被依法撤销的。";
        assert!(run(Kind::Sequence, t).is_empty());
        assert!(run(Kind::Gap, t).is_empty());
    }

    #[test]
    fn run_in_headings_and_inline_lists() {
        // Headings run into the text continue the sequence of the lines.
        let t = "一、总体要求\n（一）加强组织领导。各地要高度重视。（二）强化督促检查。要定期通报。\n（三）做好宣传引导。";
        assert!(run(Kind::Gap, t).is_empty());
        assert!(run(Kind::Sequence, t).is_empty());
        let t = "一、总体要求\n（一）加强组织领导。各地要高度重视。（二）强化督促检查。\n（二）做好宣传引导。";
        assert_eq!(notes(Kind::Sequence, t).len(), 1);
        // An inline list inside a numbered paragraph is its own sequence.
        let t = "一、创建主体\n（一）申请条件。申请城市应具备以下条件：（一）产业特色鲜明；（二）创新能力较强。\n（二）申请程序。";
        assert!(run(Kind::Gap, t).is_empty());
        assert!(run(Kind::Sequence, t).is_empty());
        // Run-in numbers are never reported, even when they do not fit.
        let t = "一、总体要求\n（一）加强组织领导。各地要高度重视。（三）强化督促检查。";
        assert!(run(Kind::Gap, t).is_empty());
    }

    #[test]
    fn a_heading_run_in_after_a_bracketed_note() {
        // 0657 in the clean corpus: a heading run into the line of “（此件公开发布）”.
        let t = "（此件公开发布）（一）指导思想。\n（二）基本原则。";
        assert!(run(Kind::Gap, t).is_empty());
        let t = "（国家发展改革委负责）（三）推动粮食产业园区建设。\n（二）加强产销衔接。";
        assert!(run(Kind::Sequence, t).is_empty());
        // Not after a bracketed number: `第（一）（二）项` lists references.
        let t = "（一）加强领导。\n依照第（一）（二）项规定执行。\n（二）完善制度。";
        assert!(run(Kind::Sequence, t).is_empty());
    }

    #[test]
    fn a_list_begun_inline_may_go_on_in_the_next_lines() {
        let t = "（一）总体安排。\n（二）各地区要抓好落实。本方案包括：（一）范围。\n（二）原则。\n（三）程序。";
        assert!(run(Kind::Sequence, t).is_empty());
        assert!(run(Kind::Gap, t).is_empty());
    }

    #[test]
    fn an_attachment_list_is_a_new_list() {
        let t = "一、总体要求\n1.坚持党的领导\n2.坚持人民至上\n3.坚持系统观念\n附件：1.重点任务分工表\n　　　2.责任单位名单";
        assert!(run(Kind::Sequence, t).is_empty());
        assert!(run(Kind::Gap, t).is_empty());
        let t = "附件：1.2019年第三季度监管工作情况\n　　　2.各地区政府网站运行情况";
        assert!(run(Kind::Gap, t).is_empty());
    }

    #[test]
    fn spans_stay_on_char_boundaries_and_nothing_panics() {
        let samples = [
            "",
            "\n\n",
            "（",
            "（一",
            "（一）",
            "一",
            "一、",
            "1",
            "1.",
            "1 ",
            "１",
            "（１）、",
            "十十十十",
            "。（",
            "：1、",
            "\r\n（一）、加强\r\n1、完善\r\n",
            "“（一）",
            "一 ",
            "九十九、",
            "（九十九）",
        ];
        for t in samples {
            for kind in [Kind::Separator, Kind::Sequence, Kind::Gap] {
                for f in run(kind, t) {
                    assert!(t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end));
                    assert!(f.span.end <= t.len());
                }
            }
        }
    }

    #[test]
    fn a_long_single_line_is_linear() {
        let t = "。（一）加强领导；".repeat(100_000);
        assert!(run(Kind::Gap, &t).is_empty());
        let t = "1、".repeat(100_000);
        let _ = run(Kind::Separator, &t);
    }
}
