//! The performance report of `docs/performance.md`, in one run:
//!
//! ```text
//! cargo bench --bench report                 # the full table (1, 10, 100 MB; 10,000 files)
//! cargo bench --bench report -- --quick      # 1 and 10 MB, 2,000 files: a quick look
//! ```
//!
//! It generates a corpus under `target/bench-corpus/` from the fixtures and, when it is there,
//! `../shared/data/corpus/gov-docs.txt` (clean official documents; a fixture with planted errors
//! is mixed in every few documents so that the check has something to report), then measures:
//! (a) the limit, a bare leftmost-longest pass of the engine's own automaton with the full default
//! pattern set, counting matches; (b) the full default check by the release `doclint` binary,
//! output to /dev/null; (c) b/a; (d) start-up; (e) peak memory on the biggest file; (f) many
//! small files with 1 and 2 threads; (g) MB/s at every size; and a single 50 MB line.
//! It also measures the automaton crates on the same pattern set, for the choice in
//! `src/engine/matcher.rs`. Nothing here asserts a speed: it prints.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use daachorse::{CharwiseDoubleArrayAhoCorasickBuilder, MatchKind as DaaKind};
use doclint::engine::Engine;
use doclint::rules::{RuleBook, builtin_sources};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MB: usize = 1_000_000;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_doclint"));
    let dir = root.join("target/bench-corpus");
    fs::create_dir_all(&dir).expect("create target/bench-corpus");

    let docs = corpus_documents(root);
    let sizes: &[usize] = if quick { &[1, 10] } else { &[1, 10, 100] };
    let files = if quick { 2_000 } else { 10_000 };

    println!("# doclint performance report");
    println!();
    println!("machine: {}", machine());
    println!("binary: {}", bin.display());
    println!(
        "corpus: {} documents ({} from gov-docs), repeated to size\n",
        docs.len(),
        docs.iter().filter(|d| d.1).count()
    );

    // The engine as the binary builds it: every built-in rule set.
    let t = Instant::now();
    let book = RuleBook::load(builtin_sources()).expect("built-in rule sets load");
    let t_load = t.elapsed();
    let t = Instant::now();
    let engine = Engine::new(book).expect("automaton builds");
    let t_build = t.elapsed();
    let patterns: Vec<String> = engine
        .literal_patterns()
        .into_iter()
        .map(str::to_string)
        .collect();
    println!(
        "in-process: load rule sets {}, build automaton {} ({} patterns)\n",
        ms(t_load),
        ms(t_build),
        patterns.len()
    );

    // (d) start-up.
    let empty = dir.join("empty.txt");
    fs::write(&empty, "").unwrap();
    let small = dir.join("small.txt");
    fs::write(&small, sized(&docs, 3_000)).unwrap();
    let startup_empty = median_run(&bin, &[empty.as_os_str()], 21);
    let startup_small = median_run(&bin, &[small.as_os_str()], 21);

    // (a), (b), (c), (g) at every size.
    println!("| size | bare automaton (a) | full check (b) | b/a (c) | matches | peak memory |");
    println!("|---|---|---|---|---|---|");
    let mut rates = Vec::new();
    for &n in sizes {
        let text = sized(&docs, n * MB);
        let path = dir.join(format!("{n}MB.txt"));
        fs::write(&path, &text).unwrap();
        let runs = if n >= 100 { 1 } else { 3 };
        let (bare, matches) = best_of(runs, || engine.count_literal_matches(&text));
        let (full, rss) = timed_child(&bin, &[path.as_os_str()], runs);
        let a = rate(text.len(), bare);
        let b = rate(text.len(), full);
        rates.push((n, b));
        println!(
            "| {n} MB | {a:.0} MB/s | {b:.1} MB/s | {:.2} | {matches} | {} ({:.2}× input) |",
            b / a,
            human_bytes(rss),
            rss as f64 / text.len() as f64
        );
    }
    println!();
    let (first, last) = (rates[0].1, rates[rates.len() - 1].1);
    // The smallest file also pays the fixed cost of a run (start-up and first use of the
    // rule data, tens of milliseconds), so the second largest shows growth per MB alone.
    let second = rates[rates.len().saturating_sub(2)];
    println!(
        "(g) throughput per MB, largest vs smallest file: {:+.1}%; largest vs {} MB: {:+.1}%",
        (last / first - 1.0) * 100.0,
        second.0,
        (last / second.1 - 1.0) * 100.0
    );

    // One 50 MB line (quick: 5 MB): nothing may be quadratic in the line length.
    let line_mb = if quick { 5 } else { 50 };
    let line: String = sized(&docs, line_mb * MB)
        .chars()
        .filter(|&c| c != '\n')
        .collect();
    let line_path = dir.join(format!("line-{line_mb}MB.txt"));
    fs::write(&line_path, &line).unwrap();
    let (t_line, rss_line) = timed_child(&bin, &[line_path.as_os_str()], 1);
    println!(
        "one {line_mb} MB line: {:.1} MB/s, peak memory {}",
        rate(line.len(), t_line),
        human_bytes(rss_line)
    );

    // (d)
    println!(
        "(d) start-up (median of 21 runs): empty file {}, one 3 KB document {}",
        ms(startup_empty),
        ms(startup_small)
    );

    // (f) many small files.
    let folder = dir.join(format!("files-{files}"));
    if !folder.join(format!("{:05}.txt", files - 1)).exists() {
        let _ = fs::remove_dir_all(&folder);
        fs::create_dir_all(&folder).unwrap();
        let text = sized(&docs, files * 3_000 + 3_000);
        let mut chunks = chunk(&text, 3_000);
        for i in 0..files {
            fs::write(
                folder.join(format!("{i:05}.txt")),
                chunks.next().unwrap_or(""),
            )
            .unwrap();
        }
    }
    let one = best_of(3, || {
        run(
            &bin,
            &[folder.as_os_str(), "--threads".as_ref(), "1".as_ref()],
        )
    })
    .0;
    let two = best_of(3, || {
        run(
            &bin,
            &[folder.as_os_str(), "--threads".as_ref(), "2".as_ref()],
        )
    })
    .0;
    println!(
        "(f) {files} files of 3 KB: 1 thread {}, 2 threads {}, speed-up {:.2}×",
        ms(one),
        ms(two),
        one.as_secs_f64() / two.as_secs_f64()
    );

    // The automaton crates on the same pattern set and the 10 MB text.
    println!();
    automata(&patterns, &sized(&docs, 10 * MB));
}

