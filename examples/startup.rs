//! Where start-up time goes: the built-in rule sets (read from the stored book, or parsed and
//! validated when it is out of date), then the automaton (loaded ready-made from `build.rs`'s
//! output, or built when the rule sets differ).
//! `cargo run --release --example startup [RUNS]`: each phase is timed RUNS times (default 21)
//! in this one process; the median and the fastest run are printed.
use doclint::engine::Engine;
use doclint::rules::{RuleBook, builtin_sources};
use std::time::{Duration, Instant};

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(21)
        .max(1);
    let mut times: [Vec<Duration>; 4] = Default::default();
    let mut summary = String::new();
    for _ in 0..runs {
        let t = Instant::now();
        let sources = builtin_sources();
        times[0].push(t.elapsed());
        let t = Instant::now();
        let book = RuleBook::load(sources).expect("built-in rules load");
        times[1].push(t.elapsed());
        let entries: usize = book.rules.iter().map(|r| r.entries.len()).sum();
        let read = if book.from_stored() {
            "read from the stored book"
        } else {
            "parsed"
        };
        let t = Instant::now();
        let engine = Engine::new(book).expect("automaton builds");
        times[2].push(t.elapsed());
        let t = Instant::now();
        let n = engine.check_text("").len();
        times[3].push(t.elapsed());
        let how = if engine.automaton_was_loaded() {
            "loaded"
        } else {
            "built"
        };
        summary =
            format!("{entries} entries {read}, automaton {how}, empty check gives {n} findings");
    }
    println!("{summary}; median (fastest) of {runs} runs:");
    let names = ["copy sources", "rules", "make automaton", "empty check"];
    let mut total = (Duration::ZERO, Duration::ZERO);
    for (name, t) in names.iter().zip(&mut times) {
        t.sort();
        let (median, fastest) = (t[t.len() / 2], t[0]);
        total = (total.0 + median, total.1 + fastest);
        println!(
            "  {name:<15} {:>8.2} ms ({:.2} ms)",
            ms(median),
            ms(fastest)
        );
    }
    println!(
        "  {:<15} {:>8.2} ms ({:.2} ms)",
        "sum",
        ms(total.0),
        ms(total.1)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
