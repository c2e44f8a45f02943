//! The command line: parse arguments, call the library, map the result to an exit code.

use crate::checks::Level;
use crate::config::{self, Config};
use crate::diagnostic::{Applicability, Severity, Tally};
use crate::engine::{Engine, EngineError, timing};
use crate::fix;
use crate::render::{self, FileReport};
use crate::rules::{ExampleKind, Rule, RuleSource, builtin_sources};
use crate::source::{self, Format as SourceFormat, Origin, SourceError, TextEncoding};
use crate::suppress;
use crate::walk::{self, Input};
use crate::year::{DocYear, YearSource};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Exit status: nothing at or above the failing severity.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above the failing severity.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage, I/O, config or rule-file error.
pub const EXIT_ERROR: u8 = 2;

/// How many rounds of fixes `--fix` applies at most (a fix may uncover or unblock another).
const FIX_ROUNDS: usize = 10;

#[derive(Parser, Debug)]
#[command(
    name = "doclint",
    version,
    about = "Proofreads Chinese official documents (公文): typos, usage, variant forms, cautioned words, template leftovers, dates, repetition, punctuation, numbering.",
    after_help = "Examples:\n  doclint 报告.txt\n  doclint 文件夹/\n  doclint --format json 报告.docx\n  doclint --fix 报告.txt\n  doclint --rules 我的规则.toml 报告.txt\n  doclint rules\n  doclint explain DL101",
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
    /// Show the settings that apply to a file or folder (doclint.toml, merged).
    Config {
        /// Print the merged settings.
        #[arg(long)]
        show: bool,
        /// The file or folder whose settings to show (default: the current folder).
        path: Option<PathBuf>,
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
    /// Use this configuration file for every input instead of looking for doclint.toml.
    #[arg(long, value_name = "PATH", global = true, conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore every doclint.toml.
    #[arg(long, global = true)]
    no_config: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", global = true)]
    color: ColorWhen,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Files or folders to check; `-` reads standard input.
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
    /// The year the documents speak for; else the configuration, the file name or the title.
    #[arg(long, value_parser = clap::value_parser!(i32).range(1949..=2099))]
    year: Option<i32>,
    /// Print the document year of each file and where it came from, then exit.
    #[arg(long)]
    explain_year: bool,
    /// Human output shows at most N findings of one rule per file (0: all).
    #[arg(long, value_name = "N", default_value_t = 10)]
    max_per_rule: usize,
    /// Apply the certain fixes, write the files back, and report what is left.
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, apply suggested fixes too.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change; write nothing.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Read text files in this encoding (utf-8, utf-16le, utf-16be, gb18030/gbk).
    #[arg(long, value_name = "ENCODING", value_parser = parse_encoding)]
    encoding: Option<TextEncoding>,
    /// Which files to check in folders (repeatable; `!` excludes); default *.txt, *.md, *.docx.
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// The file name standard input stands for (its format, year and messages).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Check files on this many threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// A careful final pass: suspect characters are reported at the recall-first operating
    /// point (DL111 instead of DL110).
    #[arg(long)]
    thorough: bool,
    /// Print how many findings each rule gave (count, code, name) instead of the findings;
    /// with `--format json`, as a JSON list.
    #[arg(long)]
    statistics: bool,
    /// After the run, print to standard error how long each rule and stage took (summed over
    /// files and threads), the longest first.
    #[arg(long)]
    timings: bool,
}

fn parse_encoding(label: &str) -> Result<TextEncoding, String> {
    TextEncoding::from_label(label).ok_or_else(|| {
        format!("unknown encoding `{label}`; use utf-8, utf-16le, utf-16be or gb18030")
    })
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

/// A fatal problem: printed on stderr, exit status 2, nothing on stdout.
struct Fatal(String);

fn run(cli: Cli) -> u8 {
    let result = match &cli.command {
        Some(Command::Rules { format }) => {
            Engines::new(&cli.rules).and_then(|mut e| e.get(&[]).map(|e| list_rules(&e, *format)))
        }
        Some(Command::Explain { rule }) => {
            Engines::new(&cli.rules).and_then(|mut e| e.get(&[]).map(|e| explain(&e, rule)))
        }
        Some(Command::Config { show: _, path }) => show_config(&cli.rules, path.as_deref()),
        None => check(&cli.rules, &cli.check),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprint!("{message}");
            EXIT_ERROR
        }
    }
}

