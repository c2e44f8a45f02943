//! Suppression comments, in every text format:
//! `<!-- doclint-disable-next-line DL101 -->`, `<!-- doclint-disable-line -->`,
//! `<!-- doclint-disable DL301 typos -->` … `<!-- doclint-enable -->`.
//! Keys are codes, code prefixes, names or families; none means every rule.

use crate::config::matches;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// Where some rules (or all, when `keys` is empty) are switched off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub range: Range<usize>,
    pub keys: Vec<String>,
}

/// The suppressions of a text and the byte ranges of the directive comments themselves.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Directives {
    pub suppressions: Vec<Suppression>,
    pub comments: Vec<Range<usize>>,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"<!--\s*doclint-(disable-next-line|disable-line|disable|enable)((?:[\s,]+[A-Za-z0-9_-]+)*)[\s,]*-->")
            .expect("valid directive pattern")
    })
}

/// Finds every directive in `text`.
pub fn parse(text: &str) -> Directives {
    let mut out = Directives::default();
    if !text.contains("doclint-") {
        return out;
    }
    let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut open: Vec<(usize, Vec<String>)> = Vec::new();
    for caps in pattern().captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        out.comments.push(whole.start()..whole.end());
        let keys: Vec<String> = caps[2]
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect();
        match &caps[1] {
            "disable-next-line" => {
                let end = line_end(whole.end());
                if end < text.len() {
                    out.suppressions.push(Suppression {
                        range: end + 1..line_end(end + 1),
                        keys,
                    });
                }
            }
            "disable-line" => out.suppressions.push(Suppression {
                range: line_start(whole.start())..line_end(whole.end()),
                keys,
            }),
            "disable" => open.push((whole.end(), keys)),
            _ => {
                // `enable` closes every region, or those naming one of its keys.
                let (closed, still): (Vec<_>, Vec<_>) = open
                    .drain(..)
                    .partition(|(_, k)| keys.is_empty() || k.iter().any(|x| keys.contains(x)));
                open = still;
                out.suppressions
                    .extend(closed.into_iter().map(|(start, keys)| Suppression {
                        range: start..whole.start(),
                        keys,
                    }));
            }
        }
    }
    out.suppressions
        .extend(open.into_iter().map(|(start, keys)| Suppression {
            range: start..text.len(),
            keys,
        }));
    out
}

/// Drops the diagnostics a suppression covers.
pub fn apply(directives: &Directives, rules: &[Rule], diags: &mut Vec<Diagnostic>) {
    if directives.suppressions.is_empty() {
        return;
    }
    diags.retain(|d| {
        !directives.suppressions.iter().any(|s| {
            s.range.start <= d.span.start
                && d.span.start < s.range.end.max(s.range.start + 1)
                && (s.keys.is_empty()
                    || rules
                        .iter()
                        .find(|r| r.id == d.rule)
                        .is_some_and(|r| s.keys.iter().any(|k| matches(k, r))))
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_regions_and_lines() {
        let text = "甲\n<!-- doclint-disable-next-line DL101 -->\n乙\n丙<!-- doclint-disable-line -->\n<!-- doclint-disable DL301, typos -->\n丁\n<!-- doclint-enable -->\n戊\n<!-- doclint-disable -->\n己";
        let d = parse(text);
        assert_eq!(d.comments.len(), 5);
        let covered: Vec<(&str, Vec<String>)> = d
            .suppressions
            .iter()
            .map(|s| (text[s.range.clone()].trim(), s.keys.clone()))
            .collect();
        assert_eq!(covered[0], ("乙", vec!["DL101".to_string()]));
        assert_eq!(covered[1].0, "丙<!-- doclint-disable-line -->");
        assert_eq!(
            covered[2],
            ("丁", vec!["DL301".to_string(), "typos".to_string()])
        );
        assert_eq!(covered[3], ("己", vec![]));
    }
}
