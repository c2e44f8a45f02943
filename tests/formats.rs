//! Every `--format` (and `--statistics`), run through the binary on the fixtures and on small
//! documents written here. The JSON contract (tests/json.rs) is the reference: every other
//! format must say the same positions, codes and messages.

use doclint::diagnostic::{Diagnostic, RuleId, Severity};
use doclint::render::FileReport;
use doclint::source::Document;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

const FIXTURE: &str = "fixtures/2024年上半年工作总结.txt";
const SARIF_SCHEMA: &str = include_str!("schema/sarif-2.1.0-subset.schema.json");

/// Wide characters, a CRLF, a character outside the BMP (one column, two UTF-16 units) before
/// a typo, and a line that is only a typo: what columns get wrong.
const CJK: &str = "标题\r\n请尽快按装调试设备，再接再励。\n😀按装\n";

fn doclint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn doclint(args: &[&str]) -> Output {
    doclint_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn stdout(out: &Output) -> String {
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The JSON contract's diagnostics for the same arguments.
fn json_diagnostics(dir: &Path, paths: &[&str]) -> Vec<Value> {
    let mut args = vec!["--format", "json"];
    args.extend(paths);
    let json: Value = serde_json::from_str(&stdout(&doclint_in(dir, &args))).unwrap();
    json["diagnostics"].as_array().unwrap().clone()
}

/// A temporary folder holding `CJK` as `报告.txt`.
fn cjk_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("报告.txt"), CJK).unwrap();
    dir
}

fn run_format(dir: &Path, format: &str, paths: &[&str]) -> (String, Option<i32>) {
    let mut args = vec!["--format", format];
    args.extend(paths);
    let out = doclint_in(dir, &args);
    (stdout(&out), out.status.code())
}

// ---------------------------------------------------------------- concise

#[test]
fn concise_on_a_fixture() {
    let (text, code) = run_format(Path::new(env!("CARGO_MANIFEST_DIR")), "concise", &[FIXTURE]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("concise_work_summary", text);
}

#[test]
fn concise_agrees_with_json() {
    let dir = cjk_dir();
    let (text, _) = run_format(dir.path(), "concise", &["报告.txt"]);
    let expected: Vec<String> = json_diagnostics(dir.path(), &["报告.txt"])
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {} {}",
                d["path"].as_str().unwrap(),
                d["start"]["line"],
                d["start"]["column"],
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[..lines.len() - 1], expected);
    assert!(lines.contains(&"报告.txt:2:4: DL101 错别字：“按装”应为“安装”"));
    // The character outside the BMP is one column.
    assert!(lines.contains(&"报告.txt:3:2: DL101 错别字：“按装”应为“安装”"));
    assert_eq!(lines.last(), Some(&"3 errors, 0 warnings in 1 file"));
}

// ---------------------------------------------------------------- github

#[test]
fn github_on_a_fixture() {
    let (text, code) = run_format(Path::new(env!("CARGO_MANIFEST_DIR")), "github", &[FIXTURE]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("github_work_summary", text);
}

#[test]
fn github_commands_escape_the_file_name_and_agree_with_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a,b:c.txt"), CJK).unwrap();
    let (text, _) = run_format(dir.path(), "github", &["a,b:c.txt"]);
    let ds = json_diagnostics(dir.path(), &["a,b:c.txt"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), ds.len());
    for (line, d) in lines.iter().zip(&ds) {
        let command = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(
            *line,
            format!(
                "::{command} file=a%2Cb%3Ac.txt,line={},col={},endLine={},endColumn={},title={}::{}",
                d["start"]["line"],
                d["start"]["column"],
                d["end"]["line"],
                d["end"]["column"],
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        );
    }
    assert_eq!(
        lines[0],
        "::error file=a%2Cb%3Ac.txt,line=2,col=4,endLine=2,endColumn=6,title=DL101::错别字：“按装”应为“安装”"
    );
}

// ---------------------------------------------------------------- jsonl

#[test]
fn jsonl_on_a_fixture() {
    let (text, code) = run_format(Path::new(env!("CARGO_MANIFEST_DIR")), "jsonl", &[FIXTURE]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("jsonl_work_summary", text);
}

#[test]
fn jsonl_lines_are_the_json_diagnostics() {
    let dir = cjk_dir();
    std::fs::write(dir.path().join("干净.txt"), "安装调试设备。\n").unwrap();
    let paths = ["报告.txt", "干净.txt", "报告.txt"];
    let (text, code) = run_format(dir.path(), "jsonl", &paths[..2]);
    assert_eq!(code, Some(1));
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, json_diagnostics(dir.path(), &paths[..2]));
    assert_eq!(lines.len(), 3);
    // A clean run prints nothing at all.
    let (clean, code) = run_format(dir.path(), "jsonl", &["干净.txt"]);
    assert_eq!((clean.as_str(), code), ("", Some(0)));
}

// ---------------------------------------------------------------- sarif

fn sarif(dir: &Path, paths: &[&str]) -> Value {
    let (text, _) = run_format(dir, "sarif", paths);
    serde_json::from_str(&text).unwrap()
}

fn assert_valid_sarif(value: &Value) {
    let schema: Value = serde_json::from_str(SARIF_SCHEMA).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "SARIF violations: {errors:#?}");
}

