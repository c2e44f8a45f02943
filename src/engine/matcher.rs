//! The multi-pattern automaton behind the engine.
//!
//! Everything the engine needs from an automaton crate is this one type: build once from
//! every literal pattern, then find the leftmost-longest match starting at or after a byte
//! offset. Swapping the crate (e.g. for daachorse's charwise double-array automaton) is a
//! change to this file only.
//!
//! Building the automaton of the built-in rule sets takes tens of milliseconds, so `build.rs`
//! (which includes this file) builds it at compile time and stores it with [`serialize`];
//! [`Matcher::preload`] reads it back when the bytes are intact (while the rules are being
//! read), and [`Preloaded::matcher`] takes it only when the stored pattern list is exactly the
//! one asked for; otherwise they say no, so the caller builds as before.

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

/// A match of pattern `pattern` (its index in the build list) at `start..end` (bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

/// daachorse's charwise double-array automaton: on doclint's own pattern set it builds several
/// times faster than aho-corasick's and searches Chinese text faster, with identical
/// leftmost-longest matches (`cargo bench --bench report` prints the comparison).
pub struct Matcher {
    /// `None` when there are no patterns (daachorse refuses an empty set).
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// Whether the automaton was loaded from [`serialize`]d bytes rather than built.
    loaded: bool,
}

/// The first bytes of a serialised matcher; the last two digits are the format version.
const MAGIC: &[u8; 8] = b"DLMATC01";

/// The stored form of the automaton of `patterns`: [`MAGIC`], a checksum of the rest, the
/// pattern list (a count, then each pattern as a length and its UTF-8 bytes; all integers
/// little-endian u32), then daachorse's own serialisation. Called by `build.rs`.
#[cfg_attr(not(test), allow(dead_code))]
pub fn serialize<P: AsRef<str>>(patterns: &[P]) -> Result<Vec<u8>, String> {
    let automaton = build(patterns)?;
    let mut body = Vec::new();
    push_u32(&mut body, patterns.len())?;
    for p in patterns {
        let p = p.as_ref().as_bytes();
        push_u32(&mut body, p.len())?;
        body.extend_from_slice(p);
    }
    body.extend_from_slice(&automaton.serialize());
    let mut out = Vec::with_capacity(MAGIC.len() + 8 + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&checksum(&body).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

#[cfg_attr(not(test), allow(dead_code))]
fn push_u32(out: &mut Vec<u8>, n: usize) -> Result<(), String> {
    let n = u32::try_from(n).map_err(|_| "too many or too long patterns to store".to_string())?;
    out.extend_from_slice(&n.to_le_bytes());
    Ok(())
}

/// Splits a little-endian u32 off the front of `bytes`.
fn take_u32(bytes: &[u8]) -> Option<(usize, &[u8])> {
    let (n, rest) = bytes.split_first_chunk::<4>()?;
    Some((u32::from_le_bytes(*n) as usize, rest))
}

/// A 64-bit checksum of `bytes`, eight at a time. Each step is a bijection of the state for a
/// given word, so any one changed word changes the result; it only guards against damaged
/// bytes, not against a crafted collision. (Also the check of the stored rule book and of
/// stored phrase automata.)
pub fn checksum(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        h = (h ^ u64::from_le_bytes(w))
            .wrapping_mul(PRIME)
            .rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME);
    }
    h
}

fn build<P: AsRef<str>>(patterns: &[P]) -> Result<CharwiseDoubleArrayAhoCorasick<u32>, String> {
    CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|p| p.as_ref()))
        .map_err(|e| format!("cannot build the pattern automaton: {e}"))
}

/// A stored automaton read back, with the list of patterns it was made from (as stored:
/// a count, then each pattern's length and bytes), not yet compared with the rules'.
pub struct Preloaded<'a> {
    list: &'a [u8],
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
}

impl Preloaded<'_> {
    /// The matcher, if the automaton was made from exactly `patterns`.
    pub fn matcher<P: AsRef<str>>(self, patterns: &[P]) -> Option<Matcher> {
        let (count, mut rest) = take_u32(self.list)?;
        if count != patterns.len() || count == 0 {
            return None;
        }
        for p in patterns {
            let (len, after) = take_u32(rest)?;
            let (stored, after) = after.split_at_checked(len)?;
            if stored != p.as_ref().as_bytes() {
                return None;
            }
            rest = after;
        }
        Some(Matcher {
            automaton: Some(self.automaton),
            loaded: true,
        })
    }
}

