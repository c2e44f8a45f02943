//! Rule sets: TOML files parsed into typed rules, validated with errors that point into the file.
//!
//! The schema is documented in `rules/README.md`.

mod builtin;
mod compiled;
mod error;
mod gate;
pub mod pattern;
mod schema;
pub mod template;

pub use builtin::{BUILTIN_AUTOMATON, builtin_sources};
pub use compiled::store as store_builtin;
pub use error::LoadError;
use error::RuleFiles;

use crate::checks::{self, Check};
use crate::diagnostic::{Applicability, RuleId, Severity};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use rayon::prelude::*;
use regex::Regex;
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use template::{Slot, Template};

/// The text of one rule-set file and the name it is shown under.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
    /// Built-in sets are compiled into the binary; their examples are checked by the test suite.
    pub builtin: bool,
}

impl RuleSource {
    /// Reads `path`; a folder gives every `*.toml` inside it, sorted by name.
    pub fn read(path: &Path) -> Result<Vec<RuleSource>, String> {
        let mut files: Vec<PathBuf> = Vec::new();
        if path.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|e| format!("cannot read rule folder {}: {e}", path.display()))?;
            for entry in entries {
                let p = entry
                    .map_err(|e| format!("cannot read rule folder {}: {e}", path.display()))?
                    .path();
                if p.extension().is_some_and(|x| x == "toml") && p.is_file() {
                    files.push(p);
                }
            }
            files.sort();
            if files.is_empty() {
                return Err(format!("no *.toml rule files in {}", path.display()));
            }
        } else {
            files.push(path.to_path_buf());
        }
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| format!("cannot read rule file {}: {e}", p.display()))?;
                Ok(RuleSource {
                    name: p.display().to_string(),
                    text,
                    builtin: false,
                })
            })
            .collect()
    }
}

/// Where a piece of a rule was written: file id in [`RuleBook`]'s files and a byte range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub file: usize,
    pub span: Range<usize>,
}

/// A literal entry: `found` → `fix`, silent inside any `unless` context.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub found: String,
    pub fix: Option<String>,
    pub unless: Vec<String>,
    pub note: Option<String>,
    pub applicability: Applicability,
    /// Years in which the text is right; outside them (with a known document year) it is reported.
    pub valid: Option<Validity>,
}

/// The years in which a phrase is true (`valid_from` / `valid_until`, both inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validity {
    pub from: Option<i32>,
    pub until: Option<i32>,
}

impl Validity {
    pub fn contains(&self, year: i32) -> bool {
        self.from.is_none_or(|f| year >= f) && self.until.is_none_or(|u| year <= u)
    }
}

/// A regex entry; the reported span is the group `found` when the pattern has one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegexEntry {
    pub pattern: String,
    /// Compiled at load time for a user's rule set (so its errors stop the run); for a
    /// built-in one on first use, since compiling them all costs tens of milliseconds at every
    /// start and the test suite compiles each one with the same checks as a user's.
    #[serde(skip)]
    compiled: OnceLock<Option<Compiled>>,
    /// Where the regex can match (see [`gate`]), made from the pattern on first use: a text
    /// without the gate's literal needs the regex neither run nor compiled. The stored book
    /// holds the gates of the built-in entries, made ahead of time.
    #[serde(with = "made_once")]
    gate: OnceLock<Option<gate::Gate>>,
    pub fix: Option<String>,
    pub unless: Vec<String>,
    pub note: Option<String>,
    pub applicability: Applicability,
    /// As for [`Entry::valid`].
    pub valid: Option<Validity>,
}

#[derive(Debug, Clone)]
struct Compiled {
    regex: Regex,
    found_group: Option<usize>,
}

impl Compiled {
    fn new(regex: Regex) -> Compiled {
        let found_group = regex.capture_names().position(|name| name == Some("found"));
        Compiled { regex, found_group }
    }
}

impl RegexEntry {
    /// The compiled regex and the index of its `found` group, compiling it on first use
    /// (once, whichever thread asks first). `None` only for a built-in pattern that does not
    /// compile, which the test suite rules out.
    pub fn regex(&self) -> Option<(&Regex, Option<usize>)> {
        self.compiled
            .get_or_init(|| pattern::compile(&self.pattern).ok().map(Compiled::new))
            .as_ref()
            .map(|c| (&c.regex, c.found_group))
    }

