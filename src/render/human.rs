//! rustc-style output through codespan-reporting.
//!
//! Paragraphs of official documents are single lines of thousands of characters, so a
//! diagnostic never shows a whole line: it shows a window of about 40 characters around each
//! span, with `…` where the line goes on. The window is a small synthetic source whose lines
//! report the real line and column numbers, so `-->` locations and carets stay exact.

use super::{FileReport, Locator};
use crate::diagnostic::{Diagnostic, Severity, Tally};
use crate::source::Document;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor};
use std::ops::Range;

/// Characters shown on each side of a span.
const CONTEXT_CHARS: usize = 20;
/// Longest part of a span that is shown; the rest is elided.
const MAX_SPAN_CHARS: usize = 60;

/// Renders the diagnostics of every file, then the closing summary line. At most
/// `max_per_rule` diagnostics of one rule are shown per file (0: no limit); the rest are
/// counted in an `… and N more` line (the JSON output lists them all).
pub fn render(reports: &[FileReport], color: bool, max_per_rule: usize) -> String {
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = term::Config {
        chars: term::Chars::ascii(),
        ..term::Config::default()
    };
    let mut tally = Tally::default();
    for report in reports {
        // Per rule: how many were shown, how many were not.
        let mut shown_per_rule: Vec<(&str, &str, usize, usize)> = Vec::new();
        let mut locator = Locator::new(&report.doc);
        for d in &report.diagnostics {
            tally.add(d.severity);
            let i = match shown_per_rule.iter().position(|(c, ..)| *c == d.code()) {
                Some(i) => i,
                None => {
                    shown_per_rule.push((d.code(), d.name(), 0, 0));
                    shown_per_rule.len() - 1
                }
            };
            let counts = &mut shown_per_rule[i];
            if max_per_rule > 0 && counts.2 >= max_per_rule {
                counts.3 += 1;
                continue;
            }
            counts.2 += 1;
            let (files, shown) = Excerpt::build(&report.doc, d, &mut locator);
            // The excerpt holds every span it is asked about, so rendering cannot fail.
            let _ = term::emit_to_write_style(&mut buffer, &config, &files, &shown);
        }
        for (code, name, _, hidden) in shown_per_rule {
            if hidden > 0 {
                use std::io::Write;
                let _ = writeln!(
                    buffer,
                    "… and {hidden} more {code} ({name}) in {}; `--format json` lists them all\n",
                    report.doc.path
                );
            }
        }
    }
    let mut out = String::from_utf8_lossy(buffer.as_slice()).into_owned();
    out.push_str(&summary_line(&tally, reports.len()));
    out.push('\n');
    out
}

/// `2 errors, 1 warning in 3 files` (infos only when there are some).
pub fn summary_line(tally: &Tally, files: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = vec![
        plural(tally.errors, "error"),
        plural(tally.warnings, "warning"),
    ];
    if tally.infos > 0 {
        parts.push(plural(tally.infos, "info"));
    }
    format!("{} in {}", parts.join(", "), plural(files, "file"))
}

/// One excerpt line: a window of one original line.
#[derive(Debug)]
struct Segment {
    /// 1-based line number in the document.
    line_number: usize,
    /// 1-based column (in characters) of the window's first character.
    first_column: usize,
    /// Where the window starts in the document text.
    doc_start: usize,
    /// The window's byte range in the document text.
    doc_range: Range<usize>,
    /// Byte range of this line in the excerpt source, and where the window text starts in it.
    range: Range<usize>,
    text_start: usize,
}

/// A synthetic source made of windows of the document's lines.
struct Excerpt<'a> {
    name: &'a str,
    source: String,
    segments: Vec<Segment>,
}