/// Documents of the benchmark corpus: (text, from gov-docs).
fn corpus_documents(root: &Path) -> Vec<(String, bool)> {
    let mut fixtures = Vec::new();
    for entry in fs::read_dir(root.join("fixtures")).expect("fixtures/") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") {
            fixtures.push(fs::read_to_string(&path).unwrap());
        }
    }
    fixtures.sort();
    let gov = root.join("../shared/data/corpus/gov-docs.txt");
    let Ok(gov) = fs::read_to_string(&gov) else {
        eprintln!(
            "note: {} is missing; the corpus is the fixtures alone",
            gov.display()
        );
        return fixtures.into_iter().map(|t| (t, false)).collect();
    };
    let mut docs = Vec::new();
    for (i, doc) in gov.split("\n### ").enumerate() {
        let doc = doc.trim_start_matches("### ");
        docs.push((format!("{doc}\n"), true));
        // A fixture with planted errors every 20 documents.
        if i % 20 == 0 {
            docs.push((fixtures[(i / 20) % fixtures.len()].clone(), false));
        }
    }
    docs
}

/// Documents repeated in order until the text is `bytes` long (cut at a line end).
fn sized(docs: &[(String, bool)], bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 10_000);
    'fill: loop {
        for (doc, _) in docs {
            if out.len() + doc.len() > bytes {
                for line in doc.split_inclusive('\n') {
                    if out.len() + line.len() > bytes {
                        break 'fill;
                    }
                    out.push_str(line);
                }
                break 'fill;
            }
            out.push_str(doc);
        }
    }
    out
}

