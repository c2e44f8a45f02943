//! Applying fixes to a text. Never guesses: the first fix of each diagnostic, in order,
//! skipping any that overlaps one already applied.

use crate::diagnostic::{Applicability, Diagnostic};

/// The text with the first accepted fix of every diagnostic applied.
/// Diagnostics may come in any order; of two overlapping fixes the earlier one wins.
pub fn apply_fixes(
    text: &str,
    diagnostics: &[Diagnostic],
    accept: impl Fn(Applicability) -> bool,
) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, &str)> = diagnostics
        .iter()
        .filter_map(|d| {
            d.fixes
                .iter()
                .find(|f| accept(f.applicability))
                .map(|f| (d.span.clone(), f.replacement.as_str()))
        })
        .collect();
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, replacement) in edits {
        if span.start < at {
            continue;
        }
        out.push_str(&text[at..span.start]);
        out.push_str(replacement);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
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
