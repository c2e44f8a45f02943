#!/usr/bin/env python3
"""Generate the data of the suspect-character checks (DL110, DL111) in src/checks/suspect/.

Run from the repository root:

    python3 scripts/gen_charlm.py [--shared ../shared] [--out src/checks/suspect]

It writes four binary files that src/checks/suspect.rs reads straight from `include_bytes!`
(nothing is parsed at start-up but a few header words):

  lm.bin         a character 1- to 4-gram count model (stupid backoff is applied at query
                 time), counted on the EVEN-indexed documents (0-based order of the `### `
                 sections) of data/corpus/gov-docs.txt.  The odd-indexed documents are never
                 read here: they are the held-out half false alarms are measured on.
  pairs.bin      the 2-grams of lm.bin again, as bit matrices (one row per symbol).
  lexicon.bin    words of pycorrector's word-frequency list (the jieba dictionary), the
                 ECSpell 成语 list and pycorrector's proper_name list, with flags.
  confusion.bin  per character, the characters it is commonly confused with: pycorrector
                 same_pinyin (same tone / other tone) and same_stroke, ECSpell sound and shape
                 confusion sets, made symmetric, limited to 《通用规范汉字表》.

Layout (all little-endian).  A *table* is a set of n-grams or words keyed by a 64-bit FNV-1a
hash over the Unicode scalar values of the (normalised) characters:

    h = 0xcbf29ce484222325; for c in chars: h = (h ^ ord(c)) * 0x100000001b3 mod 2**64
    then MurmurHash3's fmix64 finaliser (h ^= h >> 33; h *= 0xff51afd7ed558ccd;
    h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53; h ^= h >> 33, all mod 2**64)

The top `b` bits of h pick the home bucket, the low 16 bits are stored as the key.  A table
is a 64-byte header (u32 b, u32 n keys, u32 slots = 21, u32 v = value bits, zeros) and 2**b
buckets of one 64-byte cache line each: u16 keys[21], u8 vals[21] (the value in the low v
bits, hash bits 16.. in the 8 - v bits above), and in the last byte the number of keys
(low 5 bits) and bit 7 set when a key whose home is this bucket or an earlier one had to move
on because the bucket was full.  A key lives in its home bucket or, when that is full, in the
next one that is not (wrapping around); a lookup reads the home line and goes on to the next
only while bit 7 is set.  Tables and file headers are padded to 64 bytes, so that (with the
Rust side aligning the embedded bytes) every bucket is one cache line.
lm.bin      = b"DLCLM003", u32 orders (4), u32 total characters, padding, then one table
              per order;
              val = round(12 * log2(count)) (count >= 1, so 0 means once).
lexicon.bin = b"DLLEX003", padding, then one table of 4 value bits; val = flags (1 word,
              2 frequent word, 4 idiom, 8 proper name: person, place, organisation).
confusion.bin = b"DLCNF002", u32 n, u32 heads[n] (sorted code points), u32 start[n + 1],
              u32 cands[...] = code point | flags << 24 (1 same pinyin and tone, 2 same pinyin
              other tone, 4 pycorrector same stroke, 8 ECSpell shape, 16 ECSpell sound);
              the candidates of a head come most frequent first (1-gram count, then code
              point), so a check can stop at the first one too rare to suggest;
              then u8 seen[...] = the candidate's 1-gram value in lm.bin plus 1 (0: never
              seen), so that the check need not look it up.

pairs.bin   = b"DLPAIR01", u32 k (symbols of lm.bin's 1-grams), u32 w, u32 m, u32 limits[m]
              (2), u32 symbols[k] (code points, most frequent first, ties by code point: a
              symbol's rank is its index, so the common characters of every row share its
              first cache lines),
              padding to 8 bytes, then two matrices of k rows: `after`, 2w u64 words per row
              (row a, bits 2b..2b+1: the level of the pair ab: 0 never seen, 1 seen fewer
              than limits[0] times, 2 fewer than limits[1] times, 3 more often), and
              `before`, w u64 words per row (row b, bit a: the pair ab was seen).  They answer
              exactly what lm.bin's 2-gram table answers (which may err on a hash collision),
              and a check asking about many pairs that share a character reads one row.

Normalisation (the Rust side does the same): ASCII and full-width digits become `0`, ASCII
and full-width Latin letters become `A`, a run of white space becomes one space (none at a
paragraph's ends: the space keeps the characters on its two sides apart, as in a list of names
and places `王　煜　春秋航空`), and each paragraph (line) is framed by `\\n` on both sides.

Python 3 standard library only; output is deterministic.
"""

