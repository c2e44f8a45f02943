//! Where start-up time goes: parse + validate the built-in rule sets, then build the automaton.
//! `cargo run --release --example startup`
use doclint::engine::Engine;
use doclint::rules::{RuleBook, builtin_sources};
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let sources = builtin_sources();
    let t_sources = t.elapsed();
    let t = Instant::now();
    let book = RuleBook::load(sources).expect("built-in rules load");
    let t_load = t.elapsed();
    let entries: usize = book.rules.iter().map(|r| r.entries.len()).sum();
    let t = Instant::now();
    let engine = Engine::new(book).expect("automaton builds");
    let t_build = t.elapsed();
    let t = Instant::now();
    let n = engine.check_text("").len();
    println!(
        "{entries} entries: copy sources {t_sources:?}, parse+validate {t_load:?}, build automaton {t_build:?}, empty check {:?} ({n})",
        t.elapsed()
    );
}
