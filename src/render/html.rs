//! `--format html`: one self-contained page for the people who write the documents and never
//! open a terminal. Save it, mail it, open it in any browser: inline CSS, no script, no font,
//! image or style sheet from anywhere else.
//!
//! A summary comes first; then, for each document with findings, its text (one paragraph per
//! line, numbered like the line numbers of the other formats) with every finding highlighted
//! in place, and beside it the list of findings with message, fix and position; a list entry
//! links to its highlight.
//!
//! Each diagnostic gets exactly one `<mark id=…>`, opened where its span starts. HTML
//! elements must nest, so a span that outlives the line or a span it overlaps is split: the
//! mark ends there and the rest continues in `<span class="hl" data-for=…>` pieces, styled
//! the same. Spans that nest in the text nest in the page.

use super::{FileReport, Locator};
use crate::diagnostic::{Applicability, Diagnostic, Severity, Tally};
use crate::source::{Document, Position};
use std::fmt::Write;

/// The whole page.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::with_capacity(
        STYLE.len() + reports.iter().map(|r| 2 * r.doc.text.len()).sum::<usize>(),
    );
    let title = match reports {
        [one] => format!("公文检查报告：{}", one.doc.path),
        _ => "公文检查报告".to_string(),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"doclint {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n\
         </head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        text(&title)
    );
    summary(&mut out, reports);
    for (f, report) in reports.iter().enumerate() {
        if !report.diagnostics.is_empty() {
            document(&mut out, f + 1, report);
        }
    }
    let _ = write!(
        out,
        "<footer>由 doclint {} 生成。本页不联网、不含脚本，可直接保存或转发。\
         行号与列号从 1 起算，列号按字数计。</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn tally<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Tally {
    let mut t = Tally::default();
    for d in diagnostics {
        t.add(d.severity);
    }
    t
}

fn class(severity: Severity) -> &'static str {
    severity.as_str()
}

