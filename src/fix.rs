//! Applying fixes to a text and writing them back. Never guesses: the first accepted fix of
//! each diagnostic, in order, skipping any that overlaps one already applied.

use crate::diagnostic::{Applicability, Diagnostic};
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

/// A replacement of a byte range of a text.
pub type Edit = (Range<usize>, String);

/// The non-overlapping edits of the first accepted fix of every diagnostic, sorted.
/// Of two overlapping fixes the earlier one wins; the other is left for a later round.
pub fn edits(diagnostics: &[Diagnostic], accept: impl Fn(Applicability) -> bool) -> Vec<Edit> {
    let mut all: Vec<(Range<usize>, &str)> = diagnostics
        .iter()
        .filter_map(|d| {
            d.fixes
                .iter()
                .find(|f| accept(f.applicability))
                .map(|f| (d.span.clone(), f.replacement.as_str()))
        })
        .collect();
    all.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out: Vec<Edit> = Vec::with_capacity(all.len());
    for (span, replacement) in all {
        if out.last().is_some_and(|(last, _)| span.start < last.end) {
            continue;
        }
        out.push((span, replacement.to_string()));
    }
    out
}

/// `text` with `edits` (sorted, non-overlapping) applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, replacement) in edits {
        out.push_str(&text[at..span.start]);
        out.push_str(replacement);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The text with the first accepted fix of every diagnostic applied.
pub fn apply_fixes(
    text: &str,
    diagnostics: &[Diagnostic],
    accept: impl Fn(Applicability) -> bool,
) -> String {
    apply_edits(text, &edits(diagnostics, accept))
}

/// Edits that turn `original` into `fixed`, each as tight as the changed characters (used when
/// several rounds of fixes were applied, to splice them into the original bytes at once).
pub fn diff_edits(original: &str, fixed: &str) -> Vec<Edit> {
    use similar::{DiffOp, TextDiff};
    let diff = TextDiff::from_lines(original, fixed);
    // Byte offset of each line start, on both sides.
    let starts = |lines: &mut dyn Iterator<Item = &str>| {
        let mut v = vec![0];
        for l in lines {
            v.push(v.last().copied().unwrap_or(0) + l.len());
        }
        v
    };
    let old_starts = starts(&mut diff.iter_old_slices());
    let new_starts = starts(&mut diff.iter_new_slices());
    let mut out = Vec::new();
    for op in diff.ops() {
        let (old, new) = match *op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        let o = old_starts[old.start]..old_starts[old.end];
        let n = new_starts[new.start]..new_starts[new.end];
        let (a, b) = (&original[o.clone()], &fixed[n]);
        // Trim the common prefix and suffix, on character boundaries.
        let prefix: usize = a
            .chars()
            .zip(b.chars())
            .take_while(|(x, y)| x == y)
            .map(|(x, _)| x.len_utf8())
            .sum();
        let suffix: usize = a[prefix..]
            .chars()
            .rev()
            .zip(b[prefix..].chars().rev())
            .take_while(|(x, y)| x == y)
            .map(|(x, _)| x.len_utf8())
            .sum();
        let range = o.start + prefix..o.end - suffix;
        out.push((range, b[prefix..b.len() - suffix].to_string()));
    }
    out
}

/// Writes the fixed `bytes` over `path`, which held `original` when it was checked: if the file
/// is gone or changed since (an editor saved it meanwhile), nothing is written. The message of
/// an error says what happened and that the file on disk is as it was.
pub fn write_back(path: &Path, original: &[u8], bytes: &[u8]) -> Result<(), String> {
    write_back_with(path, original, bytes, |file, bytes| file.write_all(bytes))
}

/// [`write_back`] with the write itself injected, so failures can be tested.
pub fn write_back_with(
    path: &Path,
    original: &[u8],
    bytes: &[u8],
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> io::Result<()>,
) -> Result<(), String> {
    match std::fs::read(path) {
        Ok(now) if now == original => {}
        Ok(_) => {
            return Err(
                "it changed after it was checked; the fixes are not written (run doclint again)"
                    .to_string(),
            );
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err("it is gone since it was checked; the fixes are not written".to_string());
        }
        Err(e) => {
            return Err(format!(
                "cannot read it again before writing ({e}); the fixes are not written"
            ));
        }
    }
    write_atomic_with(path, bytes, write)
        .map_err(|e| format!("cannot write the fixes ({e}); file left unchanged"))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// given the original's permissions, then renamed over it. On any error the original is intact
/// and the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, |file, bytes| file.write_all(bytes))
}

/// [`write_atomic`] with the write itself injected, so failures can be tested.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)?.permissions();
    let mut temp = tempfile::Builder::new()
        .prefix(".doclint-")
        .tempfile_in(dir)
        .map_err(|e| {
            context(
                e,
                &format!("cannot create a temporary file in {}", dir.display()),
            )
        })?;
    write(temp.as_file_mut(), bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| context(e, "cannot write a temporary file"))?;
    std::fs::set_permissions(temp.path(), permissions)
        .map_err(|e| context(e, "cannot give the temporary file the file's permissions"))?;
    temp.persist(path)
        .map_err(|e| context(e.error, "cannot rename the temporary file over the file"))?;
    Ok(())
}

/// `what: cause`, where the cause is the operating system's message: tempfile appends
/// ` at path "…/.doclint-XXXXXX"`, a random name that says nothing to a user.
fn context(e: io::Error, what: &str) -> io::Error {
    let message = e.to_string();
    let cause = message.split(" at path \"").next().unwrap_or(&message);
    io::Error::new(e.kind(), format!("{what}: {cause}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, RuleId, Severity};

    fn diag(span: std::ops::Range<usize>, replacement: &str, a: Applicability) -> Diagnostic {
        Diagnostic {
            rule: RuleId {
                code: "T1".into(),
                name: "t".into(),
            },
            severity: Severity::Error,
            message: String::new(),
            span,
            fixes: vec![Fix {
                replacement: replacement.into(),
                applicability: a,
            }],
            help: None,
            note: None,
            labels: vec![],
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let text = "abcdef";
        let ds = [
            diag(3..5, "X", Applicability::Certain),
            diag(0..2, "Y", Applicability::Certain),
            diag(1..4, "Z", Applicability::Certain),
        ];
        assert_eq!(apply_fixes(text, &ds, |_| true), "YcXf");
    }

    #[test]
    fn diff_edits_are_tight() {
        let original = "第一行按装\r\n第二行\n第三行再接再励\n";
        let fixed = "第一行安装\r\n第二行\n第三行再接再厉\n";
        let edits = diff_edits(original, fixed);
        assert_eq!(edits.len(), 2);
        assert_eq!(&original[edits[0].0.clone()], "按");
        assert_eq!(edits[0].1, "安");
        assert_eq!(apply_edits(original, &edits), fixed);
    }

    #[test]
    fn atomic_write_keeps_the_original_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "原文").unwrap();
        let err = write_atomic_with(&path, "新文".as_bytes(), |_, _| {
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "cannot write a temporary file: disk full");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "原文");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
        write_atomic(&path, "新文".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新文");
    }

    #[test]
    fn respects_applicability() {
        let text = "abc";
        let ds = [diag(1..2, "B", Applicability::Suggestion)];
        assert_eq!(
            apply_fixes(text, &ds, |a| a == Applicability::Certain),
            "abc"
        );
        assert_eq!(apply_fixes(text, &ds, |_| true), "aBc");
    }
}
