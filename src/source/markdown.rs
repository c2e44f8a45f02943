//! Markdown: only prose is checked. Code (blocks and inline), HTML and comments, front matter,
//! link targets, URLs and the markup itself are masked with neutral characters of the same UTF-8
//! length, so spans, lines and columns stay true to the original file.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// The masked text (same length as `source`) and the masked byte ranges.
pub fn mask(source: &str) -> (String, Vec<Range<usize>>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut prose: Vec<Range<usize>> = Vec::new();
    // Depth inside code blocks and front matter, whose text is not prose.
    let mut hidden = 0usize;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => hidden += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                hidden = hidden.saturating_sub(1)
            }
            Event::Text(_) if hidden == 0 => prose.push(range),
            _ => {}
        }
    }
    let keep = without_urls(source, prose);
    apply(source, &keep)
}

/// The same text with `hidden` ranges (sorted, disjoint) masked.
pub fn mask_ranges(source: &str, hidden: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let mut keep = Vec::with_capacity(hidden.len() + 1);
    let mut at = 0;
    for h in hidden {
        if h.start > at {
            keep.push(at..h.start);
        }
        at = at.max(h.end);
    }
    keep.push(at..source.len());
    apply(source, &keep)
}

/// Removes URLs and e-mail addresses from the prose ranges.
fn without_urls(source: &str, prose: Vec<Range<usize>>) -> Vec<Range<usize>> {
    static URL: OnceLock<Regex> = OnceLock::new();
    let url = URL.get_or_init(|| {
        Regex::new(r"(?:https?|ftp)://[!-~]+|www\.[A-Za-z0-9-]+\.[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
            .expect("valid URL pattern")
    });
    let mut keep = Vec::with_capacity(prose.len());
    for r in prose {
        let mut at = r.start;
        for m in url.find_iter(&source[r.clone()]) {
            let (s, e) = (r.start + m.start(), r.start + m.end());
            if s > at {
                keep.push(at..s);
            }
            at = e;
        }
        if at < r.end {
            keep.push(at..r.end);
        }
    }
    keep
}

/// Copies `keep` ranges (sorted) and line breaks; every other character becomes a neutral one of
/// the same UTF-8 length.
fn apply(source: &str, keep: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let mut out = String::with_capacity(source.len());
    let mut masked: Vec<Range<usize>> = Vec::new();
    let mut k = 0;
    for (i, c) in source.char_indices() {
        while k < keep.len() && keep[k].end <= i {
            k += 1;
        }
        let kept = keep.get(k).is_some_and(|r| r.start <= i) || c == '\n' || c == '\r';
        if kept {
            out.push(c);
            continue;
        }
        out.push(neutral(c.len_utf8()));
        match masked.last_mut() {
            Some(last) if last.end == i => last.end = i + c.len_utf8(),
            _ => masked.push(i..i + c.len_utf8()),
        }
    }
    (out, masked)
}

/// A character no rule reacts to, of the given UTF-8 length.
fn neutral(len: usize) -> char {
    match len {
        1 => ' ',
        2 => '\u{0378}',
        3 => '\u{E000}',
        _ => '\u{F0000}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_code_urls_front_matter_and_markup() {
        let src = "---\ntitle: 按装\n---\n# 标题按装\n\n正文`按装`见 https://www.gov.cn/x 和[链接](http://a.b/按装)。\n\n```\n按装\n```\n";
        let (text, masked) = mask(src);
        assert_eq!(text.len(), src.len());
        assert_eq!(text.chars().count(), src.chars().count());
        assert_eq!(text.matches("按装").count(), 1, "{text}");
        assert!(text.contains("标题按装"));
        assert!(text.contains("正文"));
        assert!(text.contains("链接"));
        assert!(!masked.is_empty());
        // Lines stay where they were.
        assert_eq!(text.lines().count(), src.lines().count());
    }

    #[test]
    fn tables_and_lists_are_prose() {
        let src = "- 第一项按装\n\n| 列 | 说明 |\n|---|---|\n| 甲 | 按装 |\n";
        let (text, _) = mask(src);
        assert_eq!(text.matches("按装").count(), 2, "{text}");
        assert!(!text.contains('|'));
    }
}
