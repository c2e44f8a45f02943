use doclint::rules::{RuleBook, builtin_sources};
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let book = RuleBook::load(builtin_sources()).unwrap();
    let mut rows = vec![];
    for rule in &book.rules {
        for e in &rule.regexes {
            if e.valid.is_some() {
                continue;
            }
            let Some((re, _)) = e.regex() else { continue };
            let t = Instant::now();
            let n = re.captures_iter(&text).count();
            let full = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let w = e.windows(&text);
            let nw = w.as_ref().map(|w| w.len());
            let cov: usize = w.as_ref().map_or(0, |w| w.iter().map(|r| r.len()).sum());
            let mut m = 0;
            if let Some(w) = &w {
                for r in w {
                    let hay = &text[..r.end];
                    let mut at = r.start;
                    while let Some(c) = re.captures_at(hay, at) {
                        let x = c.get(0).unwrap();
                        if x.is_empty() {
                            break;
                        }
                        at = x.end();
                        m += 1;
                    }
                }
            }
            println!(
                "{:6.1} -> {:6.1} ms {:?} windows cover {} matches {} vs {} {}",
                full,
                t.elapsed().as_secs_f64() * 1e3,
                nw,
                cov,
                m,
                n,
                rule.code()
            );
            rows.push((
                full,
                rule.code().to_string(),
                n,
                e.pattern.chars().take(60).collect::<String>(),
            ));
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = rows.iter().map(|r| r.0).sum();
    println!("total {total:.1} ms over {} regexes", rows.len());
    for r in rows.iter().take(15) {
        println!("{:7.1} ms {} {:5} {}", r.0, r.1, r.2, r.3);
    }
}
