//! Checks of the `dates` family (issue 3): years left over from last year's document, a file
//! name and a title that disagree, and dates that cannot exist or are written wrong.
//!
//! Most years in a report are rightly in the past (`与2023年同期相比`, `2023年以来`,
//! `截至2025年底`, a `2025年工作回顾` section, the date of a cited document), so a past
//! year is reported only where the text claims it as the document's own period: in the
//! title, in a heading that plans the period, or in a sentence that introduces the document
//! itself (`今年（2023年）`, `现将2023年…`, `2023年工作计划如下`).

use super::{Builder, Check, Finding, Params, known_params};
use crate::source::Document;
use crate::year::{self, DocYear, YearMention, YearSource, digit_value, is_arabic_digit};
use std::ops::Range;

/// The checks of this module, by id.
pub const CHECKS: &[(&str, Builder)] = &[
    ("stale-year-title", build_stale_title),
    ("stale-year-period", build_stale_period),
    ("year-mismatch", build_year_mismatch),
    ("year-without-nian", build_year_without_nian),
    ("impossible-date", build_impossible_date),
    ("zero-lookalike-in-year", build_zero_lookalike),
    ("mixed-width-digits", build_mixed_width),
];

fn no_params(params: &Params, check: impl Check + 'static) -> Result<Box<dyn Check>, String> {
    known_params(params, &[])?;
    Ok(Box::new(check))
}

fn build_stale_title(p: &Params) -> Result<Box<dyn Check>, String> {
    no_params(
        p,
        StaleYear {
            place: Place::Heading,
        },
    )
}

fn build_stale_period(p: &Params) -> Result<Box<dyn Check>, String> {
    no_params(p, StaleYear { place: Place::Body })
}

fn build_year_mismatch(p: &Params) -> Result<Box<dyn Check>, String> {
    no_params(p, YearMismatch)
}

fn build_year_without_nian(p: &Params) -> Result<Box<dyn Check>, String> {
    no_params(p, YearWithoutNian)
}

fn build_impossible_date(p: &Params) -> Result<Box<dyn Check>, String> {
    no_params(p, ImpossibleDate)
}

fn build_zero_lookalike(p: &Params) -> Result<Box<dyn Check>, String> {
    no_params(p, ZeroLookalike)
}

fn build_mixed_width(p: &Params) -> Result<Box<dyn Check>, String> {
    no_params(p, MixedWidth)
}

// ---------------------------------------------------------------------------------------
// Stale years
// ---------------------------------------------------------------------------------------

/// Where a stale year stands: the title and headings (DL601) or the running text (DL602).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Heading,
    Body,
}

/// `stale-year-title` and `stale-year-period`: one analysis, each rule takes its part.
#[derive(Debug)]
struct StaleYear {
    place: Place,
}

impl Check for StaleYear {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let Some(year) = &doc.year else {
            return;
        };
        // One analysis per document serves both rules.
        let all = doc.memo(|doc| StaleYears(stale_years(doc, year)));
        out.extend(
            all.0
                .iter()
                .filter(|(place, _)| *place == self.place)
                .map(|(_, f)| f.clone()),
        );
    }
}

/// The findings of [`stale_years`] for a document, by place.
struct StaleYears(Vec<(Place, Finding)>);

/// Words after `YYYY年` that make the year a period being planned: in a heading or a
/// self-introduction they claim the document's own period.
const FORWARD: &[&str] = &[
    "工作计划",
    "计划",
    "工作打算",
    "打算",
    "工作安排",
    "安排",
    "工作思路",
    "思路",
    "工作要点",
    "要点",
    "重点工作",
    "重点任务",
    "工作任务",
];

/// Words after `YYYY年` that make the year a period being reported on.
const REPORT: &[&str] = &["工作总结", "总结", "工作报告", "报告", "述职报告", "述职"];

/// Parts of a year: `2024年上半年`, `2024年第三季度`.
const SUB_PERIODS: &[&str] = &[
    "上半年",
    "下半年",
    "前三季度",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
];

/// Right after `YYYY年`: the year is a point in history, not a period being claimed
/// (`2023年以来`, `2023年底`, `2023年同期`).
const HISTORY_AFTER: &[&str] = &[
    "以来", "以前", "之前", "以后", "之后", "前", "后", "底", "末", "初", "同期", "相比", "起",
    "开始", "至今", "来", "至", "到", "间",
];

/// Right before the year: a comparison, a starting point or a reference
/// (`较2023年`, `与2023年`, `自2023年`, `截至2023年`, `根据2023年…`).
const HISTORY_BEFORE: &[&str] = &[
    "较", "比", "与", "同", "自", "从", "截至", "截止", "到", "至", "直至", "于", "在", "根据",
    "按照", "对照", "依据", "参照", "继", "对", "同比", "相比", "回顾", "总结", "去年", "上年",
];

/// A year claimed as a period: what follows `YYYY年`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Claim {
    sub: Option<&'static str>,
    /// A holiday or season of the year follows (`2025年元旦春节期间`, `2024年汛期`).
    season: bool,
    forward: bool,
    report: bool,
    /// Byte offset just after the keyword, when there is one.
    keyword_end: Option<usize>,
    /// The keyword names work (`工作计划`, `重点工作`), not just a plan (`计划`), which
    /// may head a column of figures.
    work: bool,
}

/// Reads what follows the year mention `m`; `None` when it marks history.
fn claim(text: &str, m: &YearMention) -> Option<Claim> {
    let mut at = m.end;
    if text[at..].starts_with('度') {
        at += '度'.len_utf8();
    }
    let rest = &text[at..];
    let mut c = Claim::default();
    if let Some(sub) = SUB_PERIODS.iter().find(|s| rest.starts_with(*s)) {
        c.sub = Some(sub);
        at += sub.len();
    } else if HISTORY_AFTER.iter().any(|w| rest.starts_with(w)) {
        return None;
    }
    c.season = year::SEASONS.iter().any(|s| text[at..].starts_with(s));
    // The keyword may follow a topic of a few characters: `2023年度党风廉政建设工作总结`.
    for (n, (i, ch)) in text[at..].char_indices().enumerate() {
        if n > 14 || !is_ideograph(ch) {
            break;
        }
        let here = &text[at + i..];
        for (words, forward) in [(FORWARD, true), (REPORT, false)] {
            if let Some(w) = words.iter().find(|w| here.starts_with(*w)) {
                let end = at + i + w.len();
                if keyword_boundary(&text[end..]) {
                    c.forward = forward;
                    c.report = !forward;
                    c.keyword_end = Some(end);
                    c.work = w.contains("工作") || w.starts_with("重点");
                    return Some(c);
                }
            }
        }
    }
    Some(c)
}

