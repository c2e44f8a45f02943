//! Sentence marks: ASCII `, ; : ? !` and `.` in Chinese text (DL801, DL802) and runs of
//! doubled or mixed marks (DL808).
//!
//! One pass per line finds maximal runs of marks (ASCII or full-width). A run of one ASCII
//! mark is DL801/DL802's; a run of two or more that GB/T 15834 does not allow (`。。`,
//! `，。`, `,。`) is DL808's, reported once with the run as its span, so a mark is never
//! reported twice; an allowed run (`？！`, `!!`) still has its ASCII marks turned full-width.

use super::chars::{
    at, before, is_chinese, is_cjk_punct, is_han, is_heading_number, spaces_before, spaces_from,
};
use crate::checks::Finding;
use crate::source::Document;
use std::ops::Range;

/// Which findings a scan reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// DL801: `, ; : ? !`.
    Ascii,
    /// DL802: `.` and `...`.
    Period,
    /// DL808: doubled or mixed marks.
    Doubled,
}

/// The full-width form of a sentence mark, ASCII or already full-width.
fn full_form(c: char) -> Option<char> {
    Some(match c {
        ',' | '，' => '，',
        '.' | '。' => '。',
        ';' | '；' => '；',
        ':' | '：' => '：',
        '?' | '？' => '？',
        '!' | '！' => '！',
        '、' => '、',
        _ => return None,
    })
}

/// Which mark of a mixed run carries the meaning: a question or exclamation outranks a
/// full stop, a full stop outranks the pauses.
fn rank(full: char) -> u8 {
    match full {
        '？' | '！' => 5,
        '。' => 4,
        '；' => 3,
        '：' => 2,
        '，' => 1,
        _ => 0,
    }
}

fn is_cjk_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '（' | '《' | '【' | '〔' | '〈' | '「' | '『'
    )
}

/// Closing marks after which a full stop may end a sentence.
fn is_cjk_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '）' | '》' | '】' | '〕' | '〉' | '」' | '』'
    )
}

/// Scans every line of `doc` once and reports the findings of every kind, each with its kind.
/// `allow` is DL808's list of accepted runs.
pub fn scan(doc: &Document, allow: &[String]) -> Vec<(Which, Finding)> {
    let mut out = Vec::new();
    let marks = crate::checks::Marks::of(doc);
    let mut marks = marks.cursor();
    for index in 0..doc.line_count() {
        let range = doc.line_range(index);
        let line_marks = marks.within(&doc.text, range.clone());
        scan_line(
            &doc.text[range.clone()],
            line_marks,
            range.start,
            allow,
            &mut out,
        );
    }
    out
}

/// `marks`: the line's characters but the ideographs U+4000..U+9FFF, as
/// [`crate::checks::Marks::within`] gives them.
fn scan_line(
    line: &str,
    marks: impl Iterator<Item = (usize, char)>,
    base: usize,
    allow: &[String],
    out: &mut Vec<(Which, Finding)>,
) {
    let shift = |r: Range<usize>| r.start + base..r.end + base;
    // Inside a URL or an e-mail address marks are part of the address.
    let mut in_url = false;
    let mut skip_to = 0;
    // The ideographs U+4000..U+9FFF are stepped over: they end an address (all but the
    // hexagram symbols U+4DC0..U+4DFF, which are not Han) and are no mark.
    let mut next = 0;
    for (j, c) in marks {
        if j > next && line[next..j].chars().any(is_han) {
            in_url = false;
        }
        next = j + c.len_utf8();
        if j < skip_to {
            continue;
        }
        if is_han(c) {
            in_url = false;
            continue;
        }
        let url_start = match c {
            ':' => line[j + 1..].starts_with("//"),
            'w' | 'W' => {
                (line[j..].starts_with("www.") || line[j..].starts_with("WWW."))
                    && !before(line, j).is_some_and(|p| p.is_ascii_alphanumeric())
            }
            '@' => before(line, j).is_some_and(|p| p.is_ascii_alphanumeric()),
            _ => false,
        };
        if c.is_whitespace() || is_han(c) || (is_cjk_punct(c) && full_form(c).is_none()) {
            in_url = false;
        } else if url_start {
            in_url = true;
        }
        if full_form(c).is_none() {
            continue;
        }
        let mut run = Run::new(j);
        for (k, d) in line[j..].char_indices() {
            match full_form(d) {
                Some(f) => run.push(j + k, d, f),
                None => break,
            }
        }
        skip_to = run.end;
        if let Some(run) = run.trim_latin(line) {
            let url = in_url;
            if run.chars.iter().any(|&(_, d)| !d.is_ascii()) {
                in_url = false;
            }
            run_findings(line, &run, url, allow, &mut |which, f: Finding| {
                out.push((
                    which,
                    Finding {
                        span: shift(f.span.clone()),
                        ..f
                    },
                ))
            });
        }
    }
}