#[test]
fn sarif_on_a_fixture() {
    let mut log = sarif(Path::new(env!("CARGO_MANIFEST_DIR")), &[FIXTURE]);
    assert_valid_sarif(&log);
    // The rule descriptors are checked below; here only their ids stand in for them, so the
    // snapshot does not change with every rule's wording or with the version.
    let driver = &mut log["runs"][0]["tool"]["driver"];
    let ids: Vec<Value> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    driver["rules"] = Value::Array(ids);
    driver["version"] = "[version]".into();
    driver["semanticVersion"] = "[version]".into();
    insta::assert_snapshot!(
        "sarif_work_summary",
        serde_json::to_string_pretty(&log).unwrap()
    );
}

#[test]
fn sarif_lists_every_loaded_rule_and_points_results_at_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let log = sarif(root, &[FIXTURE]);
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let listed: Value =
        serde_json::from_str(&stdout(&doclint(&["rules", "--format", "json"]))).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(rules.len(), listed.len());
    for (descriptor, rule) in rules.iter().zip(listed) {
        assert_eq!(descriptor["id"], rule["code"]);
        assert_eq!(descriptor["name"], rule["name"]);
        assert_eq!(descriptor["shortDescription"]["text"], rule["summary"]);
        assert_eq!(descriptor["properties"]["tags"][0], rule["family"]);
        let level = match rule["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level);
        assert!(!descriptor["help"]["text"].as_str().unwrap().is_empty());
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "doclint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["columnKind"], "unicodeCodePoints");
}

#[test]
fn sarif_regions_and_fixes_agree_with_json() {
    let dir = cjk_dir();
    let log = sarif(dir.path(), &["报告.txt"]);
    assert_valid_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let ds = json_diagnostics(dir.path(), &["报告.txt"]);
    assert_eq!(results.len(), ds.len());
    for (r, d) in results.iter().zip(&ds) {
        assert_eq!(r["ruleId"], d["code"]);
        assert_eq!(r["message"]["text"], d["message"]);
        let level = match d["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(r["level"], level);
        let location = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"],
            serde_json::json!({"uri": "%E6%8A%A5%E5%91%8A.txt", "uriBaseId": "%SRCROOT%"})
        );
        let region = serde_json::json!({
            "startLine": d["start"]["line"],
            "startColumn": d["start"]["column"],
            "endLine": d["end"]["line"],
            "endColumn": d["end"]["column"],
        });
        let mut with_snippet = region.clone();
        with_snippet["snippet"] = serde_json::json!({"text": d["matched"]});
        assert_eq!(location["region"], with_snippet);
        let fixes = r["fixes"].as_array().map_or(&[][..], |f| &f[..]);
        assert_eq!(fixes.len(), d["fixes"].as_array().unwrap().len());
        for (fix, want) in fixes.iter().zip(d["fixes"].as_array().unwrap()) {
            let change = &fix["artifactChanges"][0];
            assert_eq!(change["artifactLocation"], location["artifactLocation"]);
            assert_eq!(change["replacements"][0]["deletedRegion"], region);
            assert_eq!(
                change["replacements"][0]["insertedContent"]["text"],
                want["replacement"]
            );
        }
    }
    // After 😀 (two UTF-16 units, one character) the typo starts at column 2, as columnKind says.
    let last = &results.last().unwrap()["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&last["startLine"], &last["startColumn"]),
        (&3.into(), &2.into())
    );
}

#[test]
fn sarif_of_a_clean_run_is_valid_and_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.txt"), "安装调试设备。\n").unwrap();
    let log = sarif(dir.path(), &["c.txt"]);
    assert_valid_sarif(&log);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

/// The schema rejects what it should: a check that it is not vacuous.
#[test]
fn the_sarif_schema_catches_mistakes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_str(SARIF_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let good = sarif(root, &[FIXTURE]);
    assert!(validator.is_valid(&good));
    let mut bad = good.clone();
    bad["runs"][0]["results"][0]["level"] = "info".into();
    assert!(!validator.is_valid(&bad));
    let mut bad = good.clone();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startcolumn"] =
        1.into();
    assert!(!validator.is_valid(&bad));
    let mut bad = good;
    bad["runs"][0]["tool"]["driver"]
        .as_object_mut()
        .unwrap()
        .remove("name");
    assert!(!validator.is_valid(&bad));
}

// ---------------------------------------------------------------- html

/// What a browser would show inside the highlights of a page's document texts: for each
/// `<mark id=…>`, its text plus that of the `data-for` pieces continuing it. Also checks
/// that the elements nest and that each id is marked once.
fn highlights(html: &str) -> (Vec<String>, HashMap<String, String>) {
    let mut order = Vec::new();
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut rest = html;
    while let Some(i) = rest.find("<div class=\"text\">") {
        let body = &rest[i + "<div class=\"text\">".len()..];
        let end = body.find("</div>").expect("text block closes");
        let mut stack: Vec<(String, Option<String>)> = Vec::new();
        let mut s = &body[..end];
        while !s.is_empty() {
            if let Some(tag_body) = s.strip_prefix('<') {
                let close = tag_body.find('>').unwrap();
                let tag = &tag_body[..close];
                s = &tag_body[close + 1..];
                if let Some(name) = tag.strip_prefix('/') {
                    let (open, _) = stack.pop().expect("no stray closing tag");
                    assert_eq!(open, name, "elements nest");
                } else {
                    let name = tag.split(' ').next().unwrap().to_string();
                    let attr = |key: &str| {
                        let k = format!(" {key}=\"");
                        tag.find(&k).map(|at| {
                            let v = &tag[at + k.len()..];
                            v[..v.find('"').unwrap()].to_string()
                        })
                    };
                    let id = if name == "mark" {
                        let id = attr("id").expect("a mark has an id");
                        assert!(!order.contains(&id), "{id} marked twice");
                        order.push(id.clone());
                        texts.entry(id.clone()).or_default();
                        Some(id)
                    } else {
                        attr("data-for")
                    };
                    stack.push((name, id));
                }
            } else {
                let next = s.find('<').unwrap_or(s.len());
                let piece = unescape(&s[..next]);
                s = &s[next..];
                for (_, id) in &stack {
                    if let Some(id) = id {
                        texts
                            .get_mut(id)
                            .expect("piece after its mark")
                            .push_str(&piece);
                    }
                }
            }
        }
        assert!(
            stack.is_empty(),
            "text block ends with every element closed"
        );
        rest = &body[end..];
    }
    (order, texts)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#10;", "\n")
        .replace("&amp;", "&")
}

fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    for banned in [
        "src=", "@import", "url(", "<script", "<link", "<img", "<iframe", "<object", "<embed",
        "://",
    ] {
        assert!(!lower.contains(banned), "the page holds `{banned}`");
    }
    for (i, _) in lower.match_indices("href=") {
        assert!(
            lower[i..].starts_with("href=\"#"),
            "only links within the page: {}",
            &html[i..i + 40]
        );
    }
}