/// Whether a keyword ends a noun phrase here: `计划` in `2023年工作计划。`, `…计划的通知`,
/// `…计划如下`, but not in `计划生育` or `工作计划执行情况`.
fn keyword_boundary(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        None => true,
        Some('的') => {
            let next = chars.as_str();
            ![
                "完成", "执行", "落实", "实施", "进展", "情况", "基础", "要求", "部署", "回顾",
                "总结", "评估", "成效", "经验",
            ]
            .iter()
            .any(|w| next.starts_with(w))
        }
        Some('和' | '及' | '与' | '暨') => true,
        Some('如') => chars.next() == Some('下'),
        Some(c) => !is_ideograph(c),
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Whether the text just before `start` marks history or a reference.
fn history_before(text: &str, start: usize) -> bool {
    let before = &text[..start];
    // 关于/对于2024年… is the subject of a title, not a point in time.
    if before.ends_with("关于") || before.ends_with("对于") {
        return false;
    }
    HISTORY_BEFORE.iter().any(|w| before.ends_with(w))
}

/// Whether the mention is one end of a range (`2017年－2018年`, `2016—2020年`).
fn in_range(text: &str, m: &YearMention) -> bool {
    let after = &text[m.end..];
    let conn_len = after
        .char_indices()
        .take(3)
        .map(|(i, c)| i + c.len_utf8())
        .find(|&n| year::is_range_connector(&after[..n]));
    if let Some(n) = conn_len
        && after[n..].chars().next().is_some_and(is_year_digit)
    {
        return true;
    }
    // Before: `2016—` or `2016年—`.
    let before = text[..m.start].trim_end_matches(|c| {
        matches!(c, '-' | '—' | '–' | '－' | '~' | '～' | '〜' | '至' | '到')
    });
    before.len() < m.start && {
        let before = before.strip_suffix('年').unwrap_or(before);
        before.chars().next_back().is_some_and(is_year_digit)
    }
}

fn is_year_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Whether the mention stands inside a book title `《…》` (a cited document) on its line.
fn in_book_title(line: &str, offset: usize) -> bool {
    // A book title is short: look back a bounded distance, so a long line stays linear.
    let from = line[..offset]
        .char_indices()
        .rev()
        .nth(60)
        .map_or(0, |(i, _)| i);
    let before = &line[from..offset];
    match (before.rfind('《'), before.rfind('》')) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The lines of a text with their byte offsets, without line endings.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    super::split_lines(text).map(move |line| {
        let start = at;
        at += line.len() + 1;
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

const BLANK: &[char] = &[' ', '\t', '\u{3000}', '\u{a0}', '\u{feff}'];

/// Length in bytes of a heading number at the start of `s` (`一、` `（一）` `1.` `（1）`
/// `第一章`), with the spaces after it.
fn heading_number(s: &str) -> Option<usize> {
    let numeral = |c: char| "一二三四五六七八九十百〇零".contains(c);
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    let end = match first {
        '（' | '(' => {
            let inner = &s[first.len_utf8()..];
            let n: usize = inner
                .chars()
                .take_while(|&c| numeral(c) || is_arabic_digit(c))
                .map(char::len_utf8)
                .sum();
            let close = inner[n..].chars().next()?;
            (n > 0 && matches!(close, '）' | ')'))
                .then(|| first.len_utf8() + n + close.len_utf8())?
        }
        '第' => {
            let inner = &s[first.len_utf8()..];
            let n: usize = inner
                .chars()
                .take_while(|&c| numeral(c) || is_arabic_digit(c))
                .map(char::len_utf8)
                .sum();
            let unit = inner[n..].chars().next()?;
            (n > 0 && "章节部分篇条".contains(unit))
                .then(|| first.len_utf8() + n + unit.len_utf8())?
        }
        c if numeral(c) || is_arabic_digit(c) => {
            let arabic = is_arabic_digit(c);
            let n: usize = s
                .chars()
                .take_while(|&c| {
                    if arabic {
                        is_arabic_digit(c)
                    } else {
                        numeral(c)
                    }
                })
                .map(char::len_utf8)
                .sum();
            let sep = s[n..].chars().next()?;
            let ok = if arabic {
                matches!(sep, '.' | '．' | '、')
                    // `2024.上半年` is not a heading number.
                    && n <= 2
            } else {
                sep == '、'
            };
            ok.then(|| n + sep.len_utf8())?
        }
        _ => return None,
    };
    let spaces: usize = s[end..]
        .chars()
        .take_while(|c| BLANK.contains(c))
        .map(char::len_utf8)
        .sum();
    Some(end + spaces)
}

/// The heading part of a line, as a byte range inside it: after a heading number up to the
/// first sentence end (a run-in heading `（一）聚焦决策服务。围绕…`), or a whole short line
/// without sentence punctuation.
fn heading_part(line: &str) -> Option<Heading> {
    let lead = line.len() - line.trim_start_matches(BLANK).len();
    let body = line[lead..].trim_end_matches(BLANK);
    if body.is_empty() {
        return None;
    }
    if let Some(n) = heading_number(body) {
        let rest = &body[n..];
        let end = rest
            .char_indices()
            .take(41)
            .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '；' | '：' | ':' | ';' | '!' | '?'))
            .map(|(i, _)| i);
        let end = match end {
            Some(i) => i,
            // At most 40 characters (not counting a long paragraph through).
            None if rest.chars().nth(40).is_none() => rest.len(),
            None => return None,
        };
        return Some(Heading {
            range: lead + n..lead + n + end,
            numbered: true,
        });
    }
    let short = body.chars().nth(30).is_none();
    let stop = |c| {
        matches!(
            c,
            '。' | '！' | '？' | '；' | '：' | '，' | ',' | ';' | ':' | '!' | '?'
        )
    };
    (short && !body.contains(stop)).then(|| Heading {
        range: lead..lead + body.len(),
        numbered: false,
    })
}

/// The heading part of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Heading {
    range: Range<usize>,
    /// Starts with a heading number; a short line without one may also be a table cell.
    numbered: bool,
}

/// What the document says it is, read from its title and the file name.
#[derive(Debug, Default)]
struct DocKind {
    /// A report on a period (总结, 工作报告, 述职) and not a plan.
    report: bool,
    /// The part of the year the document covers (上半年, 第三季度), if it names one.
    sub: Option<&'static str>,
}

fn doc_kind(doc: &Document) -> DocKind {
    let title = year::title(&doc.text).unwrap_or("");
    let stem = year::file_stem(&doc.path);
    let has = |words: &[&str]| words.iter().any(|w| title.contains(w) || stem.contains(w));
    let forward = ["计划", "打算", "安排", "思路", "要点"];
    DocKind {
        report: has(&["总结", "工作报告", "述职"]) && !has(&forward),
        sub: SUB_PERIODS
            .iter()
            .find(|s| title.contains(*s) || stem.contains(*s))
            .copied(),
    }
}

/// `2024年，据文件名`: the document year and its source, the note of stale-year findings.
fn describe(year: &DocYear) -> String {
    let source = match year.source {
        YearSource::Flag => "据 --year",
        YearSource::Config => "据配置",
        YearSource::FileName => "据文件名",
        YearSource::Title => "据标题",
    };
    let period: Vec<i32> = year.period().collect();
    format!("{}，{source}", describe_years(&period))
}

/// `2024年`, `2023年、2024年`, `2016—2020年`.
fn describe_years(years: &[i32]) -> String {
    match years {
        [] => String::new(),
        [y] => format!("{y}年"),
        [a, .., b] if years.len() > 2 && b - a + 1 == years.len() as i32 => {
            format!("{a}—{b}年")
        }
        _ => years
            .iter()
            .map(|y| format!("{y}年"))
            .collect::<Vec<_>>()
            .join("、"),
    }
}

/// The year `year` written like the mention `m` (`2024年`, `２０２４年`, `二〇二四年`).
fn same_script(text: &str, m: &YearMention, year: i32) -> String {
    let digits = year.to_string();
    let first = text[m.start..].chars().next().unwrap_or('0');
    let mut out: String = if m.chinese {
        digits
            .chars()
            .map(|d| {
                "〇一二三四五六七八九"
                    .chars()
                    .nth(d as usize - '0' as usize)
                    .unwrap_or(d)
            })
            .collect()
    } else if ('０'..='９').contains(&first) {
        digits
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d))
            .collect()
    } else {
        digits
    };
    out.push('年');
    out
}

