//! `--timings`: how long each rule took, summed over the files (and threads) of a run, so that
//! a rule-set author sees what a rule costs. Off, it costs one relaxed load per rule and file.

use crate::diagnostic::RuleId;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static ON: AtomicBool = AtomicBool::new(false);

/// Time spent, by what spent it (a rule code, or a stage in parentheses).
static SPENT: Mutex<Vec<(String, Duration)>> = Mutex::new(Vec::new());

/// Starts recording (for the rest of the process).
pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

/// Runs `work`, adding its time to `what` when recording.
pub fn timed<T>(what: &str, work: impl FnOnce() -> T) -> T {
    timed_as(|| what.to_string(), work)
}

/// Runs the work of rule `id`, adding its time to the rule when recording.
pub fn timed_rule<T>(id: &RuleId, work: impl FnOnce() -> T) -> T {
    timed_as(|| format!("{} {}", id.code, id.name), work)
}

fn timed_as<T>(what: impl FnOnce() -> String, work: impl FnOnce() -> T) -> T {
    if !ON.load(Ordering::Relaxed) {
        return work();
    }
    let start = Instant::now();
    let result = work();
    add(what(), start.elapsed());
    result
}

fn add(what: String, spent: Duration) {
    let mut all = SPENT.lock().unwrap_or_else(|e| e.into_inner());
    match all.iter_mut().find(|(w, _)| *w == what) {
        Some((_, total)) => *total += spent,
        None => all.push((what, spent)),
    }
}

/// What was recorded, the longest first (ties by name).
pub fn recorded() -> Vec<(String, Duration)> {
    let mut all = SPENT.lock().unwrap_or_else(|e| e.into_inner()).clone();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all
}

/// The table `--timings` prints: each line a time, its share of the total and what spent it.
pub fn table(recorded: &[(String, Duration)]) -> String {
    let total: Duration = recorded.iter().map(|r| r.1).sum();
    let mut out = String::from("      time   share  what\n");
    for (what, spent) in recorded {
        let share = if total.is_zero() {
            0.0
        } else {
            100.0 * spent.as_secs_f64() / total.as_secs_f64()
        };
        out.push_str(&format!(
            "{:>7.1} ms  {share:>5.1}%  {what}\n",
            spent.as_secs_f64() * 1e3
        ));
    }
    out.push_str(&format!(
        "{:>7.1} ms  100.0%  total (summed over files and threads)\n",
        total.as_secs_f64() * 1e3
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_sums_and_orders() {
        let recorded = vec![
            ("DL110 suspect".to_string(), Duration::from_millis(30)),
            ("(reading)".to_string(), Duration::from_millis(10)),
        ];
        let table = table(&recorded);
        assert_eq!(
            table,
            "      time   share  what\n   30.0 ms   75.0%  DL110 suspect\n   10.0 ms   25.0%  (reading)\n   40.0 ms  100.0%  total (summed over files and threads)\n"
        );
    }

    #[test]
    fn nothing_is_recorded_when_off() {
        // Recording is process-wide; this test only reads a name no other test uses.
        let ran = timed("(off-test)", || 7);
        assert_eq!(ran, 7);
        if !ON.load(Ordering::Relaxed) {
            assert!(recorded().iter().all(|(w, _)| w != "(off-test)"));
        }
    }
}
