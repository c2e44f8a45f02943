//! The generated data of the suspect-character checks, read in place from the bytes embedded
//! with `include_bytes!`: a few header words are decoded at first use, every lookup reads the
//! arrays directly. The layout is described in `scripts/gen_charlm.py`.

use std::sync::OnceLock;

fn from_stored(q: u8) -> f32 {
    f32::from(q) / 12.0
}

/// The model's value for a count: log2 quantised to twelfths, as the generator stores it.
pub fn value(count: u32) -> f32 {
    let q = (12.0 * f64::from(count.max(1)).log2()).round().min(255.0);
    from_stored(q as u8)
}

/// Bytes aligned to a cache line: a table's buckets are lines of the file.
#[repr(C, align(64))]
struct Aligned<T: ?Sized>(T);

static LM_LINES: &Aligned<[u8]> = &Aligned(*include_bytes!("lm.bin"));
static LEXICON_LINES: &Aligned<[u8]> = &Aligned(*include_bytes!("lexicon.bin"));
const PAIRS: &[u8] = include_bytes!("pairs.bin");
const CONFUSION: &[u8] = include_bytes!("confusion.bin");
/// The bytes of one cache line; a table's bucket.
const LINE: usize = 64;
/// Keys per bucket: 21 u16 keys, 21 u8 values, and the last byte.
const SLOTS: usize = 21;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The hash the generator uses: FNV-1a, one step per Unicode scalar value, then MurmurHash3's
/// finaliser (the high bits pick the bucket, and FNV mixes them poorly for short strings).
pub fn hash(chars: &[char]) -> u64 {
    let mut h = chars.iter().fold(FNV_OFFSET, |h, &c| {
        (h ^ u64::from(u32::from(c))).wrapping_mul(FNV_PRIME)
    });
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// A hashed set of strings with one byte per entry, in buckets of one cache line each (the
/// layout is described in `scripts/gen_charlm.py`).
#[derive(Debug)]
pub struct Table {
    bits: u32,
    /// Bits of a value byte that hold the value; the others hold hash bits 16 and up.
    val_bits: u32,
    buckets: &'static [u8],
}

impl Table {
    const EMPTY: Table = Table {
        bits: 0,
        val_bits: 8,
        buckets: &[],
    };

    /// The table at `*at`, which moves past it; an empty table when the bytes are short.
    fn read(bytes: &'static [u8], at: &mut usize) -> Table {
        let bits = u32_at(bytes, *at);
        let val_bits = u32_at(bytes, *at + 12);
        if !(1..=24).contains(&bits)
            || u32_at(bytes, *at + 8) as usize != SLOTS
            || !(1..=8).contains(&val_bits)
        {
            return Table::EMPTY;
        }
        let start = *at + LINE;
        let end = start + (LINE << bits);
        if bytes.len() < end {
            return Table::EMPTY;
        }
        *at = end;
        Table {
            bits,
            val_bits,
            buckets: &bytes[start..end],
        }
    }

    /// The value stored for the string whose hash is `h`.
    pub fn get(&self, h: u64) -> Option<u8> {
        if self.bits == 0 {
            return None;
        }
        let mask = (1usize << self.bits) - 1;
        let key = (h & 0xFFFF) as u16;
        // The hash bits a value byte holds above its value (none in an 8-bit table).
        let extra = ((h >> 16) as u32) & (0xFF >> self.val_bits);
        let value = (0xFFu32 >> (8 - self.val_bits)) as u8;
        let mut bucket = (h >> (64 - self.bits)) as usize;
        // Every bucket at most once, though a full table never makes a lookup go round.
        for _ in 0..=mask {
            let line: &[u8; LINE] = self.buckets[bucket * LINE..][..LINE].try_into().ok()?;
            let last = line[LINE - 1];
            let count = u32::from(last & 31).min(SLOTS as u32);
            // Every slot compared at once (no branch per key), then the keys that match,
            // usually none or one, are checked in order.
            let mut hits = matching_slots(line, key) & ((1u32 << count) - 1);
            while hits != 0 {
                let k = hits.trailing_zeros() as usize;
                hits &= hits - 1;
                let v = line[2 * SLOTS + k];
                if u32::from(v) >> self.val_bits == extra {
                    return Some(v & value);
                }
            }
            if last & 0x80 == 0 {
                return None;
            }
            bucket = (bucket + 1) & mask;
        }
        None
    }

    pub fn lookup(&self, chars: &[char]) -> Option<u8> {
        self.get(hash(chars))
    }

    /// Asks the processor to bring the bucket of the string whose hash is `h` into the cache:
    /// a lookup is a cache miss, and several asked for at once wait for memory together.
    pub fn prefetch(&self, h: u64) {
        if self.bits == 0 {
            return;
        }
        let bucket = (h >> (64 - self.bits)) as usize;
        if let Some(line) = self.buckets.get(bucket * LINE) {
            prefetch(line);
        }
    }
}

/// Asks the processor to bring the cache line holding `byte` in, without waiting for it (a
/// hint: nothing the program sees changes).
fn prefetch(byte: &u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees, and the address is a valid reference.
    #[allow(unused_unsafe)]
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(byte).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = byte;
}

/// Bit `k` set for each of the first 24 16-bit words of `line` equal to `key` (bits 21 to 23
/// compare value bytes, which the caller masks off with the bucket's count).
#[cfg(target_arch = "x86_64")]
fn matching_slots(line: &[u8; LINE], key: u16) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi16, _mm_loadu_si128, _mm_movemask_epi8, _mm_packs_epi16,
        _mm_set1_epi16, _mm_setzero_si128,
    };
    // SAFETY: SSE2 is part of x86_64; the three unaligned 16-byte loads read bytes 0..48 of
    // the 64-byte line.
    #[allow(unused_unsafe)]
    unsafe {
        let k = _mm_set1_epi16(key as i16);
        let at = |i: usize| _mm_loadu_si128(line.as_ptr().add(16 * i).cast::<__m128i>());
        // Each comparison gives 0 or -1 per word; packing two of them keeps one byte per word.
        let low = _mm_packs_epi16(_mm_cmpeq_epi16(at(0), k), _mm_cmpeq_epi16(at(1), k));
        let high = _mm_packs_epi16(_mm_cmpeq_epi16(at(2), k), _mm_setzero_si128());
        (_mm_movemask_epi8(low) as u32) | ((_mm_movemask_epi8(high) as u32) << 16)
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn matching_slots(line: &[u8; LINE], key: u16) -> u32 {
    (0..24).fold(0, |hits, k| {
        let slot = u16::from_le_bytes([line[2 * k], line[2 * k + 1]]);
        hits | u32::from(slot == key) << k
    })
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
            let lm = &LM_LINES.0;
            if !lm.starts_with(b"DLCLM003") {
                return Model {
                    total: 1,
                    orders: Vec::new(),
                };
            }
            let n = u32_at(lm, 8) as usize;
            let total = u32_at(lm, 12).max(1);
            let mut at = LINE;
            let orders = (0..n.min(8)).map(|_| Table::read(lm, &mut at)).collect();
            Model { total, orders }
        })
    }

    /// log2 of the count of `gram` (0 for one occurrence), or None when never seen.
    pub fn log_count(&self, gram: &[char]) -> Option<f32> {
        let table = self.orders.get(gram.len().checked_sub(1)?)?;
        table.lookup(gram).map(from_stored)
    }

    /// [`Table::prefetch`] for `gram`.
    pub fn prefetch(&self, gram: &[char]) {
        if let Some(table) = gram.len().checked_sub(1).and_then(|o| self.orders.get(o)) {
            table.prefetch(hash(gram));
        }
    }

    pub fn max_order(&self) -> usize {
        self.orders.len()
    }
}