/// Rule engines, one per distinct set of extra rule files (from `--rules` and configs).
struct Engines {
    args: RuleArgs,
    color: bool,
    built: HashMap<Vec<PathBuf>, Arc<Engine>>,
}

impl Engines {
    fn new(args: &RuleArgs) -> Result<Engines, Fatal> {
        Ok(Engines {
            args: args.clone(),
            color: args.color.enabled(std::io::stderr().is_terminal()),
            built: HashMap::new(),
        })
    }

    /// The engine with the built-in sets (unless switched off), `--rules`, and `extra`.
    fn get(&mut self, extra: &[PathBuf]) -> Result<Arc<Engine>, Fatal> {
        if let Some(e) = self.built.get(extra) {
            return Ok(Arc::clone(e));
        }
        let mut sources = if self.args.no_default_rules {
            Vec::new()
        } else {
            builtin_sources()
        };
        for path in self.args.rules.iter().chain(extra) {
            sources.extend(RuleSource::read(path).map_err(|e| Fatal(format!("error: {e}\n")))?);
        }
        let engine = Engine::load(sources).map_err(|e| match e {
            EngineError::Rules(e) => Fatal(e.render(self.color)),
            EngineError::Automaton(e) => Fatal(format!("error: {e}\n")),
        })?;
        let engine = Arc::new(
            engine
                .verify_examples()
                .map_err(|e| Fatal(e.render(self.color)))?,
        );
        // An engine lives as long as the process: leaving it to the OS at exit saves freeing
        // tens of thousands of rule entries one by one (about a tenth of a start-up).
        std::mem::forget(Arc::clone(&engine));
        self.built.insert(extra.to_vec(), Arc::clone(&engine));
        Ok(engine)
    }
}

/// The settings and engine that apply to one folder.
struct Setting {
    config: Config,
    engine: Arc<Engine>,
}

/// Settings by config file, loaded once each.
struct Settings {
    by_file: HashMap<Option<PathBuf>, Arc<Setting>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    engines: Engines,
    fixed: Option<Option<PathBuf>>,
}

impl Settings {
    fn new(args: &RuleArgs) -> Result<Settings, Fatal> {
        let fixed = if args.no_config {
            Some(None)
        } else {
            args.config.clone().map(Some)
        };
        Ok(Settings {
            by_file: HashMap::new(),
            by_dir: HashMap::new(),
            engines: Engines::new(args)?,
            fixed,
        })
    }

    /// The setting for a file in `dir`.
    fn for_dir(&mut self, dir: &Path) -> Result<Arc<Setting>, Fatal> {
        let file = match &self.fixed {
            Some(f) => f.clone(),
            None => match self.by_dir.get(dir) {
                Some(f) => f.clone(),
                None => {
                    let f = config::discover(dir);
                    self.by_dir.insert(dir.to_path_buf(), f.clone());
                    f
                }
            },
        };
        if let Some(s) = self.by_file.get(&file) {
            return Ok(Arc::clone(s));
        }
        let color = self.engines.color;
        let mut config = match &file {
            Some(path) => Config::load(path).map_err(|e| Fatal(e.render(color)))?,
            None => Config::default(),
        };
        let engine = self.engines.get(&config.rules)?;
        config
            .validate(engine.rules())
            .map_err(|e| Fatal(e.render(color)))?;
        let setting = Arc::new(Setting { config, engine });
        self.by_file.insert(file, Arc::clone(&setting));
        Ok(setting)
    }
}

