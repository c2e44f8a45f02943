//! The document year: which period a document speaks for, and where doclint learned it.
//!
//! Order of precedence: `--year`, then the configuration, then the file name
//! (`2024年上半年工作总结.docx`, `2026_计划.txt`, `20240115纪要.txt`), then the title (the first
//! non-empty line). With none of them the year checks stay silent.
//!
//! A range (`（2016—2020年）`) gives every year in it. A year read from the file name or
//! title may bring one more, the year the document was probably written in ([`Extra`]):
//! the year before a date in January to March, the year after a report on a whole year,
//! the planned year when the title plans the next year. Given years (`--year`, the
//! configuration) are taken as they are; the configuration is filled in by the caller
//! (`infer`'s `given`), as `--year` is.

use std::fmt;

/// Where the document year came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    Flag,
    Config,
    FileName,
    Title,
}

/// The year(s) a document speaks for. A title such as `2024年工作总结和2025年工作计划`
/// gives two; a year is stale only when it is before all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocYear {
    /// Sorted, distinct.
    pub years: Vec<i32>,
    pub source: YearSource,
    /// The text the year was read from (file name or title), empty for `--year`.
    pub evidence: String,
    /// Years in `years` that are not the period the document names but a year it may have
    /// been written in, and why (see [`infer`]).
    pub extra: Option<(i32, Extra)>,
}

/// Why a year was added to the ones a file name or title names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    /// `20240115纪要`: a file dated in January to March often reports on the year before.
    EarlyDate,
    /// `2024年工作总结`, `关于2019年度…奖励的决定`: a report on a whole year is often issued
    /// early the next year.
    YearEndReport,
    /// A file named 2024 whose title plans 2025 (`2025年工作要点`, `关于2025年部分节假日安排的
    /// 通知`): a plan or arrangement for a year is issued late in the year before.
    NextYearPlan,
}

impl DocYear {
    pub fn given(year: i32, source: YearSource) -> DocYear {
        DocYear {
            years: vec![year],
            source,
            evidence: String::new(),
            extra: None,
        }
    }

    /// The years the document names as its period (`years` without the extra one).
    pub fn period(&self) -> impl Iterator<Item = i32> + '_ {
        let extra = self.extra.map(|(y, _)| y);
        self.years
            .iter()
            .copied()
            .filter(move |&y| Some(y) != extra)
    }

    /// The earliest year the document speaks for.
    pub fn first(&self) -> i32 {
        self.years[0]
    }

    pub fn contains(&self, year: i32) -> bool {
        self.years.contains(&year)
    }
}

impl fmt::Display for DocYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let years: Vec<String> = self.years.iter().map(i32::to_string).collect();
        let years = years.join("、");
        match self.source {
            YearSource::Flag => write!(f, "{years} (from --year")?,
            YearSource::Config => write!(f, "{years} (from the configuration")?,
            YearSource::FileName => write!(f, "{years} (from the file name “{}”", self.evidence)?,
            YearSource::Title => write!(f, "{years} (from the title “{}”", self.evidence)?,
        }
        match self.extra {
            Some((y, Extra::EarlyDate)) => write!(
                f,
                "; {y} too: a file dated in January to March often reports on the year before)"
            ),
            Some((y, Extra::YearEndReport)) => write!(
                f,
                "; {y} too: a report on a whole year is often issued early the next year)"
            ),
            Some((y, Extra::NextYearPlan)) => write!(
                f,
                "; {y} too: the title plans {y}, and a plan is issued late in the year before)"
            ),
            None => f.write_str(")"),
        }
    }
}

/// Plausible years for official documents.
const YEARS: std::ops::RangeInclusive<i32> = 1949..=2099;

/// A range longer than this (`1949—2049年`) is not a period a document speaks for: only its
/// ends are kept.
const MAX_RANGE: i32 = 50;

/// Infers the year of a document from its path and text; `given` (from `--year` or the
/// configuration) wins.
pub fn infer(path: &str, text: &str, given: Option<DocYear>) -> Option<DocYear> {
    if given.is_some() {
        return given;
    }
    let name = file_stem(path);
    let years = file_name_years(name);
    let (years, source, evidence) = if years.is_empty() {
        let title = title(text)?;
        let years = text_years(title);
        if years.is_empty() {
            return None;
        }
        (years, YearSource::Title, title)
    } else {
        (years, YearSource::FileName, name)
    };
    let mut year = DocYear {
        years,
        source,
        evidence: shown(evidence),
        extra: None,
    };
    if source == YearSource::FileName
        && let Some(y) = early_date_year(name)
        && year.contains(y)
    {
        year.extra = Some((y, Extra::EarlyDate));
    } else {
        let next = year.years[year.years.len() - 1] + 1;
        let extra = if reports_on_whole_year(evidence) {
            Some(Extra::YearEndReport)
        } else if source == YearSource::FileName && title(text).is_some_and(|t| plans_year(t, next))
        {
            Some(Extra::NextYearPlan)
        } else {
            None
        };
        if let Some(extra) = extra
            && !year.contains(next)
        {
            year.years.push(next);
            year.extra = Some((next, extra));
        }
    }
    Some(year)
}