/// A finding on a stale year mention, with the document year as note and the year to
/// suggest, if any.
fn stale_finding(
    doc: &Document,
    ctx: &StaleContext,
    m: &YearMention,
    suggest: Option<i32>,
) -> Finding {
    let mut f = Finding::new(m.start..m.end).note(ctx.note.clone());
    if let Some(y) = suggest {
        f = f.suggestion(same_script(&doc.text, m, y));
    }
    if let Some(span) = &ctx.title_year {
        f = f.label(span.clone(), "文档年份据此");
    }
    f
}

/// What every stale-year finding of a document shares, computed once.
struct StaleContext {
    /// `2024年，据文件名`.
    note: String,
    /// The year in the title that gave the document year, when the title gave it.
    title_year: Option<Range<usize>>,
}

impl StaleContext {
    fn new(doc: &Document, year: &DocYear) -> StaleContext {
        let title_year = match (year.source, title_range(&doc.text)) {
            (YearSource::Title, Some(range)) => year::year_mentions(&doc.text[range.clone()])
                .find(|t| year.contains(t.year))
                .map(|t| range.start + t.start..range.start + t.end),
            _ => None,
        };
        StaleContext {
            note: describe(year),
            title_year,
        }
    }
}

/// Byte range of the title line in the text.
fn title_range(text: &str) -> Option<Range<usize>> {
    let title = year::title(text)?;
    let start = title.as_ptr() as usize - text.as_ptr() as usize;
    Some(start..start + title.len())
}

/// Parts of a year that end with it: a report on them is written early the next year.
const YEAR_END_SUBS: &[&str] = &["下半年", "第四季度", "四季度"];

/// Whether a title claim reports on a period that ends with its year (`2023年工作总结`,
/// `2023年第四季度…通报`): such a document is usually written early the next year.
fn reports_year_end(c: &Claim) -> bool {
    !c.forward && (c.report || c.sub.is_some()) && c.sub.is_none_or(|s| YEAR_END_SUBS.contains(&s))
}

/// The first year the stale-year checks accept as the document's own.
///
/// Usually the first document year; but a title about the year before makes that year
/// the document's too, unless it claims a part of it that is plainly over (DL601:
/// `2023年上半年工作总结` in a file named 2024). A report on the end of that year
/// (`2023年工作总结`, `2023年第四季度…通报`) or a subject of it (`关于2023年度考核结果的通报`)
/// is often written early the next year: nothing is stale against either year, and
/// `year-mismatch` says where file name and title disagree.
fn own_first(doc: &Document, year: &DocYear) -> i32 {
    let first = year.first();
    if year.source == YearSource::Title {
        return first;
    }
    let Some(range) = title_range(&doc.text) else {
        return first;
    };
    let text = &doc.text[..range.end];
    let about_year_before = year::year_mentions(&doc.text[range.clone()])
        .map(|m| shift(m, range.start))
        .any(|m| {
            m.year == first - 1
                && !in_range(text, &m)
                && !history_before(text, m.start)
                && claim(text, &m).is_some_and(|c| !is_period_claim(&c) || reports_year_end(&c))
        });
    if about_year_before { first - 1 } else { first }
}

/// Title mentions that claim an earlier period than the document year (DL601 in the title).
fn stale_title_mentions(doc: &Document, year: &DocYear, first: i32) -> Vec<YearMention> {
    // A title that gives the year cannot be stale against itself.
    if year.source == YearSource::Title {
        return Vec::new();
    }
    let Some(range) = title_range(&doc.text) else {
        return Vec::new();
    };
    let text = &doc.text[..range.end];
    let mentions: Vec<YearMention> = year::year_mentions(&doc.text[range.clone()])
        .map(|m| shift(m, range.start))
        .collect();
    // `2023年工作总结和2024年工作计划`: the past year is the part looking back.
    if mentions.iter().any(|m| m.year >= first) {
        return Vec::new();
    }
    mentions
        .into_iter()
        .filter(|m| m.year < first && !in_range(text, m) && !history_before(text, m.start))
        .filter(|m| claim(text, m).is_some_and(|c| is_period_claim(&c)))
        .collect()
}

/// A year followed by a part of the year, a holiday or season, or a kind of document: the
/// period a title speaks for.
fn is_period_claim(c: &Claim) -> bool {
    c.sub.is_some() || c.season || c.keyword_end.is_some()
}

fn shift(m: YearMention, by: usize) -> YearMention {
    YearMention {
        start: m.start + by,
        nian: m.nian + by,
        end: m.end + by,
        ..m
    }
}

/// Clause around `at` on its line: back to the previous and on to the next sentence end,
/// at most `LIMIT` bytes each way.
fn clause(line: &str, at: usize) -> Range<usize> {
    const LIMIT: usize = 300;
    let ends = |c: char| matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';');
    let mut lo = at.saturating_sub(LIMIT);
    while !line.is_char_boundary(lo) {
        lo += 1;
    }
    let start = line[lo..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| ends(c))
        .map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let mut hi = (at + LIMIT).min(line.len());
    while !line.is_char_boundary(hi) {
        hi -= 1;
    }
    let end = line[at..hi]
        .char_indices()
        .find(|&(_, c)| ends(c))
        .map_or(hi, |(i, _)| at + i);
    start..end
}

