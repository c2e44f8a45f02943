//! `doclint.toml`: per-folder settings, found by walking up from each file's folder (the
//! nearest wins; `extend = "../doclint.toml"` inherits), or given with `--config`.
//!
//! ```toml
//! extend = "../doclint.toml"
//! year = 2024
//! select = ["typos", "DL2"]          # by code, code prefix, name or family ("ALL")
//! extend-select = ["DL301"]
//! ignore = ["cautioned"]
//! rules = ["house-style.toml"]       # more rule sets, relative to this file
//! allow = ["甲乙丙"]                  # words and phrases never reported
//! allow-regex = ['第[XＸ]号']         # regexes whose matches are never reported
//! exclude = ["drafts/**"]            # globs relative to this file's folder
//! [severity]
//! DL301 = "error"
//! [per-file-ignores]
//! "附件/*.txt" = ["DL9"]
//! ```

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{LoadError, Rule};
use crate::source::Document;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for in each folder.
pub const FILE_NAME: &str = "doclint.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    extend: Option<Spanned<String>>,
    year: Option<Spanned<i32>>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<Severity>>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    allow_regex: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<Spanned<String>>>,
}

/// A rule selector written in a config file, kept with its place for error messages.
#[derive(Debug, Clone)]
struct Selector {
    key: String,
    file: usize,
    span: Range<usize>,
}

/// The merged settings that apply to one file.
#[derive(Debug, Default)]
pub struct Config {
    /// The config files read, nearest first (empty: defaults).
    pub files: Vec<PathBuf>,
    pub year: Option<i32>,
    select: Option<Vec<Selector>>,
    extend_select: Vec<Selector>,
    ignore: Vec<Selector>,
    severity: Vec<(Selector, Severity)>,
    /// Extra rule sets, as absolute or config-relative paths resolved to the config folder.
    pub rules: Vec<PathBuf>,
    allow: Vec<String>,
    allow_regex: Vec<Regex>,
    /// `exclude` and `per-file-ignores`, with the folder their globs are relative to.
    exclude: Vec<(PathBuf, GlobSet)>,
    per_file_ignores: Vec<(PathBuf, GlobSet, Vec<Selector>)>,
    /// The config sources, for messages that point into them.
    sources: Sources,
}

#[derive(Default)]
struct Sources(SimpleFiles<String, String>);

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sources")
    }
}

impl Config {
    /// Reads `path` and everything it extends.
    pub fn load(path: &Path) -> Result<Config, LoadError> {
        let mut config = Config::default();
        let mut reports = Vec::new();
        let mut chain = Vec::new();
        let mut next = Some(path.to_path_buf());
        // Collect the chain nearest first, then apply it farthest first.
        while let Some(p) = next.take() {
            let canonical = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
            if chain
                .iter()
                .any(|(c, _, _): &(PathBuf, _, _)| *c == canonical)
            {
                reports.push(Report::error().with_message(format!(
                    "`extend` goes round in a circle back to {}",
                    p.display()
                )));
                break;
            }
            let text = match std::fs::read_to_string(&p) {
                Ok(text) => text,
                Err(e) => {
                    reports.push(
                        Report::error()
                            .with_message(format!("cannot read config {}: {e}", p.display())),
                    );
                    break;
                }
            };
            let file = config.sources.0.add(p.display().to_string(), text.clone());
            let raw: RawConfig = match toml::from_str(&text) {
                Ok(raw) => raw,
                Err(e) => {
                    let mut report = Report::error().with_message(e.message().trim().to_string());
                    if let Some(span) = e.span() {
                        report = report.with_labels(vec![Label::primary(file, span)]);
                    }
                    reports.push(report);
                    break;
                }
            };
            let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
            next = raw.extend.as_ref().map(|e| dir.join(e.get_ref()));
            chain.push((canonical, file, raw));
            config.files.push(p);
        }
        for (_, file, raw) in chain.into_iter().rev() {
            let dir = config.files_dir(file);
            config.apply(raw, file, &dir, &mut reports);
        }
        config.finish(reports)
    }

