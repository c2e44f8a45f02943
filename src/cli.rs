//! The command line: parse arguments, call the library, map the result to an exit code.

use crate::diagnostic::{Severity, Tally};
use crate::engine::Engine;
use crate::render::{self, FileReport};
use crate::rules::{ExampleKind, Rule, RuleBook, RuleSource, builtin_sources};
use crate::source;
use crate::year::{DocYear, YearSource};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status: nothing at or above the failing severity.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above the failing severity.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage, I/O, config or rule-file error.
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "doclint",
    version,
    about = "Proofreads Chinese official documents (公文): typos, usage, variant forms, cautioned words.",
    after_help = "Examples:\n  doclint 报告.txt\n  doclint --format json 报告.txt\n  doclint --rules 我的规则.toml 报告.txt\n  doclint rules\n  doclint explain DL101",
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List every rule: code, name, family, severity, number of entries, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Explain a rule: what it checks, why, and its examples.
    Explain {
        /// A rule code (DL101) or name (typo).
        rule: String,
    },
}

#[derive(Args, Debug, Clone, Default)]
struct RuleArgs {
    /// Add a rule set (a TOML file, or a folder of them); repeatable.
    #[arg(long = "rules", value_name = "FILE|DIR", global = true)]
    rules: Vec<PathBuf>,
    /// Do not load the built-in rule sets.
    #[arg(long, global = true)]
    no_default_rules: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", global = true)]
    color: ColorWhen,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Files to check.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning, value_name = "SEVERITY")]
    fail_on: FailOn,
    /// Exit 0 even when there are findings (errors reading files or rules still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// The year the documents speak for; else it is read from the file name or the title.
    #[arg(long, value_parser = clap::value_parser!(i32).range(1949..=2099))]
    year: Option<i32>,
    /// Print the document year of each file and where it came from, then exit.
    #[arg(long)]
    explain_year: bool,
    /// Human output shows at most N findings of one rule per file (0: all).
    #[arg(long, value_name = "N", default_value_t = 10)]
    max_per_rule: usize,
    /// Print how many findings each rule gave (count, code, name) instead of the findings;
    /// with `--format json`, as a JSON list.
    #[arg(long)]
    statistics: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// rustc-style excerpts with carets (the default).
    Human,
    /// One JSON object: the contract editors rely on.
    Json,
    /// One JSON object per diagnostic, one per line.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// `path:line:col: CODE message`, one per line.
    Concise,
    /// One self-contained HTML page with the text and its findings highlighted.
    Html,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum ListFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