/// A maximal run of marks. Runs are almost always one or two marks; a pathological run
/// (thousands of commas) keeps only its first marks in `chars`, which is all the
/// classification needs, and its counts.
struct Run {
    start: usize,
    end: usize,
    /// The first marks: (byte offset in the line, the mark as written).
    chars: Vec<(usize, char)>,
    len: usize,
    all_same: bool,
    all_dots: bool,
    all_emphatic: bool,
    any_full: bool,
    best: char,
    first_full: char,
}

const KEEP: usize = 8;

impl Run {
    fn new(start: usize) -> Run {
        Run {
            start,
            end: start,
            chars: Vec::new(),
            len: 0,
            all_same: true,
            all_dots: true,
            all_emphatic: true,
            any_full: false,
            best: '、',
            first_full: '、',
        }
    }

    fn push(&mut self, at: usize, c: char, full: char) {
        if self.len == 0 {
            self.first_full = full;
            self.best = full;
        } else if full != self.first_full {
            self.all_same = false;
        }
        if rank(full) > rank(self.best) {
            self.best = full;
        }
        self.all_dots &= c == '.';
        self.all_emphatic &= matches!(full, '？' | '！');
        self.any_full |= !c.is_ascii();
        if self.chars.len() < KEEP {
            self.chars.push((at, c));
        }
        self.len += 1;
        self.end = at + c.len_utf8();
    }

    /// Drops a leading ASCII `.` that belongs to Latin text or a number (`etc.,`, `No.，`,
    /// `3.`), so what remains is the run a Chinese writer typed.
    fn trim_latin(self, line: &str) -> Option<Run> {
        let first = self.chars.first().map(|&(_, c)| c);
        let latin_dot = first == Some('.')
            && before(line, self.start).is_some_and(|p| p.is_ascii_alphanumeric());
        if !latin_dot {
            return Some(self);
        }
        let mut run = Run::new(self.start + 1);
        for (k, c) in line[self.start + 1..self.end].char_indices() {
            let f = full_form(c).expect("the run holds marks only");
            run.push(self.start + 1 + k, c, f);
        }
        (run.len > 0).then_some(run)
    }
}

fn run_findings(
    line: &str,
    run: &Run,
    in_url: bool,
    allow: &[String],
    emit: &mut dyn FnMut(Which, Finding),
) {
    if run.len == 1 {
        let (k, c) = run.chars[0];
        match c {
            '.' if !in_url => {
                if let Some(f) = period(line, k) {
                    emit(Which::Period, f);
                }
            }
            // A comma, semicolon or exclamation mark right before Chinese text ends the
            // address it follows (详见www.gov.cn,请…); `?` and `:` may be part of it.
            ',' | ';' | ':' | '?' | '!'
                if !in_url
                    || (matches!(c, ',' | ';' | '!') && at(line, k + 1).is_some_and(is_han)) =>
            {
                if let Some((span, full)) = ascii_mark(line, k, c) {
                    emit(Which::Ascii, Finding::new(span).fix(full.to_string()));
                }
            }
            _ => {}
        }
        return;
    }
    let prev = before(line, run.start);
    let next = at(line, run.end);
    let chinese = run.any_full || prev.is_some_and(is_chinese) || next.is_some_and(is_chinese);
    if run.all_dots {
        // `...` after Chinese text is an ellipsis typed on a Western keyboard.
        let after_chinese = prev.is_some_and(|p| is_han(p) || is_cjk_closing(p));
        if !in_url && after_chinese && !next.is_some_and(|n| n.is_ascii_alphanumeric()) {
            let fix = if run.len >= 3 { "……" } else { "。" };
            emit(
                Which::Period,
                Finding::new(run.start..run.end).suggestion(fix),
            );
        }
        return;
    }
    let normalized: String = run
        .chars
        .iter()
        .filter_map(|&(_, c)| full_form(c))
        .collect();
    let allowed = run.all_emphatic || (run.len <= KEEP && allow.contains(&normalized));
    if allowed {
        // `？！` `!!` are allowed (GB/T 15834 lets them stack for emphasis); their ASCII
        // forms are still ASCII.
        if chinese && !in_url {
            for &(k, c) in run.chars.iter().filter(|(_, c)| c.is_ascii()) {
                let full = full_form(c).expect("a mark");
                emit(Which::Ascii, Finding::new(k..k + 1).fix(full.to_string()));
            }
        }
        return;
    }
    if !chinese || (in_url && !run.any_full) {
        return;
    }
    let span = run.start..run.end;
    let finding = if run.all_same {
        if run.first_full == '。' && run.len >= 3 {
            // 。。。 is an ellipsis typed as full stops.
            Finding::new(span).suggestion("……")
        } else {
            Finding::new(span).fix(run.first_full.to_string())
        }
    } else {
        Finding::new(span).suggestion(run.best.to_string())
    };
    emit(
        Which::Doubled,
        finding.note(if run.all_same { "重复" } else { "连用" }),
    );
}