import argparse
import json
import math
import os
import struct
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CORPUS = "data/corpus/gov-docs.txt"
HANZI = "data/lexicon/standards/tongyong-guifan-hanzi-2013.txt"
WORDS = "data/lexicon/pycorrector/word_freq.txt"
IDIOMS = "data/lexicon/ecspell/成语.txt"
PROPER = "data/lexicon/pycorrector/proper_name.txt"
SAME_PINYIN = "data/lexicon/pycorrector/same_pinyin.txt"
SAME_STROKE = "data/lexicon/pycorrector/same_stroke.txt"
EC_SHAPE = "data/lexicon/ecspell/shapeConfusion.json"
EC_SOUND = "data/lexicon/ecspell/soundConfusion.json"

ORDERS = 4
# An n-gram of this order is kept only when seen at least this often (1 keeps all).  All are
# kept: 9.5 MB of tables.  Dropping the 3- and 4-gram singletons gives 4.2 MB and costs
# detection F1 (margins chosen on one fold, measured on the other, 2026-12-02): DL110-like
# 48.2 -> 46.6 at <= 0.6 false alarms per 10k, DL111-like 64.4 -> 63.8 at <= 10.
MIN_COUNT = {1: 1, 2: 1, 3: 1, 4: 1}
# pairs.bin gives each pair one of four levels: never seen, seen fewer than 8 times, fewer
# than 198 times, more often.  The limits are the checks' gates (tri-gate 3.0, gate 7.6 in
# the model's unit, round(12 * log2(count)) / 12: a count of 198 is the first at or above
# 7.6), so that the gates read a level and never look a count up.
PAIR_LEVELS = (8, 198)
# Words of the frequency list below this frequency are noise (its floor is 3).
WORD_MIN_FREQ = 5
FREQUENT_WORD = 1000
PROPER_TAGS = {"nr", "nrt", "nrfg", "ns", "nt"}

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK = (1 << 64) - 1


def fnv(s):
    h = FNV_OFFSET
    for c in s:
        h = ((h ^ ord(c)) * FNV_PRIME) & MASK
    # FNV's high bits mix short strings poorly (one character moves only the low ones), and
    # the high bits pick the bucket: MurmurHash3's finaliser mixes them.
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & MASK
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & MASK
    h ^= h >> 33
    return h


def is_han(c):
    o = ord(c)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
    )


def norm_char(c):
    """The model's symbol for c, or '' to drop it."""
    o = ord(c)
    if 0x30 <= o <= 0x39 or 0xFF10 <= o <= 0xFF19:
        return "0"
    if 0x41 <= o <= 0x5A or 0x61 <= o <= 0x7A or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return "A"
    if c.isspace():
        return " "
    return c


def normalise(line):
    out = []
    for c in line:
        sym = norm_char(c)
        if sym != " " or (out and out[-1] != " "):
            out.append(sym)
    if out and out[-1] == " ":
        out.pop()
    return "\n" + "".join(out) + "\n"


def even_documents(path):
    """Paragraphs of the even-indexed documents (0-based order of the `### ` sections)."""
    index = -1
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("### "):
                index += 1
                line = line[4:]
            if index >= 0 and index % 2 == 0 and line.strip():
                yield line


# A table's buckets are cache lines: a lookup reads one line (rarely the next one too).
LINE = 64
SLOTS = 21
# The fewest buckets that keep the mean load at or below this many keys (of SLOTS).
MAX_LOAD = 17


def pad_to_line(out):
    while len(out) % LINE:
        out += b"\0"
    return out


