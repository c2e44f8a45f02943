//! Properties every input must keep, shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`
//! include this file) and the seeded property tests (`tests/properties.rs`). Each function takes
//! arbitrary bytes, runs one stage of the pipeline, and panics when a property fails: no panic
//! inside doclint, spans on character boundaries inside the text, fixes that never overlap, a
//! fixed text that re-checks without the findings the fix removed.

#![allow(dead_code)]

use doclint::config::Config;
use doclint::diagnostic::{Applicability, Diagnostic};
use doclint::engine::Engine;
use doclint::fix;
use doclint::render::{self, FileReport};
use doclint::rules::{RuleBook, RuleSource};
use doclint::source::{self, Document, Format, Origin, TextEncoding, docx};
use doclint::suppress;
use doclint::year::{DocYear, YearSource};
use std::io::{Cursor, Write};
use std::path::Path;
use std::sync::OnceLock;

/// The engine with the built-in rule sets, built once.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE
        .get_or_init(|| Engine::new(RuleBook::builtin().expect("built-in rules")).expect("engine"))
}

/// The encoding a selector byte forces (`None`: detect), as `--encoding` would.
fn forced(selector: u8) -> Option<TextEncoding> {
    match selector % 6 {
        1 => Some(TextEncoding::Utf8 { bom: false }),
        2 => Some(TextEncoding::Utf16Le { bom: false }),
        3 => Some(TextEncoding::Utf16Be { bom: false }),
        4 => Some(TextEncoding::Gb18030),
        _ => None,
    }
}

