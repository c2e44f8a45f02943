//! The document year: which period a document speaks for, and where doclint learned it.
//!
//! Order of precedence: `--year`, then the configuration, then the file name
//! (`2024年上半年工作总结.docx`, `2026_计划.txt`, `20240115纪要.txt`), then the title (the first
//! non-empty line). With none of them the year checks stay silent.

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
}

impl DocYear {
    pub fn given(year: i32, source: YearSource) -> DocYear {
        DocYear {
            years: vec![year],
            source,
            evidence: String::new(),
        }
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
            YearSource::Flag => write!(f, "{years} (from --year)"),
            YearSource::Config => write!(f, "{years} (from the configuration)"),
            YearSource::FileName => write!(f, "{years} (from the file name “{}”)", self.evidence),
            YearSource::Title => write!(f, "{years} (from the title “{}”)", self.evidence),
        }
    }
}

/// Plausible years for official documents.
const YEARS: std::ops::RangeInclusive<i32> = 1949..=2099;

/// Infers the year of a document from its path and text; `given` (from `--year` or the
/// configuration) wins.
pub fn infer(path: &str, text: &str, given: Option<DocYear>) -> Option<DocYear> {
    if given.is_some() {
        return given;
    }
    let name = file_stem(path);
    let years = file_name_years(name);
    if !years.is_empty() {
        return Some(DocYear {
            years,
            source: YearSource::FileName,
            evidence: name.to_string(),
        });
    }
    let title = title(text)?;
    let years = text_years(title);
    (!years.is_empty()).then(|| DocYear {
        years,
        source: YearSource::Title,
        evidence: title.to_string(),
    })
}

/// The title: the first non-empty line, trimmed.
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

/// Years in a file name: a run of exactly four digits that is a plausible year, or an
/// eight-digit date `YYYYMMDD`.
pub fn file_name_years(name: &str) -> Vec<i32> {
    let mut years = Vec::new();
    for run in digit_runs(name) {
        let year = match run.len() {
            4 => run.parse().ok(),
            8 => {
                let month: u32 = run[4..6].parse().unwrap_or(0);
                let day: u32 = run[6..8].parse().unwrap_or(0);
                ((1..=12).contains(&month) && (1..=31).contains(&day))
                    .then(|| run[..4].parse().ok())
                    .flatten()
            }
            _ => None,
        };
        if let Some(y) = year.filter(|y| YEARS.contains(y)) {
            years.push(y);
        }
    }
    years.sort_unstable();
    years.dedup();
    years
}

/// Years written as `2024年` or `二〇二四年` in a text.
pub fn text_years(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    let mut years = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| digit_value(**c).is_some())
            .count();
        if run == 0 {
            i += 1;
            continue;
        }
        let before_is_digit = i > 0 && digit_value(chars[i - 1]).is_some();
        if run == 4 && !before_is_digit && chars.get(i + run) == Some(&'年') {
            let y = chars[i..i + 4]
                .iter()
                .fold(0, |acc, c| acc * 10 + digit_value(*c).unwrap_or(0) as i32);
            if YEARS.contains(&y) {
                years.push(y);
            }
        }
        i += run;
    }
    years.sort_unstable();
    years.dedup();
    years
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

fn digit_runs(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(file_name_years("20240115会议纪要"), vec![2024]);
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
    fn flag_wins() {
        let y = infer("2024.txt", "", Some(DocYear::given(2025, YearSource::Flag))).unwrap();
        assert_eq!(y.years, vec![2025]);
        assert_eq!(y.to_string(), "2025 (from --year)");
    }
}