    /// Parses one configuration text shown as `name`; its `extend` is not followed. Selectors
    /// are checked against the rules later, by [`Config::validate`].
    pub fn parse(name: &str, text: &str) -> Result<Config, LoadError> {
        let mut config = Config::default();
        let mut reports = Vec::new();
        let file = config.sources.0.add(name.to_string(), text.to_string());
        match toml::from_str::<RawConfig>(text) {
            Ok(raw) => {
                let dir = config.files_dir(file);
                config.apply(raw, file, &dir, &mut reports);
            }
            Err(e) => {
                let mut report = Report::error().with_message(e.message().trim().to_string());
                if let Some(span) = e.span() {
                    report = report.with_labels(vec![Label::primary(file, span)]);
                }
                reports.push(report);
            }
        }
        config.finish(reports)
    }

    /// The configuration read, or every problem found in it, pointing into its files.
    fn finish(mut self, reports: Vec<Report<usize>>) -> Result<Config, LoadError> {
        if reports.is_empty() {
            Ok(self)
        } else {
            Err(LoadError::config(
                std::mem::take(&mut self.sources.0),
                reports,
            ))
        }
    }

    fn files_dir(&self, file: usize) -> PathBuf {
        let name = self
            .sources
            .0
            .get(file)
            .map(|f| f.name().clone())
            .unwrap_or_default();
        Path::new(&name)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// Merges one file over what is already there (`self` holds what it extends).
    fn apply(&mut self, raw: RawConfig, file: usize, dir: &Path, reports: &mut Vec<Report<usize>>) {
        let sel = |s: &Spanned<String>| Selector {
            key: s.get_ref().clone(),
            file,
            span: s.span(),
        };
        if let Some(y) = raw.year {
            if (1949..=2099).contains(y.get_ref()) {
                self.year = Some(*y.get_ref());
            } else {
                reports.push(error(
                    file,
                    y.span(),
                    "`year` must be between 1949 and 2099",
                ));
            }
        }
        if let Some(select) = &raw.select {
            self.select = Some(select.iter().map(sel).collect());
        }
        self.extend_select.extend(raw.extend_select.iter().map(sel));
        self.ignore.extend(raw.ignore.iter().map(sel));
        let text = self
            .sources
            .0
            .get(file)
            .map(|f| f.source().clone())
            .unwrap_or_default();
        for (key, severity) in &raw.severity {
            // The key's span: find `KEY =` before the value.
            let span = key_span(&text, key, severity.span().start);
            self.severity.push((
                Selector {
                    key: key.clone(),
                    file,
                    span,
                },
                *severity.get_ref(),
            ));
        }
        self.rules
            .extend(raw.rules.iter().map(|r| dir.join(r.get_ref())));
        self.allow
            .extend(raw.allow.into_iter().filter(|a| !a.is_empty()));
        for r in &raw.allow_regex {
            match crate::rules::pattern::compile(r.get_ref()) {
                Ok(re) if !re.is_match("") => self.allow_regex.push(re),
                Ok(_) => reports.push(error(file, r.span(), "regex matches the empty string")),
                Err(problem) => reports
                    .push(error(file, r.span(), &problem.message).with_notes(vec![problem.note])),
            }
        }
        if !raw.exclude.is_empty() {
            match globs(raw.exclude.iter(), file) {
                Ok(set) => self.exclude.push((dir.to_path_buf(), set)),
                Err(r) => reports.push(r),
            }
        }
        for (pattern, selectors) in &raw.per_file_ignores {
            let spanned = Spanned::new(key_span(&text, pattern, 0), pattern.clone());
            match globs(std::iter::once(&spanned), file) {
                Ok(set) => self.per_file_ignores.push((
                    dir.to_path_buf(),
                    set,
                    selectors.iter().map(sel).collect(),
                )),
                Err(r) => reports.push(r),
            }
        }
    }

    /// Every selector must name a loaded rule (by code, code prefix, name or family).
    pub fn validate(&mut self, rules: &[Rule]) -> Result<(), LoadError> {
        let mut reports = Vec::new();
        let all = self
            .select
            .iter()
            .flatten()
            .chain(&self.extend_select)
            .chain(&self.ignore)
            .chain(self.severity.iter().map(|(s, _)| s))
            .chain(self.per_file_ignores.iter().flat_map(|(_, _, s)| s));
        for s in all {
            if !rules.iter().any(|r| matches(&s.key, r)) {
                reports.push(error(
                    s.file,
                    s.span.clone(),
                    &format!("no rule `{}`", s.key),
                ));
            }
        }
        if reports.is_empty() {
            Ok(())
        } else {
            Err(LoadError::config(
                std::mem::take(&mut self.sources.0),
                reports,
            ))
        }
    }

    /// Whether `path` is excluded by an `exclude` glob.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude
            .iter()
            .any(|(dir, set)| relative(path, dir).is_some_and(|rel| set.is_match(&rel)))
    }