/// DL801: an ASCII `, ; : ? !` at byte `k` next to Chinese text: its span (with the ASCII
/// spaces a Western habit puts around it, when Chinese text is on that side) and full form.
fn ascii_mark(line: &str, k: usize, c: char) -> Option<(Range<usize>, char)> {
    let end = k + 1;
    let prev = before(line, k);
    let next = at(line, end);
    // 1,000  10:30  1:200  3,4-二氯
    if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit()) {
        return None;
    }
    if (c == ':' && line[end..].starts_with("//")) || (c == '!' && next == Some('=')) {
        return None;
    }
    if c == ';' && html_entity_before(line, k) {
        return None;
    }
    let sb = spaces_before(line, k);
    let sa = spaces_from(line, end);
    let p = before(line, k - sb);
    let n = at(line, end + sa);
    let chinese_p = p.is_some_and(is_chinese);
    let chinese_n = n.is_some_and(is_chinese);
    let chinese = chinese_p || chinese_n || (n.is_none() && latin_word_after_chinese(line, k));
    if !chinese {
        return None;
    }
    let start = if chinese_p { k - sb } else { k };
    let stop = if chinese_n { end + sa } else { end };
    Some((start..stop, full_form(c).expect("a mark")))
}

/// `附件1:` `KPI:` at a line end: a short Latin or number word right after Chinese text.
fn latin_word_after_chinese(line: &str, k: usize) -> bool {
    let word = line.as_bytes()[..k]
        .iter()
        .rev()
        .take(20)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    word > 0 && before(line, k - word).is_some_and(is_chinese)
}

/// `&nbsp;` `&#12288;`: HTML left in scraped text.
fn html_entity_before(line: &str, k: usize) -> bool {
    let name = line.as_bytes()[..k]
        .iter()
        .rev()
        .take(10)
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    name > 0 && line.as_bytes()[..k - name].last() == Some(&b'&')
}