/// Words of a title that plan or arrange a period ahead.
const PLANS: &[&str] = &[
    "计划", "打算", "安排", "要点", "思路", "规划", "方案", "预算", "任务",
];

/// Holidays and seasons: right after `2025年` they name a period of that year
/// (`2025年元旦春节期间`, `2024年汛期`).
pub const SEASONS: &[&str] = &[
    "元旦",
    "春节",
    "元宵",
    "清明",
    "五一",
    "劳动节",
    "端午",
    "中秋",
    "国庆",
    "汛期",
    "主汛期",
    "防汛",
    "寒假",
    "暑假",
    "春运",
    "夏收",
    "秋收",
    "冬春",
    "秋冬季",
    "春季",
    "夏季",
    "秋季",
    "冬季",
];

/// Whether a title plans or arranges `year` (`2025年工作要点`, `关于2025年部分节假日安排的
/// 通知`, `关于做好2025年元旦春节期间有关工作的通知`).
pub fn plans_year(title: &str, year: i32) -> bool {
    year_mentions(title).any(|m| {
        let after = &title[m.end..];
        let after = after.strip_prefix('度').unwrap_or(after);
        m.year == year
            && (SEASONS.iter().any(|s| after.starts_with(s))
                || PLANS.iter().any(|p| after.contains(p)))
    })
}

/// The year before an eight-digit date in January to March (`20240115` → 2023), which
/// [`file_name_years`] adds.
fn early_date_year(name: &str) -> Option<i32> {
    digit_runs(name).filter(|r| r.len() == 8).find_map(|run| {
        let month: u32 = run[4..6].parse().ok()?;
        let day: u32 = run[6..8].parse().ok()?;
        let year: i32 = run[..4].parse().ok()?;
        ((1..=3).contains(&month) && (1..=31).contains(&day) && YEARS.contains(&year))
            .then_some(year - 1)
    })
}

/// Whether a title or file name reports on a whole past year (`2024年工作总结`,
/// `关于对2019年落实…的通报`, `2019年度国家科学技术奖励`), so the document may be written
/// the year after: not a plan, not a part of the year that ends before its last quarter.
fn reports_on_whole_year(evidence: &str) -> bool {
    const REPORTS: &[&str] = &[
        "总结",
        "通报",
        "表彰",
        "奖励",
        "决算",
        "审计",
        "述职",
        "回顾",
        "考核结果",
        "年报",
    ];
    const EARLY_PARTS: &[&str] = &[
        "上半年",
        "前三季度",
        "第一季度",
        "第二季度",
        "第三季度",
        "一季度",
        "二季度",
        "三季度",
        "月",
    ];
    let has = |words: &[&str]| words.iter().any(|w| evidence.contains(w));
    has(REPORTS) && !has(PLANS) && !has(EARLY_PARTS)
}

/// The title: the first non-empty line, trimmed.
/// `evidence` as shown to the user: a first line that is a whole paragraph (or a whole file
/// on one line) is cut after [`SHOWN`] characters, not copied whole.
fn shown(evidence: &str) -> String {
    match evidence.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &evidence[..cut]),
        None => evidence.to_string(),
    }
}

/// Characters of the evidence for a year shown at most.
const SHOWN: usize = 120;

pub fn title(text: &str) -> Option<&str> {
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
        .find(|l| !l.is_empty())
}

/// The file name without folders and extension.
pub fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    }
}

/// Years in a file name: a run of exactly four ASCII digits that is a plausible year, an
/// eight-digit date `YYYYMMDD`, or a year written `2024年` / `二〇二四年` (any digits).
/// A range (`2016—2020`, `2021-2025年`) gives every year in it.
///
/// A date in January to March also gives the year before: a file dated `20240115` is
/// often the report on 2023 (年度总结, 四季度纪要, 年度考核), so 2023 is not stale there.
pub fn file_name_years(name: &str) -> Vec<i32> {
    let mut years = Vec::new();
    for (start, run) in digit_runs_at(name) {
        match run.len() {
            4 if !in_a_name(name, start, start + 4) => years.extend(run.parse::<i32>().ok()),
            8 => {
                let month: u32 = run[4..6].parse().unwrap_or(0);
                let day: u32 = run[6..8].parse().unwrap_or(0);
                if (1..=12).contains(&month) && (1..=31).contains(&day) {
                    let year: i32 = run[..4].parse().unwrap_or(0);
                    years.push(year);
                    if month <= 3 {
                        years.push(year - 1);
                    }
                }
            }
            _ => {}
        }
    }
    years.retain(|y| YEARS.contains(y));
    years.extend(ranges(name, false));
    years.extend(text_years(name));
    years.sort_unstable();
    years.dedup();
    years
}