/// Whether the text `s` names a year the document speaks for or a later one.
fn names_current_year(s: &str, first: i32) -> bool {
    year::year_mentions(s).any(|m| m.year >= first)
}

/// Every stale year of the document with its place.
fn stale_years(doc: &Document, year: &DocYear) -> Vec<(Place, Finding)> {
    let text = doc.text.as_str();
    let first = own_first(doc, year);
    // Suggest a year only when the document names exactly one and it is the one compared.
    let period: Vec<i32> = year.period().collect();
    let only = match period[..] {
        [only] if only == first => Some(only),
        _ => None,
    };
    let ctx = StaleContext::new(doc, year);
    let mut out = Vec::new();
    for m in stale_title_mentions(doc, year, first) {
        out.push((Place::Heading, stale_finding(doc, &ctx, &m, only)));
    }
    let kind = doc_kind(doc);
    let title = title_range(text);
    for (offset, line) in lines(text) {
        if title
            .as_ref()
            .is_some_and(|t| t.start >= offset && t.end <= offset + line.len())
        {
            continue;
        }
        let heading = heading_part(line);
        let heading_current = heading
            .as_ref()
            .is_some_and(|h| names_current_year(&line[h.range.clone()], first));
        let opener = paragraph_opener(line);
        for m in year::year_mentions(line) {
            let full = shift(m, offset);
            // 今年（2023年）: the text says outright which year it means.
            if let Some((stale, shift)) = deictic(line, &m, first) {
                if stale {
                    let suggest = only.map(|y| y + shift);
                    out.push((Place::Body, stale_finding(doc, &ctx, &full, suggest)));
                }
                continue;
            }
            if m.year >= first {
                continue;
            }
            if in_range(line, &m) || history_before(line, m.start) {
                continue;
            }
            let Some(c) = claim(line, &m) else {
                continue;
            };
            let in_heading = heading
                .as_ref()
                .filter(|h| h.range.start <= m.start && m.end <= h.range.end);
            if let Some(h) = in_heading {
                // A heading that plans the year, or one that repeats the title's part of
                // the year (`（二）2023年上半年…` in a half-year report). A short line
                // without a number may be a table cell (`2023年计划`, `2023年上半年` heading
                // a column of figures): it must plan the year's work.
                let claims = if h.numbered {
                    c.forward || (c.sub.is_some() && c.sub == kind.sub)
                } else {
                    c.forward && c.work
                };
                if claims && !heading_current && !in_book_title(line, m.start) {
                    out.push((Place::Heading, stale_finding(doc, &ctx, &full, only)));
                }
                continue;
            }
            if body_claims_own_period(line, &m, &c, &kind, first, opener) {
                let span = clause(line, m.start);
                if !names_current_year(&line[span], first) {
                    out.push((Place::Body, stale_finding(doc, &ctx, &full, only)));
                }
            }
        }
    }
    out
}

/// Byte offset where the paragraph text starts (after indentation and a heading number).
fn paragraph_opener(line: &str) -> usize {
    let lead = line.len() - line.trim_start_matches(BLANK).len();
    lead + heading_number(&line[lead..]).unwrap_or(0)
}

/// The sentence frames in which a year in running text is the document's own period.
fn body_claims_own_period(
    line: &str,
    m: &YearMention,
    c: &Claim,
    kind: &DocKind,
    first: i32,
    opener: usize,
) -> bool {
    let before = &line[..m.start];
    let after = &line[m.end..];
    // 现将2023年上半年工作总结如下 / 现将我局2023年…报告如下: the document presents itself.
    if xianjiang_before(before) {
        return true;
    }
    // 2023年工作计划如下: a plan or report introducing itself.
    if let Some(end) = c.keyword_end
        && line[end..].starts_with("如下")
        && (c.forward || kind.report)
        && !in_book_title(line, m.start)
    {
        return true;
    }
    // `2023年上半年，县政府办公室…`: a report copied from last year's, opening a paragraph
    // with last year's period in the same part of the year as its title. Older years open
    // paragraphs of history (a 述职报告: `2019年，我调任…`).
    m.start == opener && m.year == first - 1 && kind.report && c.sub == kind.sub && {
        let mut rest = after.strip_prefix('度').unwrap_or(after);
        if let Some(sub) = c.sub {
            rest = rest.strip_prefix(sub).unwrap_or(rest);
        }
        rest.starts_with('，') || rest.starts_with(',')
    }
}

/// `今年（2023年）`, `本年度（2023年度）`, `去年（2022年）`, `明年（2024年）`: whether the
/// year in brackets is before the one the word means, and that year's offset from the
/// document year; `None` when the mention is not in such a frame.
fn deictic(line: &str, m: &YearMention, first: i32) -> Option<(bool, i32)> {
    let after = &line[m.end..];
    let after = after.strip_prefix('度').unwrap_or(after);
    if !(after.starts_with('）') || after.starts_with(')')) {
        return None;
    }
    let before = &line[..m.start];
    let open = before
        .strip_suffix('（')
        .or_else(|| before.strip_suffix('('))?;
    [
        ("今年度", 0),
        ("本年度", 0),
        ("今年", 0),
        ("本年", 0),
        ("去年", -1),
        ("上年", -1),
        ("明年", 1),
    ]
    .iter()
    .find(|(word, _)| open.ends_with(word))
    .map(|&(_, shift)| (m.year < first + shift, shift))
}

/// Whether `现将` stands before the year with at most a short subject in between
/// (`现将我局`, `现将县政府办公室`).
fn xianjiang_before(before: &str) -> bool {
    let mut n = 0;
    let mut rest = before;
    while let Some(c) = rest.chars().next_back() {
        if rest.ends_with("现将") {
            return true;
        }
        if !is_ideograph(c) || n >= 12 {
            return false;
        }
        rest = &rest[..rest.len() - c.len_utf8()];
        n += 1;
    }
    false
}

// ---------------------------------------------------------------------------------------
// Year mismatch between file name and title
// ---------------------------------------------------------------------------------------

/// `year-mismatch`: the file name and the title claim different periods.
///
/// Only a title year that names a period (`2024年上半年`, `2024年工作要点`) counts: an
/// event (`2022年第19届亚运会`), a target (`2025年远景目标`) or a range in the title says
/// nothing about the year the document speaks for.
#[derive(Debug)]
struct YearMismatch;