impl<'a> Excerpt<'a> {
    /// The excerpt for one diagnostic and the codespan report pointing into it.
    fn build(
        doc: &'a Document,
        d: &Diagnostic,
        locator: &mut Locator,
    ) -> (Excerpt<'a>, Report<()>) {
        // Spans as shown: clipped to their first line and to MAX_SPAN_CHARS.
        let mut spans: Vec<(Range<usize>, bool, &str)> = vec![(shown(doc, &d.span), true, "")];
        for l in &d.labels {
            spans.push((shown(doc, &l.span), false, l.message.as_str()));
        }
        // One window per line, widened to hold every span on that line.
        let mut windows: Vec<(usize, Range<usize>)> = Vec::new();
        for (span, _, _) in &spans {
            let line = doc.line_index(span.start);
            let lr = doc.line_range(line);
            let start = back_chars(&doc.text, lr.start, span.start, CONTEXT_CHARS);
            let end = forward_chars(&doc.text, lr.end, span.end, CONTEXT_CHARS);
            match windows.iter_mut().find(|(l, _)| *l == line) {
                Some((_, w)) => *w = w.start.min(start)..w.end.max(end),
                None => windows.push((line, start..end)),
            }
        }
        windows.sort_by_key(|(l, _)| *l);
        let mut source = String::new();
        let mut segments = Vec::new();
        for (line, w) in windows {
            let lr = doc.line_range(line);
            let begin = source.len();
            if w.start > lr.start {
                source.push('…');
            }
            let text_start = source.len();
            source.extend(doc.shown()[w.clone()].chars().map(printable));
            if w.end < lr.end {
                source.push('…');
            }
            segments.push(Segment {
                line_number: line + 1,
                first_column: locator.position(w.start).column,
                doc_start: w.start,
                doc_range: w.clone(),
                range: begin..source.len(),
                text_start,
            });
            source.push('\n');
        }
        let excerpt = Excerpt {
            name: &doc.path,
            source,
            segments,
        };
        let labels = spans
            .iter()
            .map(|(span, primary, message)| {
                let range = excerpt.map(span);
                let label = if *primary {
                    Label::primary((), range)
                } else {
                    Label::secondary((), range)
                };
                label.with_message(*message)
            })
            .collect();
        let mut notes = Vec::new();
        if let Some(note) = &d.note {
            notes.push(format!("note: {note}"));
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        let report = Report::new(severity(d.severity))
            .with_code(d.code())
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        (excerpt, report)
    }

    /// Maps a document span (within one window) into the excerpt source.
    fn map(&self, span: &Range<usize>) -> Range<usize> {
        let seg = self
            .segments
            .iter()
            .find(|s| s.doc_range.start <= span.start && span.start <= s.doc_range.end)
            .expect("every span has a window");
        let start = seg.text_start + (span.start - seg.doc_start);
        let end = seg.text_start + (span.end.min(seg.doc_range.end) - seg.doc_start);
        start..end
    }

    fn segment(&self, line_index: usize) -> Result<&Segment, FilesError> {
        self.segments
            .get(line_index)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: self.segments.len().saturating_sub(1),
            })
    }
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.source)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self
            .segments
            .iter()
            .position(|s| byte_index <= s.range.end)
            .unwrap_or(self.segments.len().saturating_sub(1)))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        Ok(self.segment(line_index)?.line_number)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let seg = self.segment(line_index)?;
        let at = byte_index.clamp(seg.text_start, seg.range.end);
        Ok(seg.first_column + self.source[seg.text_start..at].chars().count())
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let seg = self.segment(line_index)?;
        Ok(seg.range.start..seg.range.end + 1)
    }
}

