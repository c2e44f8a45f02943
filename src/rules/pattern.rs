//! Compiling the regexes users write (rule-set `[[rule.regex]]`, `allow-regex` in doclint.toml)
//! with an explicit size limit, so a pattern like `\w{1000}{1000}` is reported, not compiled
//! for minutes into gigabytes.

use regex::{Regex, RegexBuilder};

/// The most memory one compiled regex may take.
pub const SIZE_LIMIT: usize = 4 << 20;

/// A pattern that cannot be used: a short message and a note that says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub note: String,
}

/// Compiles `pattern` within [`SIZE_LIMIT`].
pub fn compile(pattern: &str) -> Result<Regex, Problem> {
    RegexBuilder::new(pattern)
        .size_limit(SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => Problem {
                message: "regex too big".to_string(),
                note: format!(
                    "compiled, it needs more than the limit of {} MB; use smaller counted repetitions (`{{1000}}`) or split it into several entries",
                    limit >> 20
                ),
            },
            e => Problem {
                message: "regex does not compile".to_string(),
                note: e.to_string(),
            },
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_big_and_broken_patterns() {
        assert!(compile("按装|布署").is_ok());
        assert_eq!(
            compile(r"\w{1000}\w{1000}").unwrap_err().message,
            "regex too big"
        );
        let broken = compile("网格(化").unwrap_err();
        assert_eq!(broken.message, "regex does not compile");
        assert!(broken.note.contains("unclosed group"), "{}", broken.note);
    }
}
