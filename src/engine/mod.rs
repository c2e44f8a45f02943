//! The engine: one automaton pass for every literal pattern, then regex entries.

mod matcher;
pub mod timing;

use crate::checks::{Finding, Level};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::fix::apply_fixes;
use crate::rules::{BUILTIN_AUTOMATON, ExampleKind, LoadError, Origin, Rule, RuleBook, RuleSource};
use crate::source::Document;
use crate::year::{DocYear, YearSource};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
pub use matcher::checksum;
use matcher::{Hit, Matcher, Preloaded};
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::collections::HashMap;
use std::ops::Range;

/// Which rule entry a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy)]
struct Target {
    rule: u32,
    entry: u32,
}

/// The entries of each automaton pattern, in one list: the entries of pattern `p` are
/// `list[starts[p]..starts[p + 1]]` (one allocation, not one per pattern).
struct Targets {
    starts: Vec<u32>,
    list: Vec<Target>,
}

impl Targets {
    /// From the pattern of each entry, `(pattern, entry)` in load order; `patterns` many.
    fn new(patterns: usize, of_entry: Vec<(u32, Target)>) -> Targets {
        let mut starts = vec![0u32; patterns + 1];
        for &(p, _) in &of_entry {
            starts[p as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut list = vec![Target { rule: 0, entry: 0 }; of_entry.len()];
        for (p, target) in of_entry {
            let at = &mut next[p as usize];
            list[*at as usize] = target;
            *at += 1;
        }
        Targets { starts, list }
    }

    fn of(&self, pattern: usize) -> &[Target] {
        &self.list[self.starts[pattern] as usize..self.starts[pattern + 1] as usize]
    }
}

/// Every loaded rule compiled for checking; built once per run, shared by all files.
pub struct Engine {
    book: RuleBook,
    matcher: Matcher,
    /// Per automaton pattern, the entries it belongs to, in load order.
    targets: Targets,
    /// The `RegexSet`s built by [`Engine::whole_text_matches`], by the entries they hold (their
    /// addresses, in order): the files of one run usually ask for the same one.
    whole_sets: std::sync::Mutex<WholeSets>,
}

type WholeSets = Vec<(Vec<usize>, std::sync::Arc<regex::RegexSet>)>;

/// Why [`Engine::load`] made no engine.
#[derive(Debug)]
pub enum EngineError {
    /// The rule sets do not load (every problem, pointing into the files).
    Rules(LoadError),
    /// The automaton of their patterns cannot be built.
    Automaton(String),
}

/// An example of a rule set that does not behave as written.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub code: String,
    pub origin: Origin,
    pub problem: String,
}

impl Engine {
    /// Compiles every literal pattern of every rule into one automaton (loads it, when the
    /// patterns are those of the built-in rule sets).
    pub fn new(book: RuleBook) -> Result<Engine, String> {
        Engine::with_stored(book, BUILTIN_AUTOMATON)
    }

    /// Reads the sources' rules and, at the same time on another thread, the stored
    /// automaton of the built-in ones (the two longest steps of a start-up); then the engine,
    /// as [`Engine::new`].
    pub fn load(sources: Vec<RuleSource>) -> Result<Engine, EngineError> {
        let builtin = sources.first().is_some_and(|s| s.builtin);
        let (book, stored) = rayon::join(
            || RuleBook::load(sources),
            || {
                builtin
                    .then(|| Matcher::preload(BUILTIN_AUTOMATON))
                    .flatten()
            },
        );
        Engine::with_preloaded(book.map_err(EngineError::Rules)?, stored)
            .map_err(EngineError::Automaton)
    }

    /// As [`Engine::new`], trying the automaton stored in `stored` first: it is used only if it
    /// was made from exactly this book's patterns and is intact, else the automaton is built.
    fn with_stored(book: RuleBook, stored: &[u8]) -> Result<Engine, String> {
        Engine::with_preloaded(book, Matcher::preload(stored))
    }

