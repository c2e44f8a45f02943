//! What each regex entry of the built-in rule sets costs on a file, searched whole and through
//! its gate (src/rules/gate.rs), and what compiling it costs: `cargo run --release --example regex_cost -- FILE`.
use doclint::rules::{RuleBook, builtin_sources};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: regex_cost FILE");
    let text = std::fs::read_to_string(&path).expect("a UTF-8 text file");
    let book = RuleBook::load(builtin_sources()).expect("built-in rule sets load");
    let (mut compile_ms, mut whole_ms, mut gated_ms) = (0.0, 0.0, 0.0);
    println!("compile    whole    gated  stretches  matches  rule  pattern");
    for rule in &book.rules {
        for entry in rule.regexes.iter().filter(|e| e.valid.is_none()) {
            let t = Instant::now();
            let Some((regex, _)) = entry.regex() else {
                continue;
            };
            let c = t.elapsed().as_secs_f64() * 1e3;
            compile_ms += c;
            let t = Instant::now();
            let whole = regex.captures_iter(&text).count();
            let a = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let (stretches, gated) = match entry.windows(&text) {
                Some(windows) => {
                    let mut n = 0;
                    for w in &windows {
                        let mut at = w.start;
                        while let Some(m) = regex.find_at(&text[..w.end], at) {
                            n += 1;
                            at = m.end();
                        }
                    }
                    (windows.len().to_string(), n)
                }
                None => ("whole".to_string(), regex.captures_iter(&text).count()),
            };
            let b = t.elapsed().as_secs_f64() * 1e3;
            assert_eq!(whole, gated, "{}", entry.pattern);
            whole_ms += a;
            gated_ms += b;
            let short: String = entry.pattern.chars().take(40).collect();
            println!(
                "{c:7.1} {a:7.1} {b:8.1} {stretches:>10} {whole:8}  {}  {short}",
                rule.code()
            );
        }
    }
    println!(
        "total: {compile_ms:.1} ms compiling, {whole_ms:.1} ms searched whole, {gated_ms:.1} ms through the gates"
    );
    // What the engine does with a long text's whole-text entries: one pass of all of them
    // together first, then only those that match somewhere run alone.
    let whole: Vec<&str> = book
        .rules
        .iter()
        .flat_map(|r| &r.regexes)
        .filter(|e| e.valid.is_none() && e.windows(&text).is_none())
        .map(|e| e.pattern.as_str())
        .collect();
    if let Ok(set) = regex::RegexSet::new(&whole) {
        let t = Instant::now();
        let hits = set.matches(&text);
        println!(
            "one pass of the {} whole-text entries together: {:.1} ms, {} of them match",
            whole.len(),
            t.elapsed().as_secs_f64() * 1e3,
            hits.iter().count()
        );
    }
}