/// Years written as `2024年` or `二〇二四年` in a text; a range (`2016—2020年`,
/// `2018年至2020年`) gives every year in it.
pub fn text_years(text: &str) -> Vec<i32> {
    let mut years: Vec<i32> = year_mentions(text)
        .map(|m| m.year)
        .filter(|y| YEARS.contains(y))
        .collect();
    years.extend(ranges(text, true));
    years.sort_unstable();
    years.dedup();
    years
}

/// The years inside every range `A—B` of a short text (a title or a file name): `A` is four
/// digits, optionally followed by 年; `B` is four digits followed by 年 when `need_nian`.
fn ranges(text: &str, need_nian: bool) -> Vec<i32> {
    let mut out = Vec::new();
    let runs: Vec<(usize, usize)> = arabic_runs(text).filter(|r| r.1 - r.0 == 4).collect();
    for pair in runs.windows(2) {
        let ((a0, a1), (b0, b1)) = (pair[0], pair[1]);
        let between = text[a1..b0].strip_prefix('年').unwrap_or(&text[a1..b0]);
        if !is_range_connector(between) || (need_nian && !text[b1..].starts_with('年')) {
            continue;
        }
        let (a, b) = (arabic_value(&text[a0..a1]), arabic_value(&text[b0..b1]));
        if YEARS.contains(&a) && YEARS.contains(&b) && a < b {
            if b - a <= MAX_RANGE {
                out.extend(a..=b);
            } else {
                out.extend([a, b]);
            }
        }
    }
    out
}

/// A dash, tilde or 至/到 between the two ends of a range.
pub fn is_range_connector(s: &str) -> bool {
    matches!(
        s,
        "-" | "—" | "——" | "–" | "－" | "~" | "～" | "〜" | "至" | "到" | "－－" | "--"
    )
}

/// One year written in a text: four digits (ASCII, full-width or Chinese numerals with 〇)
/// followed by 年.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMention {
    /// Byte offset of the first digit.
    pub start: usize,
    /// Byte offset of 年.
    pub nian: usize,
    /// Byte offset just after 年.
    pub end: usize,
    pub year: i32,
    /// Written in Chinese numerals (`二〇二四年`).
    pub chinese: bool,
}

/// Where the first 年 of `text` is. `str::find` looks for the last byte of a character's
/// UTF-8 form, which here is one of the commonest bytes of Chinese text: a SIMD search of
/// the whole form is several times faster.
pub fn find_nian(text: &str) -> Option<usize> {
    static NIAN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("年"));
    NIAN.find(text.as_bytes())
}

/// Every year mention of `text`, in order; one pass, no allocation.
pub fn year_mentions(text: &str) -> YearMentions<'_> {
    YearMentions { text, pos: 0 }
}

/// Iterator behind [`year_mentions`].
#[derive(Debug, Clone)]
pub struct YearMentions<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for YearMentions<'_> {
    type Item = YearMention;

    fn next(&mut self) -> Option<YearMention> {
        let text = self.text;
        while self.pos < text.len() {
            // Jump to the next 年: every mention ends there.
            let nian = self.pos + find_nian(&text[self.pos..])?;
            self.pos = nian + '年'.len_utf8();
            let before = &text[..nian];
            let mut digits = before.char_indices().rev().take(5);
            let mut value = 0;
            let mut start = nian;
            let mut count = 0;
            let mut chinese = None;
            let mut ok = true;
            for (i, c) in digits.by_ref() {
                let is_chinese = is_chinese_digit(c);
                let Some(d) = digit_value(c) else {
                    break;
                };
                if count == 4 || chinese.is_some_and(|ch| ch != is_chinese) {
                    // A fifth digit, or Arabic and Chinese digits mixed: not a year.
                    ok = false;
                    break;
                }
                chinese = Some(is_chinese);
                value += d as i32 * 10_i32.pow(count);
                count += 1;
                start = i;
            }
            if !ok || count != 4 {
                continue;
            }
            let chinese = chinese == Some(true);
            if chinese {
                // 一九九七年, 二〇二四年; not 三十一二三四年.
                let first = text[start..].chars().next();
                let prev = text[..start].chars().next_back();
                if !matches!(first, Some('一' | '二'))
                    || prev.is_some_and(|p| "十百千万亿两第".contains(p))
                {
                    continue;
                }
            }
            return Some(YearMention {
                start,
                nian,
                end: self.pos,
                year: value,
                chinese,
            });
        }
        None
    }
}