#[test]
fn html_highlights_each_finding_once_at_its_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let clean = "fixtures/clean/关于做好2025年春节期间有关工作的通知.txt";
    let out = doclint(&["--format", "html", FIXTURE, clean]);
    assert_eq!(out.status.code(), Some(1));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert_self_contained(&html);
    let ds = json_diagnostics(root, &[FIXTURE, clean]);
    let (order, texts) = highlights(&html);
    assert_eq!(order.len(), ds.len(), "one highlight per diagnostic");
    // Files are numbered in output order; the clean one has no text block.
    for (n, d) in ds.iter().enumerate() {
        let id = format!("f1-d{}", n + 1);
        assert_eq!(d["path"], FIXTURE);
        assert_eq!(texts[&id], d["matched"].as_str().unwrap(), "{id}");
        // The list entry links to it and tells the message and the position.
        let entry = &html[html.find(&format!("id=\"f1-i{}\"", n + 1)).unwrap()..];
        let entry = &entry[..entry.find("</li>").unwrap()];
        assert!(entry.contains(&format!("href=\"#{id}\"")));
        assert!(entry.contains(d["message"].as_str().unwrap()), "{entry}");
        assert!(entry.contains(&format!(
            "第 {} 行第 {} 字",
            d["start"]["line"], d["start"]["column"]
        )));
        for fix in d["fixes"].as_array().unwrap() {
            let replacement = fix["replacement"].as_str().unwrap();
            assert!(entry.contains(&format!("改为“{replacement}”")), "{entry}");
        }
    }
    // Summary first: counts of the run, with the clean file named.
    let header = &html[..html.find("</header>").unwrap()];
    assert!(header.contains(&format!(
        "共检查 <b>2</b> 个文件，其中 <b>1</b> 个有问题，共 <b>{}</b> 处",
        ds.len()
    )));
    assert!(header.contains(
        "关于做好2025年春节期间有关工作的通知.txt</td><td colspan=\"3\" class=\"clean\">未发现问题"
    ));
}