fn severity_zh(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

fn summary(out: &mut String, reports: &[FileReport]) {
    let all = tally(reports.iter().flat_map(|r| &r.diagnostics));
    let with_findings = reports.iter().filter(|r| !r.diagnostics.is_empty()).count();
    out.push_str("<header>\n<h1>公文检查报告</h1>\n<p class=\"summary\">");
    let _ = write!(out, "共检查 <b>{}</b> 个文件，", reports.len());
    if all.total() == 0 {
        out.push_str("未发现问题。</p>\n");
    } else {
        let _ = write!(
            out,
            "其中 <b>{with_findings}</b> 个有问题，共 <b>{}</b> 处：",
            all.total()
        );
        for (severity, n) in [
            (Severity::Error, all.errors),
            (Severity::Warning, all.warnings),
            (Severity::Info, all.infos),
        ] {
            if n == 0 {
                continue;
            }
            let _ = write!(
                out,
                "<span class=\"tag {}\">{} {n} 处</span>",
                class(severity),
                severity_zh(severity)
            );
        }
        out.push_str(
            "</p>\n<p class=\"legend\">红色为错误，黄色为警告，蓝色为提示。\
             把鼠标停在标记上可看到说明；点击右侧的条目可跳到原文中的位置。</p>\n",
        );
    }
    if reports.len() > 1 {
        out.push_str(
            "<table class=\"files\">\n<thead><tr><th>文件</th><th>错误</th><th>警告</th>\
             <th>提示</th></tr></thead>\n<tbody>\n",
        );
        for (f, r) in reports.iter().enumerate() {
            let t = tally(&r.diagnostics);
            if t.total() == 0 {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td colspan=\"3\" class=\"clean\">未发现问题</td></tr>",
                    text(&r.doc.path)
                );
            } else {
                let _ = writeln!(
                    out,
                    "<tr><td><a href=\"#f{}\">{}</a></td><td class=\"num\">{}</td>\
                     <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    f + 1,
                    text(&r.doc.path),
                    t.errors,
                    t.warnings,
                    t.infos
                );
            }
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let counts = super::statistics::counts(reports);
    if !counts.is_empty() {
        out.push_str(
            "<details class=\"rules\"><summary>按规则统计</summary>\n<table>\n<thead><tr>\
             <th>规则</th><th>名称</th><th>处数</th></tr></thead>\n<tbody>\n",
        );
        for c in counts {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td></tr>",
                text(c.code),
                text(c.name),
                c.count
            );
        }
        out.push_str("</tbody>\n</table>\n</details>\n");
    }
    out.push_str("</header>\n");
}

fn document(out: &mut String, f: usize, report: &FileReport) {
    let doc = &report.doc;
    let t = tally(&report.diagnostics);
    let _ = write!(
        out,
        "<section class=\"doc\" id=\"f{f}\">\n<h2>{} <small>",
        text(&doc.path)
    );
    let mut parts = Vec::new();
    for (severity, n) in [
        (Severity::Error, t.errors),
        (Severity::Warning, t.warnings),
        (Severity::Info, t.infos),
    ] {
        if n > 0 {
            parts.push(format!("{} {n} 处", severity_zh(severity)));
        }
    }
    out.push_str(&parts.join(" · "));
    out.push_str("</small></h2>\n<div class=\"cols\">\n<div class=\"text\">\n");
    highlighted_text(out, f, doc, &report.diagnostics);
    out.push_str("</div>\n<aside>\n<ol class=\"list\">\n");
    let mut starts = Locator::new(doc);
    for (i, d) in report.diagnostics.iter().enumerate() {
        list_item(out, f, i + 1, doc, d, starts.position(d.span.start));
    }
    out.push_str("</ol>\n</aside>\n</div>\n</section>\n");
}

fn position_zh(p: Position) -> String {
    format!("第 {} 行第 {} 字", p.line, p.column)
}

fn fix_zh(replacement: &str) -> String {
    if replacement.is_empty() {
        "删去".to_string()
    } else {
        format!("改为“{replacement}”")
    }
}

/// Entry `n` of document `f`'s list; `start` is the position of the diagnostic.
fn list_item(
    out: &mut String,
    f: usize,
    n: usize,
    doc: &Document,
    d: &Diagnostic,
    start: Position,
) {
    let sev = class(d.severity);
    let _ = write!(
        out,
        "<li class=\"{sev}\" id=\"f{f}-i{n}\"><a href=\"#f{f}-d{n}\"><span class=\"num\">{n}</span> \
         <span class=\"pos\">{}</span></a> <span class=\"sev\">{}</span> <code>{}</code> \
         <span class=\"name\">{}</span>\n<p class=\"msg\">{}</p>\n",
        position_zh(start),
        severity_zh(d.severity),
        text(d.code()),
        text(d.name()),
        text(&d.message)
    );
    let matched = &doc.shown()[d.span.clone()];
    if !matched.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"found\">原文：<q>{}</q></p>",
            text(&clip(matched, 80))
        );
    }
    for fix in &d.fixes {
        let how = match fix.applicability {
            Applicability::Certain => "（可自动修改）",
            Applicability::Suggestion => "（建议，请核对）",
        };
        let _ = writeln!(
            out,
            "<p class=\"fix\">{}<span class=\"how\">{how}</span></p>",
            text(&fix_zh(&fix.replacement))
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "<p class=\"help\">{}</p>", text(help));
    }
    if let Some(note) = &d.note {
        let _ = writeln!(out, "<p class=\"note\">说明：{}</p>", text(note));
    }
    for label in &d.labels {
        let _ = writeln!(
            out,
            "<p class=\"rel\">{}：{}<q>{}</q></p>",
            position_zh(doc.position(label.span.start)),
            text(&label.message),
            text(&clip(&doc.shown()[label.span.clone()], 40))
        );
    }
    out.push_str("</li>\n");
}

/// At most `max` characters of `s`, with `…` when cut.
fn clip(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]).into(),
        None => s.into(),
    }
}

/// Where a diagnostic's highlight opens and closes: a line and a byte offset within that
/// line's text (line breaks are not shown, so an offset inside one is moved to the line end).
#[derive(Debug, Clone, Copy)]
struct Place {
    open_line: usize,
    open: usize,
    close_line: usize,
    close: usize,
}

impl Place {
    fn of(doc: &Document, span: &std::ops::Range<usize>) -> Place {
        let start = span.start.min(doc.text.len());
        let end = span.end.clamp(start, doc.text.len());
        let open_line = doc.line_index(start);
        let open = start.min(doc.line_range(open_line).end);
        if end == start {
            return Place {
                open_line,
                open,
                close_line: open_line,
                close: open,
            };
        }
        // The line holding the span's last byte; a span ending with a line break ends there.
        let close_line = doc.line_index(end - 1);
        let close = end.min(doc.line_range(close_line).end);
        Place {
            open_line,
            open,
            close_line,
            close,
        }
    }

    fn is_empty(&self) -> bool {
        self.open_line == self.close_line && self.open == self.close
    }
}

/// An element open in the text: diagnostic index, and whether it is the diagnostic's mark
/// (else a continuation piece).
#[derive(Debug, Clone, Copy)]
struct Open {
    index: usize,
    head: bool,
}

struct Painter<'a> {
    out: &'a mut String,
    f: usize,
    diagnostics: &'a [Diagnostic],
    stack: Vec<Open>,
}

