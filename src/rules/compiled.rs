//! The built-in rule book, parsed and validated ahead of time.
//!
//! Parsing and validating the built-in rule sets was most of a start-up: 16,653 entries, and
//! the TOML of `idioms.toml` alone a third of the work. `data/builtin-rules.bin` holds the rules
//! they give, with what a run would otherwise work out on its first document (the regexes'
//! gates, the state checks keep: DL120/DL121's phrase automata), written by
//! `cargo run --release --example store_rules`. [`RuleBook::load`] takes the rules of the
//! built-in files from it when it was made from exactly the rule-set texts compiled into the
//! binary, and parses only the user's files.
//!
//! A stored book that is out of date (a rule set was edited), damaged, or written by another
//! version of the code is not used: the texts are parsed as before. That costs start-up time,
//! never a wrong rule. The test `stored_book_is_current` fails until the book is written again,
//! and compares it byte for byte with what parsing the rule sets gives.
//!
//! [`RuleBook::load`]: super::RuleBook::load

use super::{Rule, RuleSource};
use crate::engine::checksum;
use serde::{Deserialize, Serialize};

/// The stored book; see the module's documentation.
pub const STORED: &[u8] = include_bytes!("../../data/builtin-rules.bin");

/// The first bytes of a stored book; the last two are the format's version.
const MAGIC: &[u8; 8] = b"DLBOOK01";

/// Names and texts of `sources`, in order: what a stored book must have been made from.
fn fingerprint(sources: &[RuleSource]) -> u64 {
    let mut bytes = Vec::new();
    for s in sources {
        for part in [s.name.as_bytes(), s.text.as_bytes()] {
            bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
            bytes.extend_from_slice(part);
        }
    }
    checksum(&bytes)
}

