//! A gate for searching long literal strings: the stretches of a text where one may occur,
//! found by looking at a few bytes every `step` bytes instead of running an automaton over
//! every byte.
//!
//! Every string is at least `min` bytes long. Each of its `Q`-byte pieces (at every byte
//! offset) is marked in a bitmap. A string occurring at `s..s + len` covers the sample at the
//! first multiple of `step = min - Q + 1` from `s`, and the piece there is one of its own, so
//! the bitmap says yes there; the stretch around that sample reaches as far as any string
//! through it can. Outside the stretches no string occurs: a search of the stretches finds
//! exactly what a search of the whole text finds, leftmost-longest or overlapping (a match
//! never crosses from one stretch into another, and no match starts between them).

use std::ops::Range;

/// Bytes looked at per sample.
const Q: usize = 4;
/// log2 of the bitmap's bits (8 KB: stays in the first-level cache).
const BITS: u32 = 16;
/// Below this step the automaton's own pass is as quick as the samples.
const MIN_STEP: usize = 8;

#[derive(Debug, Clone)]
pub struct Sampled {
    step: usize,
    /// The longest string, in bytes.
    longest: usize,
    bitmap: Vec<u64>,
}

fn slot(piece: &[u8]) -> usize {
    let x = u32::from_le_bytes([piece[0], piece[1], piece[2], piece[3]]);
    (x.wrapping_mul(0x9E37_79B1) >> (32 - BITS)) as usize
}

impl Sampled {
    /// The gate for `strings`, or None when the shortest is too short for sampling to pay.
    pub fn new<S: AsRef<str>>(strings: &[S]) -> Option<Sampled> {
        let min = strings.iter().map(|s| s.as_ref().len()).min()?;
        let longest = strings.iter().map(|s| s.as_ref().len()).max()?;
        let step = (min + 1).checked_sub(Q)?;
        if step < MIN_STEP {
            return None;
        }
        let mut bitmap = vec![0u64; 1 << (BITS - 6)];
        for s in strings {
            for piece in s.as_ref().as_bytes().windows(Q) {
                let k = slot(piece);
                bitmap[k / 64] |= 1 << (k % 64);
            }
        }
        Some(Sampled {
            step,
            longest,
            bitmap,
        })
    }

    /// The stretches of `text` (ascending, disjoint, not touching, on character boundaries)
    /// outside which none of the strings occurs.
    pub fn stretches(&self, text: &str) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let mut out: Vec<Range<usize>> = Vec::new();
        if bytes.len() < Q {
            return out;
        }
        let mut at = 0;
        while at + Q <= bytes.len() {
            let k = slot(&bytes[at..at + Q]);
            if self.bitmap[k / 64] & (1 << (k % 64)) != 0 {
                // A string through this sample starts at most `longest - Q` before it and
                // ends at most `longest` after it.
                let mut start = at.saturating_sub(self.longest - Q);
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (at + self.longest).min(bytes.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                match out.last_mut() {
                    Some(last) if last.end >= start => last.end = last.end.max(end),
                    _ => out.push(start..end),
                }
            }
            at += self.step;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};

    #[test]
    fn short_strings_get_no_gate() {
        assert!(Sampled::new(&["单击此"]).is_none());
        assert!(Sampled::new::<&str>(&[]).is_none());
        assert!(Sampled::new(&["单击此处输入文字"]).is_some());
    }

    /// A search of the stretches finds what a search of the whole text finds, for texts
    /// made of pieces of the strings, their neighbours and other text.
    #[test]
    fn the_stretches_hold_every_match() {
        let strings = [
            "单击或点击此处输入文字",
            "单击此处输入文字",
            "点击此处输入文字",
            "单击此处添加副标题",
        ];
        let gate = Sampled::new(&strings).unwrap();
        let longest = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(strings)
            .unwrap();
        let overlapping = AhoCorasick::new(strings).unwrap();
        let pieces = [
            "单击",
            "或点击",
            "此处",
            "输入文字",
            "添加",
            "副标题",
            "，",
            "\n",
            "a",
            "关于",
            "工作",
            "单击此处输入文字",
            "点击此处输入文字",
            "单击或点击此处输入文字。",
        ];
        let mut found = 0;
        for text in super::super::random_texts(&pieces, 2000, 40, 0x2545_F491_4F6C_DD1D) {
            let stretches = gate.stretches(&text);
            for w in stretches.windows(2) {
                assert!(w[0].end < w[1].start, "{text}");
            }
            let whole: Vec<_> = longest.find_iter(&text).map(|m| m.range()).collect();
            let gated: Vec<_> = stretches
                .iter()
                .flat_map(|w| {
                    longest
                        .find_iter(&text[w.clone()])
                        .map(move |m| m.start() + w.start..m.end() + w.start)
                })
                .collect();
            assert_eq!(gated, whole, "{text}");
            let whole: Vec<_> = overlapping
                .find_overlapping_iter(&text)
                .map(|m| (m.range(), m.pattern()))
                .collect();
            let gated: Vec<_> = stretches
                .iter()
                .flat_map(|w| {
                    overlapping
                        .find_overlapping_iter(&text[w.clone()])
                        .map(move |m| (m.start() + w.start..m.end() + w.start, m.pattern()))
                })
                .collect();
            assert_eq!(gated, whole, "{text}");
            found += whole.len();
        }
        assert!(found > 500, "the texts hold matches: {found}");
    }

    #[test]
    fn text_without_the_strings_has_few_stretches() {
        let gate = Sampled::new(&["单击或点击此处输入文字"]).unwrap();
        let text = "全面落实安全生产责任制，上半年未发生较大以上事故。".repeat(100);
        assert!(gate.stretches(&text).is_empty());
    }
}