impl Painter<'_> {
    fn open(&mut self, index: usize, head: bool, empty: bool) {
        let d = &self.diagnostics[index];
        let n = index + 1;
        let sev = class(d.severity);
        if head {
            let mut tip = format!("{} {}：{}", d.code(), d.name(), d.message);
            for fix in &d.fixes {
                tip.push('\n');
                tip.push_str(&fix_zh(&fix.replacement));
            }
            let _ = write!(
                self.out,
                "<mark class=\"{sev}{}\" id=\"f{}-d{n}\" data-n=\"{n}\" title=\"{}\">",
                if empty { " empty" } else { "" },
                self.f,
                attr(&tip)
            );
        } else {
            let _ = write!(
                self.out,
                "<span class=\"hl {sev}\" data-for=\"f{}-d{n}\">",
                self.f
            );
        }
        if !empty {
            self.stack.push(Open { index, head });
        }
    }

    fn close(&mut self, open: Open) {
        self.out
            .push_str(if open.head { "</mark>" } else { "</span>" });
    }

    /// Closes every element open from depth `k` up, then reopens as continuation pieces those
    /// for which `keep` holds (in their order, so the nesting stays as it was).
    fn unwind(&mut self, k: usize, keep: impl Fn(usize) -> bool) {
        let popped: Vec<Open> = self.stack.drain(k..).collect();
        for open in popped.iter().rev() {
            self.close(*open);
        }
        for open in popped {
            if keep(open.index) {
                self.open(open.index, false, false);
            }
        }
    }
}

/// The document's lines with the highlights. Linear in the text plus, per split, the depth
/// of nesting at that point.
fn highlighted_text(out: &mut String, f: usize, doc: &Document, diagnostics: &[Diagnostic]) {
    let places: Vec<Place> = diagnostics
        .iter()
        .map(|d| Place::of(doc, &d.span))
        .collect();
    // Opening order: by start; of two starting together the longer opens first (outside).
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&places[a], &places[b]);
        (pa.open_line, pa.open)
            .cmp(&(pb.open_line, pb.open))
            .then((pb.close_line, pb.close).cmp(&(pa.close_line, pa.close)))
            .then(a.cmp(&b))
    });
    let lines = places
        .iter()
        .map(|p| p.close_line + 1)
        .max()
        .unwrap_or(0)
        .max(doc.line_count());
    let shown = doc.shown();
    let mut painter = Painter {
        out,
        f,
        diagnostics,
        stack: Vec::new(),
    };
    let mut next = 0;
    for line in 0..lines {
        let range = doc.line_range(line);
        let _ = write!(
            painter.out,
            "<p class=\"l\"><span class=\"n\">{}</span><span class=\"t\">",
            line + 1
        );
        // Highlights running on from the line above continue here.
        let carried = std::mem::take(&mut painter.stack);
        for open in carried {
            painter.open(open.index, false, false);
        }
        let mut pos = range.start;
        loop {
            let next_open = order
                .get(next)
                .map(|&i| places[i])
                .filter(|p| p.open_line == line)
                .map(|p| p.open);
            let next_close = painter
                .stack
                .iter()
                .map(|o| places[o.index])
                .filter(|p| p.close_line == line)
                .map(|p| p.close)
                .min();
            let event = match (next_open, next_close) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let until = event.unwrap_or(range.end);
            painter.out.push_str(&text(&shown[pos..until]));
            pos = until;
            let Some(at) = event else { break };
            // Closes first, so that a span starting where another ends sits beside it.
            let ends_here = |i: usize| places[i].close_line == line && places[i].close == at;
            if let Some(k) = painter.stack.iter().position(|o| ends_here(o.index)) {
                painter.unwind(k, |i| !ends_here(i));
            }
            while let Some(&i) = order.get(next) {
                let p = places[i];
                if p.open_line != line || p.open != at {
                    break;
                }
                next += 1;
                painter.open(i, true, p.is_empty());
                if p.is_empty() {
                    painter.out.push_str("</mark>");
                }
            }
        }
        // Close what runs on; it is reopened on the next line.
        for k in (0..painter.stack.len()).rev() {
            let open = painter.stack[k];
            painter.close(open);
        }
        painter.out.push_str("</span></p>\n");
    }
}

/// Escapes text for element content.
fn text(s: &str) -> String {
    escape(s, false)
}

/// Escapes text for a double-quoted attribute; a line break stays a line break in a tooltip.
fn attr(s: &str) -> String {
    escape(s, true)
}