def table_bytes(items, val_bits=8):
    """items: dict key string -> val (below 2**val_bits).  The result starts and ends on a
    line.  A value byte's bits above val_bits hold more bits of the hash (bits 16 and up), so
    a table whose values are small (the lexicon's flags) tells more strings apart."""
    extra_mask = (1 << (8 - val_bits)) - 1
    n = len(items)
    b = 4
    while (1 << b) * MAX_LOAD < n:
        b += 1
    # Two strings whose hashes agree on the bucket and the key bits keep the larger value.
    entries = {}
    for k, v in items.items():
        assert 0 <= v < 1 << val_bits, (k, v)
        h = fnv(k)
        e = (h >> (64 - b), h & 0xFFFF, (h >> 16) & extra_mask)
        entries[e] = max(entries.get(e, 0), v)
    nb = 1 << b
    slots = [[] for _ in range(nb)]
    passed = [False] * nb
    for (home, key, extra), v in sorted(entries.items()):
        j = home
        while len(slots[j]) == SLOTS:
            passed[j] = True
            j = (j + 1) % nb
        slots[j].append((key, v | extra << val_bits))
    out = bytearray(struct.pack("<IIII", b, len(entries), SLOTS, val_bits))
    pad_to_line(out)
    for j in range(nb):
        line = bytearray(LINE)
        for k, (key, v) in enumerate(slots[j]):
            struct.pack_into("<H", line, 2 * k, key)
            line[2 * SLOTS + k] = v
        line[LINE - 1] = len(slots[j]) | (0x80 if passed[j] else 0)
        out += line
    # Check every key the way the Rust side looks it up.
    for (home, key, extra), v in entries.items():
        j = home
        while True:
            found = [w for (k, w) in slots[j] if k == key and w >> val_bits == extra]
            if found:
                assert found[0] == v | extra << val_bits or passed[(j - 1) % nb], (home, key)
                break
            assert passed[j], (home, key)
            j = (j + 1) % nb
    return bytes(out)


def quantise(count):
    return min(255, round(12 * math.log2(count)))


def build_lm(shared):
    counts = [dict() for _ in range(ORDERS + 1)]
    total = 0
    for line in even_documents(os.path.join(shared, CORPUS)):
        s = normalise(line)
        total += len(s) - 2
        for n in range(1, ORDERS + 1):
            c = counts[n]
            for i in range(len(s) - n + 1):
                g = s[i : i + n]
                c[g] = c.get(g, 0) + 1
    out = bytearray(b"DLCLM003")
    out += struct.pack("<II", ORDERS, total)
    pad_to_line(out)
    stats = []
    for n in range(1, ORDERS + 1):
        kept = {g: quantise(c) for g, c in counts[n].items() if c >= MIN_COUNT[n]}
        t = table_bytes(kept)
        stats.append((n, len(counts[n]), len(kept), len(t)))
        out += t
    return bytes(out), total, stats, counts[1], counts[2]


def pair_level(count):
    """The level pairs.bin stores for a pair seen `count` times (0: never)."""
    if count == 0:
        return 0
    return 1 if count < PAIR_LEVELS[0] else 2 if count < PAIR_LEVELS[1] else 3