/// The stored form of `rules`, parsed from `sources`: the magic, the sources' fingerprint,
/// a checksum of the body, the body.
pub fn store(sources: &[RuleSource], rules: &[Rule]) -> Result<Vec<u8>, String> {
    if let Some(rule) = rules
        .iter()
        .find(|r| r.check.is_some() && r.check_spec.is_none())
    {
        return Err(format!("the params of {} cannot be stored", rule.code()));
    }
    // Working out the regexes' gates costs more than compiling them: stored made.
    for entry in rules.iter().flat_map(|r| &r.regexes) {
        entry.gate();
    }
    // So does what some checks work out on their first document (DL120's automaton).
    let states: Vec<(u32, Vec<u8>)> = rules
        .iter()
        .enumerate()
        .filter_map(|(r, rule)| Some((r as u32, rule.check.as_ref()?.stored_state()?)))
        .collect();
    let body = Body {
        rules: rules.to_vec(),
        states: states.iter().map(|(r, s)| (*r, s.as_slice())).collect(),
    };
    let body = postcard::to_allocvec(&body).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(MAGIC.len() + 16 + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&fingerprint(sources).to_le_bytes());
    out.extend_from_slice(&checksum(&body).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// What a stored book holds: the rules, and the stored state of some of their checks (by
/// rule).
#[derive(Serialize, Deserialize)]
struct Body<'a> {
    rules: Vec<Rule>,
    #[serde(borrow)]
    states: Vec<(u32, &'a [u8])>,
}

/// The rules stored in `stored`, if it was made from exactly `sources` and is intact, with
/// their checks made again from their params (and given their stored state).
pub fn load(stored: &'static [u8], sources: &[RuleSource]) -> Option<Vec<Rule>> {
    let rest = stored.strip_prefix(MAGIC)?;
    let (made_from, rest) = rest.split_first_chunk::<8>()?;
    let (sum, body) = rest.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*made_from) != fingerprint(sources)
        || u64::from_le_bytes(*sum) != checksum(body)
    {
        return None;
    }
    let Body { mut rules, states } = postcard::from_bytes(body).ok()?;
    for rule in &mut rules {
        if let Some(spec) = &rule.check_spec {
            rule.check = Some(spec.build()?);
        }
    }
    for (r, state) in states {
        rules.get(r as usize)?.check.as_ref()?.restore_state(state);
    }
    Some(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RuleBook, builtin_sources};

    fn fresh() -> Vec<u8> {
        let sources = builtin_sources();
        let book = RuleBook::parse(sources.clone()).expect("built-in rule sets");
        store(&sources, &book.rules).expect("stored")
    }

    /// Fails when a rule set, or the code that reads them, changed since the book was stored.
    #[test]
    fn stored_book_is_current() {
        assert!(
            fresh() == STORED,
            "data/builtin-rules.bin is out of date: run `cargo run --example store_rules`"
        );
    }

    #[test]
    fn the_stored_book_is_what_parsing_gives() {
        let sources = builtin_sources();
        let loaded = load(STORED, &sources).expect("the stored book loads");
        assert_eq!(store(&sources, &loaded).unwrap(), STORED);
        let parsed = RuleBook::parse(sources).unwrap();
        assert_eq!(loaded.len(), parsed.rules.len());
        for (a, b) in loaded.iter().zip(&parsed.rules) {
            assert_eq!(a.code(), b.code());
            assert_eq!(a.check.is_some(), b.check.is_some(), "{}", a.code());
            assert_eq!(
                a.check.as_ref().map(|c| c.level()),
                b.check.as_ref().map(|c| c.level()),
                "{}",
                a.code()
            );
        }
        let book = RuleBook::load(builtin_sources()).unwrap();
        assert!(
            book.from_stored,
            "the built-in rule sets come from the stored book"
        );
    }

    /// The checks made again from their stored params find what the parsed ones find.
    #[test]
    fn stored_and_parsed_rules_find_the_same() {
        use crate::engine::Engine;
        let stored = Engine::new(RuleBook::load(builtin_sources()).unwrap()).unwrap();
        let parsed = Engine::new(RuleBook::parse(builtin_sources()).unwrap()).unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut texts: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert!(texts.len() >= 4);
        texts.push(texts.concat());
        let mut found = 0;
        for text in &texts {
            let doc = crate::source::Document::new("fixture.txt", text);
            for thorough in [false, true] {
                let a = stored.check_at(&doc, thorough);
                assert_eq!(a, parsed.check_at(&doc, thorough));
                found += a.len();
            }
        }
        assert!(found > 100, "{found}");
    }

    /// A user's rule set after the built-in ones is parsed and checked against them.
    #[test]
    fn user_rule_sets_are_parsed_beside_the_stored_book() {
        let user = |code: &str| RuleSource {
            name: "mine.toml".to_string(),
            text: format!(
                "[[rule]]\ncode = \"{code}\"\nname = \"mine\"\nfamily = \"typo\"\nseverity = \"error\"\nsummary = \"s\"\nmessage = \"“{{found}}”\"\n[[rule.entry]]\nfound = \"按装\"\n[[rule.example]]\nbad = \"按装\"\n"
            ),
            builtin: false,
        };
        let mut sources = builtin_sources();
        let builtin = sources.len();
        sources.push(user("X1"));
        let book = RuleBook::load(sources).unwrap();
        assert!(book.from_stored);
        let mine = book.find("X1").unwrap();
        assert_eq!(mine.origin.file, builtin);
        assert_eq!(book.files.source(builtin), user("X1").text);
        assert_eq!(
            book.rules.len(),
            RuleBook::parse(builtin_sources()).unwrap().rules.len() + 1
        );

        let mut sources = builtin_sources();
        sources.push(user("DL101"));
        let Err(e) = RuleBook::load(sources) else {
            panic!("a built-in code defined again loads");
        };
        let shown = e.render(false);
        assert!(shown.contains("duplicate rule code `DL101`"), "{shown}");
        assert!(shown.contains("<built-in>/rules/typos.toml"), "{shown}");
    }

    #[test]
    fn a_stale_or_damaged_book_is_not_used() {
        let sources = builtin_sources();
        assert!(load(STORED, &sources).is_some());
        // Another text, another name, one file fewer.
        let mut edited = builtin_sources();
        edited[0].text.push('\n');
        assert!(load(STORED, &edited).is_none());
        let mut renamed = builtin_sources();
        renamed[1].name.push('x');
        assert!(load(STORED, &renamed).is_none());
        assert!(load(STORED, &sources[1..]).is_none());
        // A changed byte, a cut, nothing, another version.
        let mut damaged = STORED.to_vec();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert!(load(damaged.leak(), &sources).is_none());
        assert!(load(&STORED[..STORED.len() / 2], &sources).is_none());
        assert!(load(&[], &sources).is_none());
        let mut other = STORED.to_vec();
        other[7] = b'9';
        assert!(load(other.leak(), &sources).is_none());
        // Parsing then gives the same rules.
        let mut edited_back = edited;
        edited_back[0].text.pop();
        let book = RuleBook::load(edited_back).unwrap();
        assert!(book.from_stored);
    }
}
