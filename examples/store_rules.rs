//! Writes `data/builtin-rules.bin`, the built-in rule sets parsed and validated ahead of time
//! (see `src/rules/compiled.rs`): `cargo run --release --example store_rules` after editing
//! anything in `rules/` or the code that reads it. The test `stored_book_is_current` says when.
use doclint::rules::{RuleBook, builtin_sources, store_builtin};
use std::path::Path;

fn main() {
    let sources = builtin_sources();
    let book = match RuleBook::parse(sources.clone()) {
        Ok(book) => book,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let bytes = store_builtin(&sources, &book.rules).expect("the rules serialize");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/builtin-rules.bin");
    std::fs::write(&path, &bytes).expect("write data/builtin-rules.bin");
    println!(
        "{}: {} rules, {} bytes",
        path.display(),
        book.rules.len(),
        bytes.len()
    );
}