    fn with_preloaded(book: RuleBook, stored: Option<Preloaded>) -> Result<Engine, String> {
        let total: usize = book.rules.iter().map(|r| r.entries.len()).sum();
        // Tens of thousands of short keys at every start: a fast hash and no regrowth.
        let mut ids: FxHashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(total, FxBuildHasher);
        let mut patterns: Vec<&str> = Vec::new();
        let mut of_entry: Vec<(u32, Target)> = Vec::with_capacity(total);
        for (r, rule) in book.rules.iter().enumerate() {
            for (e, entry) in rule.entries.iter().enumerate() {
                let id = *ids.entry(entry.found.as_str()).or_insert_with(|| {
                    patterns.push(entry.found.as_str());
                    patterns.len() - 1
                });
                let target = Target {
                    rule: r as u32,
                    entry: e as u32,
                };
                of_entry.push((id as u32, target));
            }
        }
        let targets = Targets::new(patterns.len(), of_entry);
        let matcher = match stored.and_then(|s| s.matcher(&patterns)) {
            Some(loaded) => loaded,
            None => Matcher::new(&patterns)?,
        };
        Ok(Engine {
            book,
            matcher,
            targets,
            whole_sets: Default::default(),
        })
    }

    /// Whether the automaton was loaded ready-made (see `build.rs`) rather than built.
    pub fn automaton_was_loaded(&self) -> bool {
        self.matcher.is_loaded()
    }

    pub fn rules(&self) -> &[Rule] {
        &self.book.rules
    }

    /// Every distinct literal pattern in the automaton, in build order.
    pub fn literal_patterns(&self) -> Vec<&str> {
        (0..self.targets.starts.len() - 1)
            .map(|p| {
                let t = self.targets.of(p)[0];
                self.book.rules[t.rule as usize].entries[t.entry as usize]
                    .found
                    .as_str()
            })
            .collect()
    }

    /// The automaton's own limit: one bare leftmost-longest pass over `text`, counting
    /// matches and doing nothing else (no `unless`, no diagnostics). For benchmarks.
    pub fn count_literal_matches(&self, text: &str) -> usize {
        self.matcher.count(text)
    }

    /// A rule by code (any case) or name.
    pub fn rule(&self, key: &str) -> Option<&Rule> {
        self.book.find(key)
    }

    /// Every finding in a bare text (no file name, no document year), sorted by position.
    pub fn check_text(&self, text: &str) -> Vec<Diagnostic> {
        self.check(&Document::new("<text>", text))
    }

    /// Every finding in `doc`, sorted by position.
    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        self.check_at(doc, false)
    }

    /// Every finding in `doc`, with the checks of the `thorough` operating point (or the
    /// default one), sorted by position.
    pub fn check_at(&self, doc: &Document, thorough: bool) -> Vec<Diagnostic> {
        self.check_with(doc, &|_, level| level.runs(thorough))
    }

    /// Every finding in `doc` of the rules whose regex entries and checks `runs` asks for,
    /// given each rule and the operating point of its check (`Always` for a rule without one).
    /// A configuration that switches a rule off thus saves its cost; literal entries are
    /// matched by the one automaton either way.
    pub fn check_with(
        &self,
        doc: &Document,
        runs: &dyn Fn(&Rule, Level) -> bool,
    ) -> Vec<Diagnostic> {
        self.check_shared(doc, runs, SHARED_TEXT)
    }