fn show_config(args: &RuleArgs, path: Option<&Path>) -> Result<u8, Fatal> {
    let path = path.unwrap_or(Path::new("."));
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let mut settings = Settings::new(args)?;
    let setting = settings.for_dir(&dir)?;
    write_stdout(&setting.config.show());
    Ok(EXIT_CLEAN)
}

/// One input after checking.
enum Outcome {
    Checked(Box<Checked>),
    Skipped { name: String, note: String },
    Failed { name: String, message: String },
}

impl Outcome {
    fn name(&self) -> &str {
        match self {
            Outcome::Checked(c) => &c.report.doc.path,
            Outcome::Skipped { name, .. } | Outcome::Failed { name, .. } => name,
        }
    }
}

struct Checked {
    report: FileReport,
    origin: Origin,
    format: SourceFormat,
    path: Option<PathBuf>,
    setting: Arc<Setting>,
    /// The text as read, before fixes (for --diff and --fix; empty without them, and so are
    /// the bytes of `origin`).
    before: String,
    /// Checked at the `--thorough` operating point.
    thorough: bool,
}

fn check(rule_args: &RuleArgs, args: &CheckArgs) -> Result<u8, Fatal> {
    if args.timings {
        timing::enable();
    }
    let status = check_threads(rule_args, args);
    if args.timings {
        eprint!("{}", timing::table(&timing::recorded()));
    }
    status
}

fn check_threads(rule_args: &RuleArgs, args: &CheckArgs) -> Result<u8, Fatal> {
    // `--threads` sets the pool of the whole run: loading the rule sets uses it too.
    match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| Fatal(format!("error: cannot start {n} threads: {e}\n")))?
            .install(|| check_in_pool(rule_args, args)),
        None => check_in_pool(rule_args, args),
    }
}