/// Bytes → decoded document: detection and every forced encoding; a decoded text decodes the
/// same way again and an edit spliced into the original bytes reads back as the fixed text.
pub fn decode(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let _ = source::detect(bytes);
    let format = if selector & 0x80 != 0 {
        Format::Markdown
    } else {
        Format::Text
    };
    let loaded = match source::load("fuzz.txt", bytes.to_vec(), format, forced(selector)) {
        Ok(loaded) => loaded,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let doc = loaded.doc;
    let shown = doc.shown().to_string();
    assert_eq!(doc.text.len(), shown.len(), "masking keeps byte offsets");
    if let Origin::Text {
        encoding,
        bytes: kept,
    } = &loaded.origin
    {
        // Plain UTF-8 is held once: the text is then exactly the bytes read.
        if kept.is_none() {
            assert_eq!(bytes, shown.as_bytes());
        }
        let bytes = kept.as_deref().unwrap_or(shown.as_bytes());
        assert_eq!(encoding.decode(bytes).as_deref(), Ok(shown.as_str()));
        // Replace the middle character; the splice must decode to exactly the fixed text.
        let mid = (0..=shown.len() / 2)
            .rev()
            .find(|&i| shown.is_char_boundary(i))
            .unwrap_or(0);
        if let Some(c) = shown[mid..].chars().next() {
            let edits = vec![(mid..mid + c.len_utf8(), "安装".to_string())];
            let fixed = fix::apply_edits(&shown, &edits);
            let out = encoding.splice(bytes, &shown, &edits, &fixed);
            if let Some(out) = &out {
                assert_eq!(encoding.decode(out).as_deref(), Ok(fixed.as_str()));
            }
            if matches!(encoding, TextEncoding::Utf8 { .. })
                || matches!(encoding, TextEncoding::Utf16Le { .. })
                || matches!(encoding, TextEncoding::Utf16Be { .. })
            {
                assert!(out.is_some(), "{encoding:?} can always write a fix back");
            }
        }
    }
    let doc = doc.with_year(None);
    lines(&doc);
}

/// Every line range lies on character boundaries and positions agree with them.
fn lines(doc: &Document) {
    let text = &doc.text;
    for i in 0..doc.line_count().min(64) {
        let r = doc.line_range(i);
        assert!(r.start <= r.end && r.end <= text.len(), "line {i}: {r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert_eq!(doc.position(r.start).line, i + 1);
    }
}

/// A zip holding `xml` as `word/document.xml` (stored, so the XML reader sees the fuzzer's bytes).
pub fn wrap_docx(xml: &[u8], footnotes: bool) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(xml).unwrap();
    if footnotes {
        zip.start_file("word/footnotes.xml", opts).unwrap();
        zip.write_all(xml).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Bytes → .docx text: the raw bytes as a zip, or wrapped as its document.xml.
pub fn docx(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let bytes = if selector & 1 == 0 {
        rest.to_vec()
    } else {
        wrap_docx(rest, selector & 2 != 0)
    };
    match docx::extract(
        &bytes,
        docx::Limits {
            xml: 1 << 20,
            text: 1 << 18,
        },
    ) {
        Ok(text) => {
            let doc = Document::new("fuzz.docx", text);
            lines(&doc);
            let diags = engine().check(&doc);
            spans(&doc, &diags);
        }
        Err(message) => assert!(!message.is_empty()),
    }
}

/// Bytes → rule set: an error renders; a rule set that loads compiles and runs its examples.
pub fn rules(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = RuleSource {
        name: "fuzz.toml".into(),
        text: text.into(),
        builtin: false,
    };
    let book = match RuleBook::load(vec![source]) {
        Ok(book) => book,
        Err(e) => {
            assert!(e.count() > 0);
            assert!(e.render(false).contains("error"));
            let _ = e.render(true);
            return;
        }
    };
    let engine = match Engine::new(book) {
        Ok(engine) => engine,
        Err(e) => {
            assert!(!e.is_empty());
            return;
        }
    };
    let text = "按装调试，一如继往。2024年XX月，截止2024年底。";
    let doc = Document::new("fuzz.txt", text);
    spans(&doc, &engine.check(&doc));
    if let Err(e) = engine.verify_examples() {
        let _ = e.render(false);
    }
}

/// Bytes → configuration: an error renders; a configuration that loads validates against the
/// built-in rules, filters findings and shows itself.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut config = match Config::parse("doclint.toml", text) {
        Ok(config) => config,
        Err(e) => {
            assert!(e.render(false).contains("error"));
            return;
        }
    };
    let _ = config.show();
    let rules = engine().rules();
    if let Err(e) = config.validate(rules) {
        let _ = e.render(false);
        return;
    }
    let doc = Document::new(
        "a/报告.txt",
        "按装调试，一如继往。XX单位，2023年上半年工作总结。",
    );
    let mut diags = engine().check(&doc);
    config.filter(&doc, Path::new("a/报告.txt"), rules, &mut diags);
    spans(&doc, &diags);
    let _ = config.is_excluded(Path::new("a/报告.txt"));
}

/// What the command line does to a document's findings: suppression comments, then settings.
fn diagnose(doc: &Document) -> Vec<Diagnostic> {
    let rules = engine().rules();
    let mut diags = engine().check(doc);
    suppress::apply(&suppress::parse(doc.shown()), rules, &mut diags);
    Config::default().filter(doc, Path::new(&doc.path), rules, &mut diags);
    diags
}

/// Every span (and label) is sorted, inside the text and on character boundaries.
pub fn spans(doc: &Document, diags: &[Diagnostic]) {
    let text = doc.shown();
    for d in diags {
        for span in std::iter::once(&d.span).chain(d.labels.iter().map(|l| &l.span)) {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{} span {span:?} outside a text of {} bytes",
                d.code(),
                text.len()
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{} span {span:?} not on character boundaries",
                d.code()
            );
        }
    }
    assert!(
        diags.windows(2).all(|w| w[0].sort_key() <= w[1].sort_key()),
        "diagnostics sorted"
    );
}

/// Every output format renders the findings; the JSON ones parse.
fn render_all(reports: &[FileReport]) {
    let rules = engine().rules();
    let _ = render::human::render(reports, false, 10);
    let _ = render::human::render(reports, true, 0);
    let json: serde_json::Value =
        serde_json::from_str(&render::json::render(reports)).expect("json output parses");
    assert_eq!(
        json["diagnostics"].as_array().map(Vec::len),
        Some(reports.iter().map(|r| r.diagnostics.len()).sum())
    );
    for line in render::jsonl::render(reports).lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("jsonl line parses");
    }
    serde_json::from_str::<serde_json::Value>(&render::sarif::render(reports, rules))
        .expect("sarif parses");
    let _ = render::github::render(reports);
    let _ = render::concise::render(reports);
    let _ = render::html::render(reports);
    let _ = render::statistics::render(reports);
    serde_json::from_str::<serde_json::Value>(&render::statistics::render_json(reports))
        .expect("statistics json parses");
}