/// A CRLF is one line break, a lone CR is one too; other control characters but tab cannot
/// appear in HTML text and are shown as U+FFFD.
fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' if in_attribute => out.push_str("&#10;"),
            '\r' | '\n' => out.push('\n'),
            '\t' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The page's only style sheet. Fonts are named, never downloaded: the system's Chinese fonts
/// (仿宋 for the document text, as official documents are set) with generic fallbacks.
const STYLE: &str = r#"
:root{--error:#c62828;--error-bg:#fde0de;--warning:#9a6200;--warning-bg:#ffefb8;--info:#1d5fae;--info-bg:#dde9fb;--rule:#e2e2de;--muted:#6a6a66}
*{box-sizing:border-box}
body{margin:0;background:#f5f5f2;color:#222;line-height:1.6;font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
header,footer{max-width:1400px;margin:0 auto;padding:1rem 1.5rem}
footer{color:var(--muted);font-size:.85rem}
h1{font-size:1.6rem;margin:.4rem 0}
h2{font-size:1.2rem;margin:0 0 .8rem;overflow-wrap:anywhere}
h2 small{font-weight:normal;color:var(--muted);font-size:.85rem;margin-left:.5em}
.summary{font-size:1.1rem;margin:.4rem 0}
.legend{color:var(--muted);margin:.2rem 0 .8rem}
.tag{display:inline-block;padding:0 .5em;margin:0 .3em;border-radius:3px}
.tag.error{background:var(--error-bg);color:var(--error)}
.tag.warning{background:var(--warning-bg);color:var(--warning)}
.tag.info{background:var(--info-bg);color:var(--info)}
table{border-collapse:collapse;background:#fff;margin:.5rem 0}
th,td{border:1px solid var(--rule);padding:.2em .7em;text-align:left}
td.num{text-align:right}
td.clean{color:var(--muted)}
details.rules summary{cursor:pointer;color:var(--muted)}
section.doc{max-width:1400px;margin:1.2rem auto;padding:1.2rem 1.5rem;background:#fff;border:1px solid var(--rule);border-radius:6px}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:1.5rem;align-items:start}
@media (max-width:900px){.cols{grid-template-columns:minmax(0,1fr)}}
.text{font-family:"FangSong","STFangsong","FangSong_GB2312","仿宋","Noto Serif CJK SC","Source Han Serif SC","Songti SC",serif;font-size:1.15rem;line-height:2}
.l{display:flex;gap:.8em;margin:0}
.n{flex:none;width:2.5rem;text-align:right;color:#aaa;font:.75rem/2.6 ui-monospace,Consolas,monospace;user-select:none}
.t{flex:1;min-width:0;min-height:1.2em;white-space:pre-wrap;overflow-wrap:anywhere}
mark,.hl{color:inherit;border-bottom:2px solid;border-radius:2px;padding:0 1px}
mark.error,.hl.error{background:var(--error-bg);border-color:var(--error)}
mark.warning,.hl.warning{background:var(--warning-bg);border-color:var(--warning)}
mark.info,.hl.info{background:var(--info-bg);border-color:var(--info)}
mark mark,mark .hl,.hl mark,.hl .hl{border-bottom-style:double;border-bottom-width:4px}
mark::after{content:attr(data-n);font:bold .55em sans-serif;vertical-align:super;margin-left:1px}
mark.error::after{color:var(--error)}
mark.warning::after{color:var(--warning)}
mark.info::after{color:var(--info)}
mark.empty::before{content:"‸";color:var(--muted)}
mark:target{outline:3px solid #333;outline-offset:1px}
aside{position:sticky;top:0;max-height:100vh;overflow:auto}
ol.list{list-style:none;margin:0;padding:0}
ol.list li{margin:0 0 .7rem;padding:.4rem .7rem;border-left:4px solid;background:#fafaf8}
ol.list li.error{border-color:var(--error)}
ol.list li.warning{border-color:var(--warning)}
ol.list li.info{border-color:var(--info)}
ol.list li:target{background:#fff8dc}
ol.list a{color:inherit}
ol.list .num{display:inline-block;min-width:1.6em;text-align:center;border-radius:3px;background:#eee;font-size:.8rem}
.pos,.name,.how,.found,.rel{color:var(--muted);font-size:.9rem}
li.error .sev{color:var(--error)}
li.warning .sev{color:var(--warning)}
li.info .sev{color:var(--info)}
.msg{margin:.2rem 0;font-weight:600}
.found,.fix,.help,.note,.rel{margin:.1rem 0}
q{quotes:"“" "”"}
code{font-family:ui-monospace,Consolas,monospace}
@media print{body{background:#fff}aside{position:static;max-height:none;overflow:visible}section.doc{border:none}}
"#;