fn check_in_pool(rule_args: &RuleArgs, args: &CheckArgs) -> Result<u8, Fatal> {
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        return Err(Fatal(
            "error: --statistics works with --format human, concise or json\n".to_string(),
        ));
    }
    if args.paths.is_empty() {
        return Err(Fatal(
            "error: no input files\n\nUsage: doclint [OPTIONS] <PATH>...\nFor more information, try '--help'.\n"
                .to_string(),
        ));
    }
    let (inputs, walk_errors) =
        walk::collect(&args.paths, &args.glob, args.stdin_filename.as_deref());
    let mut failed = !walk_errors.is_empty();
    for e in &walk_errors {
        eprintln!("error: {}: {}", e.path, e.message);
    }
    // Settings are resolved up front (a broken config stops the run before any output).
    let mut settings = Settings::new(rule_args)?;
    let mut jobs: Vec<(Input, Arc<Setting>)> = Vec::with_capacity(inputs.len());
    let explicit: Vec<&Path> = args.paths.iter().map(PathBuf::as_path).collect();
    for input in inputs {
        let dir = match &input {
            Input::File { path, .. } => path.parent().map(Path::to_path_buf).unwrap_or_default(),
            Input::Stdin { name } => Path::new(name)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
        };
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let setting = settings.for_dir(&dir)?;
        if let Input::File { path, .. } = &input
            && !explicit.contains(&path.as_path())
            && setting.config.is_excluded(path)
        {
            continue;
        }
        jobs.push((input, setting));
    }
    let stdin = if jobs.iter().any(|(i, _)| matches!(i, Input::Stdin { .. })) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Fatal(format!("error: cannot read standard input: {e}\n")))?;
        Some(bytes)
    } else {
        None
    };

    let progress = Progress::new(
        jobs.len(),
        args.format == Format::Human && std::io::stderr().is_terminal(),
    );
    let outcomes: Vec<Outcome> = jobs
        .par_iter()
        .map(|(input, setting)| {
            let outcome = check_one(input, setting, stdin.as_deref(), args);
            progress.tick();
            outcome
        })
        .collect();
    progress.done();

    let mut outcomes = outcomes;
    outcomes.sort_by(|a, b| a.name().cmp(b.name()));
    let mut checked = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Checked(c) => checked.push(*c),
            Outcome::Skipped { name, note } => eprintln!("note: {name}: {note}"),
            Outcome::Failed { name, message } => {
                eprintln!("error: {name}: {message}");
                failed = true;
            }
        }
    }

    if args.explain_year {
        let mut text = String::new();
        for c in &checked {
            let doc = &c.report.doc;
            match &doc.year {
                Some(year) => text.push_str(&format!("{}: {year}\n", doc.path)),
                None => text.push_str(&format!(
                    "{}: no year (none given with --year or in doclint.toml, none in the file name or the title); the year checks stay silent\n",
                    doc.path
                )),
            }
        }
        write_stdout(&text);
        return Ok(if failed { EXIT_ERROR } else { EXIT_CLEAN });
    }

    if args.fix || args.diff {
        let accept = |a: Applicability| args.unsafe_fixes || a == Applicability::Certain;
        let mut diffs = String::new();
        let (mut fixed_files, mut fixed_count) = (0, 0);
        for c in &mut checked {
            if matches!(c.origin, Origin::Docx) {
                let n = fix::edits(&c.report.diagnostics, accept).len();
                if n > 0 && args.fix {
                    eprintln!(
                        "error: {}: --fix does not write .docx files; {n} fix{} not applied (make them in Word)",
                        c.report.doc.path,
                        if n == 1 { "" } else { "es" }
                    );
                    failed = true;
                }
                continue;
            }
            // What the file on disk still holds if the fixes cannot be written.
            let unfixed = args.fix.then(|| c.report.clone());
            let applied = fix_rounds(c, accept);
            if applied == 0 {
                continue;
            }
            let after = c.report.doc.shown().to_string();
            if args.diff {
                diffs.push_str(&unified_diff(&c.report.doc.path, &c.before, &after));
                fixed_files += 1;
                fixed_count += applied;
                continue;
            }
            match write_back(c, &after) {
                Ok(WriteBack::Written) => {
                    fixed_files += 1;
                    fixed_count += applied;
                }
                Ok(WriteBack::Stdout) => {
                    fixed_count += applied;
                    fixed_files += 1;
                }
                Err(message) => {
                    eprintln!("error: {}: {message}", c.report.doc.path);
                    failed = true;
                    if let Some(unfixed) = unfixed {
                        c.report = unfixed;
                    }
                }
            }
        }
        if args.diff {
            write_stdout(&diffs);
            eprintln!(
                "{fixed_count} fix{} would be applied in {fixed_files} file{}",
                if fixed_count == 1 { "" } else { "es" },
                if fixed_files == 1 { "" } else { "s" }
            );
            return Ok(if failed {
                EXIT_ERROR
            } else if fixed_count > 0 && !args.exit_zero {
                EXIT_FINDINGS
            } else {
                EXIT_CLEAN
            });
        }
        eprintln!(
            "fixed {fixed_count} problem{} in {fixed_files} file{}",
            if fixed_count == 1 { "" } else { "s" },
            if fixed_files == 1 { "" } else { "s" }
        );
        if checked.iter().any(|c| c.path.is_none()) {
            // stdin: the fixed text went to stdout; findings that are left set the status.
            return Ok(exit_status(failed, args, &checked));
        }
    }

    let status = exit_status(failed, args, &checked);
    // The reports are moved out, not copied: a big file's text is held once.
    let (reports, settings): (Vec<FileReport>, Vec<Arc<Setting>>) =
        checked.into_iter().map(|c| (c.report, c.setting)).unzip();
    let rules = settings_rules(&settings);
    let color = rule_args.color.enabled(std::io::stdout().is_terminal());
    let output = timing::timed("(output)", || render_output(args, &reports, &rules, color));
    write_stdout(&output);
    Ok(status)
}