/// DL802: an ASCII `.` at byte `k` that ends a Chinese sentence.
fn period(line: &str, k: usize) -> Option<Finding> {
    let prev = before(line, k)?;
    if !(is_han(prev) || is_cjk_closing(prev)) {
        return None;
    }
    // 一.总体要求  （二）.  第三章. — a heading number with a wrong separator, which is the
    // numbering family's to report. Heading numbers are short: looking further back would
    // make a long line quadratic.
    if k <= 120 && is_heading_number(line[..k].trim_start()) {
        return None;
    }
    let end = k + 1;
    let blank = line[end..]
        .char_indices()
        .find(|(_, ch)| !ch.is_whitespace())
        .is_none();
    if blank {
        return Some(Finding::new(k..end).fix("。"));
    }
    // 某某政府.政务: a Chinese top-level domain.
    if ["政务", "公益", "中国", "公司", "网络"]
        .iter()
        .any(|tld| line[end..].starts_with(tld))
    {
        return None;
    }
    let sa = spaces_from(line, end);
    let n = at(line, end + sa)?;
    if is_han(n) || is_cjk_opening(n) || (sa == 0 && matches!(n, '”' | '’')) {
        return Some(Finding::new(k..end + sa).fix("。"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn select(all: Vec<(Which, Finding)>, which: Which) -> Vec<Finding> {
        all.into_iter()
            .filter(|(w, _)| *w == which)
            .map(|(_, f)| f)
            .collect()
    }

    fn run(text: &str, which: Which) -> Vec<(String, String, bool)> {
        let doc = Document::new("t", text);
        let out = select(scan(&doc, &[]), which);
        out.iter()
            .map(|f| {
                (
                    text[f.span.clone()].to_string(),
                    f.fix.clone().unwrap_or_default(),
                    f.applicability.is_none(),
                )
            })
            .collect()
    }

    fn found(text: &str, which: Which) -> Vec<String> {
        run(text, which).into_iter().map(|(f, _, _)| f).collect()
    }

    #[test]
    fn ascii_marks_next_to_chinese() {
        let r = run(
            "各部门,各单位:请于3月1日前报送;逾期不候!是否需要?",
            Which::Ascii,
        );
        let fixes: Vec<&str> = r.iter().map(|(_, f, _)| f.as_str()).collect();
        assert_eq!(fixes, ["，", "：", "；", "！", "？"]);
        assert!(r.iter().all(|(_, _, certain)| *certain));
    }

    #[test]
    fn numbers_urls_and_latin_stay() {
        for ok in [
            "共计1,000万元，10:30开会，师生比1:200。",
            "登录http://www.gov.cn/zhengce/a.htm?id=1,2查看。",
            "Hello, world; ok: yes? no!",
            "3,4-亚甲基二氧苯基-2-丙酮",
            "网页中的&nbsp;空格",
            "if (a != b) 不等",
            "发送至zhang.san@gov.cn，请查收。",
        ] {
            assert!(found(ok, Which::Ascii).is_empty(), "{ok}");
            assert!(found(ok, Which::Period).is_empty(), "{ok}");
            assert!(found(ok, Which::Doubled).is_empty(), "{ok}");
        }
    }

    #[test]
    fn a_comma_after_an_address_is_chinese() {
        assert_eq!(found("详见www.gov.cn,请查阅。", Which::Ascii), [","]);
        assert!(found("详见http://a.cn/s?q=中文", Which::Ascii).is_empty());
    }

    #[test]
    fn spaces_around_an_ascii_comma_go_with_it() {
        assert_eq!(
            run("完成任务 , 下一步", Which::Ascii),
            [(" , ".to_string(), "，".to_string(), true)]
        );
        assert_eq!(found("附件1:", Which::Ascii), [":"]);
        assert_eq!(found("Email:", Which::Ascii), Vec::<String>::new());
    }

    #[test]
    fn periods() {
        assert_eq!(found("会议圆满结束.", Which::Period), ["."]);
        assert_eq!(found("会议结束. 下一步", Which::Period), [". "]);
        assert_eq!(found("会议结束.下一步", Which::Period), ["."]);
        assert_eq!(found("详见《通知》.", Which::Period), ["."]);
        for ok in [
            "见附件报告.docx",
            "1.总体要求",
            "一.总体要求",
            "（二）.工作措施",
            "第三章.附则",
            "增长3.5%",
            "V2.0版",
            "No.1文件",
            "图1.2所示",
            "访问北京市人民政府.政务网站",
        ] {
            assert!(found(ok, Which::Period).is_empty(), "{ok}");
        }
        let dots = run("等等...", Which::Period);
        assert_eq!(dots, [("...".into(), "……".into(), false)]);
    }

    #[test]
    fn doubled_and_mixed() {
        assert_eq!(
            run("会议结束。。", Which::Doubled),
            [("。。".into(), "。".into(), true)]
        );
        assert_eq!(
            run("加强管理，，落实责任", Which::Doubled),
            [("，，".into(), "，".into(), true)]
        );
        assert_eq!(
            run("加强管理,。", Which::Doubled),
            [(",。".into(), "。".into(), false)]
        );
        assert_eq!(
            run("难道不是吗？。", Which::Doubled),
            [("？。".into(), "？".into(), false)]
        );
        assert_eq!(
            run("等等。。。", Which::Doubled),
            [("。。。".into(), "……".into(), false)]
        );
        // A doubled run is DL808's alone.
        assert!(found("加强管理,。", Which::Ascii).is_empty());
        for ok in [
            "真的吗？！",
            "太好了！！",
            "怎么办？？",
            "他说……",
            "——",
            "etc.，",
        ] {
            assert!(found(ok, Which::Doubled).is_empty(), "{ok}");
        }
        // Allowed runs still get full-width marks.
        assert_eq!(found("真的吗?!", Which::Ascii), ["?", "!"]);
    }

    #[test]
    fn allow_param() {
        let doc = Document::new("t", "这是为什么？。");
        let out = select(scan(&doc, &["？。".to_string()]), Which::Doubled);
        assert!(out.is_empty());
        let out = select(scan(&doc, &[]), Which::Doubled);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn a_long_run_is_one_finding_in_linear_time() {
        let text = format!("甲{}乙", ",".repeat(200_000));
        let f = run(&text, Which::Doubled);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].1, "，");
        assert!(found(&text, Which::Ascii).is_empty());
    }

    #[test]
    fn spans_are_relative_to_the_document() {
        let doc = Document::new("t", "第一行。\n第二行,完");
        let out = select(scan(&doc, &[]), Which::Ascii);
        assert_eq!(&doc.text[out[0].span.clone()], ",");
    }
}