    /// The stretches of `text` the regex can match in (see [`gate`]), or None when the
    /// whole text must be searched.
    pub fn windows(&self, text: &str) -> Option<Vec<std::ops::Range<usize>>> {
        self.gate().as_ref()?.windows(text)
    }

    /// The gate, worked out from the pattern on first use.
    fn gate(&self) -> &Option<gate::Gate> {
        self.gate.get_or_init(|| gate::Gate::new(&self.pattern))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExampleKind {
    Bad { bad: String, good: Option<String> },
    Ok(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Example {
    pub kind: ExampleKind,
    /// The document year the example is checked under.
    pub year: Option<i32>,
    /// The file name the example is checked under.
    pub path: Option<String>,
    pub origin: Origin,
}

/// One rule, ready for the engine.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rule {
    pub id: RuleId,
    pub family: String,
    pub severity: Severity,
    pub summary: String,
    pub message: Template,
    pub help: Option<Template>,
    pub explain: Option<String>,
    pub source: Option<String>,
    /// The default applicability of the rule's fixes.
    pub applicability: Applicability,
    pub entries: Vec<Entry>,
    pub regexes: Vec<RegexEntry>,
    /// A document-level check written in Rust, bound with `check = "…"`.
    #[serde(skip)]
    pub check: Option<Arc<dyn Check>>,
    /// What `check` was made from, so that a stored rule book can make it again.
    check_spec: Option<CheckSpec>,
    pub examples: Vec<Example>,
    pub builtin: bool,
    /// Where `code = …` is written.
    pub origin: Origin,
}

impl Rule {
    pub fn code(&self) -> &str {
        &self.id.code
    }

    pub fn name(&self) -> &str {
        &self.id.name
    }

    /// Whether `key` names this rule by code, name or family.
    pub fn is_selected_by(&self, key: &str) -> bool {
        self.code().eq_ignore_ascii_case(key) || self.name() == key || self.family == key
    }
}

/// (De)serializes a value made on first use: stored if it was made, made again otherwise.
mod made_once {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::sync::OnceLock;

    pub fn serialize<T: Serialize, S: Serializer>(
        cell: &OnceLock<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        cell.get().serialize(s)
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<OnceLock<T>, D::Error> {
        let cell = OnceLock::new();
        if let Some(value) = Option::<T>::deserialize(d)? {
            let _ = cell.set(value);
        }
        Ok(cell)
    }
}

/// A check's id and its `params` table, written back as TOML.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CheckSpec {
    id: String,
    params: String,
}

impl CheckSpec {
    /// The check again, as the rule set's `check` and `params` made it.
    fn build(&self) -> Option<Arc<dyn Check>> {
        let params: toml::Table = toml::from_str(&self.params).ok()?;
        let build = checks::builder(&self.id)?;
        build(&params).ok().map(Arc::from)
    }
}

/// Every loaded rule plus the TOML sources, kept for error messages that point into them.
pub struct RuleBook {
    pub rules: Vec<Rule>,
    pub(crate) files: RuleFiles,
    /// Whether the rules of the built-in files came from the stored book (see [`compiled`]).
    from_stored: bool,
}

impl std::fmt::Debug for RuleBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleBook")
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl RuleBook {
    /// Parses and validates every source; all problems of all files are reported together.
    /// When the sources begin with exactly the built-in rule sets, their rules are taken from
    /// the book stored at build time (see [`compiled`]) instead of being parsed again.
    pub fn load(sources: Vec<RuleSource>) -> Result<RuleBook, LoadError> {
        let builtin = sources.iter().take_while(|s| s.builtin).count();
        match compiled::load(compiled::STORED, &sources[..builtin]) {
            Some(rules) if builtin > 0 => RuleBook::assemble(sources, rules),
            _ => RuleBook::assemble(sources, Vec::new()),
        }
    }

    /// [`RuleBook::load`] without the stored book: every source is parsed.
    pub fn parse(sources: Vec<RuleSource>) -> Result<RuleBook, LoadError> {
        RuleBook::assemble(sources, Vec::new())
    }

    /// The book of `sources`, whose first files gave `stored` (none if it is empty): the
    /// other files are parsed and validated, then codes and names are checked across all.
    fn assemble(sources: Vec<RuleSource>, stored: Vec<Rule>) -> Result<RuleBook, LoadError> {
        let from_stored = !stored.is_empty();
        let skip = if from_stored {
            sources.iter().take_while(|s| s.builtin).count()
        } else {
            0
        };
        let mut files = RuleFiles::default();
        let mut builtin = Vec::with_capacity(sources.len());
        for source in sources {
            builtin.push(source.builtin);
            files.add(source.name, source.text);
        }
        // Each file is parsed and validated on its own, so the files are shared out over
        // the cores (about two thirds of a start-up; `idioms.toml` alone is a third); rayon's
        // `collect` keeps them in order. Everything that relates files to each other (the
        // duplicate codes and names) and the order of the reports stays sequential below.
        let parsed: Vec<Vec<Step>> = builtin[skip..]
            .par_iter()
            .enumerate()
            .map(|(i, &builtin)| {
                let file = skip + i;
                parse_and_validate(file, files.source(file), builtin)
            })
            .collect();
        let steps = std::iter::once(stored.into_iter().map(|r| (Vec::new(), Some(r))).collect())
            .chain(parsed);
        let mut rules: Vec<Rule> = Vec::new();
        let mut reports = Vec::new();
        let mut codes: HashMap<String, Origin> = HashMap::new();
        let mut names: HashMap<String, Origin> = HashMap::new();
        for (found, rule) in steps.into_iter().flatten() {
            reports.extend(found);
            let Some(rule) = rule else {
                continue;
            };
            for (key, map, what) in [
                (rule.code().to_string(), &mut codes, "code"),
                (rule.name().to_string(), &mut names, "name"),
            ] {
                if let Some(first) = map.get(&key) {
                    reports.push(
                        Report::error()
                            .with_message(format!("duplicate rule {what} `{key}`"))
                            .with_labels(vec![
                                Label::primary(rule.origin.file, rule.origin.span.clone())
                                    .with_message(format!("{what} defined again here")),
                                Label::secondary(first.file, first.span.clone())
                                    .with_message("first defined here"),
                            ]),
                    );
                } else {
                    map.insert(key, rule.origin.clone());
                }
            }
            rules.push(rule);
        }
        if reports.is_empty() {
            Ok(RuleBook {
                rules,
                files,
                from_stored,
            })
        } else {
            Err(LoadError::new(files, reports))
        }
    }

    /// The built-in rule sets.
    pub fn builtin() -> Result<RuleBook, LoadError> {
        RuleBook::load(builtin_sources())
    }

    /// Whether the rules of the built-in files came from the stored book rather than from
    /// parsing them.
    pub fn from_stored(&self) -> bool {
        self.from_stored
    }

    pub fn find(&self, key: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.code().eq_ignore_ascii_case(key) || r.name() == key)
    }

    /// Turns problems found after loading (failing examples) into a rule-file error.
    pub(crate) fn error(self, reports: Vec<Report<usize>>) -> LoadError {
        LoadError::new(self.files, reports)
    }
}

/// What one `[[rule]]` of a file gave: the problems found in it, and the rule if it has none
/// (a file that does not parse gives one step: its error).
type Step = (Vec<Report<usize>>, Option<Rule>);

/// Parses and validates the rule set `text` (file `file` of the book), rule by rule.
fn parse_and_validate(file: usize, text: &str, builtin: bool) -> Vec<Step> {
    let parsed: schema::RawFile = match toml::from_str(text) {
        Ok(parsed) => parsed,
        Err(e) => {
            let mut report = Report::error().with_message(e.message().trim().to_string());
            if let Some(span) = e.span() {
                report = report.with_labels(vec![Label::primary(file, span)]);
            }
            return vec![(vec![report], None)];
        }
    };
    parsed
        .rule
        .into_iter()
        .map(|raw| {
            let mut reports = Vec::new();
            let mut ctx = Validator {
                file,
                text,
                reports: &mut reports,
            };
            let rule = ctx.rule(raw, builtin);
            (reports, rule)
        })
        .collect()
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn is_code(s: &str) -> bool {
    let letters = s.bytes().take_while(|b| b.is_ascii_uppercase()).count();
    letters > 0 && letters < s.len() && s.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

struct Validator<'a> {
    file: usize,
    text: &'a str,
    reports: &'a mut Vec<Report<usize>>,
}

impl Validator<'_> {
    fn error(&mut self, span: Range<usize>, message: impl std::fmt::Display, label: &str) {
        self.reports.push(
            Report::error()
                .with_message(message)
                .with_labels(vec![Label::primary(self.file, span).with_message(label)]),
        );
    }

    /// The span of `range` inside a string value, when the TOML writes it without escapes;
    /// else the span of the whole value.
    fn inner_span(&self, value: &toml::Spanned<String>, range: Range<usize>) -> Range<usize> {
        let outer = value.span();
        let quote = |q: &str| {
            let inner = outer.start + q.len()..outer.end.saturating_sub(q.len());
            (self.text.get(inner.clone()) == Some(value.get_ref().as_str())).then_some(inner)
        };
        match quote("\"").or_else(|| quote("'")) {
            Some(inner) => inner.start + range.start..inner.start + range.end,
            None => outer,
        }
    }

    fn template(&mut self, raw: &toml::Spanned<String>) -> Option<Template> {
        match Template::parse(raw.get_ref()) {
            Ok(t) => Some(t),
            Err(e) => {
                let span = self.inner_span(raw, e.range.clone());
                self.error(
                    span,
                    format!("unknown placeholder `{{{}}}`", e.name),
                    "expected `{found}`, `{fix}` or `{note}`",
                );
                None
            }
        }
    }

    /// The years a phrase is true in (`valid_from` / `valid_until`), checked for order.
    fn validity(
        &mut self,
        from: &Option<toml::Spanned<i32>>,
        until: &Option<toml::Spanned<i32>>,
    ) -> Option<Validity> {
        if from.is_none() && until.is_none() {
            return None;
        }
        if let (Some(f), Some(u)) = (from, until)
            && f.get_ref() > u.get_ref()
        {
            self.error(u.span(), "`valid_until` is before `valid_from`", "here");
        }
        Some(Validity {
            from: from.as_ref().map(|f| *f.get_ref()),
            until: until.as_ref().map(|u| *u.get_ref()),
        })
    }

    /// Builds the Rust check a rule names, with its params.
    /// The entries of a `pairs` string: one `found fix` or bare `found` per line; blank lines
    /// and lines starting with `#` are skipped. Spans point at each word in the file when the
    /// string is written without escapes (as generated lists are), else at the whole string.
    fn pairs(&mut self, pairs: &toml::Spanned<String>, entries: &mut Vec<schema::RawEntry>) {
        let whole = pairs.span();
        let token = &self.text[whole.clone()];
        let open = ["'''", r#"""""#, "'", "\""]
            .iter()
            .find(|d| token.starts_with(**d))
            .map_or(0, |d| d.len());
        let mut base = whole.start + open;
        for newline in ["\r\n", "\n"] {
            if open == 3 && self.text[base..].starts_with(newline) {
                base += newline.len();
                break;
            }
        }
        let value = pairs.get_ref();
        let verbatim = self.text.get(base..base + value.len()) == Some(value.as_str());
        let span = |start: usize, word: &str| {
            if verbatim {
                base + start..base + start + word.len()
            } else {
                whole.clone()
            }
        };
        // One entry a line at most: no regrowth (and copying) of a 15,000-entry list.
        entries.reserve(value.bytes().filter(|&b| b == b'\n').count() + 1);
        let mut offset = 0;
        for line in value.split_inclusive('\n') {
            let at = offset;
            offset += line.len();
            let mut words = line
                .split_whitespace()
                .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize + at, w));
            let Some((start, found)) = words.next() else {
                continue;
            };
            if found.starts_with('#') {
                continue;
            }
            let fix = words.next();
            if let Some((extra, word)) = words.next() {
                self.error(
                    span(extra, word),
                    "a `pairs` line holds `found fix` or a bare `found`",
                    "unexpected third word",
                );
                continue;
            }
            entries.push(schema::RawEntry {
                found: toml::Spanned::new(span(start, found), found.to_string()),
                fix: fix.map(|(s, w)| toml::Spanned::new(span(s, w), w.to_string())),
                unless: Vec::new(),
                note: None,
                applicability: None,
                valid_from: None,
                valid_until: None,
            });
        }
    }

    fn check(&mut self, raw: &schema::RawRule) -> Option<(Arc<dyn Check>, Option<CheckSpec>)> {
        let Some(id) = &raw.check else {
            if let Some(params) = &raw.params {
                self.error(
                    params.span(),
                    "`params` without a `check`",
                    "only checks take params",
                );
            }
            return None;
        };
        if !raw.entry.is_empty() || !raw.regex.is_empty() {
            self.error(
                id.span(),
                "a rule has either a `check` or entries, not both",
                "this check",
            );
        }
        let Some(build) = checks::builder(id.get_ref()) else {
            self.error(
                id.span(),
                format!("unknown check `{}`", id.get_ref()),
                &format!("known checks: {}", checks::ids().join(", ")),
            );
            return None;
        };
        let empty = toml::Table::new();
        let params = raw.params.as_ref().map_or(&empty, |p| p.get_ref());
        match build(params) {
            Ok(check) => Some((
                Arc::from(check),
                toml::to_string(params).ok().map(|params| CheckSpec {
                    id: id.get_ref().clone(),
                    params,
                }),
            )),
            Err(e) => {
                let span = raw.params.as_ref().map_or(id.span(), |p| p.span());
                self.error(
                    span,
                    format!("bad params for check `{}`: {e}", id.get_ref()),
                    "here",
                );
                None
            }
        }
    }

    fn rule(&mut self, mut raw: schema::RawRule, builtin: bool) -> Option<Rule> {
        let before = self.reports.len();
        if let Some(pairs) = raw.pairs.take() {
            self.pairs(&pairs, &mut raw.entry);
        }
        let code = raw.code.get_ref().clone();
        if !is_code(&code) {
            self.error(
                raw.code.span(),
                format!("invalid rule code `{code}`"),
                "a code is capital letters then digits, e.g. DL101",
            );
        }
        for (value, what) in [(&raw.name, "name"), (&raw.family, "family")] {
            if !is_kebab(value.get_ref()) {
                self.error(
                    value.span(),
                    format!("invalid rule {what} `{}`", value.get_ref()),
                    "use kebab-case: lowercase letters, digits and `-`",
                );
            }
        }
        if raw.summary.get_ref().trim().is_empty() || raw.summary.get_ref().contains('\n') {
            self.error(
                raw.summary.span(),
                "a summary is one non-empty line",
                "summary",
            );
        }
        let message = self.template(&raw.message);
        let help = raw.help.as_ref().map(|h| self.template(h));
        let default_applicability = raw.applicability.unwrap_or_default();

        // The years of each entry; the entries themselves are made at the end, moving the
        // strings out of `raw` (every entry is kept when the rule has no error).
        let mut valids = Vec::with_capacity(raw.entry.len());
        let mut seen: FxHashMap<&str, Range<usize>> =
            HashMap::with_capacity_and_hasher(raw.entry.len(), FxBuildHasher);
        for e in &raw.entry {
            let found = e.found.get_ref();
            if found.is_empty() {
                self.error(
                    e.found.span(),
                    "empty `found`",
                    "this would match everywhere",
                );
                continue;
            }
            if let Some(first) = seen.get(found.as_str()) {
                self.reports.push(
                    Report::error()
                        .with_message(format!("duplicate entry `{found}` in rule {code}"))
                        .with_labels(vec![
                            Label::primary(self.file, e.found.span()).with_message("again here"),
                            Label::secondary(self.file, first.clone()).with_message("first here"),
                        ]),
                );
                continue;
            }
            seen.insert(found, e.found.span());
            if let Some(fix) = &e.fix
                && fix.get_ref() == found
            {
                self.error(
                    fix.span(),
                    "`fix` is the same as `found`",
                    "changes nothing",
                );
            }
            for u in &e.unless {
                if !u.get_ref().contains(found.as_str()) {
                    self.error(
                        u.span(),
                        format!("`unless` context does not contain `{found}`"),
                        "a context must include the text it protects",
                    );
                }
            }
            valids.push(self.validity(&e.valid_from, &e.valid_until));
        }

        let mut regexes = Vec::with_capacity(raw.regex.len());
        for r in &raw.regex {
            let compiled = OnceLock::new();
            if !builtin {
                let regex = match pattern::compile(r.pattern.get_ref()) {
                    Ok(regex) => regex,
                    Err(problem) => {
                        self.reports.push(
                            Report::error()
                                .with_message(problem.message)
                                .with_labels(vec![
                                    Label::primary(self.file, r.pattern.span())
                                        .with_message("in this pattern"),
                                ])
                                .with_notes(vec![problem.note]),
                        );
                        continue;
                    }
                };
                if regex.is_match("") {
                    self.error(
                        r.pattern.span(),
                        "regex matches the empty string",
                        "this would match everywhere",
                    );
                    continue;
                }
                let _ = compiled.set(Some(Compiled::new(regex)));
            }
            for u in &r.unless {
                if u.get_ref().is_empty() {
                    self.error(u.span(), "empty `unless` context", "here");
                }
            }
            let valid = self.validity(&r.valid_from, &r.valid_until);
            regexes.push(RegexEntry {
                pattern: r.pattern.get_ref().clone(),
                compiled,
                gate: OnceLock::new(),
                fix: r.fix.clone(),
                unless: r.unless.iter().map(|u| u.get_ref().clone()).collect(),
                note: r.note.clone(),
                applicability: r.applicability.unwrap_or(default_applicability),
                valid,
            });
        }

        // A template slot needs a value from every entry.
        let templates: Vec<&Template> = message.iter().chain(help.iter().flatten()).collect();
        for (slot, key) in [(Slot::Fix, "fix"), (Slot::Note, "note")] {
            if !templates.iter().any(|t| t.uses(slot)) {
                continue;
            }
            for e in &raw.entry {
                let has = match slot {
                    Slot::Fix => e.fix.is_some(),
                    _ => e.note.is_some(),
                };
                if !has {
                    self.error(
                        e.found.span(),
                        format!("entry `{}` has no `{key}`", e.found.get_ref()),
                        &format!("the rule's message uses {{{key}}}"),
                    );
                }
            }
            for r in &raw.regex {
                let has = match slot {
                    Slot::Fix => r.fix.is_some(),
                    _ => r.note.is_some(),
                };
                if !has {
                    self.error(
                        r.pattern.span(),
                        format!("regex entry has no `{key}`"),
                        &format!("the rule's message uses {{{key}}}"),
                    );
                }
            }
        }

        let (check, check_spec) = self.check(&raw).unzip();
        let check_spec = check_spec.flatten();
        if raw.entry.is_empty() && raw.regex.is_empty() && raw.check.is_none() {
            self.error(
                raw.code.span(),
                format!("rule {code} has no `entry`, `regex` or `check`"),
                "this rule can never fire",
            );
        }

        let mut examples = Vec::with_capacity(raw.example.len());
        for ex in &raw.example {
            let span = ex.span();
            let ex = ex.get_ref();
            let kind = match (&ex.bad, &ex.good, &ex.ok) {
                (Some(bad), good, None) => ExampleKind::Bad {
                    bad: bad.clone(),
                    good: good.clone(),
                },
                (None, None, Some(ok)) => ExampleKind::Ok(ok.clone()),
                _ => {
                    self.error(
                        span,
                        "an example has either `bad` (with an optional `good`) or `ok`",
                        "this example",
                    );
                    continue;
                }
            };
            examples.push(Example {
                kind,
                year: ex.year,
                path: ex.path.clone(),
                origin: Origin {
                    file: self.file,
                    span,
                },
            });
        }
        if !examples
            .iter()
            .any(|e| matches!(e.kind, ExampleKind::Bad { .. }))
        {
            self.error(
                raw.code.span(),
                format!("rule {code} has no `bad` example"),
                "add [[rule.example]] with `bad` (and `good`)",
            );
        }

        if self.reports.len() > before {
            return None;
        }
        let entries = raw
            .entry
            .into_iter()
            .zip(valids)
            .map(|(e, valid)| Entry {
                found: e.found.into_inner(),
                fix: e.fix.map(toml::Spanned::into_inner),
                unless: e
                    .unless
                    .into_iter()
                    .map(toml::Spanned::into_inner)
                    .collect(),
                note: e.note,
                applicability: e.applicability.unwrap_or(default_applicability),
                valid,
            })
            .collect();
        Some(Rule {
            id: RuleId {
                code: Arc::from(code.as_str()),
                name: Arc::from(raw.name.get_ref().as_str()),
            },
            family: raw.family.into_inner(),
            severity: raw.severity,
            summary: raw.summary.into_inner(),
            message: message?,
            help: help.flatten(),
            explain: raw.explain,
            source: raw.source,
            applicability: default_applicability,
            entries,
            regexes,
            check,
            check_spec,
            examples,
            builtin,
            origin: Origin {
                file: self.file,
                span: raw.code.span(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<RuleBook, LoadError> {
        RuleBook::load(vec![RuleSource {
            name: "t.toml".into(),
            text: text.into(),
            builtin: false,
        }])
    }

    const MINIMAL: &str = r#"
[[rule]]
code = "X1"
name = "x"
family = "f"
severity = "error"
summary = "s"
message = "“{found}”应为“{fix}”"
entry = [ { found = "按装", fix = "安装", unless = ["按装机"] } ]
[[rule.example]]
bad = "按装"
good = "安装"
"#;

    #[test]
    fn loads_a_minimal_rule() {
        let book = load(MINIMAL).unwrap();
        assert_eq!(book.rules.len(), 1);
        let rule = &book.rules[0];
        assert_eq!(rule.code(), "X1");
        assert_eq!(rule.entries[0].unless, vec!["按装机".to_string()]);
        assert_eq!(rule.entries[0].applicability, Applicability::Certain);
    }

    #[test]
    fn codes_and_names_are_checked() {
        assert!(is_code("DL101") && is_code("X1"));
        assert!(!is_code("dl101") && !is_code("DL") && !is_code("101") && !is_code("DL1A"));
        assert!(is_kebab("idiom-typo") && is_kebab("typo2"));
        assert!(!is_kebab("Typo") && !is_kebab("a--b") && !is_kebab("-a") && !is_kebab(""));
    }

    #[test]
    fn every_problem_is_reported() {
        let text = MINIMAL
            .replace("unless = [\"按装机\"]", "unless = [\"机器\"]")
            .replace("code = \"X1\"", "code = \"x1\"");
        let err = load(&text).unwrap_err();
        let shown = err.render(false);
        assert!(shown.contains("invalid rule code `x1`"), "{shown}");
        assert!(shown.contains("does not contain `按装`"), "{shown}");
        assert_eq!(err.count(), 2);
    }

    /// Files are validated in parallel: the reports still come file by file, rule by rule,
    /// each duplicate right after the rule that repeats a code, as when loaded one by one.
    #[test]
    fn reports_keep_the_order_of_files_and_rules() {
        let source = |name: &str, text: String| RuleSource {
            name: name.into(),
            text,
            builtin: false,
        };
        let broken = MINIMAL.replace("name = \"x\"", "name = \"X\"");
        let second = MINIMAL
            .replace("X1", "X2")
            .replace("name = \"x\"", "name = \"y\"");
        let sources = vec![
            source("a.toml", broken.clone()),
            source("b.toml", "[[rule]\n".into()),
            source("c.toml", MINIMAL.into()),
            source("d.toml", format!("{second}{}", MINIMAL.replace("X1", "X3"))),
            source("e.toml", broken),
        ];
        let shown = RuleBook::load(sources).unwrap_err().render(false);
        let at = |needle: &str| {
            shown
                .find(needle)
                .unwrap_or_else(|| panic!("{needle} not in {shown}"))
        };
        let order = [
            at("--> a.toml"),
            at("--> b.toml"),
            at("duplicate rule name `x`"),
            at("--> d.toml"),
            at("--> c.toml"),
            at("--> e.toml"),
        ];
        assert!(order.is_sorted(), "{shown}");
        assert!(shown.contains("due to 4 previous errors"), "{shown}");
    }

    const PAIRS: &str = "[[rule]]\ncode = \"X2\"\nname = \"y\"\nfamily = \"f\"\nseverity = \"error\"\nsummary = \"s\"\nmessage = \"“{found}”\"\npairs = '''\n# comment\n因地置宜 因地制宜\n\n  时事求是\t实事求是\n再接再力\n'''\n[[rule.example]]\nbad = \"因地置宜\"\ngood = \"因地制宜\"\n";

    #[test]
    fn pairs_are_entries_with_spans_in_the_file() {
        let book = load(PAIRS).unwrap();
        let entries = &book.rules[0].entries;
        let pairs: Vec<(&str, Option<&str>)> = entries
            .iter()
            .map(|e| (e.found.as_str(), e.fix.as_deref()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("因地置宜", Some("因地制宜")),
                ("时事求是", Some("实事求是")),
                ("再接再力", None)
            ]
        );
        assert_eq!(entries[1].applicability, Applicability::Certain);
        // An error inside the list points at the word, not at the whole string.
        let text = PAIRS.replace("再接再力\n", "再接再力 再接再厉 多余\n");
        let err = load(&text).unwrap_err();
        let shown = err.render(false);
        assert!(shown.contains("unexpected third word"), "{shown}");
        assert!(shown.contains("t.toml:13:11"), "{shown}");
        let dup = PAIRS.replace("再接再力\n", "因地置宜 因地制宜\n");
        let shown = load(&dup).unwrap_err().render(false);
        assert!(shown.contains("duplicate entry `因地置宜`"), "{shown}");
        assert!(shown.contains("t.toml:13:1"), "{shown}");
    }
}