/// The rules of the engines used, for renderers that list them (first engine wins per code).
fn settings_rules(settings: &[Arc<Setting>]) -> Vec<&Rule> {
    let mut seen = std::collections::HashSet::new();
    let mut rules = Vec::new();
    for setting in settings {
        for r in setting.engine.rules() {
            if seen.insert(r.code()) {
                rules.push(r);
            }
        }
    }
    rules
}

fn render_output(args: &CheckArgs, reports: &[FileReport], rules: &[&Rule], color: bool) -> String {
    match args.format {
        _ if args.statistics && args.format == Format::Json => {
            render::statistics::render_json(reports)
        }
        _ if args.statistics => render::statistics::render(reports),
        Format::Human => render::human::render(reports, color, args.max_per_rule),
        Format::Json => render::json::render(reports),
        Format::Jsonl => render::jsonl::render(reports),
        Format::Sarif => render::sarif::render(reports, rules),
        Format::Github => render::github::render(reports),
        Format::Concise => render::concise::render(reports),
        Format::Html => render::html::render(reports),
    }
}

fn exit_status(failed: bool, args: &CheckArgs, checked: &[Checked]) -> u8 {
    let mut tally = Tally::default();
    for c in checked {
        for d in &c.report.diagnostics {
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

/// Loads and checks one input.
fn check_one(
    input: &Input,
    setting: &Arc<Setting>,
    stdin: Option<&[u8]>,
    args: &CheckArgs,
) -> Outcome {
    let name = input.name().to_string();
    let (bytes, path) = match input {
        Input::File { path, .. } => match std::fs::read(path) {
            Ok(bytes) => (bytes, Some(path.clone())),
            Err(e) => {
                return Outcome::Failed {
                    name,
                    message: e.to_string(),
                };
            }
        },
        Input::Stdin { .. } => (stdin.unwrap_or_default().to_vec(), None),
    };
    let format = SourceFormat::of(&name);
    let loaded = match timing::timed("(reading)", || {
        source::load(&name, bytes, format, args.encoding)
    }) {
        Ok(loaded) => loaded,
        Err(e @ SourceError::Binary { .. }) => {
            return Outcome::Skipped {
                name,
                note: e.to_string(),
            };
        }
        Err(e) => {
            return Outcome::Failed {
                name,
                message: e.to_string(),
            };
        }
    };
    let given = args
        .year
        .map(|y| DocYear::given(y, YearSource::Flag))
        .or_else(|| {
            setting
                .config
                .year
                .map(|y| DocYear::given(y, YearSource::Config))
        });
    let doc = loaded.doc.with_year(given);
    // The bytes as read and the text before fixes serve only --fix and --diff; without them a
    // big file is held once, as its text.
    let rewrites = args.fix || args.diff;
    let before = if rewrites {
        doc.shown().to_string()
    } else {
        String::new()
    };
    let origin = match loaded.origin {
        Origin::Text { encoding, .. } if !rewrites => Origin::Text {
            encoding,
            bytes: None,
        },
        origin => origin,
    };
    let diagnostics = diagnose(
        &doc,
        setting,
        path.as_deref().unwrap_or(Path::new(&name)),
        args.thorough,
    );
    Outcome::Checked(Box::new(Checked {
        report: FileReport { doc, diagnostics },
        origin,
        format: loaded.format,
        path,
        setting: Arc::clone(setting),
        before,
        thorough: args.thorough,
    }))
}

/// The engine's findings, less what suppression comments and the configuration switch off.
fn diagnose(
    doc: &source::Document,
    setting: &Setting,
    path: &Path,
    thorough: bool,
) -> Vec<crate::diagnostic::Diagnostic> {
    let rules = setting.engine.rules();
    // A rule switched off for this file is not run at all; a rule of the thorough operating
    // point runs with --thorough, or when the configuration names it.
    let runs = |rule: &Rule, level: Level| {
        setting.config.enabled(rule, path)
            && (level.runs(thorough) || (level == Level::Thorough && setting.config.names(rule)))
    };
    let mut diagnostics = setting.engine.check_with(doc, &runs);
    timing::timed("(suppression comments and configuration)", || {
        suppress::apply(&suppress::parse(doc.shown()), rules, &mut diagnostics);
        setting.config.filter(doc, path, rules, &mut diagnostics);
    });
    diagnostics
}

/// Applies accepted fixes round after round (an overlapping fix waits for the next round) and
/// re-checks; returns how many fixes were applied. The report then holds what is left.
fn fix_rounds(c: &mut Checked, accept: impl Fn(Applicability) -> bool + Copy) -> usize {
    let mut applied = 0;
    for _ in 0..FIX_ROUNDS {
        let edits = fix::edits(&c.report.diagnostics, accept);
        if edits.is_empty() {
            break;
        }
        applied += edits.len();
        let text = fix::apply_edits(c.report.doc.shown(), &edits);
        let doc = source::from_text(&c.report.doc.path, text, c.format)
            .with_year(c.report.doc.year.clone());
        let path = c
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(&c.report.doc.path));
        c.report.diagnostics = diagnose(&doc, &c.setting, &path, c.thorough);
        c.report.doc = doc;
    }
    applied
}

enum WriteBack {
    Written,
    Stdout,
}

/// Writes the fixed text in the file's own encoding, BOM and line endings, atomically.
fn write_back(c: &Checked, after: &str) -> Result<WriteBack, String> {
    let Origin::Text { encoding, bytes } = &c.origin else {
        return Err("--fix does not write .docx files".to_string());
    };
    // Plain UTF-8 is held once, as the text.
    let bytes = bytes.as_deref().unwrap_or(c.before.as_bytes());
    let edits = fix::diff_edits(&c.before, after);
    let out = encoding
        .splice(bytes, &c.before, &edits, after)
        .ok_or_else(|| {
            format!(
                "the fixed text cannot be written back as {}; file left unchanged",
                encoding.name()
            )
        })?;
    match &c.path {
        Some(path) => fix::write_back(path, bytes, &out).map(|()| WriteBack::Written),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&out)
                .and_then(|()| stdout.flush())
                .map(|()| WriteBack::Stdout)
                .map_err(|e| e.to_string())
        }
    }
}

fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(1)
        .header(name, name)
        .to_string()
}

/// A progress line on stderr, only on a terminal and only for many files.
struct Progress {
    total: usize,
    done: AtomicUsize,
    shown: bool,
}

impl Progress {
    fn new(total: usize, terminal: bool) -> Progress {
        Progress {
            total,
            done: AtomicUsize::new(0),
            shown: terminal && total >= 20,
        }
    }

    fn tick(&self) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.shown && (n % 10 == 0 || n == self.total) {
            eprint!("\rchecking {n}/{} files", self.total);
        }
    }

    fn done(&self) {
        if self.shown {
            eprint!("\r\x1b[K");
        }
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
        eprintln!("error: no rule `{key}`; `doclint rules` lists them");
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
        // Examples of year-dependent rules only make sense with their file name or year.
        let context = match (&ex.path, ex.year) {
            (Some(path), _) => format!("  [file: {path}]"),
            (None, Some(year)) => format!("  [year: {year}]"),
            (None, None) => String::new(),
        };
        let one_line = |t: &str| t.replace('\n', " ⏎ ");
        match &ex.kind {
            ExampleKind::Bad { bad, good } => {
                s.push_str(&format!("  ✗ {}{context}\n", one_line(bad)));
                if let Some(good) = good {
                    s.push_str(&format!("  ✓ {}\n", one_line(good)));
                }
            }
            ExampleKind::Ok(ok) => {
                s.push_str(&format!("  ✓ {}  (no finding){context}\n", one_line(ok)))
            }
        }
    }
    if let Some(source) = &rule.source {
        s.push_str(&format!("\nSource: {}\n", source.trim_end()));
    }
    s
}