/// Text → full check → every renderer → fix → re-check.
pub fn check(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let (name, format) = if selector & 1 == 0 {
        ("fuzz.txt", Format::Text)
    } else {
        ("fuzz.md", Format::Markdown)
    };
    let (name, given) = match (selector >> 1) & 3 {
        0 => (name, None),
        1 => (name, Some(DocYear::given(2024, YearSource::Flag))),
        2 => (name, Some(DocYear::given(2021, YearSource::Flag))),
        _ if format == Format::Text => ("2024年上半年工作总结.txt", None),
        _ => ("2024年上半年工作总结.md", None),
    };
    let doc = source::from_text(name, text, format).with_year(given);
    assert_eq!(
        doc.text.len(),
        doc.shown().len(),
        "masking keeps byte offsets"
    );
    let diags = diagnose(&doc);
    spans(&doc, &diags);
    let report = FileReport {
        doc: doc.clone(),
        diagnostics: diags.clone(),
    };
    render_all(std::slice::from_ref(&report));

    let certain = |a: Applicability| a == Applicability::Certain;
    let edits = fix::edits(&diags, certain);
    assert!(
        edits.windows(2).all(|w| w[0].0.end <= w[1].0.start),
        "fixes never overlap: {edits:?}"
    );
    if edits.is_empty() {
        return;
    }
    let before = doc.shown();
    let fixed = fix::apply_edits(before, &edits);
    // What --fix writes: the tight edits between the texts, spliced into the original bytes.
    let tight = fix::diff_edits(before, &fixed);
    assert_eq!(fix::apply_edits(before, &tight), fixed, "diff_edits");
    let utf8 = TextEncoding::Utf8 { bom: false };
    assert_eq!(
        utf8.splice(before.as_bytes(), before, &tight, &fixed),
        Some(fixed.as_bytes().to_vec())
    );
    let again = source::from_text(name, fixed.clone(), format).with_year(doc.year.clone());
    let left = diagnose(&again);
    spans(&again, &left);
    // The place each fix was written must not be reported again by the same rule with a
    // certain fix: that fix did not remove what it was for (and --fix would loop).
    let mut shift: isize = 0;
    for (span, replacement) in &edits {
        let start = (span.start as isize + shift) as usize;
        let written = start..start + replacement.len();
        shift += replacement.len() as isize - span.len() as isize;
        let code = diags
            .iter()
            .find(|d| {
                d.span == *span
                    && d.fixes
                        .iter()
                        .find(|f| certain(f.applicability))
                        .is_some_and(|f| f.replacement == *replacement)
            })
            .map(|d| d.code().to_string())
            .expect("every edit comes from a diagnostic");
        if let Some(d) = left.iter().find(|d| {
            d.code() == code
                && d.span == written
                && d.fixes.iter().any(|f| certain(f.applicability))
        }) {
            panic!(
                "{code} fixed “{}” to “{replacement}”, and the fixed text is reported again: {} ({:?})",
                &before[span.clone()],
                d.message,
                d.fixes
            );
        }
    }
    // --fix goes on round after round while certain fixes are left; it must never come back to
    // a text it had (two rules undoing each other).
    let mut seen = vec![before.to_string(), fixed];
    let (mut current, mut found) = (again, left);
    for _ in 0..8 {
        let edits = fix::edits(&found, certain);
        if edits.is_empty() {
            break;
        }
        let next = fix::apply_edits(current.shown(), &edits);
        if let Some(round) = seen.iter().position(|t| *t == next) {
            panic!(
                "fixes go round in a circle back to round {round}: {:?}",
                found
                    .iter()
                    .filter(|d| !d.fixes.is_empty())
                    .map(|d| (d.code(), &d.fixes[0].replacement))
                    .collect::<Vec<_>>()
            );
        }
        seen.push(next.clone());
        current = source::from_text(name, next, format).with_year(doc.year.clone());
        found = diagnose(&current);
        spans(&current, &found);
    }
}
