#!/usr/bin/env python3
"""Validate rules/typos.toml (rule DL101) entry by entry and print a report.

Run from the repository root:

    python3 scripts/check_typos.py [--shared ../shared] [--rules rules/typos.toml] [--verbose]

Checks for every literal entry of every rule in the file:
  1. `found` is not a word of word_freq.txt nor an idiom of ecspell/成语.txt;
  2. no word of word_freq.txt with frequency >= 5 contains `found`, unless one of
     the entry's `unless` contexts covers that occurrence;
  3. `found` does not occur in the clean corpus (corpus/gov-docs.txt) outside an
     `unless` context (matching emulates the engine: one leftmost-longest pass
     over all entries of the file, then the `unless` filter);
  4. `fix` is not `found`, does not contain `found`, and is a known word or idiom
     (word_freq.txt, 成语.txt) or occurs in the corpus (else listed for a human look);
  5. no duplicate `found`; every `unless` contains its `found`;
  6. `found` is not a variant form of GF 1001-2001 (those belong to variants.toml);
  7. the rule's examples behave: `bad` gives a diagnostic and its fixes give `good`,
     `good` and `ok` give none.
Checks 1 and 2 can be waived for one entry by a trailing comment on its line
`# lexicon: <reason>` (the word list itself holds the misspelling); the waiver is
listed in the report.

Exit status: 0 when nothing fails, 1 otherwise.  Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
import tomllib
from pathlib import Path

FREQ_MIN = 5


def load_word_freq(path: Path) -> dict[str, int]:
    words: dict[str, int] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            try:
                freq = int(parts[1]) if len(parts) > 1 else 0
            except ValueError:
                freq = 0
            words[parts[0]] = max(freq, words.get(parts[0], 0))
    return words


def load_idioms(path: Path) -> set[str]:
    out: set[str] = set()
    with path.open(encoding="utf-8") as f:
        for line in f:
            w = line.split("\t")[0].strip()
            if w:
                out.add(w)
    return out


def load_variants(path: Path) -> set[str]:
    out: set[str] = set()
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 1:
                for v in cols[1].split("、"):
                    v = v.strip()
                    if v:
                        out.add(v)
    return out


def waivers(toml_text: str) -> dict[str, str]:
    """found -> reason, from `# lexicon: reason` comments on entry lines."""
    out: dict[str, str] = {}
    for line in toml_text.splitlines():
        m = re.search(r'found\s*=\s*"([^"]+)".*#\s*lexicon:\s*(.*)$', line)
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


def covered(text: str, start: int, end: int, contexts: list[str], found: str) -> bool:
    """True when one of `contexts` occurs in `text` covering [start, end)."""
    for u in contexts:
        q = u.find(found)
        while q != -1:
            s = start - q
            if s >= 0 and text.startswith(u, s) and s + len(u) >= end:
                return True
            q = u.find(found, q + 1)
    return False


class Matcher:
    """Leftmost-longest literal matching over all entries (a simple emulation)."""

    def __init__(self, entries: list[dict]):
        self.by_first: dict[str, list[dict]] = {}
        for e in entries:
            self.by_first.setdefault(e["found"][0], []).append(e)
        for lst in self.by_first.values():
            lst.sort(key=lambda e: -len(e["found"]))

    def find(self, text: str) -> list[tuple[int, int, dict]]:
        out = []
        i = 0
        n = len(text)
        while i < n:
            hit = None
            for e in self.by_first.get(text[i], ()):
                if text.startswith(e["found"], i):
                    hit = e
                    break
            if hit is None:
                i += 1
                continue
            j = i + len(hit["found"])
            if not covered(text, i, j, hit.get("unless", []), hit["found"]):
                out.append((i, j, hit))
            i = j
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = Path(__file__).resolve().parent.parent
    ap.add_argument("--shared", default=str(root / ".." / "shared"))
    ap.add_argument("--rules", default=str(root / "rules" / "typos.toml"))
    ap.add_argument("--verbose", action="store_true",
                    help="also list every lexicon waiver and every entry's figures")
    args = ap.parse_args()

    shared = Path(args.shared)
    data = shared / "data"
    rules_path = Path(args.rules)
    toml_text = rules_path.read_text(encoding="utf-8")
    doc = tomllib.loads(toml_text)
    waived = waivers(toml_text)

    word_freq = load_word_freq(data / "lexicon/pycorrector/word_freq.txt")
    idioms = load_idioms(data / "lexicon/ecspell/成语.txt")
    variants = load_variants(data / "lexicon/standards/yixingci-GF1001-2001.tsv")
    corpus = (data / "corpus/gov-docs.txt").read_text(encoding="utf-8")
    lines = corpus.split("\n")

    fails: list[str] = []
    notes: list[str] = []
    total = 0

    for rule in doc.get("rule", []):
        code = rule.get("code", "?")
        entries = list(rule.get("entry", []))
        total += len(entries)
        founds = [e["found"] for e in entries]
        seen: set[str] = set()
        for f in founds:
            if f in seen:
                fails.append(f"{code} duplicate found {f}")
            seen.add(f)

        frequent = sorted((w, c) for w, c in word_freq.items() if c >= FREQ_MIN)
        starts = []
        pos = 0
        for w_, _ in frequent:
            starts.append(pos)
            pos += len(w_) + 1
        blob = "\n".join(w_ for w_, _ in frequent)

        for e in sorted(entries, key=lambda e: e["found"]):
            f, fix, unless = e["found"], e.get("fix"), e.get("unless", [])
            tag = f"{code} {f}→{fix}"
            for u in unless:
                if f not in u:
                    fails.append(f"{tag}: unless {u} does not contain found")
            if fix is None:
                notes.append(f"{tag}: no fix")
            elif fix == f or f in fix:
                fails.append(f"{tag}: fix equals or contains found")
            if f in variants:
                fails.append(f"{tag}: found is a GF 1001-2001 variant (variants.toml)")
            w = waived.get(f)
            if f in word_freq or f in idioms:
                where = "word_freq" if f in word_freq else "成语.txt"
                if w is None:
                    fails.append(f"{tag}: found is listed in {where}")
                else:
                    notes.append(f"{tag}: listed in {where}, waived ({w})")
            # longer words that contain found
            bad_words = []
            p0 = blob.find(f)
            while p0 != -1:
                k = bisect.bisect_right(starts, p0) - 1
                word, c = frequent[k]
                if word != f:
                    p = p0 - starts[k]
                    if not covered(word, p, p + len(f), unless, f):
                        bad_words.append(f"{word}({c})")
                p0 = blob.find(f, p0 + 1)
            bad_words = sorted(set(bad_words))
            if bad_words:
                msg = f"{tag}: contained in words {', '.join(bad_words[:8])}"
                if len(bad_words) > 8:
                    msg += f" … ({len(bad_words)} in all)"
                if w is None:
                    fails.append(msg)
                else:
                    notes.append(msg + f" — waived ({w})")
            # fix plausibility
            if fix is not None and fix not in word_freq and fix not in idioms:
                if fix in corpus:
                    pass
                else:
                    notes.append(f"{tag}: fix not in the word lists nor the corpus (check by hand)")

        # corpus check (emulating one leftmost-longest pass + unless)
        m = Matcher(entries)
        hits: dict[str, list[str]] = {}
        for ln in lines:
            if ln.startswith("### "):
                continue
            for s, t, e in m.find(ln):
                ctx = ln[max(0, s - 8):t + 8]
                hits.setdefault(e["found"], []).append(ctx)
        for f in sorted(hits):
            ctxs = hits[f]
            fails.append(f"{code} {f}: {len(ctxs)} corpus hit(s), e.g. …{ctxs[0]}…")
        # corpus occurrences that unless contexts silenced
        silenced = 0
        for e in entries:
            if e.get("unless"):
                silenced += corpus.count(e["found"])
        # examples
        for ex in rule.get("example", []):
            if "bad" in ex:
                bad, good = ex["bad"], ex.get("good")
                hs = m.find(bad)
                if not hs:
                    fails.append(f"{code} example bad gives nothing: {bad}")
                elif good is not None:
                    out, last = [], 0
                    for s, t, e in hs:
                        out.append(bad[last:s])
                        out.append(e.get("fix", bad[s:t]))
                        last = t
                    out.append(bad[last:])
                    fixed = "".join(out)
                    if fixed != good:
                        fails.append(f"{code} example bad→{fixed} differs from good {good}")
                    if m.find(good):
                        fails.append(f"{code} example good gives a diagnostic: {good}")
            if "ok" in ex and m.find(ex["ok"]):
                fails.append(f"{code} example ok gives a diagnostic: {ex['ok']}")

        n2 = sum(1 for f in founds if len(f) == 2)
        n3 = sum(1 for f in founds if len(f) == 3)
        n4 = sum(1 for f in founds if len(f) >= 4)
        with_unless = sum(1 for e in entries if e.get("unless"))
        print(f"rule {code} ({rule.get('name')}): {len(entries)} entries "
              f"({n2} of 2 chars, {n3} of 3, {n4} of 4 or more; {with_unless} with unless), "
              f"{len(rule.get('example', []))} examples")
        print(f"  corpus: {sum(len(v) for v in hits.values())} unsilenced hit(s); "
              f"{silenced} occurrence(s) of guarded entries silenced by unless")
        if args.verbose:
            for e in sorted(entries, key=lambda e: e["found"]):
                print(f"  {e['found']}→{e.get('fix')} fix-in-corpus={corpus.count(e.get('fix', ''))}"
                      f" unless={e.get('unless', [])}")

    waived_notes = [n for n in notes if "waived" in n]
    other_notes = [n for n in notes if "waived" not in n]
    print(f"entries: {total}; failures: {len(fails)}; "
          f"lexicon waivers: {len(waived_notes)}; notes: {len(other_notes)}")
    for n in sorted(other_notes) + (sorted(waived_notes) if args.verbose else []):
        print("NOTE", n)
    for x in sorted(fails):
        print("FAIL", x)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