enum ColorWhen {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

impl ColorWhen {
    fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

/// Runs doclint with the process arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    ExitCode::from(run(cli))
}

fn run(cli: Cli) -> u8 {
    match cli.command {
        Some(Command::Rules { format }) => with_engine(&cli.rules, |e| list_rules(e, format)),
        Some(Command::Explain { rule }) => with_engine(&cli.rules, |e| explain(e, &rule)),
        None => with_engine(&cli.rules, |e| check(e, &cli.check, cli.rules.color)),
    }
}

/// Loads the rule sets, reporting a broken one like a compiler error (exit 2).
fn with_engine(args: &RuleArgs, then: impl FnOnce(&Engine) -> u8) -> u8 {
    match load_engine(args) {
        Ok(engine) => then(&engine),
        Err(message) => {
            eprint!("{message}");
            EXIT_ERROR
        }
    }
}

fn load_engine(args: &RuleArgs) -> Result<Engine, String> {
    let color = args.color.enabled(std::io::stderr().is_terminal());
    let mut sources = if args.no_default_rules {
        Vec::new()
    } else {
        builtin_sources()
    };
    for path in &args.rules {
        sources.extend(RuleSource::read(path).map_err(|e| format!("error: {e}\n"))?);
    }
    let book = RuleBook::load(sources).map_err(|e| e.render(color))?;
    let engine = Engine::new(book).map_err(|e| format!("error: {e}\n"))?;
    engine.verify_examples().map_err(|e| e.render(color))
}

fn check(engine: &Engine, args: &CheckArgs, color: ColorWhen) -> u8 {
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        eprintln!("error: --statistics works with --format human, concise or json");
        return EXIT_ERROR;
    }
    if args.paths.is_empty() {
        eprintln!(
            "error: no input files\n\nUsage: doclint [OPTIONS] <PATH>...\nFor more information, try '--help'."
        );
        return EXIT_ERROR;
    }
    let mut reports = Vec::new();
    let mut failed = false;
    for path in &args.paths {
        if path.is_dir() {
            eprintln!(
                "error: {}: is a folder; pass the files inside it",
                path.display()
            );
            failed = true;
            continue;
        }
        let name = path.display().to_string();
        match source::load_path(path, &name, None) {
            Ok(loaded) => {
                let doc = loaded
                    .doc
                    .with_year(args.year.map(|y| DocYear::given(y, YearSource::Flag)));
                let diagnostics = engine.check(&doc);
                reports.push(FileReport { doc, diagnostics });
            }
            Err(source::SourceError::Binary) => eprintln!("note: {name}: binary file skipped"),
            Err(e) => {
                eprintln!("error: {name}: {e}");
                failed = true;
            }
        }
    }
    reports.sort_by(|a, b| a.doc.path.cmp(&b.doc.path));
    if args.explain_year {
        let mut text = String::new();
        for r in &reports {
            match &r.doc.year {
                Some(year) => text.push_str(&format!("{}: {year}\n", r.doc.path)),
                None => text.push_str(&format!(
                    "{}: no year (none given with --year, none in the file name or the title); the year checks stay silent\n",
                    r.doc.path
                )),
            }
        }
        write_stdout(&text);
        return if failed { EXIT_ERROR } else { EXIT_CLEAN };
    }
    let output = match args.format {
        _ if args.statistics && args.format == Format::Json => {
            render::statistics::render_json(&reports)
        }
        _ if args.statistics => render::statistics::render(&reports),
        Format::Human => render::human::render(
            &reports,
            color.enabled(std::io::stdout().is_terminal()),
            args.max_per_rule,
        ),
        Format::Json => render::json::render(&reports),
        Format::Jsonl => render::jsonl::render(&reports),
        Format::Sarif => render::sarif::render(&reports, engine.rules()),
        Format::Github => render::github::render(&reports),
        Format::Concise => render::concise::render(&reports),
        Format::Html => render::html::render(&reports),
    };
    write_stdout(&output);
    let mut tally = Tally::default();
    for r in &reports {
        for d in &r.diagnostics {
            tally.add(d.severity);
        }
    }
    if failed {
        EXIT_ERROR
    } else if !args.exit_zero && tally.at_least(args.fail_on.severity()) > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Writes all output at once; a closed pipe (`doclint … | head`) is not an error.
fn write_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

fn entry_count(rule: &Rule) -> usize {
    rule.entries.len() + rule.regexes.len()
}

fn list_rules(engine: &Engine, format: ListFormat) -> u8 {
    let rules = engine.rules();
    let text = match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code(),
                        "name": r.name(),
                        "family": r.family,
                        "severity": r.severity.as_str(),
                        "entries": entry_count(r),
                        "summary": r.summary,
                        "builtin": r.builtin,
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&list).expect("plain data serialises");
            s.push('\n');
            s
        }
        ListFormat::Human => {
            let width = |f: fn(&Rule) -> usize, title: &str| {
                rules.iter().map(f).max().unwrap_or(0).max(title.len())
            };
            let wc = width(|r| r.code().len(), "code");
            let wn = width(|r| r.name().len(), "name");
            let wf = width(|r| r.family.len(), "family");
            let mut s = format!(
                "{:wc$}  {:wn$}  {:wf$}  {:8}  {:>7}  summary\n",
                "code", "name", "family", "severity", "entries"
            );
            for r in rules {
                s.push_str(&format!(
                    "{:wc$}  {:wn$}  {:wf$}  {:8}  {:>7}  {}\n",
                    r.code(),
                    r.name(),
                    r.family,
                    r.severity.as_str(),
                    entry_count(r),
                    r.summary
                ));
            }
            let total: usize = rules.iter().map(entry_count).sum();
            s.push_str(&format!("{} rules, {total} entries\n", rules.len()));
            s
        }
    };
    write_stdout(&text);
    EXIT_CLEAN
}

fn explain(engine: &Engine, key: &str) -> u8 {
    let Some(rule) = engine.rule(key) else {
        let known: Vec<&str> = engine.rules().iter().map(|r| r.code()).collect();
        eprintln!(
            "error: no rule `{key}`; `doclint rules` lists them (codes: {})",
            known.join(", ")
        );
        return EXIT_ERROR;
    };
    write_stdout(&explain_text(rule));
    EXIT_CLEAN
}

/// What `doclint explain` prints, from the rule's own TOML.
pub fn explain_text(rule: &Rule) -> String {
    let mut s = format!("{} {} — {}\n", rule.code(), rule.name(), rule.summary);
    s.push_str(&format!(
        "family: {} · severity: {} · entries: {}\n",
        rule.family,
        rule.severity,
        entry_count(rule)
    ));
    if let Some(explain) = &rule.explain {
        s.push('\n');
        s.push_str(explain.trim_end());
        s.push('\n');
    }
    s.push_str("\nExamples:\n");
    for ex in &rule.examples {
        match &ex.kind {
            ExampleKind::Bad { bad, good } => {
                s.push_str(&format!("  ✗ {bad}\n"));
                if let Some(good) = good {
                    s.push_str(&format!("  ✓ {good}\n"));
                }
            }
            ExampleKind::Ok(ok) => s.push_str(&format!("  ✓ {ok}  (no finding)\n")),
        }
    }
    if let Some(source) = &rule.source {
        s.push_str(&format!("\nSource: {}\n", source.trim_end()));
    }
    s
}