/// The value of an ASCII or full-width digit, or a Chinese numeral used in years (〇一…九, 零).
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '零' | 'Ｏ' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

fn is_chinese_digit(c: char) -> bool {
    !c.is_ascii_digit() && !('０'..='９').contains(&c) && digit_value(c).is_some()
}

/// An ASCII or full-width digit.
pub fn is_arabic_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Byte ranges of the runs of ASCII or full-width digits.
fn arabic_runs(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = s.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|&(_, c)| is_arabic_digit(c))?;
        let mut end = s.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_arabic_digit(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// The value of a run of ASCII or full-width digits.
fn arabic_value(run: &str) -> i32 {
    run.chars()
        .filter_map(digit_value)
        .fold(0, |acc, d| acc.saturating_mul(10).saturating_add(d as i32))
}

/// Whether the bare four digits at `start..end` end a quoted name (`“健康中国2030”`,
/// `《中国教育现代化2035》`, `“中国制造2025”`): a target year, not the document's.
fn in_a_name(s: &str, start: usize, end: usize) -> bool {
    let prev = s[..start].chars().next_back();
    let next = s[end..].chars().next();
    prev.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && next.is_some_and(|c| "”’》」』".contains(c))
}

/// The runs of ASCII digits of `s` with their byte offsets.
fn digit_runs_at(s: &str) -> impl Iterator<Item = (usize, &str)> {
    // ASCII digits are single bytes, so byte-wise runs are character runs.
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_digit() {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        (i > start).then(|| (start, &s[start..i]))
    })
}