/// The pairs of symbols the model has seen, as two matrices over the model's symbols: row `a`
/// of `after` holds the level (see [`Pairs::level`]) of every pair `ab`, row `b` of `before`
/// one bit for every `a` seen before `b`. A check that asks about many pairs sharing one
/// character (the candidates around a suspect character) reads one row of a few hundred bytes
/// instead of one hashed table entry per pair, and the answer is exact (the 2-gram table may
/// err on a hash collision).
#[derive(Debug)]
pub struct Pairs {
    /// Rank + 1 of each symbol below U+10000 (0: not a symbol of the model).
    ranks: Vec<u16>,
    /// The symbols above U+FFFF, ascending, with their ranks (ranks go by frequency).
    astral: Vec<(u32, u16)>,
    /// The least and the greatest model value (see [`value`]) of a pair of each level.
    ranges: [(f32, f32); 4],
    /// Bytes per row of `before` (`after` has twice as many: two bits per pair).
    row: usize,
    after: &'static [u8],
    before: &'static [u8],
}

/// One row of a [`Pairs`] matrix: the characters seen next to one fixed character.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    /// For the tests' lookups by character.
    #[cfg(test)]
    pairs: &'a Pairs,
    bits: &'a [u8],
    /// Bits per pair: 2 in `after` (a level), 1 in `before`.
    width: usize,
}