impl Check for YearMismatch {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let mut named = year::file_name_years(year::file_stem(&doc.path));
        let Some(&last) = named.last() else {
            return;
        };
        let Some(range) = title_range(&doc.text) else {
            return;
        };
        let title = &doc.text[range.clone()];
        // A plan for the next year, named by the year it was issued in.
        if year::plans_year(title, last + 1) {
            named.push(last + 1);
        }
        if year::text_years(title).iter().any(|y| named.contains(y)) {
            return;
        }
        // An earlier period in the title is already reported as stale (DL601).
        if let Some(year) = &doc.year
            && !stale_title_mentions(doc, year, own_first(doc, year)).is_empty()
        {
            return;
        }
        let text = &doc.text[..range.end];
        let claimed = year::year_mentions(title)
            .map(|m| shift(m, range.start))
            .find(|m| {
                !in_range(text, m)
                    && !history_before(text, m.start)
                    && claim(text, m).is_some_and(|c| is_period_claim(&c))
            });
        if let Some(m) = claimed {
            out.push(Finding::new(m.start..m.end).note(describe_years(&named)));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Malformed dates
// ---------------------------------------------------------------------------------------

/// `year-without-nian`: `2024上半年` for `2024年上半年`.
#[derive(Debug)]
struct YearWithoutNian;

/// What may follow a year directly only when 年 is missing; `度` is checked apart.
const AFTER_YEAR: &[&str] = &[
    "上半年",
    "下半年",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "前三季度",
];

/// After `2024度`: words that make it `2024年度…` rather than a quantity (`2000度电`).
const AFTER_YEAR_DU: &[&str] = &[
    "工作", "计划", "总结", "报告", "考核", "预算", "决算", "目标", "任务", "述职", "重点", "绩效",
    "部门", "国家", "全国", "优秀", "先进", "评", "表彰", "十大",
];

impl Check for YearWithoutNian {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        for run in arabic_runs(text) {
            let digits = &text[run.clone()];
            if digits.chars().count() != 4 {
                continue;
            }
            let value = arabic_value(digits);
            if !(1949..=2099).contains(&value) {
                continue;
            }
            // `1.2024` or `v2024` is not a year.
            let prev = text[..run.start].chars().next_back();
            if prev.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '．' | '-')) {
                continue;
            }
            let rest = &text[run.end..];
            let missing = AFTER_YEAR.iter().any(|w| rest.starts_with(w))
                || rest
                    .strip_prefix('度')
                    .is_some_and(|r| AFTER_YEAR_DU.iter().any(|w| r.starts_with(w)));
            if missing {
                out.push(Finding::new(run.clone()).fix(format!("{digits}年")));
            }
        }
    }
}

/// Byte ranges of the runs of ASCII or full-width digits of a text.
fn arabic_runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|&(_, c)| is_arabic_digit(c))?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_arabic_digit(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

fn arabic_value(digits: &str) -> i32 {
    digits.chars().filter_map(digit_value).fold(0i32, |acc, d| {
        acc.saturating_mul(10).saturating_add(d as i32)
    })
}

/// `impossible-date`: `2024年13月`, `2月30日`, `4月31日`, `2023年2月29日`.
#[derive(Debug)]
struct ImpossibleDate;

/// A number written before 月 or before 日: Arabic digits or Chinese numerals (`十二`, `三十一`).
#[derive(Debug, Clone, Copy)]
struct Num {
    value: u32,
    start: usize,
    end: usize,
}

/// The number that ends at byte `end` (just before 月).
fn number_before(text: &str, end: usize) -> Option<Num> {
    let before = &text[..end];
    let last = before.chars().next_back()?;
    if is_arabic_digit(last) {
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_arabic_digit(c))
            .last()
            .map(|(i, _)| i)?;
        let digits = &before[start..];
        (digits.chars().count() <= 2).then(|| Num {
            value: arabic_value(digits) as u32,
            start,
            end,
        })
    } else {
        let start = before
            .char_indices()
            .rev()
            .take(4)
            .take_while(|&(_, c)| "一二三四五六七八九十".contains(c))
            .last()
            .map(|(i, _)| i)?;
        // `二〇二四年二月`: the run stops at 年; `十一二月` is not a month.
        let prev = before[..start].chars().next_back();
        if prev.is_some_and(|c| "一二三四五六七八九十〇零百千".contains(c)) {
            return None;
        }
        Some(Num {
            value: chinese_value(&before[start..])?,
            start,
            end,
        })
    }
}

/// The number that starts at byte `start` and is followed by 日.
fn number_after(text: &str, start: usize) -> Option<Num> {
    let after = &text[start..];
    let first = after.chars().next()?;
    let len: usize = if is_arabic_digit(first) {
        after
            .chars()
            .take_while(|&c| is_arabic_digit(c))
            .map(char::len_utf8)
            .sum()
    } else {
        after
            .chars()
            .take(4)
            .take_while(|&c| "一二三四五六七八九十".contains(c))
            .map(char::len_utf8)
            .sum()
    };
    if len == 0 || !after[len..].starts_with('日') {
        return None;
    }
    let s = &after[..len];
    let value = if is_arabic_digit(first) {
        if s.chars().count() > 2 {
            return None;
        }
        arabic_value(s) as u32
    } else {
        chinese_value(s)?
    };
    Some(Num {
        value,
        start,
        end: start + len + '日'.len_utf8(),
    })
}

/// 一 … 九, 十, 十一, 二十, 三十一; `None` for anything else (`一二`, `十十`).
fn chinese_value(s: &str) -> Option<u32> {
    let unit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32 + 1)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars[..] {
        ['十'] => Some(10),
        [a] => unit(a),
        ['十', b] => Some(10 + unit(b)?),
        [a, '十'] => Some(unit(a)? * 10),
        [a, '十', b] => Some(unit(a)? * 10 + unit(b)?),
        _ => None,
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The year written just before `月` (`2024年` ending at `end`).
fn year_before(text: &str, end: usize) -> Option<(usize, i32)> {
    let before = text[..end].strip_suffix('年')?;
    let start = before
        .char_indices()
        .rev()
        .take(5)
        .take_while(|&(_, c)| digit_value(c).is_some())
        .last()
        .map(|(i, _)| i)?;
    let digits = &before[start..];
    if digits.chars().count() != 4 {
        return None;
    }
    let value = digits
        .chars()
        .filter_map(digit_value)
        .fold(0, |acc, d| acc * 10 + d as i32);
    Some((start, value))
}

impl Check for ImpossibleDate {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        let mut from = 0;
        static YUE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new("月"));
        while let Some(i) = YUE.find(&text.as_bytes()[from..]) {
            let yue = from + i;
            from = yue + '月'.len_utf8();
            let Some(month) = number_before(text, yue) else {
                continue;
            };
            let year = year_before(text, month.start);
            let day = number_after(text, from);
            let start = year.map_or(month.start, |(s, _)| s);
            // Lunar dates have their own months and days (农历二月三十).
            let lead = text[..start]
                .char_indices()
                .rev()
                .nth(5)
                .map_or(0, |(i, _)| i);
            if ["农历", "阴历", "夏历"]
                .iter()
                .any(|w| text[lead..start].contains(w))
            {
                continue;
            }
            if !(1..=12).contains(&month.value) {
                // A month out of range is a date only with a year before or a day after it.
                if year.is_some() || day.is_some() {
                    let end = day.map_or(from, |d| d.end);
                    out.push(Finding::new(start..end).note("月份只有1至12月"));
                }
                continue;
            }
            let Some(day) = day else {
                continue;
            };
            let max = match month.value {
                2 => match year {
                    Some((_, y)) if !is_leap(y) => 28,
                    _ => 29,
                },
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if day.value == 0 || day.value > max {
                let note = match (month.value, year) {
                    (_, _) if day.value == 0 => "日期从1日起".to_string(),
                    (2, Some((_, y))) if max == 28 => format!("{y}年不是闰年，2月只有28天"),
                    (m, _) => format!("{m}月只有{max}天"),
                };
                out.push(Finding::new(start..day.end).note(note));
            }
            from = day.end.max(from);
        }
    }
}