    /// [`Engine::check_with`], sharing the work out when the text has `shared` bytes or more.
    fn check_shared(
        &self,
        doc: &Document,
        runs: &dyn Fn(&Rule, Level) -> bool,
        shared: usize,
    ) -> Vec<Diagnostic> {
        let text = doc.text.as_str();
        // What runs is asked first, rule by rule, so that the work can then be shared out.
        // No regex entry matches the empty string (checked at load, and for the built-in sets
        // by the test suite), so an empty text needs none of them compiled.
        let regex_rules: Vec<&Rule> = if text.is_empty() {
            Vec::new()
        } else {
            self.book
                .rules
                .iter()
                .filter(|rule| !rule.regexes.is_empty() && runs(rule, Level::Always))
                .collect()
        };
        let checks: Vec<(&Rule, Level)> = self
            .book
            .rules
            .iter()
            .filter_map(|rule| Some((rule, rule.check.as_ref()?.level())))
            .filter(|&(rule, level)| runs(rule, level))
            .collect();
        let run = |&(rule, _): &(&Rule, Level)| {
            let mut findings = Vec::new();
            if let Some(check) = &rule.check {
                timing::timed_rule(&rule.id, || check.run(doc, &mut findings));
            }
            findings
        };
        // A long text is checked on every thread of the pool (the automaton and the regexes
        // beside the checks, the checks beside each other); a short one on this thread, as
        // many files are usually checked at once. The results are put together in the same
        // order either way.
        let (mut out, found): (Vec<Diagnostic>, Vec<Vec<Finding>>) = if text.len() >= shared {
            // One task per check, the statistical ones (by far the longest) started first,
            // so that no thread waits for a long check queued behind short ones.
            let mut order: Vec<usize> = (0..checks.len()).collect();
            order.sort_by_key(|&k| checks[k].1 == Level::Always);
            let (out, mut ran): (Vec<Diagnostic>, Vec<(usize, Vec<Finding>)>) = rayon::join(
                || self.entries(doc, &regex_rules),
                || {
                    order
                        .par_iter()
                        .with_max_len(1)
                        .map(|&k| (k, run(&checks[k])))
                        .collect()
                },
            );
            ran.sort_by_key(|r| r.0);
            (out, ran.into_iter().map(|r| r.1).collect())
        } else {
            (
                self.entries(doc, &regex_rules),
                checks.iter().map(run).collect(),
            )
        };
        // Findings of the statistical checks (those with an operating point) give way to
        // any other finding on the same characters: a listed typo says it better.
        let mut yielding = Vec::new();
        for (&(rule, level), findings) in checks.iter().zip(found) {
            let found = findings.into_iter().map(|f| diagnostic(rule, text, f));
            if level == Level::Always {
                out.extend(found);
            } else {
                yielding.extend(found);
            }
        }
        if !yielding.is_empty() {
            let mut spans: Vec<Range<usize>> = out.iter().map(|d| d.span.clone()).collect();
            spans.sort_by_key(|s| s.start);
            let mut reach = Vec::with_capacity(spans.len());
            let mut end = 0;
            for s in &spans {
                end = end.max(s.end);
                reach.push(end);
            }
            yielding.retain(|d| {
                let before = spans.partition_point(|s| s.start < d.span.end.max(d.span.start + 1));
                before == 0 || reach[before - 1] <= d.span.start
            });
            out.append(&mut yielding);
        }
        if !doc.masked.is_empty() {
            out.retain(|d| !doc.is_masked(&d.span));
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
        out
    }

    /// The findings of the literal entries (one automaton pass) and of the regex entries of
    /// `regex_rules`.
    fn entries(&self, doc: &Document, regex_rules: &[&Rule]) -> Vec<Diagnostic> {
        let text = doc.text.as_str();
        let mut out = Vec::new();
        timing::timed("(literal patterns)", || {
            let mut from = 0;
            while let Some(hit) = self.matcher.find_from(text, from) {
                match self.literal(doc, hit) {
                    Some(d) => {
                        out.push(d);
                        from = hit.end;
                    }
                    // The longest candidate is correct here; a shorter one inside it may not be.
                    None => from = hit.start + char_len(text, hit.start),
                }
            }
        });
        // Every regex entry to run, with the stretches of text it can match in.
        let mut searches: Vec<Search> = Vec::new();
        for rule in regex_rules {
            for entry in &rule.regexes {
                if let Some(valid) = &entry.valid {
                    // Reported only when the document year is known and outside the range.
                    let outside = doc
                        .year
                        .as_ref()
                        .is_some_and(|y| y.years.iter().all(|&y| !valid.contains(y)));
                    if !outside {
                        continue;
                    }
                }
                // Near the literal every match holds, or the whole text: the same matches.
                // A text without that literal needs the regex not even compiled.
                let windows = entry.windows(text);
                if windows.as_ref().is_some_and(Vec::is_empty) {
                    continue;
                }
                searches.push((*rule, entry, windows));
            }
        }
        let matched = timing::timed("(regex set)", || self.whole_text_matches(text, &searches));
        for (k, (rule, entry, windows)) in searches.into_iter().enumerate() {
            if !matched.get(k).copied().unwrap_or(true) {
                continue;
            }
            timing::timed_rule(&rule.id, || {
                let Some((regex, found_group)) = entry.regex() else {
                    return;
                };
                let matches: Box<dyn Iterator<Item = regex::Captures>> = match windows {
                    Some(windows) => Box::new(windows.into_iter().flat_map(|w| {
                        let hay = &text[..w.end];
                        let mut at = w.start;
                        std::iter::from_fn(move || {
                            let caps = regex.captures_at(hay, at)?;
                            let whole = caps.get(0).expect("group 0 always matches");
                            // No entry matches the empty string (checked at load).
                            at = whole.end();
                            (!whole.is_empty()).then_some(caps)
                        })
                    })),
                    None => Box::new(regex.captures_iter(text)),
                };
                for caps in matches {
                    let whole = caps.get(0).expect("group 0 always matches");
                    let Some(m) = found_group.map_or(Some(whole), |g| caps.get(g)) else {
                        continue;
                    };
                    let span = m.start()..m.end();
                    if span.is_empty() || covered(text, &span, &entry.unless) {
                        continue;
                    }
                    let fix = entry.fix.as_ref().map(|t| {
                        let mut s = String::new();
                        caps.expand(t, &mut s);
                        s
                    });
                    out.push(diagnostic(
                        rule,
                        text,
                        Finding {
                            fix,
                            applicability: Some(entry.applicability),
                            note: entry.note.clone(),
                            ..Finding::new(span)
                        },
                    ));
                }
            });
        }
        out
    }

    /// For each of `searches`, whether it may match: a long text that several regexes search
    /// whole is searched once by all of them together (a `RegexSet`, one pass of one
    /// automaton, built once per run for each such group), and a regex that matches nowhere is
    /// not run by itself. Empty when every one is to run.
    fn whole_text_matches(&self, text: &str, searches: &[Search]) -> Vec<bool> {
        let whole: Vec<usize> = (0..searches.len())
            .filter(|&k| searches[k].2.is_none())
            .collect();
        if text.len() < SET_TEXT || whole.len() < SET_MIN {
            return Vec::new();
        }
        let key: Vec<usize> = whole
            .iter()
            .map(|&k| std::ptr::from_ref(searches[k].1) as usize)
            .collect();
        let lock = || self.whole_sets.lock().unwrap_or_else(|e| e.into_inner());
        let known = lock()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, set)| set.clone());
        let set = match known {
            Some(set) => set,
            None => {
                let patterns = whole.iter().map(|&k| searches[k].1.pattern.as_str());
                let Ok(set) = regex::RegexSetBuilder::new(patterns)
                    .size_limit(crate::rules::pattern::SIZE_LIMIT)
                    .build()
                else {
                    return Vec::new();
                };
                let set = std::sync::Arc::new(set);
                lock().push((key, set.clone()));
                set
            }
        };
        let hits = set.matches(text);
        let mut matched = vec![true; searches.len()];
        for (i, &k) in whole.iter().enumerate() {
            matched[k] = hits.matched(i);
        }
        matched
    }

    fn literal(&self, doc: &Document, hit: Hit) -> Option<Diagnostic> {
        let text = doc.text.as_str();
        let span = hit.start..hit.end;
        self.targets.of(hit.pattern).iter().find_map(|t| {
            let rule = &self.book.rules[t.rule as usize];
            let entry = &rule.entries[t.entry as usize];
            if covered(text, &span, &entry.unless) {
                return None;
            }
            // A phrase true only in some years is wrong only when the document year is
            // known and outside them.
            if let Some(valid) = &entry.valid {
                let year = doc.year.as_ref()?;
                if year.years.iter().any(|&y| valid.contains(y)) {
                    return None;
                }
            }
            Some(diagnostic(
                rule,
                text,
                Finding {
                    fix: entry.fix.clone(),
                    applicability: Some(entry.applicability),
                    note: entry.note.clone(),
                    ..Finding::new(span.clone())
                },
            ))
        })
    }

    /// Runs every example of the selected rules; an empty list means they all behave.
    pub fn example_failures(&self, include_builtin: bool) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for rule in &self.book.rules {
            if rule.builtin && !include_builtin {
                continue;
            }
            for example in &rule.examples {
                let doc = |text: &str| {
                    let doc = Document::new(example.path.as_deref().unwrap_or("<example>"), text);
                    if example.year.is_some() || example.path.is_some() {
                        doc.with_year(example.year.map(|y| DocYear::given(y, YearSource::Flag)))
                    } else {
                        doc
                    }
                };
                if let Err(problem) = self.run_example(rule, &example.kind, doc) {
                    failures.push(ExampleFailure {
                        code: rule.code().to_string(),
                        origin: example.origin.clone(),
                        problem,
                    });
                }
            }
        }
        failures
    }

    /// Checks the examples of user rule sets (built-in ones are checked by the test suite).
    pub fn verify_examples(self) -> Result<Engine, LoadError> {
        let failures = self.example_failures(false);
        if failures.is_empty() {
            return Ok(self);
        }
        let reports = failures
            .into_iter()
            .map(|f| {
                Report::error()
                    .with_message(format!("an example of rule {} fails", f.code))
                    .with_labels(vec![
                        Label::primary(f.origin.file, f.origin.span).with_message(f.problem),
                    ])
            })
            .collect();
        Err(self.book.error(reports))
    }

    fn run_example(
        &self,
        rule: &Rule,
        kind: &ExampleKind,
        doc: impl Fn(&str) -> Document,
    ) -> Result<(), String> {
        // A check of the thorough operating point is shown as with `--thorough`.
        let thorough = rule
            .check
            .as_ref()
            .is_some_and(|c| c.level() == Level::Thorough);
        let check = |text: &str| self.check_at(&doc(text), thorough);
        let describe = |ds: &[Diagnostic], text: &str| {
            ds.iter()
                .map(|d| format!("{} “{}”", d.code(), &text[d.span.clone()]))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match kind {
            ExampleKind::Ok(ok) => {
                let found = check(ok);
                if found.is_empty() {
                    Ok(())
                } else {
                    Err(format!("`ok` text gives {}", describe(&found, ok)))
                }
            }
            ExampleKind::Bad { bad, good } => {
                let all = check(bad);
                let mine: Vec<Diagnostic> = all.into_iter().filter(|d| d.rule == rule.id).collect();
                if mine.is_empty() {
                    return Err(format!("`bad` text gives no {} diagnostic", rule.code()));
                }
                let has_fix = mine.iter().any(|d| !d.fixes.is_empty());
                let Some(good) = good else {
                    return if has_fix {
                        Err("`bad` has a fix, so the example needs a `good`".to_string())
                    } else {
                        Ok(())
                    };
                };
                if has_fix {
                    let fixed = apply_fixes(bad, &mine, |_| true);
                    if fixed != *good {
                        return Err(format!("the fix gives “{fixed}”, not the `good` text"));
                    }
                }
                let left = check(good);
                if left.is_empty() {
                    Ok(())
                } else {
                    Err(format!("`good` text gives {}", describe(&left, good)))
                }
            }
        }
    }
}