#[test]
fn html_of_a_clean_run_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.txt"), "安装调试设备。\n").unwrap();
    let (html, code) = run_format(dir.path(), "html", &["c.txt"]);
    assert_eq!(code, Some(0));
    assert!(html.contains("共检查 <b>1</b> 个文件，未发现问题。"));
    assert_eq!(highlights(&html).0.len(), 0);
    assert_self_contained(&html);
}

#[test]
fn html_escapes_the_text_and_keeps_columns() {
    let dir = tempfile::tempdir().unwrap();
    let text = "关于<b>按装</b>&“设备”的请示\r\n请尽快按装调试设备。\n😀按装\n";
    std::fs::write(dir.path().join("<请示>.txt"), text).unwrap();
    let (html, _) = run_format(dir.path(), "html", &["<请示>.txt"]);
    assert_self_contained(&html);
    assert!(!html.contains("<b>按装"));
    assert!(html.contains("关于&lt;b&gt;<mark class=\"error\" id=\"f1-d1\""));
    assert!(html.contains("<title>公文检查报告：&lt;请示&gt;.txt</title>"));
    let ds = json_diagnostics(dir.path(), &["<请示>.txt"]);
    let (order, texts) = highlights(&html);
    assert_eq!(order.len(), ds.len());
    for (n, d) in ds.iter().enumerate() {
        assert_eq!(
            texts[&format!("f1-d{}", n + 1)],
            d["matched"].as_str().unwrap()
        );
    }
}

fn diag(doc: &Document, span: std::ops::Range<usize>, severity: Severity) -> Diagnostic {
    Diagnostic {
        rule: RuleId {
            code: "DL999".into(),
            name: "test".into(),
        },
        severity,
        message: format!("“{}”", &doc.text[span.clone()]),
        span,
        fixes: vec![],
        help: None,
        note: None,
        labels: vec![],
    }
}

/// The byte range of the first `s` in `text`.
fn at(text: &str, s: &str) -> std::ops::Range<usize> {
    let i = text.find(s).unwrap();
    i..i + s.len()
}

#[test]
fn html_nests_crossing_multi_line_and_empty_spans() {
    let text = "甲乙丙丁戊己\r\n庚辛壬癸\n\n子丑寅卯";
    let doc = Document::new("t.txt", text);
    let spans = vec![
        at(text, "乙丙丁"),                         // crossed by the next one
        at(text, "丁戊"),                           // starts inside the first, ends after it
        at(text, "丙"),                             // nested in the first
        at(text, "乙丙丁"),                         // the same span twice
        at(text, "己\r\n庚辛"),                     // runs over a line break
        at(text, "癸\n\n子"),                       // over an empty line
        at(text, "辛").start..at(text, "辛").start, // empty: an insertion point
        at(text, "\r\n"),                           // only the line break
        at(text, "寅卯"),                           // at the end of the text
        0..text.len(),                              // everything
    ];
    let severities = [Severity::Error, Severity::Warning, Severity::Info];
    let mut ds: Vec<Diagnostic> = spans
        .iter()
        .enumerate()
        .map(|(i, s)| diag(&doc, s.clone(), severities[i % 3]))
        .collect();
    ds.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let html = doclint::render::html::render(&[FileReport {
        doc: doc.clone(),
        diagnostics: ds.clone(),
    }]);
    let (order, texts) = highlights(&html);
    assert_eq!(order.len(), ds.len());
    for (n, d) in ds.iter().enumerate() {
        // Line breaks are not shown: each line is its own paragraph.
        let want: String = text[d.span.clone()]
            .chars()
            .filter(|c| !matches!(c, '\r' | '\n'))
            .collect();
        assert_eq!(texts[&format!("f1-d{}", n + 1)], want, "{:?}", d.span);
    }
    // The insertion point and the bare line break: empty marks, drawn as a caret.
    assert_eq!(html.matches(" empty\" id=").count(), 2, "{html}");
    // Every line is shown, the empty one too.
    assert_eq!(html.matches("<p class=\"l\">").count(), 4);
}

