//! The generated data of the suspect-character checks, read in place from the bytes embedded
//! with `include_bytes!`: a few header words are decoded at first use, every lookup reads the
//! arrays directly. The layout is described in `scripts/gen_charlm.py`.

const LM: &[u8] = include_bytes!("lm.bin");
const LEXICON: &[u8] = include_bytes!("lexicon.bin");
const CONFUSION: &[u8] = include_bytes!("confusion.bin");

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The FNV-1a hash the generator uses: one step per Unicode scalar value.
pub fn hash(chars: &[char]) -> u64 {
    chars.iter().fold(FNV_OFFSET, |h, &c| {
        (h ^ u64::from(u32::from(c))).wrapping_mul(FNV_PRIME)
    })
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// A hashed set of strings with one byte per entry.
#[derive(Debug)]
pub struct Table {
    bits: u32,
    index: &'static [u8],
    keys: &'static [u8],
    vals: &'static [u8],
    /// One bit per (bucket, low six key bits), set for every key (a little-endian u64 per
    /// bucket): most strings a check asks for were never seen, and a clear bit says so
    /// without reading the three arrays.
    filter: &'static [u8],
}

impl Table {
    /// The table at `*at`, which moves past it; an empty table when the bytes are short.
    fn read(bytes: &'static [u8], at: &mut usize) -> Table {
        let empty = Table {
            bits: 0,
            index: &[],
            keys: &[],
            vals: &[],
            filter: &[],
        };
        let bits = u32_at(bytes, *at);
        let n = u32_at(bytes, *at + 4) as usize;
        if !(1..=24).contains(&bits) {
            return empty;
        }
        let index_len = ((1usize << bits) + 1) * 4;
        let start = *at + 8;
        let keys_at = start + index_len;
        let vals_at = keys_at + 2 * n;
        let filter_at = (vals_at + n).next_multiple_of(4);
        let end = filter_at + (1usize << bits) * 8;
        if bytes.len() < end {
            return empty;
        }
        *at = end;
        Table {
            bits,
            index: &bytes[start..keys_at],
            keys: &bytes[keys_at..vals_at],
            vals: &bytes[vals_at..vals_at + n],
            filter: &bytes[filter_at..end],
        }
    }

    /// The value stored for the string whose hash is `h`.
    pub fn get(&self, h: u64) -> Option<u8> {
        if self.bits == 0 {
            return None;
        }
        let bucket = (h >> (64 - self.bits)) as usize;
        let bit = (h & 63) as usize;
        if self.filter[bucket * 8 + bit / 8] & (1 << (bit % 8)) == 0 {
            return None;
        }
        let lo = u32_at(self.index, bucket * 4) as usize;
        let hi = (u32_at(self.index, bucket * 4 + 4) as usize).min(self.vals.len());
        let key = (h & 0xFFFF) as u16;
        let (mut lo, mut hi) = (lo, hi);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let k = u16::from_le_bytes([self.keys[2 * mid], self.keys[2 * mid + 1]]);
            match k.cmp(&key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(self.vals[mid]),
            }
        }
        None
    }

    pub fn lookup(&self, chars: &[char]) -> Option<u8> {
        self.get(hash(chars))
    }
}

/// The character n-gram counts (orders 1 to 4).
#[derive(Debug)]
pub struct Model {
    /// Characters counted.
    pub total: u32,
    /// `orders[n - 1]` holds the n-grams.
    pub orders: Vec<Table>,
}

impl Model {
    pub fn get() -> &'static Model {
        static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| {
            if !LM.starts_with(b"DLCLM002") {
                return Model {
                    total: 1,
                    orders: Vec::new(),
                };
            }
            let n = u32_at(LM, 8) as usize;
            let total = u32_at(LM, 12).max(1);
            let mut at = 16;
            let orders = (0..n.min(8)).map(|_| Table::read(LM, &mut at)).collect();
            Model { total, orders }
        })
    }

    /// log2 of the count of `gram` (0 for one occurrence), or None when never seen.
    pub fn log_count(&self, gram: &[char]) -> Option<f32> {
        let table = self.orders.get(gram.len().checked_sub(1)?)?;
        table.lookup(gram).map(|q| f32::from(q) / 12.0)
    }

    pub fn max_order(&self) -> usize {
        self.orders.len()
    }
}

/// Word flags of the lexicon.
pub const WORD: u8 = 1;
pub const FREQUENT: u8 = 2;
pub const IDIOM: u8 = 4;
pub const NAME: u8 = 8;