/// Whether one of the `contexts` occurs in `text` around `span`, covering all of it.
pub(crate) fn covered(text: &str, span: &Range<usize>, contexts: &[String]) -> bool {
    let bytes = text.as_bytes();
    contexts.iter().any(|ctx| {
        let ctx = ctx.as_bytes();
        if ctx.len() < span.len() {
            return false;
        }
        let first = span.end.saturating_sub(ctx.len());
        (first..=span.start).any(|p| bytes[p..].starts_with(ctx))
    })
}

/// Bytes from which one text is checked on all the threads of the pool.
const SHARED_TEXT: usize = 256 * 1024;

/// Texts from this size on are searched once by all the regexes that search them whole (see
/// [`Engine::whole_text_matches`]); below it, building that search costs more than it saves.
const SET_TEXT: usize = 1 << 20;
/// Fewest regexes searching a text whole that are searched together first.
const SET_MIN: usize = 3;

/// A regex entry to run: its rule, the entry, and the stretches of text it runs in (None: the
/// whole text).
type Search<'a> = (
    &'a Rule,
    &'a crate::rules::RegexEntry,
    Option<Vec<Range<usize>>>,
);

fn char_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(1, char::len_utf8)
}

fn diagnostic(rule: &Rule, text: &str, finding: Finding) -> Diagnostic {
    let Finding {
        span,
        fix,
        applicability,
        note,
        labels,
    } = finding;
    let applicability = applicability.unwrap_or(rule.applicability);
    let note = note.as_deref();
    let found = &text[span.clone()];
    let message = rule.message.render(found, fix.as_deref(), note);
    let help = match (&rule.help, &fix) {
        (Some(t), _) => Some(t.render(found, fix.as_deref(), note)),
        (None, Some(f)) if applicability == Applicability::Certain => Some(format!("改为“{f}”")),
        (None, Some(f)) => Some(format!("可考虑改为“{f}”")),
        (None, None) => None,
    };
    Diagnostic {
        rule: rule.id.clone(),
        severity: rule.severity,
        message,
        span,
        fixes: fix
            .map(|replacement| Fix {
                replacement,
                applicability,
            })
            .into_iter()
            .collect(),
        help,
        note: None,
        labels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;

    fn engine(text: &str) -> Engine {
        let book = RuleBook::load(vec![RuleSource {
            name: "t.toml".into(),
            text: text.into(),
            builtin: false,
        }])
        .unwrap();
        Engine::new(book).unwrap()
    }

    const RULES: &str = r#"
[[rule]]
code = "T1"
name = "typo"
family = "typos"
severity = "error"
summary = "s"
message = "“{found}”应为“{fix}”"
entry = [
  { found = "按装", fix = "安装", unless = ["按装机"] },
  { found = "一如继往", fix = "一如既往" },
]
[[rule.example]]
bad = "按装"
good = "安装"

[[rule]]
code = "T2"
name = "jiezhi"
family = "usage"
severity = "warning"
summary = "s"
message = "“{found}”应为“{fix}”"
applicability = "suggestion"
[[rule.regex]]
pattern = '(?P<found>截止)(?:到)?\d{4}年'
fix = "截至"
unless = ["截止2000年"]
[[rule.example]]
bad = "截止2024年底"
good = "截至2024年底"
"#;

    #[test]
    fn literal_entries_respect_unless() {
        let e = engine(RULES);
        let text = "按装机容量计算，按装调试，一如继往";
        let ds = e.check_text(text);
        let found: Vec<&str> = ds.iter().map(|d| &text[d.span.clone()]).collect();
        assert_eq!(found, ["按装", "一如继往"]);
        assert_eq!(ds[0].message, "“按装”应为“安装”");
        assert_eq!(ds[0].help.as_deref(), Some("改为“安装”"));
    }

    #[test]
    fn regex_entries_report_the_found_group() {
        let e = engine(RULES);
        let text = "截止2024年底，截止2000年";
        let ds = e.check_text(text);
        assert_eq!(ds.len(), 1);
        assert_eq!(&text[ds[0].span.clone()], "截止");
        assert_eq!(ds[0].fixes[0].replacement, "截至");
        assert_eq!(ds[0].fixes[0].applicability, Applicability::Suggestion);
        assert_eq!(ds[0].help.as_deref(), Some("可考虑改为“截至”"));
    }

    #[test]
    fn a_regex_run_near_its_literal_finds_what_a_whole_search_finds() {
        let rules = r#"
[[rule]]
code = "T3"
name = "yingli"
family = "usage"
severity = "warning"
summary = "s"
message = "m"
[[rule.regex]]
pattern = '(?:^|[^经运])(?P<found>营利)(?:能力|水平)'
[[rule.example]]
bad = "提高营利能力"
"#;
        let e = engine(rules);
        let pad = "加强组织领导。".repeat(200);
        // at the very start (`^`), after 经 (no), after a line break, at the very end
        let text = format!("营利能力{pad}经营利能力{pad}\n营利水平{pad}提高营利能力");
        let found: Vec<usize> = e.check_text(&text).iter().map(|d| d.span.start).collect();
        let whole: Vec<usize> = regex::Regex::new("(?:^|[^经运])(?P<found>营利)(?:能力|水平)")
            .unwrap()
            .captures_iter(&text)
            .map(|c| c.name("found").unwrap().start())
            .collect();
        assert_eq!(found.len(), 3);
        assert_eq!(found, whole);
        let rule = &e.book.rules[0];
        assert!(rule.regexes[0].windows(&text).is_some_and(|w| w.len() == 4));
    }

    #[test]
    fn a_text_checked_on_all_threads_gives_what_one_thread_gives() {
        let e = Engine::new(RuleBook::load(crate::rules::builtin_sources()).unwrap()).unwrap();
        let text = [
            include_str!("../../fixtures/2024年上半年工作总结.txt"),
            include_str!("../../fixtures/关于开展安全生产大检查的通知.txt"),
            "切实加强组织零导。截止2024年底，按装调试。\n",
        ]
        .concat()
        .repeat(3);
        let doc = Document::new("t.txt", &text);
        for thorough in [false, true] {
            let runs = |_: &Rule, level: Level| level.runs(thorough);
            let shared = e.check_shared(&doc, &runs, 0);
            let alone = e.check_shared(&doc, &runs, usize::MAX);
            assert!(shared.len() > 20, "{}", shared.len());
            assert_eq!(shared, alone);
        }
    }

    #[test]
    fn rules_a_run_does_not_ask_for_are_not_run() {
        let e = engine(RULES);
        let text = "截止2024年底，按装设备";
        let doc = Document::new("t", text);
        let asked = std::sync::Mutex::new(Vec::new());
        let ds = e.check_with(&doc, &|rule, level| {
            asked.lock().unwrap().push((rule.code().to_string(), level));
            rule.code() != "T2"
        });
        // The regex rule T2 was asked about and skipped; the literal rule T1 still matches.
        assert!(
            asked
                .lock()
                .unwrap()
                .contains(&("T2".to_string(), Level::Always))
        );
        assert_eq!(ds.iter().map(|d| &*d.rule.code).collect::<Vec<_>>(), ["T1"]);
        assert_eq!(e.check_text(text).len(), 2);
    }

    #[test]
    fn regex_entries_respect_validity() {
        let e = engine(
            r#"
[[rule]]
code = "T3"
name = "stale"
family = "stale-terms"
severity = "warning"
summary = "s"
message = "“{found}”"
[[rule.regex]]
pattern = '今年是[^。]{0,10}(?P<found>开局之年)'
valid_from = 2021
valid_until = 2021
[[rule.example]]
year = 2022
bad = "今年是“十四五”开局之年。"
"#,
        );
        let text = "今年是“十四五”开局之年。";
        let at = |year: Option<i32>| {
            let mut doc = Document::new("t", text);
            doc.year = year.map(|y| DocYear::given(y, YearSource::Flag));
            e.check(&doc).len()
        };
        assert_eq!((at(None), at(Some(2021)), at(Some(2022))), (0, 0, 1));
        assert!(e.example_failures(true).is_empty());
    }

    #[test]
    fn examples_are_run() {
        let e = engine(RULES);
        assert!(e.example_failures(true).is_empty());
        let broken = RULES.replace("good = \"安装\"", "good = \"安装了\"");
        let failures = engine(&broken).example_failures(true);
        assert_eq!(failures.len(), 1);
        assert!(failures[0].problem.contains("the fix gives “安装”"));
    }

    /// Every finding in the fixtures, checked with a document year that also runs the
    /// date-bound regex entries, and with none.
    fn fixture_findings(e: &Engine) -> Vec<Diagnostic> {
        let text = [
            include_str!("../../fixtures/2024年上半年工作总结.txt"),
            include_str!("../../fixtures/关于开展安全生产大检查的通知.txt"),
            include_str!("../../fixtures/在全县经济工作会议上的讲话.txt"),
            "今年是“十四五”开局之年。截止目前，我们按装了设备，一如继往。",
        ]
        .concat();
        let mut all = e.check_text(&text);
        let dated = Document::new("t.txt", text.as_str())
            .with_year(Some(DocYear::given(2030, YearSource::Flag)));
        all.extend(e.check(&dated));
        all
    }

    #[test]
    fn a_stale_or_damaged_stored_automaton_is_built_instead_with_the_same_findings() {
        let book = || RuleBook::builtin().unwrap();
        let loaded = Engine::new(book()).unwrap();
        assert!(
            loaded.automaton_was_loaded(),
            "the built-in automaton was built at run time: build.rs's `literal_patterns` no longer lists the patterns as `Engine::new` does"
        );
        let expected = fixture_findings(&loaded);
        assert!(expected.len() > 20, "{}", expected.len());
        assert!(
            expected.iter().any(|d| d.code() == "DL651"),
            "a date-bound regex entry fires"
        );

        let mut damaged = BUILTIN_AUTOMATON.to_vec();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 1;
        let mut other_version = BUILTIN_AUTOMATON.to_vec();
        other_version[7] ^= 1;
        let cut = &BUILTIN_AUTOMATON[..middle];
        for (what, stored) in [
            ("damaged", &damaged[..]),
            ("another format version", &other_version[..]),
            ("cut short", cut),
            ("empty", &[][..]),
        ] {
            let built = Engine::with_stored(book(), stored).unwrap();
            assert!(!built.automaton_was_loaded(), "{what}");
            assert_eq!(fixture_findings(&built), expected, "{what}");
        }
    }

    /// `Engine::load` reads the rules and the stored automaton side by side: the same engine
    /// as `Engine::new`, and each kind of error from its own half.
    #[test]
    fn an_engine_loaded_from_sources_is_the_same() {
        let loaded = Engine::load(crate::rules::builtin_sources()).unwrap();
        assert!(loaded.automaton_was_loaded());
        let made = Engine::new(RuleBook::builtin().unwrap()).unwrap();
        assert_eq!(fixture_findings(&loaded), fixture_findings(&made));

        let mut sources = crate::rules::builtin_sources();
        sources.push(RuleSource {
            name: "mine.toml".to_string(),
            text: "[[rule]]\ncode = \"x\"\n".to_string(),
            builtin: false,
        });
        match Engine::load(sources) {
            Err(EngineError::Rules(e)) => assert!(e.render(false).contains("mine.toml")),
            other => panic!("{:?}", other.map(|_| "an engine")),
        }
        let own = Engine::load(vec![RuleSource {
            name: "own.toml".to_string(),
            text: RULES.to_string(),
            builtin: false,
        }])
        .unwrap();
        assert!(!own.automaton_was_loaded());
        assert_eq!(own.check_text("按装调试").len(), 1);
    }

    #[test]
    fn another_pattern_set_builds_its_own_automaton() {
        let e = engine(RULES);
        assert!(!e.automaton_was_loaded());
        assert_eq!(e.check_text("按装调试").len(), 1);
    }

    #[test]
    fn covered_checks_every_alignment() {
        let text = "甲按装机乙";
        let span = text.find("按装").unwrap()..text.find("机").unwrap();
        assert!(covered(text, &span, &["按装机".into()]));
        assert!(covered(text, &span, &["甲按装".into()]));
        assert!(!covered(text, &span, &["乙按装".into()]));
        assert!(!covered(text, &span, &["装".into()]));
    }

    #[test]
    fn a_long_text_skips_exactly_the_regexes_that_match_nowhere_in_it() {
        let engine = Engine::new(RuleBook::load(crate::rules::builtin_sources()).unwrap()).unwrap();
        let book = &engine.book;
        // the bad examples of every rule, spread through a long text
        let mut text = String::new();
        for rule in &book.rules {
            for example in &rule.examples {
                if let ExampleKind::Bad { bad, .. } = &example.kind {
                    text.push_str(bad);
                    text.push_str(&"\n各级各部门要认真贯彻落实会议精神。".repeat(200));
                }
            }
        }
        assert!(text.len() >= SET_TEXT, "{}", text.len());
        let searches: Vec<_> = book
            .rules
            .iter()
            .flat_map(|rule| rule.regexes.iter().map(move |e| (rule, e)))
            .map(|(rule, e)| (rule, e, e.windows(&text)))
            .filter(|s| s.2.as_ref().is_none_or(|w| !w.is_empty()))
            .collect();
        let matched = engine.whole_text_matches(&text, &searches);
        assert_eq!(matched.len(), searches.len());
        // the same entries again: the set built for them is used again
        assert_eq!(engine.whole_text_matches(&text, &searches), matched);
        assert_eq!(engine.whole_sets.lock().unwrap().len(), 1);
        let (mut hit, mut missed) = (0, 0);
        for ((rule, entry, windows), &m) in searches.iter().zip(&matched) {
            if windows.is_some() {
                assert!(m, "{}: a regex with stretches always runs", rule.code());
                continue;
            }
            let (regex, _) = entry.regex().unwrap();
            assert_eq!(
                m,
                regex.is_match(&text),
                "{}: {}",
                rule.code(),
                entry.pattern
            );
            if m {
                hit += 1;
            } else {
                missed += 1;
            }
        }
        assert!(hit > 0 && missed > 0, "{hit} {missed}");
        // a short text runs them all
        assert!(
            engine
                .whole_text_matches("各级各部门", &searches)
                .is_empty()
        );
    }
}