#[test]
fn html_of_many_overlapping_spans_stays_balanced() {
    // Every span of 1..=4 characters in a short line: every kind of crossing at once.
    let text = "一二三四五六七八九十";
    let doc = Document::new("t.txt", text);
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut ds = Vec::new();
    for a in 0..bounds.len() {
        for b in a..bounds.len().min(a + 5) {
            ds.push(diag(&doc, bounds[a]..bounds[b], Severity::Warning));
        }
    }
    ds.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let html = doclint::render::html::render(&[FileReport {
        doc: doc.clone(),
        diagnostics: ds.clone(),
    }]);
    let (order, texts) = highlights(&html);
    assert_eq!(order.len(), ds.len());
    for (n, d) in ds.iter().enumerate() {
        assert_eq!(texts[&format!("f1-d{}", n + 1)], text[d.span.clone()]);
    }
}

// ---------------------------------------------------------------- statistics

#[test]
fn statistics_count_per_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = cjk_dir();
    let out = doclint_in(dir.path(), &["--statistics", "报告.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "3  DL101  typo\n3 errors, 0 warnings in 1 file\n"
    );
    // On a fixture: the counts are those of the JSON output, most frequent first.
    let out = doclint(&["--statistics", "--format", "json", FIXTURE]);
    let stats: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut want: HashMap<String, u64> = HashMap::new();
    for d in json_diagnostics(root, &[FIXTURE]) {
        *want
            .entry(d["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let stats = stats.as_array().unwrap();
    assert_eq!(stats.len(), want.len());
    for pair in stats.windows(2) {
        let key = |v: &Value| {
            (
                std::cmp::Reverse(v["count"].as_u64()),
                v["code"].to_string(),
            )
        };
        assert!(key(&pair[0]) < key(&pair[1]));
    }
    for s in stats {
        assert_eq!(Some(want[s["code"].as_str().unwrap()]), s["count"].as_u64());
    }
    // Concise statistics are the text table.
    let concise = doclint(&["--statistics", "--format", "concise", FIXTURE]);
    assert_eq!(
        stdout(&concise),
        stdout(&doclint(&["--statistics", FIXTURE]))
    );
}

#[test]
fn statistics_refuse_machine_formats_they_cannot_express() {
    let out = doclint(&["--statistics", "--format", "sarif", FIXTURE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--statistics"));
}

#[test]
fn timings_list_every_rule_that_ran_and_leave_the_output_alone() {
    let plain = doclint(&["--format", "json", FIXTURE]);
    let timed = doclint(&["--format", "json", "--timings", FIXTURE]);
    assert_eq!(timed.status.code(), plain.status.code());
    assert_eq!(timed.stdout, plain.stdout);
    let table = String::from_utf8_lossy(&timed.stderr);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "      time   share  what");
    assert!(
        lines
            .last()
            .unwrap()
            .ends_with("100.0%  total (summed over files and threads)"),
        "{table}"
    );
    // Stages and rules (the document checks, and rules with regex entries) by code and name.
    for what in [
        "(reading)",
        "(literal patterns)",
        "DL110 suspect-char",
        "DL701 doubled-char",
    ] {
        assert!(
            lines.iter().any(|l| l.ends_with(&format!("%  {what}"))),
            "{what} missing:\n{table}"
        );
    }
    // The longest first.
    let ms: Vec<f64> = lines[1..lines.len() - 1]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    assert!(ms.windows(2).all(|w| w[0] >= w[1]), "{table}");
    // A rule switched off does not run.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("doclint.toml");
    std::fs::write(&config, "ignore = [\"DL110\"]\n").unwrap();
    let off = doclint(&["--timings", "--config", config.to_str().unwrap(), FIXTURE]);
    let table = String::from_utf8_lossy(&off.stderr);
    assert!(
        table.contains("DL701") && !table.contains("DL110"),
        "{table}"
    );
}