fn digit_runs(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_first_line_is_shown_cut() {
        let text = format!("2024年{}", "加强组织领导。".repeat(10_000));
        let year = infer("a.txt", &text, None).unwrap();
        assert_eq!(year.years, [2024]);
        assert_eq!(year.evidence.chars().count(), SHOWN + 1);
        assert!(year.evidence.ends_with('…'));
    }

    #[test]
    fn file_name_wins_over_title() {
        let y = infer("docs/2024年上半年工作总结.docx", "2023年工作总结\n", None).unwrap();
        assert_eq!(y.years, vec![2024]);
        assert_eq!(y.source, YearSource::FileName);
        assert_eq!(
            y.to_string(),
            "2024 (from the file name “2024年上半年工作总结”)"
        );
    }

    #[test]
    fn file_name_forms() {
        assert_eq!(file_name_years("2026_工作计划"), vec![2026]);
        assert_eq!(file_name_years("20240815会议纪要"), vec![2024]);
        // Early in the year a dated file may report on the year before.
        assert_eq!(file_name_years("20240115会议纪要"), vec![2023, 2024]);
        assert_eq!(file_name_years("二〇二四年工作要点"), vec![2024]);
        assert_eq!(file_name_years("报告v12345"), Vec::<i32>::new());
        assert_eq!(file_name_years("0001-关于印发"), Vec::<i32>::new());
        assert_eq!(
            file_name_years("2024年工作总结和2025年计划"),
            vec![2024, 2025]
        );
    }

    #[test]
    fn title_years() {
        let y = infer("a.txt", "\n  二〇二四年上半年工作总结\n正文", None).unwrap();
        assert_eq!((y.years, y.source), (vec![2024], YearSource::Title));
        assert_eq!(text_years("国发〔2024〕5号"), Vec::<i32>::new());
        assert_eq!(text_years("12024年"), Vec::<i32>::new());
        assert!(infer("a.txt", "关于做好春节期间工作的通知\n2024年", None).is_none());
    }

    #[test]
    fn ranges_give_every_year() {
        assert_eq!(
            text_years("全民健身计划(2021—2025年)"),
            (2021..=2025).collect::<Vec<_>>()
        );
        assert_eq!(
            text_years("北京城市总体规划(2016年-2035年)的批复"),
            (2016..=2035).collect::<Vec<_>>()
        );
        assert_eq!(text_years("2018年至2020年"), vec![2018, 2019, 2020]);
        assert_eq!(
            file_name_years("0012-乡村振兴战略规划(2018-2022年)"),
            (2018..=2022).collect::<Vec<_>>()
        );
        assert_eq!(
            file_name_years("规划2019-2023"),
            (2019..=2023).collect::<Vec<_>>()
        );
        // Too long to be a period: the ends only.
        assert_eq!(text_years("1949—2049年"), vec![1949, 2049]);
        assert_eq!(file_name_years("1949—2049"), vec![1949, 2049]);
        // Not a range: a year and a count.
        assert_eq!(text_years("2019年至2018年"), vec![2018, 2019]);
        assert_eq!(text_years("2016—2020"), Vec::<i32>::new());
    }

    #[test]
    fn year_mentions_are_four_digits_and_nian() {
        let text = "二〇二四年、２０２４年、2024年，国发〔2024〕5号，12024年，3.2017年，十二三四年，二0二四年";
        let found: Vec<(&str, i32, bool)> = year_mentions(text)
            .map(|m| (&text[m.start..m.end], m.year, m.chinese))
            .collect();
        assert_eq!(
            found,
            [
                ("二〇二四年", 2024, true),
                ("２０２４年", 2024, false),
                ("2024年", 2024, false),
                ("2017年", 2017, false),
            ]
        );
        let m = year_mentions("于2024年").next().unwrap();
        assert_eq!((m.start, m.nian, m.end), (3, 7, 10));
        assert_eq!(year_mentions("年年有余").count(), 0);
        assert_eq!(year_mentions("年").count(), 0);
    }

    #[test]
    fn target_years_in_names_are_not_document_years() {
        assert!(file_name_years("0060-中共中央 国务院印发《中国教育现代化2035》").is_empty());
        assert!(file_name_years("国务院办公厅关于创建“中国制造2025”国家级示范区的通知").is_empty());
        assert!(file_name_years("印发《“健康中国2030”规划纲要》").is_empty());
        assert_eq!(file_name_years("工作总结2024"), vec![2024]);
        assert_eq!(file_name_years("工作总结2024（定稿）"), vec![2024]);
        assert_eq!(file_name_years("国民经济核算体系(2016)"), vec![2016]);
    }

    #[test]
    fn reports_on_a_whole_year_also_speak_for_the_next() {
        let y = |path: &str| infer(path, "", None).unwrap();
        let r = y(
            "国务院办公厅关于对2019年落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报.txt",
        );
        assert_eq!(r.years, vec![2019, 2020]);
        assert_eq!(r.period().collect::<Vec<_>>(), vec![2019]);
        assert!(
            r.to_string().ends_with(
                "2020 too: a report on a whole year is often issued early the next year)"
            )
        );
        assert_eq!(y("2024年工作总结.docx").years, vec![2024, 2025]);
        assert_eq!(
            y("关于2019年度国家科学技术奖励的决定").years,
            vec![2019, 2020]
        );
        assert_eq!(y("2024年上半年工作总结.docx").years, vec![2024]);
        assert_eq!(
            y("2017年第三季度全国政府网站抽查情况通报").years,
            vec![2017]
        );
        assert_eq!(
            y("2023年工作总结和2024年工作计划.docx").years,
            vec![2023, 2024]
        );
        assert_eq!(y("2024年工作计划.docx").years, vec![2024]);
        let early = y("20240115会议纪要.txt");
        assert_eq!(early.years, vec![2023, 2024]);
        assert_eq!(early.period().collect::<Vec<_>>(), vec![2024]);
        // A plan for the next year, named by the year it was issued in.
        let plan = infer("2024年通知.txt", "关于2025年部分节假日安排的通知\n", None).unwrap();
        assert_eq!(plan.years, vec![2024, 2025]);
        assert_eq!(plan.extra, Some((2025, Extra::NextYearPlan)));
        let notice = infer(
            "2024年.txt",
            "关于做好2025年元旦春节期间有关工作的通知",
            None,
        );
        assert_eq!(notice.unwrap().years, vec![2024, 2025]);
        // Two years ahead, or not a plan: the file name stands alone.
        assert_eq!(
            infer("2023年.txt", "2025年工作要点", None).unwrap().years,
            vec![2023]
        );
        assert_eq!(
            infer("2024年.txt", "2025年亚洲杯组委会", None)
                .unwrap()
                .years,
            vec![2024]
        );
        // Given years are taken as they are.
        let given = infer(
            "2024年工作总结.docx",
            "",
            Some(DocYear::given(2024, YearSource::Flag)),
        );
        assert_eq!(given.unwrap().years, vec![2024]);
    }

    #[test]
    fn flag_wins() {
        let y = infer("2024.txt", "", Some(DocYear::given(2025, YearSource::Flag))).unwrap();
        assert_eq!(y.years, vec![2025]);
        assert_eq!(y.to_string(), "2025 (from --year)");
    }
}