def build_pairs(unigrams, bigrams):
    symbols = sorted(unigrams, key=lambda c: (-unigrams[c], ord(c)))
    rank = {c: i for i, c in enumerate(symbols)}
    k = len(symbols)
    w = (k + 63) // 64
    after = [0] * (k * 2 * w)
    before = [0] * (k * w)
    for g, count in bigrams.items():
        a, b = rank[g[0]], rank[g[1]]
        after[a * 2 * w + b // 32] |= pair_level(count) << (2 * (b % 32))
        before[b * w + a // 64] |= 1 << (a % 64)
    out = bytearray(b"DLPAIR01")
    out += struct.pack("<III", k, w, len(PAIR_LEVELS))
    out += struct.pack(f"<{len(PAIR_LEVELS)}I", *PAIR_LEVELS)
    out += struct.pack(f"<{k}I", *(ord(c) for c in symbols))
    while len(out) % 8:
        out += b"\0"
    out += struct.pack(f"<{len(after)}Q", *after)
    out += struct.pack(f"<{len(before)}Q", *before)
    return bytes(out), k, len(bigrams)


def read_hanzi(shared):
    with open(os.path.join(shared, HANZI), encoding="utf-8") as f:
        chars = [l.strip() for l in f if l.strip()]
    return chars


def build_lexicon(shared, hanzi):
    allowed = set(hanzi)
    flags = {}

    def add(word, flag):
        if 2 <= len(word) <= 12 and all(c in allowed for c in word):
            flags[word] = flags.get(word, 0) | flag

    with open(os.path.join(shared, WORDS), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1]) if parts[1].isdigit() else 0
            tag = parts[2] if len(parts) > 2 else ""
            if tag in PROPER_TAGS:
                add(word, 8)
            if freq >= WORD_MIN_FREQ:
                add(word, 1 | (2 if freq >= FREQUENT_WORD else 0))
    with open(os.path.join(shared, IDIOMS), encoding="utf-8") as f:
        for line in f:
            word = line.split("\t")[0].strip()
            add(word, 1 | 4)
    with open(os.path.join(shared, PROPER), encoding="utf-8") as f:
        for line in f:
            add(line.strip(), 1 | 4)
    return bytes(pad_to_line(bytearray(b"DLLEX003"))) + table_bytes(flags, 4), len(flags)


def build_confusion(shared, hanzi, unigrams):
    heads_ok = set(hanzi)
    cands_ok = set(hanzi[:6500])  # levels 1 and 2: a fix is a common character
    pairs = {}

    def add(a, b, flag):
        if a == b or len(a) != 1 or len(b) != 1:
            return
        for x, y in ((a, b), (b, a)):
            if x in heads_ok and y in cands_ok:
                pairs.setdefault(x, {})
                pairs[x][y] = pairs[x].get(y, 0) | flag

    with open(os.path.join(shared, SAME_PINYIN), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if not parts or len(parts[0]) != 1:
                continue
            head = parts[0]
            for c in parts[1] if len(parts) > 1 else "":
                add(head, c, 1)
            for c in parts[2] if len(parts) > 2 else "":
                add(head, c, 2)
    with open(os.path.join(shared, SAME_STROKE), encoding="utf-8") as f:
        for line in f:
            group = [c for c in line.split() if len(c) == 1]
            for a in group:
                for b in group:
                    add(a, b, 4)
    for path, flag in ((EC_SHAPE, 8), (EC_SOUND, 16)):
        with open(os.path.join(shared, path), encoding="utf-8") as f:
            data = json.load(f)
        for head, cands in data.items():
            for c in cands:
                add(head, c, flag)
    heads = sorted(pairs, key=ord)
    start = [0]
    cands = []
    for h in heads:
        # Most frequent first: the check stops at the first candidate rarer than it suggests.
        for c in sorted(pairs[h], key=lambda c: (-unigrams.get(c, 0), ord(c))):
            cands.append(ord(c) | pairs[h][c] << 24)
        start.append(len(cands))
    out = bytearray(b"DLCNF002")
    out += struct.pack("<I", len(heads))
    out += struct.pack(f"<{len(heads)}I", *(ord(h) for h in heads))
    out += struct.pack(f"<{len(start)}I", *start)
    out += struct.pack(f"<{len(cands)}I", *cands)
    # The 1-gram count of each candidate as the model stores it, plus 1 (0: never seen).
    seen = [unigrams.get(chr(c & 0xFFFFFF), 0) for c in cands]
    out += bytes(min(255, quantise(n) + 1) if n else 0 for n in seen)
    return bytes(out), len(heads), len(cands)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(REPO, "src", "checks", "suspect"))
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "data")):
        sys.exit(f"gen_charlm: {args.shared}/data not found (use --shared PATH)")
    os.makedirs(args.out, exist_ok=True)
    hanzi = read_hanzi(args.shared)
    lm, total, stats, unigrams, bigrams = build_lm(args.shared)
    kept_pairs = {g: c for g, c in bigrams.items() if c >= MIN_COUNT[2]}
    pairs, nsymbols, npairs = build_pairs(unigrams, kept_pairs)
    lex, nwords = build_lexicon(args.shared, hanzi)
    conf, nheads, ncands = build_confusion(args.shared, hanzi, unigrams)
    files = (("lm.bin", lm), ("pairs.bin", pairs), ("lexicon.bin", lex), ("confusion.bin", conf))
    for name, data in files:
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
    for n, seen, kept, size in stats:
        print(f"{n}-grams: {seen} seen, {kept} kept, {size} bytes", file=sys.stderr)
    print(f"lm.bin {len(lm)} bytes from {total} characters", file=sys.stderr)
    print(f"pairs.bin {len(pairs)} bytes, {npairs} pairs of {nsymbols} symbols", file=sys.stderr)
    print(f"lexicon.bin {len(lex)} bytes, {nwords} words", file=sys.stderr)
    print(f"confusion.bin {len(conf)} bytes, {nheads} characters, {ncands} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