/// `zero-lookalike-in-year`: `二0二四年`, `二O二四年` (〇 is the zero of Chinese numerals)
/// and `2O24年` (a letter O among digits).
#[derive(Debug)]
struct ZeroLookalike;

fn is_lookalike(c: char) -> bool {
    matches!(c, '0' | '０' | 'O' | 'o' | 'Ｏ' | 'ｏ')
}

impl Check for ZeroLookalike {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        let mut from = 0;
        while let Some(i) = year::find_nian(&text[from..]) {
            let nian = from + i;
            from = nian + '年'.len_utf8();
            // The four characters before 年, last first; no allocation per candidate.
            let mut four = [(0, ' '); 4];
            let mut n = 0;
            for (slot, ic) in four.iter_mut().zip(text[..nian].char_indices().rev()) {
                *slot = ic;
                n += 1;
            }
            if n < 4 {
                continue;
            }
            let start = four[3].0;
            let prev = text[..start].chars().next_back();
            let chars = || four.iter().rev().map(|&(_, c)| c);
            let chinese = chars()
                .filter(|c| "一二三四五六七八九".contains(*c))
                .count();
            let zeros = chars().filter(|&c| c == '〇' || c == '零').count();
            let ascii = chars().filter(char::is_ascii_digit).count();
            let wide = chars().filter(|c| ('０'..='９').contains(c)).count();
            let letters = chars()
                .filter(|&c| matches!(c, 'O' | 'o' | 'Ｏ' | 'ｏ'))
                .count();
            let looks = chars().filter(|&c| is_lookalike(c)).count();
            let first = chars().next().unwrap_or(' ');
            let replacement = if chinese >= 2 && chinese + zeros + looks == 4 && looks > 0 {
                // A Chinese-numeral year: its zero is 〇.
                if !matches!(first, '一' | '二')
                    || prev.is_some_and(|p| "一二三四五六七八九十〇零百千万".contains(p))
                {
                    continue;
                }
                '〇'
            } else if letters > 0 && ascii >= 2 && ascii + letters == 4 && wide == 0 {
                if !matches!(first, '1' | '2')
                    || prev.is_some_and(|p| p.is_ascii_alphanumeric() || is_arabic_digit(p))
                {
                    continue;
                }
                '0'
            } else {
                continue;
            };
            // One finding per run of wrong characters.
            let mut run: Option<Range<usize>> = None;
            for &(at, c) in four.iter().rev() {
                let wrong = if replacement == '〇' {
                    is_lookalike(c)
                } else {
                    matches!(c, 'O' | 'o' | 'Ｏ' | 'ｏ')
                };
                match (&mut run, wrong) {
                    (Some(r), true) => r.end = at + c.len_utf8(),
                    (None, true) => run = Some(at..at + c.len_utf8()),
                    (Some(_), false) => {
                        let r = run.take().expect("checked");
                        push_zero_run(text, r, replacement, out);
                    }
                    (None, false) => {}
                }
            }
            if let Some(r) = run {
                push_zero_run(text, r, replacement, out);
            }
        }
    }
}

fn push_zero_run(text: &str, r: Range<usize>, zero: char, out: &mut Vec<Finding>) {
    let n = text[r.clone()].chars().count();
    out.push(Finding::new(r).fix(zero.to_string().repeat(n)));
}

/// `mixed-width-digits`: `２024`, full-width and ASCII digits in one number.
#[derive(Debug)]
struct MixedWidth;

