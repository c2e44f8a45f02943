//! DL809: a space inside running Chinese text.
//!
//! Official documents are full of deliberate spaces between Chinese characters: between
//! the names of organs that issue a document together (`中共中央 国务院`), after a dateline
//! (`新华社北京9月20日电 `), after an article number (`第一条　`), between a name and a
//! title in lists (`王　伟　办公室主任`), letter-spaced headings (`国 务 院`), blanks in
//! forms (`年　月　日`), and the full-width indentation of a paragraph. So only two shapes
//! are reported:
//! - a space next to a Chinese pause or stop (`工作， 加强`, `工作 。`): never needed;
//! - a single space between two words of at least two characters inside one clause of
//!   prose, that is between two of ，、；。！？ with no other space in it, unless it
//!   follows an organ name or a dateline.

use super::chars::{at, before, is_cjk_punct, is_han, is_heading_number};
use crate::checks::Finding;
use crate::source::Document;

const IDEOGRAPHIC_SPACE: char = '\u{3000}';

/// Marks after which a space is never needed inside a line (a colon may head a form blank).
fn is_pause(c: char) -> bool {
    matches!(c, '，' | '、' | '；')
}

/// Marks before which a space is never needed.
fn is_pause_or_stop(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '：' | '。' | '？' | '！')
}

/// Clause boundaries of prose.
fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '。' | '！' | '？')
}

/// The last character of organ names (中共中央 国务院, 财政部 国资委 证监会) and of a
/// dateline (…日电): a space after them separates names, as GB/T 9704 prescribes for joint
/// issuers.
fn ends_a_name(c: char) -> bool {
    matches!(
        c,
        '央' | '院'
            | '部'
            | '委'
            | '厅'
            | '局'
            | '办'
            | '署'
            | '会'
            | '府'
            | '行'
            | '室'
            | '处'
            | '社'
            | '司'
            | '组'
            | '团'
            | '所'
            | '馆'
            | '站'
            | '校'
            | '电'
    )
}

pub fn scan(doc: &Document, out: &mut Vec<Finding>) {
    for index in 0..doc.line_count() {
        let range = doc.line_range(index);
        let line = &doc.text[range.clone()];
        let mut j = 0;
        // A space is ' ' or U+3000 (E3 80 80): `memchr` finds both bytes that start them (a
        // continuation byte is neither).
        while let Some(found) = memchr::memchr2(b' ', 0xE3, &line.as_bytes()[j..]) {
            j += found;
            if !line[j..].starts_with([' ', IDEOGRAPHIC_SPACE]) {
                j += 1;
                continue;
            }
            let start = j;
            let (mut ascii, mut wide) = (0, 0);
            while let Some(s) = at(line, j).filter(|&s| s == ' ' || s == IDEOGRAPHIC_SPACE) {
                if s == ' ' {
                    ascii += 1;
                } else {
                    wide += 1;
                }
                j += s.len_utf8();
            }
            if let Some((context, certain)) = judge(line, start, j, ascii, wide) {
                let finding = Finding::new(range.start + start..range.start + j).note(context);
                out.push(if certain {
                    finding.fix("")
                } else {
                    finding.suggestion("")
                });
            }
        }
    }
}

/// Whether the spaces `line[start..end]` are a mistake: the context to show and whether
/// deleting them is certain.
fn judge(
    line: &str,
    start: usize,
    end: usize,
    ascii: usize,
    wide: usize,
) -> Option<(String, bool)> {
    let (p, n) = (before(line, start)?, at(line, end)?);
    // An indentation or alignment run is several spaces; a stray one is one or two.
    let stray = (wide == 0 && ascii <= 3) || (ascii == 0 && wide == 1);
    if !stray {
        return None;
    }
    let context = || format!("{p}{}{n}", &line[start..end]);
    if (is_pause(p) && is_han(n)) || (is_han(p) && is_pause_or_stop(n)) {
        return Some((context(), true));
    }
    if !(is_han(p) && is_han(n)) || ascii + wide != 1 || ends_a_name(p) {
        return None;
    }
    // Both sides are words of two characters or more (not 王　伟, 国 务 院).
    let two_before = line[..start]
        .chars()
        .rev()
        .take(2)
        .filter(|&c| is_han(c))
        .count()
        == 2;
    let two_after = line[end..].chars().take(2).filter(|&c| is_han(c)).count() == 2;
    if !two_before || !two_after {
        return None;
    }
    // Inside one clause of prose: the nearest delimiters on both sides are clause marks. A
    // delimiter is any punctuation or space, so a scan never crosses another space and every
    // stretch of text is read at most twice.
    let delimiter = |c: char| c.is_whitespace() || is_cjk_punct(c) || c.is_ascii_punctuation();
    let (left_at, left) = line[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| delimiter(c))?;
    let right = line[end..].chars().find(|&c| delimiter(c))?;
    if !is_clause_mark(left) || !is_clause_mark(right) {
        return None;
    }
    // 。第二章　总则 / 。第十条　本办法…: a run-in heading number.
    let clause = &line[left_at + left.len_utf8()..start];
    if is_heading_number(clause) {
        return None;
    }
    Some((context(), false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String, bool)> {
        let doc = Document::new("t", text);
        let mut out = Vec::new();
        scan(&doc, &mut out);
        out.into_iter()
            .map(|f| {
                (
                    f.note.unwrap_or_default(),
                    text[f.span].to_string(),
                    f.applicability.is_none(),
                )
            })
            .collect()
    }

    #[test]
    fn stray_spaces_in_prose() {
        assert_eq!(found("我们要进一步 加强管理，落实责任。"), []);
        assert_eq!(
            found("今年以来，我们进一步 加强管理，落实责任。"),
            [("步 加".to_string(), " ".to_string(), false)]
        );
        assert_eq!(
            found("今年以来， 加强管理。"),
            [("， 加".to_string(), " ".to_string(), true)]
        );
        assert_eq!(
            found("加强管理 ，落实责任。"),
            [("理 ，".to_string(), " ".to_string(), true)]
        );
        assert_eq!(
            found("加强管理　。"),
            [("理　。".to_string(), "　".to_string(), true)]
        );
    }

    #[test]
    fn deliberate_spaces_stay() {
        for ok in [
            "　　为贯彻落实党中央决策部署，现将有关事项通知如下。",
            "中共中央 国务院关于全面推进乡村振兴的意见",
            "近日，中共中央 国务院印发了意见，要求各地区认真贯彻。",
            "按照《中共中央办公厅 国务院办公厅关于加强管理的意见》，制定本办法。",
            "新华社北京9月20日电 消费是最终需求，既是生产的目的。",
            "第一条　为了规范管理，制定本办法。",
            "本办法自公布之日起施行。第二章　总　　则",
            "组　长：韩　正　　国务院副总理",
            "王　伟　北京市某区副区长，负责协调。",
            "填表时间：　　年　月　日",
            "国 务 院",
            "……工作落到实处。　　附件：名单",
            "切实加强疫情防控 有序做好复工复产工作",
            "财政部 国资委 证监会 社保基金会关于印发办法的通知，",
        ] {
            assert_eq!(found(ok), [], "{ok}");
        }
    }

    #[test]
    fn many_spaces_are_linear() {
        let text = "甲乙 ".repeat(200_000);
        let _ = found(&text);
        let text = format!("，{}。", "甲乙丙".repeat(300_000));
        assert!(found(&text).is_empty());
    }
}