    /// Whether `rule` runs on `path`: selected, not ignored, not ignored for this file.
    pub fn enabled(&self, rule: &Rule, path: &Path) -> bool {
        let hit = |list: &[Selector]| list.iter().any(|s| matches(&s.key, rule));
        let selected = self.select.as_deref().is_none_or(hit) || hit(&self.extend_select);
        let ignored = hit(&self.ignore)
            || self.per_file_ignores.iter().any(|(dir, set, sel)| {
                hit(sel) && relative(path, dir).is_some_and(|rel| set.is_match(&rel))
            });
        selected && !ignored
    }

    /// Whether `select` or `extend-select` names `rule` itself, by code or name (not by a
    /// prefix, family or "ALL"): such a selection turns on a rule of the `--thorough` operating
    /// point in every run.
    pub fn names(&self, rule: &Rule) -> bool {
        self.select
            .iter()
            .flatten()
            .chain(&self.extend_select)
            .any(|s| rule.code().eq_ignore_ascii_case(&s.key) || rule.name() == s.key)
    }

    /// The severity `rule` is reported with (the last matching `[severity]` key wins).
    pub fn severity(&self, rule: &Rule) -> Severity {
        self.severity
            .iter()
            .rev()
            .find(|(s, _)| matches(&s.key, rule))
            .map_or(rule.severity, |(_, sev)| *sev)
    }

    /// Drops what the settings switch off or allow, and applies severity overrides.
    pub fn filter(&self, doc: &Document, path: &Path, rules: &[Rule], diags: &mut Vec<Diagnostic>) {
        let text = doc.shown();
        diags.retain_mut(|d| {
            let Some(rule) = rules.iter().find(|r| r.id == d.rule) else {
                return true;
            };
            if !self.enabled(rule, path) {
                return false;
            }
            d.severity = self.severity(rule);
            !self.allowed(text, &d.span)
        });
    }

    /// Whether an allowed word, phrase or regex match covers `span`.
    fn allowed(&self, text: &str, span: &Range<usize>) -> bool {
        if crate::engine::covered(text, span, &self.allow) {
            return true;
        }
        if self.allow_regex.is_empty() {
            return false;
        }
        // Look only at the line around the span.
        let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |i| span.end + i);
        let line = &text[start..end];
        self.allow_regex.iter().any(|re| {
            re.find_iter(line)
                .any(|m| start + m.start() <= span.start && span.end <= start + m.end())
        })
    }

    /// The settings as TOML-like text, for `doclint config --show`.
    pub fn show(&self) -> String {
        let list = |v: &[Selector]| {
            let keys: Vec<String> = v.iter().map(|s| format!("{:?}", s.key)).collect();
            format!("[{}]", keys.join(", "))
        };
        let mut out = String::new();
        if self.files.is_empty() {
            out.push_str("# no doclint.toml found: defaults\n");
        }
        for f in &self.files {
            out.push_str(&format!("# from {}\n", f.display()));
        }
        match self.year {
            Some(y) => out.push_str(&format!("year = {y}\n")),
            None => out.push_str("# year: from the file name or the title\n"),
        }
        match &self.select {
            Some(s) => out.push_str(&format!("select = {}\n", list(s))),
            None => out.push_str("select = [\"ALL\"]\n"),
        }
        out.push_str(&format!("extend-select = {}\n", list(&self.extend_select)));
        out.push_str(&format!("ignore = {}\n", list(&self.ignore)));
        let paths: Vec<String> = self
            .rules
            .iter()
            .map(|p| format!("{:?}", p.display().to_string()))
            .collect();
        out.push_str(&format!("rules = [{}]\n", paths.join(", ")));
        out.push_str(&format!("allow = {:?}\n", self.allow));
        let res: Vec<&str> = self.allow_regex.iter().map(Regex::as_str).collect();
        out.push_str(&format!("allow-regex = {res:?}\n"));
        out.push_str(&format!("exclude = {} glob set(s)\n", self.exclude.len()));
        if !self.severity.is_empty() {
            out.push_str("[severity]\n");
            for (s, sev) in &self.severity {
                out.push_str(&format!("{} = \"{sev}\"\n", s.key));
            }
        }
        if !self.per_file_ignores.is_empty() {
            out.push_str(&format!(
                "# per-file-ignores: {} pattern(s)\n",
                self.per_file_ignores.len()
            ));
        }
        out
    }
}

