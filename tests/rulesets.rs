//! Every built-in rule set keeps its own promises: its examples behave as written and every
//! entry can fire. Adding a rule never needs new Rust: these tests pick it up.

use doclint::engine::Engine;
use doclint::fix::apply_fixes;
use doclint::rules::{RuleBook, RuleSource, builtin_sources};
use doclint::source::Document;
use doclint::year::{DocYear, YearSource};
use std::collections::HashSet;

fn builtin_engine() -> Engine {
    let book = RuleBook::builtin().unwrap_or_else(|e| panic!("built-in rule sets:\n{e}"));
    Engine::new(book).expect("automaton builds")
}

#[test]
fn every_example_of_every_builtin_rule_behaves() {
    let engine = builtin_engine();
    let failures = engine.example_failures(true);
    let report: Vec<String> = failures
        .iter()
        .map(|f| format!("{} (bytes {:?}): {}", f.code, f.origin.span, f.problem))
        .collect();
    assert!(
        report.is_empty(),
        "failing examples:\n{}",
        report.join("\n")
    );
    let examples: usize = engine.rules().iter().map(|r| r.examples.len()).sum();
    assert!(examples >= engine.rules().len(), "every rule has examples");
}

/// An entry shadowed by another (same `found` earlier, or silenced by its own `unless`)
/// can never fire: that is dead data.
#[test]
fn every_builtin_entry_fires_on_its_own_text_and_fixes_it() {
    let engine = builtin_engine();
    let mut problems = Vec::new();
    for rule in engine.rules() {
        for entry in &rule.entries {
            // An entry valid only in some years fires in a document of another year.
            let mut doc = Document::new("<entry>", entry.found.as_str());
            if let Some(v) = entry.valid {
                let year = v
                    .until
                    .map_or_else(|| v.from.unwrap_or(2000) - 1, |u| u + 1);
                doc.year = Some(DocYear::given(year, YearSource::Flag));
            }
            let found = engine.check(&doc);
            let mine: Vec<_> = found
                .iter()
                .filter(|d| d.code() == rule.code() && d.span == (0..entry.found.len()))
                .cloned()
                .collect();
            if mine.is_empty() {
                problems.push(format!(
                    "{} “{}” does not fire alone (got {:?})",
                    rule.code(),
                    entry.found,
                    found.iter().map(|d| d.code()).collect::<Vec<_>>()
                ));
                continue;
            }
            if let Some(fix) = &entry.fix {
                let fixed = apply_fixes(&entry.found, &mine, |_| true);
                if &fixed != fix {
                    problems.push(format!(
                        "{} “{}” fixes to “{fixed}”",
                        rule.code(),
                        entry.found
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn builtin_sets_are_substantial_and_distinct() {
    let engine = builtin_engine();
    let families: HashSet<&str> = engine.rules().iter().map(|r| r.family.as_str()).collect();
    for family in ["typos", "usage", "variants", "cautioned"] {
        assert!(families.contains(family), "missing family {family}");
    }
    let typos: usize = engine
        .rules()
        .iter()
        .filter(|r| r.family == "typos")
        .map(|r| r.entries.len())
        .sum();
    assert!(typos >= 1000, "typos family has {typos} entries");
    // The same `found` in two rules would make the second one unreachable.
    let mut seen = HashSet::new();
    for rule in engine.rules() {
        for e in &rule.entries {
            assert!(seen.insert(e.found.as_str()), "“{}” appears twice", e.found);
        }
    }
}

/// Built-in regexes are compiled on first use, not at load; here each one goes through the
/// load-time checks of a user's rule set (compiles within the size limit, never matches the
/// empty string), and the findings are the same either way.
#[test]
fn builtin_regexes_pass_the_checks_of_a_users_rule_set() {
    let as_users = builtin_sources()
        .into_iter()
        .map(|s| RuleSource {
            builtin: false,
            ..s
        })
        .collect();
    let book = RuleBook::load(as_users).unwrap_or_else(|e| panic!("{e}"));
    let regexes: Vec<_> = book.rules.iter().flat_map(|r| &r.regexes).collect();
    assert!(regexes.len() >= 80, "{}", regexes.len());
    assert!(regexes.iter().all(|r| r.regex().is_some()));
    let eager = Engine::new(book).unwrap();
    let lazy = builtin_engine();
    let text = "截止目前，各单位认真的做好防汛工作。今年是“十四五”开局之年。";
    for year in [None, Some(2030)] {
        let doc = Document::new("t.txt", text)
            .with_year(year.map(|y| DocYear::given(y, YearSource::Flag)));
        let found = lazy.check(&doc);
        assert!(found.len() >= 2 + usize::from(year.is_some()), "{found:?}");
        assert_eq!(found, eager.check(&doc));
    }
}

#[test]
fn the_builtin_automaton_is_loaded_and_a_users_rule_set_builds_its_own() {
    assert!(builtin_engine().automaton_was_loaded());
    let mut sources = builtin_sources();
    sources.push(RuleSource {
        name: "house.toml".into(),
        text: "[[rule]]\ncode = \"U1\"\nname = \"house\"\nfamily = \"house\"\nseverity = \"error\"\nsummary = \"s\"\nmessage = \"“{found}”\"\nentry = [{ found = \"甲乙丙\" }]\n[[rule.example]]\nbad = \"甲乙丙\"\n".into(),
        builtin: false,
    });
    let engine = Engine::new(RuleBook::load(sources).unwrap()).unwrap();
    assert!(!engine.automaton_was_loaded());
    let found = engine.check_text("甲乙丙，按装");
    let found: Vec<&str> = found.iter().map(|d| d.code()).collect();
    assert_eq!(found, ["U1", "DL101"]);
}

#[test]
fn builtin_sources_are_the_rules_folder() {
    let names: Vec<String> = builtin_sources().into_iter().map(|s| s.name).collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("<built-in>/rules/{n}"))
        .collect();
    on_disk.sort();
    assert_eq!(names, on_disk);
}

#[test]
fn fixing_a_bad_example_leaves_nothing_certain_to_fix() {
    use doclint::diagnostic::Applicability::Certain;
    let engine = builtin_engine();
    for rule in engine.rules() {
        for ex in &rule.examples {
            if let doclint::rules::ExampleKind::Bad { bad, .. } = &ex.kind {
                let fixed = apply_fixes(bad, &engine.check_text(bad), |a| a == Certain);
                let left: Vec<_> = engine
                    .check_text(&fixed)
                    .into_iter()
                    .filter(|d| d.fixes.iter().any(|f| f.applicability == Certain))
                    .map(|d| format!("{} {}", d.code(), d.message))
                    .collect();
                assert!(
                    left.is_empty(),
                    "{}: “{bad}” fixed to “{fixed}” still has {left:?}",
                    rule.code()
                );
            }
        }
    }
}