impl Matcher {
    /// Builds the automaton. Patterns must be non-empty and distinct.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> Result<Matcher, String> {
        if patterns.is_empty() {
            return Ok(Matcher {
                automaton: None,
                loaded: false,
            });
        }
        Ok(Matcher {
            automaton: Some(build(patterns)?),
            loaded: false,
        })
    }

    /// The matcher stored in `bytes` by [`serialize`], if it was made from exactly `patterns`
    /// (same patterns, same order) and is intact; `None` for anything else (another pattern
    /// set, a damaged or older artefact, an empty one), and the caller builds instead. (The
    /// engine does it in two halves, [`Matcher::preload`] and [`Preloaded::matcher`].)
    #[cfg(test)]
    pub fn load<P: AsRef<str>>(bytes: &[u8], patterns: &[P]) -> Option<Matcher> {
        Matcher::preload(bytes)?.matcher(patterns)
    }

    /// The first half of loading a stored matcher, which needs no pattern list (so it can
    /// run while the rules are read): the automaton stored in `bytes`, if they are intact.
    pub fn preload(bytes: &[u8]) -> Option<Preloaded<'_>> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (sum, body) = rest.split_first_chunk::<8>()?;
        if u64::from_le_bytes(*sum) != checksum(body) {
            return None;
        }
        let (count, mut rest) = take_u32(body)?;
        for _ in 0..count {
            let (len, after) = take_u32(rest)?;
            rest = after.get(len..)?;
        }
        let list = &body[..body.len() - rest.len()];
        // SAFETY: daachorse's checked `deserialize` copies the tables and then checks every
        // state (an eighth of doclint's start-up); the unchecked one only copies. Its one
        // requirement is bytes written by daachorse's `serialize` of the same version. Ours
        // are: `build.rs` wrote them with this file against the same `daachorse` of
        // Cargo.lock (a build dependency with the same version requirement), and the checksum
        // above has just shown them intact. Damaged or foreign bytes never get here.
        let (automaton, left) =
            unsafe { CharwiseDoubleArrayAhoCorasick::<u32>::deserialize_unchecked(rest) };
        if !left.is_empty() {
            return None;
        }
        Some(Preloaded { list, automaton })
    }

    /// Whether this matcher was loaded from stored bytes rather than built.
    pub fn is_loaded(&self) -> bool {
        self.loaded
    }

    /// The leftmost-longest match that starts at or after `from` (a character boundary).
    pub fn find_from(&self, text: &str, from: usize) -> Option<Hit> {
        let automaton = self.automaton.as_ref()?;
        let rest = text.get(from..)?;
        automaton.leftmost_find_iter(rest).next().map(|m| Hit {
            pattern: m.value() as usize,
            start: from + m.start(),
            end: from + m.end(),
        })
    }

    /// The number of non-overlapping leftmost-longest matches in `text`.
    pub fn count(&self, text: &str) -> usize {
        self.automaton
            .as_ref()
            .map_or(0, |a| a.leftmost_find_iter(text).count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftmost_longest_from_an_offset() {
        let m = Matcher::new(&["按装", "按装机", "装机"]).unwrap();
        let text = "请按装机容量按装";
        let first = m.find_from(text, 0).unwrap();
        assert_eq!(
            (first.pattern, &text[first.start..first.end]),
            (1, "按装机")
        );
        let next = m.find_from(text, first.start + "按".len()).unwrap();
        assert_eq!(&text[next.start..next.end], "装机");
        let last = m.find_from(text, next.end).unwrap();
        assert_eq!(&text[last.start..last.end], "按装");
        assert_eq!(m.find_from(text, text.len()), None);
    }

    #[test]
    fn a_stored_matcher_loads_only_for_its_own_patterns() {
        let patterns = ["按装", "按装机", "装机", "一如继往"];
        let bytes = serialize(&patterns).unwrap();
        let text = "请按装机容量按装，一如继往";
        let hits = |m: &Matcher| {
            let mut out = Vec::new();
            let mut from = 0;
            while let Some(h) = m.find_from(text, from) {
                out.push(h);
                from = h.end;
            }
            out
        };
        let built = Matcher::new(&patterns).unwrap();
        let loaded = Matcher::load(&bytes, &patterns).unwrap();
        assert!(loaded.is_loaded() && !built.is_loaded());
        assert_eq!(hits(&loaded), hits(&built));
        assert_eq!(hits(&loaded).len(), 3);

        // Another pattern list: fewer, more, reordered, one changed.
        assert!(Matcher::load(&bytes, &patterns[1..]).is_none());
        assert!(
            Matcher::load(&bytes, &["按装", "按装机", "装机", "一如继往", "再接再励"]).is_none()
        );
        assert!(Matcher::load(&bytes, &["按装机", "按装", "装机", "一如继往"]).is_none());
        assert!(Matcher::load(&bytes, &["按装", "按装机", "装机", "一如既往"]).is_none());
        assert!(Matcher::load::<&str>(&bytes, &[]).is_none());
        // Damaged bytes: any one byte changed, cut short, extended, empty, another version.
        // Every byte of the header and pattern list, then bytes spread over daachorse's part
        // (its tables are large: every byte would make a debug-build test run for minutes).
        let header = MAGIC.len() + 8 + 4 + patterns.iter().map(|p| 4 + p.len()).sum::<usize>();
        let step = (bytes.len() / 2048).max(1);
        let spread = (header..bytes.len()).step_by(step).chain([bytes.len() - 1]);
        for i in (0..header).chain(spread) {
            let mut bad = bytes.clone();
            bad[i] ^= 0x40;
            assert!(Matcher::load(&bad, &patterns).is_none(), "byte {i} changed");
        }
        for len in [0, 7, 8, 16, bytes.len() - 1] {
            assert!(
                Matcher::load(&bytes[..len], &patterns).is_none(),
                "cut at {len}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Matcher::load(&longer, &patterns).is_none());
    }

    #[test]
    fn no_patterns_no_matches() {
        let m = Matcher::new::<&str>(&[]).unwrap();
        assert_eq!(m.find_from("的的", 0), None);
        assert_eq!(m.count("的的"), 0);
    }
}