/// Pieces of about `size` bytes, cut at line ends.
fn chunk(text: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = size.min(rest.len());
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        if let Some(nl) = rest[end..].find('\n') {
            end += nl + 1;
        } else {
            end = rest.len();
        }
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

/// doclint on `args`, its findings not counted as a failure, its output dropped.
fn doclint(bin: &Path, args: &[&std::ffi::OsStr]) -> Command {
    let mut command = Command::new(bin);
    command
        .args(args)
        .arg("--exit-zero")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn run(bin: &Path, args: &[&std::ffi::OsStr]) {
    let status = doclint(bin, args).status().expect("run doclint");
    assert!(status.success(), "doclint failed: {status}");
}

fn median_run(bin: &Path, args: &[&std::ffi::OsStr], n: usize) -> Duration {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            run(bin, args);
            t.elapsed()
        })
        .collect();
    times.sort();
    times[n / 2]
}

/// The best wall time of `runs` runs of doclint, and the largest peak resident memory of them.
fn timed_child(bin: &Path, args: &[&std::ffi::OsStr], runs: usize) -> (Duration, u64) {
    let mut peak = 0;
    let (t, ()) = best_of(runs, || peak = peak.max(run_peak(bin, args)));
    (t, peak)
}

/// Runs doclint once and returns the largest resident set of that child alone: its VmHWM,
/// read from /proc every millisecond until it exits (the high-water mark of its own memory
/// after exec; getrusage and wait4 would also count the bench process's memory, which the
/// child inherits until its exec).
fn run_peak(bin: &Path, args: &[&std::ffi::OsStr]) -> u64 {
    let mut child = doclint(bin, args).spawn().expect("run doclint");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = fs::read_to_string(&status_file)
            && let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kb * 1024);
        }
        if let Some(status) = child.try_wait().expect("wait for doclint") {
            assert!(status.success(), "doclint failed: {status}");
            return peak;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut value = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        value = Some(v);
    }
    (best, value.expect("at least one run"))
}

fn automata(patterns: &[String], text: &str) {
    println!(
        "automaton crates, {} patterns, leftmost-longest over {} MB (build time, MB/s, matches):",
        patterns.len(),
        text.len() / MB
    );
    println!("| automaton | build | search | matches |");
    println!("|---|---|---|---|");
    let mut reference = None;
    for (name, kind) in [
        (
            "aho-corasick noncontiguous NFA",
            Some(AhoCorasickKind::NoncontiguousNFA),
        ),
        (
            "aho-corasick contiguous NFA",
            Some(AhoCorasickKind::ContiguousNFA),
        ),
        ("aho-corasick DFA", Some(AhoCorasickKind::DFA)),
        ("daachorse charwise", None),
    ] {
        let (build, found): (Duration, Vec<(usize, usize, usize)>);
        let search: Duration;
        match kind {
            Some(kind) => {
                let t = Instant::now();
                let ac = AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(kind))
                    .build(patterns)
                    .expect("aho-corasick builds");
                build = t.elapsed();
                let (s, f) = best_of(3, || {
                    ac.find_iter(text)
                        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                        .collect::<Vec<_>>()
                });
                search = s;
                found = f;
            }
            None => {
                let t = Instant::now();
                let daa = CharwiseDoubleArrayAhoCorasickBuilder::new()
                    .match_kind(DaaKind::LeftmostLongest)
                    .build::<_, _, u32>(patterns)
                    .expect("daachorse builds");
                build = t.elapsed();
                let (s, f) = best_of(3, || {
                    daa.leftmost_find_iter(text)
                        .map(|m| (m.start(), m.end(), m.value() as usize))
                        .collect::<Vec<_>>()
                });
                search = s;
                found = f;
            }
        }
        let same = match &reference {
            None => {
                reference = Some(found.clone());
                "reference".to_string()
            }
            Some(r) if *r == found => "identical".to_string(),
            Some(_) => "DIFFERENT".to_string(),
        };
        println!(
            "| {name} | {} | {:.0} MB/s | {} ({same}) |",
            ms(build),
            rate(text.len(), search),
            found.len()
        );
    }
}

fn rate(bytes: usize, t: Duration) -> f64 {
    bytes as f64 / MB as f64 / t.as_secs_f64()
}

fn ms(t: Duration) -> String {
    format!("{:.1} ms", t.as_secs_f64() * 1000.0)
}

fn human_bytes(n: u64) -> String {
    format!("{:.0} MB", n as f64 / MB as f64)
}

fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    format!("{cpu}, {cores} cores")
}