impl Check for MixedWidth {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !is_arabic_digit(c) {
                continue;
            }
            // A number: digits with single `.` `．` `,` between them.
            let (mut ascii, mut wide) = (c.is_ascii_digit(), !c.is_ascii_digit());
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if is_arabic_digit(c) {
                    ascii |= c.is_ascii_digit();
                    wide |= !c.is_ascii_digit();
                    end = i + c.len_utf8();
                    chars.next();
                } else if matches!(c, '.' | '．' | ',')
                    && text[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_arabic_digit)
                {
                    chars.next();
                } else {
                    break;
                }
            }
            if ascii && wide {
                let fixed: String = text[start..end]
                    .chars()
                    .map(|c| match c {
                        '０'..='９' => {
                            char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
                        }
                        '．' => '.',
                        _ => c,
                    })
                    .collect();
                out.push(Finding::new(start..end).fix(fixed));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::year::DocYear;

    fn doc(path: &str, text: &str) -> Document {
        Document::new(path, text).with_year(None)
    }

    fn found(check: &dyn Check, d: &Document) -> Vec<String> {
        let mut out = Vec::new();
        check.run(d, &mut out);
        for f in &out {
            assert!(d.text.is_char_boundary(f.span.start) && d.text.is_char_boundary(f.span.end));
        }
        out.iter()
            .map(|f| d.text[f.span.clone()].to_string())
            .collect()
    }

    fn stale(place: Place, path: &str, text: &str) -> Vec<String> {
        found(&StaleYear { place }, &doc(path, text))
    }

    #[test]
    fn stale_title_against_file_name() {
        let f = "2024年上半年工作总结.docx";
        assert_eq!(
            stale(Place::Heading, f, "县政府办公室2023年上半年工作总结\n正文"),
            ["2023年"]
        );
        // The title gives the year itself: nothing to compare.
        assert!(stale(Place::Heading, "a.txt", "2023年上半年工作总结\n正文").is_empty());
        // Both years: the older one is the part looking back.
        assert!(stale(Place::Heading, f, "2023年工作总结和2024年工作计划").is_empty());
        // A report on the end of the year before is often written early the next year:
        // year-mismatch says the file name and title disagree, and 2023 is not stale.
        let t = |text: &str| stale(Place::Heading, "2024年工作总结.txt", text);
        assert!(t("县统计局2023年工作总结\n一、2023年工作总结").is_empty());
        assert!(t("2023年第四季度经济运行情况通报\n2023年第四季度").is_empty());
        assert_eq!(t("2023年第三季度经济运行情况通报"), ["2023年"]);
        assert_eq!(t("2022年工作总结"), ["2022年"]);
        assert_eq!(
            stale(
                Place::Body,
                "2024年工作总结.txt",
                "2023年工作总结\n今年（2022年）"
            ),
            ["2022年"]
        );
        // A title year that is not a period (an event) is left to year-mismatch.
        assert!(stale(Place::Heading, f, "关于成立2023年亚洲杯组委会的函").is_empty());
    }

    #[test]
    fn stale_headings() {
        let f = "2024年上半年工作总结.txt";
        let t = |body: &str| {
            stale(
                Place::Heading,
                f,
                &format!("县政府办公室上半年工作总结\n{body}"),
            )
        };
        assert_eq!(t("三、2023年下半年工作打算"), ["2023年"]);
        assert_eq!(t("（二）2023年上半年主要工作"), ["2023年"]);
        assert_eq!(t("二、2023年工作计划"), ["2023年"]);
        assert!(t("一、2023年工作回顾").is_empty());
        assert!(t("一、2023年工作计划执行情况").is_empty());
        assert!(t("四、关于2023年工作安排的回顾").is_empty());
        assert!(t("（一）2017年－2018年重点工作").is_empty());
        assert!(t("（三）认真落实《2023年工作要点》").is_empty());
        // Table cells heading columns of figures.
        assert!(t("2023年计划").is_empty());
        assert!(t("2023年上半年").is_empty());
        assert_eq!(t("2023年工作计划"), ["2023年"]);
        assert!(t("二、2023年工作总结和2024年工作计划").is_empty());
        assert!(t("（一）与2023年上半年相比").is_empty());
        assert_eq!(t("（二）关于2023年下半年工作安排"), ["2023年"]);
        // A long numbered paragraph is not a heading.
        let long = format!("1.2023年工作计划{}。", "很长的正文".repeat(10));
        assert!(t(&long).is_empty());
        // 2025年工作回顾 in a 2026 report.
        assert!(
            stale(
                Place::Heading,
                "2026年政府工作报告.txt",
                "政府工作报告\n一、2025年工作回顾"
            )
            .is_empty()
        );
    }

    #[test]
    fn stale_body_frames() {
        let f = "2024年工作总结.txt";
        let t = |body: &str| stale(Place::Body, f, &format!("工作总结\n{body}"));
        assert_eq!(t("今年（2023年）是关键之年。"), ["2023年"]);
        assert_eq!(t("本年度（2023年度）预算执行良好。"), ["2023年"]);
        assert_eq!(t("去年（2022年）完成投资5亿元。"), ["2022年"]);
        assert!(t("去年（2023年）完成投资5亿元。").is_empty());
        assert_eq!(t("明年（2024年）将继续推进。"), ["2024年"]);
        assert!(t("明年（2025年）将继续推进。").is_empty());
        assert_eq!(t("现将我局2023年工作总结报告如下。"), ["2023年"]);
        assert_eq!(t("2023年工作计划如下："), ["2023年"]);
        assert_eq!(t("2023年，局党组坚持稳中求进。"), ["2023年"]);
        assert!(t("与2023年同期相比增长5%。").is_empty());
        assert!(t("较2023年增长5%。").is_empty());
        assert!(t("2023年以来，我局持续推进改革。").is_empty());
        assert!(t("截至2023年底，全县共有企业500家。").is_empty());
        assert!(t("现将2023年以来的情况报告如下。").is_empty());
        // A title about the year before: the document speaks for it too.
        assert!(
            stale(
                Place::Body,
                "2024年1月考核结果通报.txt",
                "关于2023年度考核结果的通报\n现将2023年度考核结果通报如下。"
            )
            .is_empty()
        );
        assert!(t("现将2023年工作总结和2024年工作计划报告如下。").is_empty());
        assert!(t("2023年工作总结如下，2024年工作计划另行印发。").is_empty());
        assert!(t("根据《2023年工作要点》如下安排。").is_empty());
    }

    #[test]
    fn paragraph_openers_only_in_reports_of_the_same_part() {
        let t = |path: &str, body: &str| stale(Place::Body, path, &format!("标题\n{body}"));
        // A plan opens with a look back at last year.
        assert!(t("2024年工作计划.txt", "2023年，我局坚持稳中求进。").is_empty());
        // A half-year report: only 上半年 openers.
        assert!(t("2024年上半年工作总结.txt", "2023年，我局获评先进单位。").is_empty());
        assert_eq!(
            t(
                "2024年上半年工作总结.txt",
                "2023年上半年，我局坚持稳中求进。"
            ),
            ["2023年"]
        );
        // History two years back, not a copy of last year's report.
        assert!(
            t(
                "2024年述职报告.txt",
                "2019年，组织安排我到县发展改革局工作。"
            )
            .is_empty()
        );
    }

    #[test]
    fn title_year_labels_body_findings() {
        let d = doc("a.txt", "2024年工作总结\n今年（2023年）是关键之年。");
        let mut out = Vec::new();
        StaleYear { place: Place::Body }.run(&d, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].note.as_deref(), Some("2024年，据标题"));
        assert_eq!(&d.text[out[0].labels[0].span.clone()], "2024年");
        assert_eq!(out[0].fix.as_deref(), Some("2024年"));
    }

    #[test]
    fn suggestion_keeps_the_script() {
        let d = doc("2024年工作总结.txt", "标题\n今年（二〇二三年）是关键之年。");
        let mut out = Vec::new();
        StaleYear { place: Place::Body }.run(&d, &mut out);
        assert_eq!(out[0].fix.as_deref(), Some("二〇二四年"));
        let d = doc("2024年工作总结.txt", "标题\n今年（２０２３年）是关键之年。");
        out.clear();
        StaleYear { place: Place::Body }.run(&d, &mut out);
        assert_eq!(out[0].fix.as_deref(), Some("２０２４年"));
    }

    #[test]
    fn no_year_no_findings() {
        assert!(stale(Place::Body, "a.txt", "工作总结\n今年（2023年）是关键之年。").is_empty());
    }

    #[test]
    fn year_mismatch() {
        let t = |path: &str, text: &str| found(&YearMismatch, &doc(path, text));
        assert_eq!(
            t("2023年通知.txt", "关于2025年部分节假日安排的通知"),
            ["2025年"]
        );
        assert!(t("2024年通知.txt", "关于2025年部分节假日安排的通知").is_empty());
        assert_eq!(t("2024年总结.txt", "2023年工作总结"), ["2023年"]);
        assert_eq!(
            t("2023年计划.txt", "县发展改革局2025年工作要点"),
            ["2025年"]
        );
        assert_eq!(
            t("2023年通知.txt", "关于做好2025年元旦春节期间有关工作的通知"),
            ["2025年"]
        );
        // A plan for the next year, named by the year it was issued in.
        assert!(t("2024年计划.txt", "县发展改革局2025年工作要点").is_empty());
        assert!(t("2024年通知.txt", "关于做好2025年元旦春节期间有关工作的通知").is_empty());
        assert!(t("2025年通知.txt", "关于做好2025年元旦春节期间有关工作的通知").is_empty());
        // Not a period: an event, a target, an edition.
        assert!(t("2016年通知.txt", "关于成立2022年亚运会组委会的函").is_empty());
        assert!(t("2017年批复.txt", "关于…规划及2025年远景目标的批复").is_empty());
        assert!(t("2019年通知.txt", "关于印发采购目录(2020年版)的通知").is_empty());
        // Stale is reported once, by stale-year-title.
        assert!(t("2024年总结.txt", "2023年上半年工作总结").is_empty());
        assert!(t("2024年通知.txt", "关于2024年部分节假日安排的通知").is_empty());
        assert!(t("通知.txt", "关于2025年部分节假日安排的通知").is_empty());
        assert!(t("2016年规划.txt", "全国农业现代化规划(2016—2020年)").is_empty());
        assert!(t("20240115纪要.txt", "2023年第四季度工作会议纪要").is_empty());
    }

    #[test]
    fn year_without_nian() {
        let t = |text: &str| found(&YearWithoutNian, &doc("a.txt", text));
        assert_eq!(t("2024上半年，全县经济平稳"), ["2024"]);
        assert_eq!(t("２０２４下半年"), ["２０２４"]);
        assert_eq!(t("2023度工作考核"), ["2023"]);
        assert_eq!(t("2024一季度"), ["2024"]);
        assert!(t("用电2000度电").is_empty());
        assert!(t("2024年上半年").is_empty());
        assert!(t("v2024上半年").is_empty());
        assert!(t("12024上半年").is_empty());
        assert!(t("1500度高温").is_empty());
    }

    #[test]
    fn impossible_dates() {
        let t = |text: &str| found(&ImpossibleDate, &doc("a.txt", text));
        assert_eq!(t("2024年13月"), ["2024年13月"]);
        assert_eq!(t("于2月30日前报送"), ["2月30日"]);
        assert_eq!(t("4月31日"), ["4月31日"]);
        assert_eq!(t("2023年2月29日"), ["2023年2月29日"]);
        assert!(t("2024年2月29日").is_empty());
        assert!(t("2月29日").is_empty());
        assert!(t("2000年2月29日").is_empty());
        assert_eq!(t("1900年2月29日"), ["1900年2月29日"]);
        assert_eq!(t("二〇二四年四月三十一日"), ["二〇二四年四月三十一日"]);
        assert!(t("二〇二四年十二月三十一日").is_empty());
        assert!(t("12月30日").is_empty());
        assert!(t("农历二月三十日").is_empty());
        assert!(t("连续13个月").is_empty());
        assert!(t("前13月").is_empty());
        assert_eq!(t("13月5日"), ["13月5日"]);
        assert_eq!(t("3月0日"), ["3月0日"]);
        assert!(t("1—2月").is_empty());
        assert!(t("一二月份").is_empty());
    }

    #[test]
    fn zero_lookalikes() {
        let t = |text: &str| found(&ZeroLookalike, &doc("a.txt", text));
        assert_eq!(t("二0二四年"), ["0"]);
        assert_eq!(t("二O二四年"), ["O"]);
        assert_eq!(t("二００四年"), ["００"]);
        assert_eq!(t("2O24年"), ["O"]);
        assert!(t("二〇二四年").is_empty());
        // 零 is DL222's.
        assert!(t("二零二四年").is_empty());
        assert!(t("2024年").is_empty());
        assert!(t("ISO2O24年").is_empty());
        assert!(t("十二0二四年").is_empty());
    }

    #[test]
    fn mixed_width() {
        let t = |text: &str| found(&MixedWidth, &doc("a.txt", text));
        assert_eq!(t("２024年"), ["２024"]);
        assert_eq!(t("增长１2.5%"), ["１2.5"]);
        assert!(t("２０２４年和2024年").is_empty());
        assert!(t("1，２").is_empty());
    }

    #[test]
    fn describes_years() {
        assert_eq!(describe_years(&[2024]), "2024年");
        assert_eq!(describe_years(&[2023, 2024]), "2023年、2024年");
        assert_eq!(describe_years(&[2016, 2017, 2018]), "2016—2018年");
        let y = DocYear::given(2024, YearSource::Flag);
        assert_eq!(describe(&y), "2024年，据 --year");
    }

    #[test]
    fn headings() {
        assert_eq!(
            heading_part("一、总体要求"),
            Some(Heading {
                range: 6..18,
                numbered: true
            })
        );
        assert_eq!(
            heading_part("（一）聚焦决策服务。围绕…").map(|h| h.range.len()),
            Some(18)
        );
        assert!(heading_part("2023年上半年，县政府办公室在县委、县政府的坚强领导下").is_none());
        assert!(heading_part("1.2017年第三季度各地区").is_some());
        assert!(heading_part("").is_none());
        assert!(heading_part("　　").is_none());
    }

    /// No panic and spans on character boundaries on awkward input.
    #[test]
    fn awkward_input() {
        let inputs = [
            "",
            "年",
            "月",
            "日",
            "年月日",
            "2024",
            "2024年",
            "２０２４年１３月３２日",
            "二〇二四年",
            "今年（",
            "（2023年）",
            "现将",
            "如下",
            "\r\n",
            "一、\n（一）\n1.",
            "0年O年o年",
            "十月",
            "三十一日",
            "月31日",
            "𠀀2023年𠀀",
            "2023年2月29日𠀀",
        ];
        let checks: Vec<Box<dyn Check>> = vec![
            Box::new(StaleYear {
                place: Place::Heading,
            }),
            Box::new(StaleYear { place: Place::Body }),
            Box::new(YearMismatch),
            Box::new(YearWithoutNian),
            Box::new(ImpossibleDate),
            Box::new(ZeroLookalike),
            Box::new(MixedWidth),
        ];
        for a in inputs {
            for b in inputs {
                let text = format!("{a}{b}\n{b}{a}");
                let d = doc("2025年.txt", &text);
                for c in &checks {
                    found(c.as_ref(), &d);
                }
            }
        }
    }
}