impl Row<'_> {
    /// Asks for the row's bytes to be brought into the cache (see [`Table::prefetch`]).
    pub fn prefetch(&self) {
        for line in self.bits.chunks(LINE) {
            prefetch(&line[0]);
        }
    }

    /// The row's entry for `c`: a level in `after`, 0 or 1 in `before`.
    #[cfg(test)]
    pub fn entry(&self, c: char) -> u8 {
        // ranks are below u16::MAX (checked when the matrices are read)
        self.entry_rank(self.pairs.rank(c).map(|r| r as u16))
    }

    /// Whether the row's character was seen next to `c`.
    #[cfg(test)]
    pub fn has(&self, c: char) -> bool {
        self.entry(c) != 0
    }

    /// Asks for the byte of the character of rank `r` to be brought into the cache.
    pub fn prefetch_rank(&self, r: Option<u16>) {
        let Some(r) = r else {
            return;
        };
        if let Some(byte) = self.bits.get(usize::from(r) * self.width / 8) {
            prefetch(byte);
        }
    }

    /// [`Row::has`] for the character of rank `r` (see [`Pairs::rank`]; None: not a symbol).
    pub fn has_rank(&self, r: Option<u16>) -> bool {
        self.entry_rank(r) != 0
    }

    /// [`Row::entry`] for the character of rank `r`.
    pub fn entry_rank(&self, r: Option<u16>) -> u8 {
        let Some(r) = r else {
            return 0;
        };
        let bit = usize::from(r) * self.width;
        let byte = self.bits.get(bit / 8).copied().unwrap_or(0);
        (byte >> (bit % 8)) & ((1 << self.width) - 1)
    }
}

