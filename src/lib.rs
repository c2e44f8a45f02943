//! doclint: a proofreading linter for Chinese official documents (公文).
//!
//! The pipeline runs one way: [`source`] reads a file into a [`source::Document`];
//! [`rules`] loads TOML rule sets into a [`rules::RuleBook`]; the [`engine::Engine`] runs
//! one automaton pass plus regex entries and returns [`diagnostic::Diagnostic`]s;
//! [`render`] prints them and [`fix`] applies their fixes. [`cli`] wires it to the command line.
//!
//! ```
//! use doclint::{engine::Engine, rules::RuleBook};
//! let engine = Engine::new(RuleBook::builtin().unwrap()).unwrap();
//! let found = engine.check_text("我们将再接再励，一如继往地做好工作。");
//! assert!(found.iter().any(|d| d.code() == "DL102" || d.code() == "DL101"));
//! ```

pub mod checks;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod fix;
pub mod render;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod walk;
pub mod year;
