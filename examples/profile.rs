//! Where check time goes, rule by rule: `cargo run --release --example profile -- FILE`.
//! Each rule is run alone on the file (its own automaton for literal rules), so the figures
//! show what every rule costs; the full check is timed first.
use doclint::engine::Engine;
use doclint::rules::{RuleBook, builtin_sources};
use doclint::source::Document;
use std::time::{Duration, Instant};

fn main() {
    let path = std::env::args().nth(1).expect("usage: profile FILE");
    let text = std::fs::read_to_string(&path).expect("a UTF-8 text file");
    let book = RuleBook::load(builtin_sources()).expect("built-in rule sets load");
    let doc = Document::new(&path, &text);
    let rules = book.rules.len();
    let engine = Engine::new(book).expect("automaton builds");
    let t = Instant::now();
    let n = engine.check(&doc).len();
    let total = t.elapsed();
    let mb = text.len() as f64 / 1e6;
    println!(
        "full check: {total:?} ({:.1} MB/s), {n} findings",
        mb / total.as_secs_f64()
    );
    let mut rows: Vec<(Duration, String, usize)> = Vec::new();
    for i in 0..rules {
        let mut one = RuleBook::load(builtin_sources()).expect("built-in rule sets load");
        let rule = one.rules.swap_remove(i);
        one.rules = vec![rule];
        let code = one.rules[0].code().to_string();
        let engine = Engine::new(one).expect("automaton builds");
        let t = Instant::now();
        let n = engine.check(&doc).len();
        rows.push((t.elapsed(), code, n));
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    for (t, code, n) in rows.iter().take(80) {
        println!(
            "{code:6} {:8.1} ms {:5.1}%  {n} findings",
            t.as_secs_f64() * 1e3,
            100.0 * t.as_secs_f64() / total.as_secs_f64()
        );
    }
}