impl Pairs {
    pub fn get() -> &'static Pairs {
        static PAIRS_: std::sync::OnceLock<Pairs> = std::sync::OnceLock::new();
        PAIRS_.get_or_init(|| Pairs::read(PAIRS))
    }

    fn read(bytes: &'static [u8]) -> Pairs {
        let mut pairs = Pairs {
            ranks: Vec::new(),
            astral: Vec::new(),
            ranges: [(0.0, f32::INFINITY); 4],
            row: 0,
            after: &[],
            before: &[],
        };
        if !bytes.starts_with(b"DLPAIR01") || u32_at(bytes, 16) != 2 {
            return pairs;
        }
        let k = u32_at(bytes, 8) as usize;
        let row = u32_at(bytes, 12) as usize * 8;
        let symbols_at = 28;
        let matrix_at = (symbols_at + 4 * k).next_multiple_of(8);
        let end = matrix_at + 3 * k * row;
        if k > usize::from(u16::MAX) || row * 8 < k || bytes.len() < end {
            return pairs;
        }
        let (a, b) = (u32_at(bytes, 20).max(2), u32_at(bytes, 24).max(3));
        let one = (value(1), value(a - 1));
        pairs.ranges = [
            one,
            one,
            (value(a), value(b - 1)),
            (value(b), f32::INFINITY),
        ];
        pairs.ranks = vec![0; 0x10000];
        for r in 0..k {
            let c = u32_at(bytes, symbols_at + 4 * r);
            match pairs.ranks.get_mut(c as usize) {
                Some(slot) => *slot = r as u16 + 1,
                None => pairs.astral.push((c, r as u16)),
            }
        }
        pairs.astral.sort_unstable();
        pairs.row = row;
        pairs.after = &bytes[matrix_at..matrix_at + 2 * k * row];
        pairs.before = &bytes[matrix_at + 2 * k * row..end];
        pairs
    }

    /// The rank of `c` among the symbols of the matrices (None: not one of them).
    pub fn rank(&self, c: char) -> Option<usize> {
        let c = u32::from(c);
        match self.ranks.get(c as usize) {
            Some(&r) => (r != 0).then(|| usize::from(r - 1)),
            None => self
                .astral
                .binary_search_by_key(&c, |x| x.0)
                .ok()
                .map(|i| usize::from(self.astral[i].1)),
        }
    }

    fn row_of(&self, matrix: &'static [u8], width: usize, c: char) -> Row<'_> {
        self.row_of_rank(matrix, width, self.rank(c))
    }

    fn row_of_rank(&self, matrix: &'static [u8], width: usize, rank: Option<usize>) -> Row<'_> {
        let len = self.row * width;
        let bits = rank
            .and_then(|r| matrix.get(r * len..(r + 1) * len))
            .unwrap_or(&[]);
        Row {
            #[cfg(test)]
            pairs: self,
            bits,
            width,
        }
    }

    /// [`Pairs::level`] of every pair of neighbours in `s` (one rank lookup per character).
    pub fn levels(&self, s: &[char]) -> Vec<u8> {
        let ranks: Vec<Option<usize>> = s.iter().map(|&c| self.rank(c)).collect();
        ranks
            .windows(2)
            .map(|w| {
                let after = self.row_of_rank(self.after, 2, w[0]);
                after.entry_rank(w[1].map(|r| r as u16))
            })
            .collect()
    }

    /// The characters seen after `a`: `after(a).has(b)` says whether the pair `ab` was seen.
    pub fn after(&self, a: char) -> Row<'_> {
        self.row_of(self.after, 2, a)
    }

    /// The characters seen before `b`: `before(b).has(a)` says whether the pair `ab` was seen.
    pub fn before(&self, b: char) -> Row<'_> {
        self.row_of(self.before, 1, b)
    }

    /// How often the pair `ab` was seen: 0 never, 1 rarely, 2 often, 3 very often (the two
    /// limits are in the file's header). The check reads them all at once ([`Pairs::levels`]).
    #[cfg(test)]
    pub fn level(&self, a: char, b: char) -> u8 {
        self.after(a).entry(b)
    }

    /// The least and the greatest value [`Model::log_count`] gives a pair of `level` (seen at
    /// least once).
    pub fn level_range(&self, level: u8) -> (f32, f32) {
        self.ranges[usize::from(level.min(3))]
    }

    /// The lowest level whose pairs were all seen at least 2^`t` times (4: none).
    pub fn level_at_least(&self, t: f32) -> u8 {
        (1..=3).find(|&l| self.level_range(l).0 >= t).unwrap_or(4)
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
        let lexicon = &LEXICON_LINES.0;
        if lexicon.starts_with(b"DLLEX003") {
            let mut at = LINE;
            Table::read(lexicon, &mut at)
        } else {
            Table::EMPTY
        }
    })
}

/// Confusion flags.
pub const SAME_SOUND: u32 = 1;
pub const SAME_SYLLABLE: u32 = 2;
pub const STROKE: u32 = 4;
pub const SHAPE: u32 = 8;
pub const SOUND: u32 = 16;

/// The characters of the same syllable (tone or not) as each character asked about, among
/// those it is confused with, the most frequent first: what a joint repair of two characters
/// tries. Found for one document in a map, each character's list made once per process (see
/// [`Cache`]).
#[derive(Default)]
pub struct SameSounds(rustc_hash::FxHashMap<char, &'static [Candidate]>);

impl SameSounds {
    /// Reads the characters of `c` if they are not known yet.
    pub fn learn(&mut self, c: char) {
        self.0
            .entry(c)
            .or_insert_with(|| Cache::get().same_sound(c));
    }

    /// The characters of `c` (none before [`SameSounds::learn`]).
    pub fn of(&self, c: char) -> &'static [Candidate] {
        self.0.get(&c).copied().unwrap_or(&[])
    }
}