/// `c`, or a visible stand-in of the same UTF-8 length for a control or bidi character (spans
/// map into the excerpt byte for byte): a file's own escape sequences must not drive the
/// terminal, clear the screen or reorder the line shown.
fn printable(c: char) -> char {
    let hidden = (c.is_control() && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    match (hidden, c.len_utf8()) {
        (false, _) => c,
        (true, 1) => '?',
        (true, 2) => '¿',
        _ => '\u{fffd}',
    }
}

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// The part of a span that is displayed: its first line, at most MAX_SPAN_CHARS characters.
fn shown(doc: &Document, span: &Range<usize>) -> Range<usize> {
    let line_end = doc.line_range(doc.line_index(span.start)).end;
    let end = span.end.min(line_end).max(span.start);
    let limit = forward_chars(&doc.text, end, span.start, MAX_SPAN_CHARS);
    span.start..end.min(limit)
}

/// The offset `n` characters before `at`, not before `floor`.
fn back_chars(text: &str, floor: usize, at: usize, n: usize) -> usize {
    text[floor..at]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(at, |(i, _)| floor + i)
}

/// The offset `n` characters after `at`, not after `ceil`.
fn forward_chars(text: &str, ceil: usize, at: usize, n: usize) -> usize {
    if at >= ceil {
        return at;
    }
    text[at..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, RuleId};

    fn diag(doc: &Document, found: &str) -> Diagnostic {
        let start = doc.text.find(found).unwrap();
        Diagnostic {
            rule: RuleId {
                code: "DL101".into(),
                name: "typo".into(),
            },
            severity: Severity::Error,
            message: format!("错别字：“{found}”"),
            span: start..start + found.len(),
            fixes: vec![Fix {
                replacement: "安装".into(),
                applicability: crate::diagnostic::Applicability::Certain,
            }],
            help: Some("改为“安装”".into()),
            note: None,
            labels: vec![],
        }
    }

    #[test]
    fn control_and_bidi_characters_are_shown_not_obeyed() {
        let doc = Document::new("t", "\u{1b}[2J\u{9b}1m\u{202e}请按装\0调试");
        let out = render_one(doc, "按装");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{9b}'),
            "{out:?}"
        );
        assert!(!out.contains('\u{202e}') && !out.contains('\0'), "{out:?}");
        assert!(out.contains("?[2J¿1m\u{fffd}请按装?调试"), "{out}");
        // The carets stay under the characters they mark.
        let lines: Vec<&str> = out.lines().collect();
        let at = lines.iter().position(|l| l.contains("请按装")).unwrap();
        let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        let before = &lines[at][..lines[at].find("按装").unwrap()];
        assert_eq!(lines[at + 1].find('^').unwrap(), width(before));
    }

    fn render_one(doc: Document, found: &str) -> String {
        let d = diag(&doc, found);
        render(
            &[FileReport {
                doc,
                diagnostics: vec![d],
            }],
            false,
            10,
        )
    }

    #[test]
    fn carets_sit_under_wide_characters() {
        let out = render_one(Document::new("a.txt", "标题\n请按装调试设备。\n"), "按装");
        assert_eq!(
            out,
            "error[DL101]: 错别字：“按装”\n  --> a.txt:2:2\n  |\n2 | 请按装调试设备。\n  |   ^^^^\n  |\n  = help: 改为“安装”\n\n1 error, 0 warnings in 1 file\n"
        );
    }

    #[test]
    fn long_lines_are_windowed_with_true_columns() {
        let line = format!("{}按装{}", "甲".repeat(300), "乙".repeat(300));
        let out = render_one(Document::new("b.txt", line), "按装");
        let expected_src = format!("…{}按装{}…", "甲".repeat(20), "乙".repeat(20));
        assert!(out.contains("  --> b.txt:1:301\n"), "{out}");
        assert!(out.contains(&format!("1 | {expected_src}\n")), "{out}");
        assert!(
            out.contains(&format!("  | {}^^^^\n", " ".repeat(41))),
            "{out}"
        );
    }

    #[test]
    fn each_rule_is_capped_per_file() {
        let doc = Document::new("c.txt", "按装。".repeat(5));
        let ds: Vec<Diagnostic> = (0..5)
            .map(|i| {
                let mut d = diag(&doc, "按装");
                d.span = i * 9..i * 9 + 6;
                d
            })
            .collect();
        let report = FileReport {
            doc,
            diagnostics: ds,
        };
        let out = render(std::slice::from_ref(&report), false, 2);
        assert_eq!(out.matches("error[DL101]").count(), 2, "{out}");
        assert!(
            out.contains("… and 3 more DL101 (typo) in c.txt; `--format json` lists them all\n")
        );
        assert!(out.ends_with("5 errors, 0 warnings in 1 file\n"));
        let all = render(&[report], false, 0);
        assert_eq!(all.matches("error[DL101]").count(), 5);
    }

    #[test]
    fn summary_pluralises() {
        let t = Tally {
            errors: 1,
            warnings: 2,
            infos: 0,
        };
        assert_eq!(summary_line(&t, 1), "1 error, 2 warnings in 1 file");
        let t = Tally {
            errors: 0,
            warnings: 0,
            infos: 3,
        };
        assert_eq!(
            summary_line(&t, 2),
            "0 errors, 0 warnings, 3 infos in 2 files"
        );
    }
}
