//! Checks of the `punctuation` family (issue 3): the marks of Chinese text after GB/T
//! 15834-2011 《标点符号用法》.
//!
//! - [`marks`]: ASCII `, ; : ? !` (DL801) and `.` (DL802) in Chinese text; doubled or
//!   mixed marks (DL808);
//! - [`pairs`]: ASCII parentheses (DL803), straight quotes (DL804, DL807), unmatched
//!   brackets and quotes (DL805), quotes turned the wrong way (DL806);
//! - [`spaces`]: a space inside running Chinese text (DL809).
//!
//! Every check reads the document line by line (a line is a paragraph) in linear time.

mod chars;
mod marks;
mod pairs;
mod spaces;

use super::{Builder, Check, Finding, Params, known_params, string_list};
use crate::source::Document;
use marks::Which;
use pairs::Kind;

/// The checks of this module, by id.
pub const CHECKS: &[(&str, Builder)] = &[
    ("ascii-punctuation", ascii_punctuation),
    ("ascii-period", ascii_period),
    ("ascii-parentheses", ascii_parentheses),
    ("straight-quotes", straight_quotes),
    ("unmatched-bracket", unmatched_bracket),
    ("quote-direction", quote_direction),
    ("mixed-quotes", mixed_quotes),
    ("doubled-punctuation", doubled_punctuation),
    ("space-in-chinese", space_in_chinese),
];

/// Every finding of one scan of sentence marks, shared by the checks of one document.
struct MarkScan(Vec<(Which, Finding)>);

/// Every issue of the bracket and quote analysis, shared by the checks of one document.
struct PairScan(Vec<pairs::Issue>);

/// A scan of sentence marks ([`marks`]).
#[derive(Debug)]
struct Marks {
    which: Which,
    /// Runs of marks (in full-width form) the user accepts, for DL808.
    allow: Vec<String>,
}

impl Check for Marks {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        // One scan serves DL801, DL802 and DL808; DL808 with its own `allow` list scans again.
        let own;
        let all: &[(Which, Finding)] = if self.allow.is_empty() {
            own = doc.memo(|doc| MarkScan(marks::scan(doc, &[])));
            &own.0
        } else {
            own = std::sync::Arc::new(MarkScan(marks::scan(doc, &self.allow)));
            &own.0
        };
        out.extend(
            all.iter()
                .filter(|(w, _)| *w == self.which)
                .map(|(_, f)| f.clone()),
        );
    }
}

fn marks_check(params: &Params, which: Which) -> Result<Box<dyn Check>, String> {
    known_params(params, &[])?;
    Ok(Box::new(Marks {
        which,
        allow: Vec::new(),
    }))
}

fn ascii_punctuation(params: &Params) -> Result<Box<dyn Check>, String> {
    marks_check(params, Which::Ascii)
}

fn ascii_period(params: &Params) -> Result<Box<dyn Check>, String> {
    marks_check(params, Which::Period)
}

/// Params: `allow = ["？。", …]`, runs of marks (written full-width) not to report, on top
/// of the runs GB/T 15834 allows (`？！`, `！！`, `？？？`).
fn doubled_punctuation(params: &Params) -> Result<Box<dyn Check>, String> {
    known_params(params, &["allow"])?;
    Ok(Box::new(Marks {
        which: Which::Doubled,
        allow: string_list(params, "allow")?,
    }))
}

/// One kind of the bracket and quote analysis ([`pairs`]).
#[derive(Debug)]
struct Pairs(Kind);

impl Check for Pairs {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        let all = doc.memo(|doc| PairScan(pairs::analyze(doc)));
        for issue in all.0.iter().filter(|i| i.kind == self.0) {
            let mut f = Finding::new(issue.span.clone());
            if let Some(fix) = issue.fix.clone() {
                f = if issue.certain {
                    f.fix(fix)
                } else {
                    f.suggestion(fix)
                };
            }
            if let Some(note) = issue.note.clone() {
                f = f.note(note);
            }
            out.push(f);
        }
    }
}

fn pairs_check(params: &Params, kind: Kind) -> Result<Box<dyn Check>, String> {
    known_params(params, &[])?;
    Ok(Box::new(Pairs(kind)))
}

fn ascii_parentheses(params: &Params) -> Result<Box<dyn Check>, String> {
    pairs_check(params, Kind::AsciiParen)
}

fn straight_quotes(params: &Params) -> Result<Box<dyn Check>, String> {
    pairs_check(params, Kind::StraightQuote)
}

fn unmatched_bracket(params: &Params) -> Result<Box<dyn Check>, String> {
    pairs_check(params, Kind::Unmatched)
}

fn quote_direction(params: &Params) -> Result<Box<dyn Check>, String> {
    pairs_check(params, Kind::Direction)
}

fn mixed_quotes(params: &Params) -> Result<Box<dyn Check>, String> {
    pairs_check(params, Kind::MixedQuote)
}

/// DL809 ([`spaces`]).
#[derive(Debug)]
struct Spaces;

impl Check for Spaces {
    fn run(&self, doc: &Document, out: &mut Vec<Finding>) {
        spaces::scan(doc, out);
    }
}

fn space_in_chinese(params: &Params) -> Result<Box<dyn Check>, String> {
    known_params(params, &[])?;
    Ok(Box::new(Spaces))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every check on text made of the pieces that drive its decisions, in random order: no
    /// panic, every span on character boundaries, fixes only where a span is.
    #[test]
    fn no_panic_and_spans_on_char_boundaries() {
        const PIECES: &[&str] = &[
            "加强",
            ",",
            "。",
            "(",
            "（",
            ")",
            "）",
            "\"",
            "'",
            "“",
            "”",
            "‘",
            "’",
            " ",
            "　",
            ".",
            "...",
            "，，",
            "1,000",
            "http://a.cn/x?y=1,2",
            "《",
            "》",
            ":",
            "；",
            "、",
            "第一条",
            "王　伟",
            "\n",
            "a",
            "5'",
            "?!",
            "！",
            "〔",
            "〕",
            "【",
            "】",
            "&nbsp;",
            "𠀀",
            "\r\n",
            "一.",
            "(1)",
            "1）",
            "docx",
            "——",
            "……",
        ];
        let empty = Params::new();
        let checks: Vec<Box<dyn Check>> = CHECKS.iter().map(|(_, b)| b(&empty).unwrap()).collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..60 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            let doc = Document::new("t", text.as_str());
            for check in &checks {
                let mut out = Vec::new();
                check.run(&doc, &mut out);
                for f in out {
                    assert!(
                        f.span.start <= f.span.end
                            && text.is_char_boundary(f.span.start)
                            && text.is_char_boundary(f.span.end),
                        "{check:?} span {:?} in {text:?}",
                        f.span
                    );
                }
            }
        }
    }

    #[test]
    fn params_are_checked() {
        let bad: Params = toml::from_str("nope = 1").unwrap();
        for (id, build) in CHECKS {
            assert!(build(&bad).is_err(), "{id}");
        }
        let allow: Params = toml::from_str("allow = [\"？。\"]").unwrap();
        assert!(doubled_punctuation(&allow).is_ok());
        assert!(ascii_punctuation(&allow).is_err());
    }
}