pub fn lexicon() -> &'static Table {
    static LEX: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    LEX.get_or_init(|| {
        let mut at = 8;
        if LEXICON.starts_with(b"DLLEX002") {
            Table::read(LEXICON, &mut at)
        } else {
            Table::read(&[], &mut at)
        }
    })
}

/// Confusion flags.
pub const SAME_SOUND: u32 = 1;
pub const SAME_SYLLABLE: u32 = 2;
pub const STROKE: u32 = 4;
pub const SHAPE: u32 = 8;
pub const SOUND: u32 = 16;

/// The characters `c` is commonly confused with, the most frequent in the corpus first:
/// each with its flags and its [`Model::log_count`] (stored with it, so not looked up).
pub fn confusions(c: char) -> impl Iterator<Item = (char, u32, Option<f32>)> {
    let n = if CONFUSION.starts_with(b"DLCNF002") {
        u32_at(CONFUSION, 8) as usize
    } else {
        0
    };
    let heads = 12;
    let starts = heads + 4 * n;
    let cands = starts + 4 * (n + 1);
    let key = u32::from(c);
    // Binary search over the sorted heads.
    let (mut lo, mut hi) = (0, n);
    let mut found = None;
    while lo < hi {
        let mid = (lo + hi) / 2;
        let h = u32_at(CONFUSION, heads + 4 * mid);
        match h.cmp(&key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => {
                found = Some(mid);
                break;
            }
        }
    }
    let total = u32_at(CONFUSION, starts + 4 * n) as usize;
    let seen = cands + 4 * total;
    let range = found.map_or(0..0, |i| {
        u32_at(CONFUSION, starts + 4 * i) as usize..u32_at(CONFUSION, starts + 4 * i + 4) as usize
    });
    range.filter_map(move |j| {
        let v = u32_at(CONFUSION, cands + 4 * j);
        let count = match CONFUSION.get(seen + j).copied().unwrap_or(0) {
            0 => None,
            q => Some(f32::from(q - 1) / 12.0),
        };
        char::from_u32(v & 0x00FF_FFFF).map(|ch| (ch, v >> 24, count))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_data_reads() {
        let m = Model::get();
        assert_eq!(m.max_order(), 4);
        assert!(m.total > 1_000_000);
        assert!(m.log_count(&['发', '展']).unwrap() > 10.0);
        assert!(m.log_count(&['形', '杰']).is_none());
        assert!(m.log_count(&['\n', '为']).is_some());
        let lex = lexicon();
        assert!(lex.lookup(&['形', '态']).unwrap() & WORD != 0);
        assert!(lex.lookup(&['形', '杰']).is_none());
        assert!(confusions('零').any(|(c, _, _)| c == '领'));
        assert!(confusions('局').any(|(c, f, _)| c == '据' && f & (SAME_SOUND | SOUND) != 0));
        assert_eq!(confusions('a').count(), 0);
        // most frequent first, each with the model's count
        for c in ['零', '局', '态', '的'] {
            let counts: Vec<f32> = confusions(c)
                .map(|(x, _, n)| {
                    assert_eq!(n, m.log_count(&[x]), "{x}");
                    n.unwrap_or(-1.0)
                })
                .collect();
            assert!(
                counts.len() > 3 && counts.is_sorted_by(|a, b| a >= b),
                "{c}: {counts:?}"
            );
        }
    }

    #[test]
    fn the_filter_never_hides_a_stored_key() {
        let m = Model::get();
        for table in m.orders.iter().chain([lexicon()]) {
            let n = table.vals.len();
            let mut hidden = 0;
            for bucket in 0..1usize << table.bits {
                let lo = u32_at(table.index, bucket * 4) as usize;
                let hi = (u32_at(table.index, bucket * 4 + 4) as usize).min(n);
                for k in lo..hi {
                    let key = u16::from_le_bytes([table.keys[2 * k], table.keys[2 * k + 1]]);
                    let h = ((bucket as u64) << (64 - table.bits)) | u64::from(key);
                    hidden += usize::from(table.get(h).is_none());
                }
            }
            assert_eq!(hidden, 0, "a table of {n} keys");
            // and it does answer: fewer than half of its bits are set (filter bytes × 8)
            let set = table
                .filter
                .iter()
                .map(|w| w.count_ones() as usize)
                .sum::<usize>();
            assert!(set < table.filter.len() * 8 / 2, "{set} bits set");
        }
    }
}