/// Every character's candidates and same-sound candidates, each list made the first time a
/// document asks for it and then kept for the process: a list is the same in every document,
/// and making it again for each of many small files was an eighth of checking one.
struct Cache {
    /// By the character's place among the heads of the confusion table.
    all: Vec<OnceLock<Box<[Candidate]>>>,
    same_sound: Vec<OnceLock<Box<[Candidate]>>>,
}

impl Cache {
    fn get() -> &'static Cache {
        static CACHE: OnceLock<Cache> = OnceLock::new();
        CACHE.get_or_init(|| {
            let n = confusion_heads();
            Cache {
                all: (0..n).map(|_| OnceLock::new()).collect(),
                same_sound: (0..n).map(|_| OnceLock::new()).collect(),
            }
        })
    }

    fn all_at(&'static self, i: usize) -> &'static [Candidate] {
        self.all[i].get_or_init(|| candidates_at(i).collect())
    }

    /// The candidates of `c`, as the confusion table lists them.
    fn candidates(&'static self, c: char) -> &'static [Candidate] {
        head(c).map_or(&[], |i| self.all_at(i))
    }

    /// Those of them of the same syllable.
    fn same_sound(&'static self, c: char) -> &'static [Candidate] {
        head(c).map_or(&[], |i| {
            self.same_sound[i].get_or_init(|| {
                self.all_at(i)
                    .iter()
                    .filter(|x| x.flags() & (SAME_SOUND | SAME_SYLLABLE) != 0)
                    .copied()
                    .collect()
            })
        })
    }
}

/// One candidate of the confusion table, with its rank in the pair matrices (see [`Pairs::rank`]),
/// in 8 bytes: a list of them is read whole at every suspect position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub c: char,
    /// Rank + 1 (0: not a symbol of the matrices).
    rank: u16,
    flags: u8,
    /// The stored count (see `confusions`): 0 never seen, else its value times 12, plus 1.
    count: u8,
}

impl Candidate {
    pub fn rank(&self) -> Option<u16> {
        self.rank.checked_sub(1)
    }

    pub fn flags(&self) -> u32 {
        u32::from(self.flags)
    }

    /// As the confusion table gives it.
    pub fn count(&self) -> Option<f32> {
        self.count.checked_sub(1).map(|q| f32::from(q) / 12.0)
    }
}

/// The candidates of each character a document asks about: a map over the lists of
/// [`Cache`], so that a character asked about again (most are) costs one hash lookup.
#[derive(Default)]
pub struct Candidates(rustc_hash::FxHashMap<char, &'static [Candidate]>);

impl Candidates {
    /// The candidates of `c`, as the confusion table lists them.
    pub fn of(&mut self, c: char) -> &'static [Candidate] {
        self.0
            .entry(c)
            .or_insert_with(|| Cache::get().candidates(c))
    }
}

/// The confusions of the `i`th head as [`Candidate`]s.
fn candidates_at(i: usize) -> impl Iterator<Item = Candidate> {
    let pairs = Pairs::get();
    confusions_at(i).map(|(x, flags, count)| Candidate {
        c: x,
        // ranks are below u16::MAX (checked when the matrices are read)
        rank: pairs.rank(x).map_or(0, |r| r as u16 + 1),
        flags: flags as u8,
        count: count.map_or(0, |n| (n * 12.0).round() as u8 + 1),
    })
}

/// The characters `c` is commonly confused with, the most frequent in the corpus first:
/// each with its flags and its [`Model::log_count`] (stored with it, so not looked up). The
/// checks read them through [`Cache`], as [`Candidate`]s.
#[cfg(test)]
pub fn confusions(c: char) -> impl Iterator<Item = (char, u32, Option<f32>)> {
    head(c).into_iter().flat_map(confusions_at)
}

/// How many characters the confusion table lists confusions for (its heads).
fn confusion_heads() -> usize {
    if CONFUSION.starts_with(b"DLCNF002") {
        u32_at(CONFUSION, 8) as usize
    } else {
        0
    }
}

/// The place of `c` among the heads of the confusion table (sorted), if it is one.
fn head(c: char) -> Option<usize> {
    const HEADS: usize = 12;
    let key = u32::from(c);
    let (mut lo, mut hi) = (0, confusion_heads());
    while lo < hi {
        let mid = (lo + hi) / 2;
        match u32_at(CONFUSION, HEADS + 4 * mid).cmp(&key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

/// The confusions of the `i`th head of the table: each character, its flags and its
/// [`Model::log_count`].
fn confusions_at(i: usize) -> impl Iterator<Item = (char, u32, Option<f32>)> {
    let n = confusion_heads();
    let heads = 12;
    let starts = heads + 4 * n;
    let cands = starts + 4 * (n + 1);
    let total = u32_at(CONFUSION, starts + 4 * n) as usize;
    let seen = cands + 4 * total;
    let range =
        u32_at(CONFUSION, starts + 4 * i) as usize..u32_at(CONFUSION, starts + 4 * i + 4) as usize;
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
    fn levels_are_the_level_of_each_pair() {
        let pairs = Pairs::get();
        let s: Vec<char> = "\n切实加强组织零导，形杰各异。A0 𠀀\u{10FFFF}发展\n"
            .chars()
            .collect();
        let one_by_one: Vec<u8> = s.windows(2).map(|w| pairs.level(w[0], w[1])).collect();
        assert_eq!(pairs.levels(&s), one_by_one);
        assert!(one_by_one.iter().any(|&l| l >= 2));
        assert!(pairs.levels(&[]).is_empty());
    }

    #[test]
    fn a_level_at_least_as_common_has_every_pair_that_common() {
        let pairs = Pairs::get();
        for t in [-1.0, 0.0, 1.0, 3.0, 7.6, 12.0, 40.0] {
            let l = pairs.level_at_least(t);
            for level in 1..=3u8 {
                // At or above it, every pair was seen 2^t times; below it, not every one.
                assert_eq!(pairs.level_range(level).0 >= t, level >= l, "{t} {level}");
            }
        }
        assert_eq!(pairs.level_at_least(f32::INFINITY), 4);
    }

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
        // Strings no list holds that shared a 16-bit key with a word before the lexicon's
        // value bytes carried four more bits of the hash (an explanation named them).
        for w in ["开展临碳", "贫双方认", "仲巴县绵", "以托"] {
            let chars: Vec<char> = w.chars().collect();
            assert_eq!(lex.lookup(&chars), None, "{w}");
        }
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
    fn the_slots_of_a_line_are_compared_at_once() {
        let mut line = [0u8; LINE];
        for k in 0..SLOTS {
            line[2 * k..2 * k + 2].copy_from_slice(&(1000 + (k as u16 % 7)).to_le_bytes());
        }
        for (k, v) in line[2 * SLOTS..].iter_mut().enumerate() {
            *v = k as u8;
        }
        for key in [1000, 1003, 1006, 1007, 0, 0x0302] {
            let scalar = (0..24).fold(0u32, |hits, k| {
                let slot = u16::from_le_bytes([line[2 * k], line[2 * k + 1]]);
                hits | u32::from(slot == key) << k
            });
            assert_eq!(matching_slots(&line, key), scalar, "{key}");
        }
        // 1003 is in slots 3, 10 and 17
        assert_eq!(
            matching_slots(&line, 1003) & ((1 << SLOTS) - 1),
            1 << 3 | 1 << 10 | 1 << 17
        );
    }

    #[test]
    fn a_documents_candidates_are_the_confusion_tables() {
        let mut known = Candidates::default();
        let p = Pairs::get();
        for c in ['零', '局', '态', '的', '𠀀', 'a'] {
            let listed: Vec<(char, u32, Option<f32>)> = confusions(c).collect();
            let read: Vec<(char, u32, Option<f32>)> = known
                .of(c)
                .iter()
                .map(|x| (x.c, x.flags(), x.count()))
                .collect();
            assert_eq!(read, listed, "{c}");
            for x in known.of(c) {
                assert_eq!(x.rank().map(usize::from), p.rank(x.c), "{}", x.c);
                assert_eq!(p.after('的').has_rank(x.rank()), p.after('的').has(x.c));
                assert_eq!(
                    p.after(x.c).entry_rank(p.rank('的').map(|r| r as u16)),
                    p.level(x.c, '的')
                );
            }
        }
    }

    #[test]
    fn the_pair_matrices_answer_what_the_model_counted() {
        let m = Model::get();
        let p = Pairs::get();
        // levels 1 and 2 meet at 8 (3.0), levels 2 and 3 at 198, the first count whose value
        // reaches the gate 7.6
        assert_eq!(p.level_range(2), (3.0, value(197)));
        assert!(value(197) < 7.6 && p.level_range(3).0 >= 7.6);
        let text = include_str!("../../../fixtures/在全县经济工作会议上的讲话.txt");
        let s: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let (mut checked, mut collisions) = (0, 0);
        for w in s
            .windows(2)
            .chain([['形', '杰'].as_slice(), &['𠀀', '的'], &['的', 'é']])
        {
            let level = p.level(w[0], w[1]);
            assert_eq!(level != 0, p.after(w[0]).has(w[1]), "{w:?}");
            assert_eq!(level != 0, p.before(w[1]).has(w[0]), "{w:?}");
            match m.log_count(w) {
                None => assert_eq!(level, 0, "{w:?}"),
                // the 2-gram table answers a pair never seen when its hashed key is shared
                Some(_) if level == 0 => collisions += 1,
                Some(count) => {
                    let (lo, hi) = p.level_range(level);
                    assert!(
                        lo <= count && count <= hi,
                        "{w:?}: {count} in level {level}"
                    );
                }
            }
            checked += 1;
        }
        assert!(
            checked > 1000 && collisions * 1000 < checked,
            "{collisions} of {checked}"
        );
        // 形态 is common, but not among the pairs seen 198 times or more
        assert_eq!(p.level('形', '态'), 2);
        assert_eq!(p.level('发', '展'), 3);
        assert_eq!(p.level('形', '杰'), 0);
    }

    #[test]
    fn every_bucket_is_one_line_and_well_formed() {
        let m = Model::get();
        for table in m.orders.iter().chain([lexicon()]) {
            assert_eq!(table.buckets.as_ptr() as usize % LINE, 0);
            let (mut keys, mut passed) = (0, 0);
            for line in table.buckets.chunks_exact(LINE) {
                let last = line[LINE - 1];
                let count = usize::from(last & 31);
                assert!(count <= SLOTS && last & 0x60 == 0, "{last:#x}");
                // keys move on only past a full bucket
                assert!(last & 0x80 == 0 || count == SLOTS, "{last:#x}");
                keys += count;
                passed += usize::from(last & 0x80 != 0);
            }
            // A table holds keys, mostly at home (fewer than a fifth of its buckets overflow).
            assert!(keys > 1000, "{keys}");
            assert!(
                passed * 5 < 1 << table.bits,
                "{passed} of {}",
                1 << table.bits
            );
        }
    }

    #[test]
    fn every_pair_the_matrices_hold_is_found_in_the_model() {
        // Every seen pair, through the 2-gram table: each line of the table (and the keys
        // that moved on to the next one) is read this way.
        let m = Model::get();
        let p = Pairs::get();
        let symbols: Vec<char> = (0..0x10000u32)
            .filter_map(char::from_u32)
            .filter(|&c| p.rank(c).is_some())
            .collect();
        let mut pairs = 0;
        for &a in &symbols {
            let row = p.after(a);
            for &b in &symbols {
                let level = row.entry(b);
                if level == 0 {
                    continue;
                }
                pairs += 1;
                let (lo, hi) = p.level_range(level);
                let count = m.log_count(&[a, b]);
                // a key shared by two strings answers the larger value
                assert!(
                    count.is_some_and(|c| lo <= c && (c <= hi || level == 1)),
                    "{a}{b}: {count:?} not in level {level}"
                );
            }
        }
        assert!(pairs > 100_000, "{pairs}");
    }
}
