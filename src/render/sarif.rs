//! `--format sarif`: SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure
//! DevOps) and many editors import.
//!
//! One run; `tool.driver.rules` lists every loaded rule, and each result points at its rule by
//! `ruleId` and `ruleIndex`. Regions are given in line and column, where SARIF by default counts
//! columns in UTF-16 code units; doclint counts characters everywhere, so the run says
//! `columnKind: unicodeCodePoints` and every column below is a character column (a character
//! outside the BMP is one column, not two). No `charOffset` is given: for a .docx or a GBK file
//! an offset into the decoded text is not an offset into the artifact, and line/column are.

use super::{FileReport, Locator};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::rules::{ExampleKind, Rule};
use crate::source::{Document, Position};
use serde::Serialize;
use std::borrow::Borrow;
use std::collections::HashMap;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Relative artifact URIs are relative to the folder doclint was run in, which a consumer
/// (GitHub's upload action, an editor) knows as the source root.
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Text<'a>,
    default_configuration: Configuration,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties<'a> {
    tags: [&'a str; 1],
}

/// A `message` or `multiformatMessageString`: only plain text is emitted.
#[derive(Serialize)]
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
}

impl<'a> Text<'a> {
    fn new(text: impl Into<std::borrow::Cow<'a, str>>) -> Text<'a> {
        Text { text: text.into() }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    region: Region<'a>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: [Replacement<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region<'a>,
    inserted_content: Text<'a>,
}

/// The SARIF log of `reports`, pretty-printed, with a final newline. `rules` are the loaded
/// rules, listed in `tool.driver.rules` in their order.
pub fn render<R: Borrow<Rule>>(reports: &[FileReport], rules: &[R]) -> String {
    let index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.borrow().code(), i))
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let doc = &report.doc;
        let artifact = artifact_location(&doc.path);
        let (mut starts, mut ends) = (Locator::new(doc), Locator::new(doc));
        for d in &report.diagnostics {
            let at = (starts.position(d.span.start), ends.position(d.span.end));
            let rule_index = index.get(d.code()).copied();
            results.push(result(doc, d, at, &artifact, rule_index));
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "doclint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri(),
                    rules: rules.iter().map(|r| descriptor(r.borrow())).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).expect("plain data serialises");
    text.push('\n');
    text
}

/// The project's page, when the package names one (SARIF wants a URI, so none is invented).
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|u| !u.is_empty())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(rule: &Rule) -> Descriptor<'_> {
    let explain = rule
        .explain
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty());
    Descriptor {
        id: rule.code(),
        name: rule.name(),
        short_description: Text::new(rule.summary.as_str()),
        full_description: Text::new(explain.unwrap_or(&rule.summary)),
        help: Text::new(help_text(rule, explain)),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: Properties {
            tags: [rule.family.as_str()],
        },
    }
}

/// What `doclint explain` says, in short: the explanation, then the rule's examples.
fn help_text(rule: &Rule, explain: Option<&str>) -> String {
    let mut s = String::from(explain.unwrap_or(&rule.summary));
    let mut examples = String::new();
    for ex in &rule.examples {
        match &ex.kind {
            ExampleKind::Bad { bad, good } => {
                examples.push_str(&format!("\n✗ {bad}"));
                if let Some(good) = good {
                    examples.push_str(&format!("\n✓ {good}"));
                }
            }
            ExampleKind::Ok(ok) => examples.push_str(&format!("\n✓ {ok}（不报）")),
        }
    }
    if !examples.is_empty() {
        s.push_str("\n\n示例：");
        s.push_str(&examples);
    }
    s
}

fn region(start: Position, end: Position, snippet: Option<&str>) -> Region<'_> {
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        snippet: snippet.map(Text::new),
    }
}

/// `start` and `end`: the positions of the diagnostic's span.
fn result<'a>(
    doc: &'a Document,
    d: &'a Diagnostic,
    (start, end): (Position, Position),
    artifact: &ArtifactLocation,
    rule_index: Option<usize>,
) -> SarifResult<'a> {
    let matched = &doc.shown()[d.span.clone()];
    let related_locations = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| Location {
            id: Some(i + 1),
            physical_location: PhysicalLocation {
                artifact_location: artifact.clone(),
                region: region(
                    doc.position(l.span.start),
                    doc.position(l.span.end),
                    Some(&doc.shown()[l.span.clone()]),
                ),
            },
            message: Some(Text::new(l.message.as_str())),
        })
        .collect();
    let fixes = d
        .fixes
        .iter()
        .map(|f| {
            let description = match f.applicability {
                Applicability::Certain => format!("改为“{}”", f.replacement),
                Applicability::Suggestion => format!("改为“{}”（建议，请核对）", f.replacement),
            };
            SarifFix {
                description: Text::new(description),
                artifact_changes: [ArtifactChange {
                    artifact_location: artifact.clone(),
                    replacements: [Replacement {
                        deleted_region: region(start, end, None),
                        inserted_content: Text::new(f.replacement.as_str()),
                    }],
                }],
            }
        })
        .collect();
    SarifResult {
        rule_id: d.code(),
        rule_index,
        level: level(d.severity),
        message: Text::new(d.message.as_str()),
        locations: [Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: artifact.clone(),
                region: region(start, end, Some(matched)),
            },
            message: None,
        }],
        related_locations,
        fixes,
    }
}

/// The path as shown, as a URI reference: relative paths stay relative to the source root
/// (`%SRCROOT%`), absolute ones become `file:` URIs; `\` becomes `/`, and every byte outside
/// the unreserved set is percent-encoded (Chinese file names included, as RFC 3986 asks).
fn artifact_location(path: &str) -> ArtifactLocation {
    let path = path.replace('\\', "/");
    let drive =
        path.len() >= 3 && path.as_bytes()[0].is_ascii_alphabetic() && path[1..].starts_with(":/");
    if drive {
        ArtifactLocation {
            uri: format!("file:///{}{}", &path[..2], encode(&path[2..])),
            uri_base_id: None,
        }
    } else if path.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{}", encode(&path)),
            uri_base_id: None,
        }
    } else {
        let mut relative = path.as_str();
        while let Some(rest) = relative.strip_prefix("./") {
            relative = rest;
        }
        ArtifactLocation {
            uri: encode(relative),
            uri_base_id: Some(SRCROOT),
        }
    }
}

fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        let rel = artifact_location("./材料/2024 总结.txt");
        assert_eq!(rel.uri, "%E6%9D%90%E6%96%99/2024%20%E6%80%BB%E7%BB%93.txt");
        assert_eq!(rel.uri_base_id, Some(SRCROOT));
        assert_eq!(artifact_location("a\\b#1.txt").uri, "a/b%231.txt");
        let abs = artifact_location("/home/u/a.txt");
        assert_eq!(abs.uri, "file:///home/u/a.txt");
        assert_eq!(abs.uri_base_id, None);
        assert_eq!(
            artifact_location("C:\\公文\\a.txt").uri,
            "file:///C:/%E5%85%AC%E6%96%87/a.txt"
        );
    }
}