/// Whether selector `key` names `rule`: "ALL", its code (any case), a code prefix ("DL1"), its
/// name or its family.
pub fn matches(key: &str, rule: &Rule) -> bool {
    key.eq_ignore_ascii_case("ALL")
        || rule.is_selected_by(key)
        || (key.len() < rule.code().len()
            && key.chars().any(|c| c.is_ascii_digit())
            && rule
                .code()
                .get(..key.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(key)))
}

/// The nearest `doclint.toml` in `dir` or its ancestors.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// `path` relative to `dir` (both made absolute first), for matching config globs.
fn relative(path: &Path, dir: &Path) -> Option<PathBuf> {
    let path = std::path::absolute(path).ok()?;
    let dir = std::path::absolute(dir).ok()?;
    path.strip_prefix(&dir).ok().map(Path::to_path_buf)
}

fn globs<'a>(
    patterns: impl Iterator<Item = &'a Spanned<String>>,
    file: usize,
) -> Result<GlobSet, Report<usize>> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p.get_ref())
            .map_err(|e| error(file, p.span(), "invalid glob").with_notes(vec![e.to_string()]))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| Report::error().with_message(format!("invalid globs: {e}")))
}

fn error(file: usize, span: Range<usize>, message: &str) -> Report<usize> {
    Report::error()
        .with_message(message.to_string())
        .with_labels(vec![Label::primary(file, span)])
}

/// The span of a table key written before `before` (the value's position), for messages.
fn key_span(text: &str, key: &str, before: usize) -> Range<usize> {
    let head = &text[..before.min(text.len())];
    let quoted = format!("\"{key}\"");
    let found = head
        .rfind(&quoted)
        .map(|i| i..i + quoted.len())
        .or_else(|| head.rfind(key).map(|i| i..i + key.len()))
        .or_else(|| text.find(&quoted).map(|i| i..i + quoted.len()));
    found.unwrap_or(0..0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_points_into_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "year = 2024\nselet = [\"typos\"]\n").unwrap();
        let err = Config::load(&p).unwrap_err().render(false);
        assert!(err.contains("unknown field `selet`"), "{err}");
        assert!(err.contains("doclint.toml:2:1"), "{err}");
        assert!(err.ends_with("error: could not load the configuration due to 1 previous error\n"));
    }

    #[test]
    fn extend_merges_nearest_last() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(
            root.join(FILE_NAME),
            "year = 2023\nignore = [\"DL301\"]\nallow = [\"甲\"]\n",
        )
        .unwrap();
        std::fs::write(
            root.join("sub").join(FILE_NAME),
            "extend = \"../doclint.toml\"\nyear = 2024\nignore = [\"DL401\"]\n",
        )
        .unwrap();
        let c = Config::load(&root.join("sub").join(FILE_NAME)).unwrap();
        assert_eq!(c.year, Some(2024));
        let ignored: Vec<&str> = c.ignore.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(ignored, ["DL301", "DL401"]);
        assert_eq!(c.allow, ["甲"]);
        assert_eq!(c.files.len(), 2);
        assert_eq!(
            discover(&root.join("sub")).unwrap(),
            std::path::absolute(root.join("sub").join(FILE_NAME)).unwrap()
        );
    }

    #[test]
    fn extend_cycle_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "extend = \"doclint.toml\"\n").unwrap();
        let err = Config::load(&p).unwrap_err().render(false);
        assert!(err.contains("goes round in a circle"), "{err}");
    }
}
