#!/usr/bin/env python3
"""Measure the suspect-character checks (DL110, DL111) without leaking the statistics.

    python3 scripts/eval_suspect.py [--shared ../shared] [--bin target/release/doclint]
                                    [--params 'margin = 8.0;joint = true'] [--sweep]

The check runs with the params given (none: the check's defaults), not those of
rules/suspect.toml: pass a rule's [rule.params] lines, joined by ';', to measure it.

* false alarms per 10,000 characters on the ODD-indexed documents of gov-docs.txt (the model
  in src/checks/suspect/lm.bin is counted on the even-indexed ones only);
* on odw.train.tsv (measure only): span precision and sentence-level detection and
  correction P/R/F1, as ../shared/tools/scoreboard computes them, for all sentences and for
  the two folds (even / odd sentence index);
* with --sweep: the check runs with a very low margin and prints its score in the message;
  every margin of a grid is then evaluated offline, and a margin is chosen on one fold
  (the best detection F1 whose clean false-alarm rate stays under --max-fa) and reported on
  the other (2-fold held-out figures).

Only the suspect rules run (a rule set of their own, other built-in rules off).
Python 3 standard library only.
"""

import argparse
import bisect
import json
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

RULE = """
[[rule]]
code = "DL119"
name = "suspect-eval"
family = "suspect-eval"
severity = "warning"
summary = "s"
message = "{{note}}"
check = "suspect-char"
[rule.params]
{params}
[[rule.example]]
bad = "切实加强组织零导。"
"""


def odd_docs(path):
    docs, title, buf, index = [], None, [], -1
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("### "):
            if index >= 0 and index % 2 == 1:
                docs.append((title, buf))
            index += 1
            title, buf = line[4:], []
        else:
            buf.append(line)
    if index % 2 == 1:
        docs.append((title, buf))
    return docs


def run(bin_, rules, paths, extra):
    cmd = [bin_, "--no-config", "--no-default-rules", "--rules", rules, "--format", "json", *extra, *paths]
    p = subprocess.run(cmd, capture_output=True)
    if p.returncode not in (0, 1):
        sys.exit(p.stderr.decode(errors="replace")[-2000:])
    return json.loads(p.stdout)["diagnostics"]


SCORE = re.compile(r"\[score=(-?[0-9.]+) fix=(.)\]")


def score_of(d):
    m = SCORE.search(d["message"])
    return float(m.group(1)) if m else float("inf")


def clean_findings(bin_, rules, tmp, shared, extra):
    files = []
    chars = 0
    for n, (title, lines) in enumerate(odd_docs(os.path.join(shared, "data/corpus/gov-docs.txt"))):
        path = os.path.join(tmp, f"odd{n:04d}.txt")
        text = title + "\n" + "\n".join(lines) + "\n"
        chars += len(text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        files.append(path)
    return run(bin_, rules, files, extra), chars


def csc_findings(bin_, rules, tmp, shared, extra):
    rows = []
    for line in open(os.path.join(shared, "data/csc/odw.train.tsv"), encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 3 and len(parts[1]) == len(parts[2]):
            rows.append((parts[1], parts[2]))
    text = "\n".join(w for w, _ in rows) + "\n"
    path = os.path.join(tmp, "csc.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    diags = run(bin_, rules, [path], extra)
    raw = text.encode("utf-8")
    starts, off = [], 0
    for w, _ in rows:
        starts.append(off)
        off += len(w) + 1
    b2c = {}
    ci = 0
    for bi in range(len(raw) + 1):
        if bi == len(raw) or (raw[bi] & 0xC0) != 0x80:
            b2c[bi] = ci
            ci += 1
    per = {}
    for d in diags:
        cs, ce = b2c[d["span"]["start"]], b2c[d["span"]["end"]]
        i = bisect.bisect_right(starts, cs) - 1
        rep = d["fixes"][0]["replacement"] if d.get("fixes") else None
        m = SCORE.search(d["message"])
        if m:
            rep = m.group(2)
        per.setdefault(i, []).append((cs - starts[i], ce - starts[i], rep, score_of(d)))
    return rows, per


# As src/checks/suspect.rs.
NEARBY = 40


def select(items, margin, boost):
    """items: (position, score, ...) of one line; what the check reports at `margin`."""
    sure = [x[0] for x in items if x[1] > margin]
    return [x for x in items if x[1] > margin or (x[1] > margin - boost and any(j != x[0] and abs(j - x[0]) <= NEARBY for j in sure))]


def clean_count(clean, margin, boost):
    lines = {}
    for d in clean:
        lines.setdefault((d["path"], d["start"]["line"]), []).append((d["start"]["column"], score_of(d)))
    return sum(len(select(v, margin, boost)) for v in lines.values())


def csc_metrics(rows, per, margin, fold=None, boost=0.0):
    span_ok = span_all = 0
    s_pred = s_gold = s_det = s_cor = 0
    for i, (w, c) in enumerate(rows):
        if fold is not None and i % 2 != fold:
            continue
        wrong = [k for k in range(len(w)) if w[k] != c[k]]
        ds = [x[2] for x in select([(d[0], d[3], d) for d in per.get(i, [])], margin, boost)]
        s_gold += bool(wrong)
        s_pred += bool(ds)
        covered, fixed = set(), set()
        for cs, ce, rep, _ in ds:
            span_all += 1
            if any(cs <= k < ce for k in wrong):
                span_ok += 1
            for k in wrong:
                if cs <= k < ce:
                    covered.add(k)
                    if rep is not None and len(rep) == ce - cs and rep[k - cs] == c[k]:
                        fixed.add(k)
        if wrong and len(covered) == len(wrong):
            s_det += 1
            if len(fixed) == len(wrong):
                s_cor += 1

    def f1(tp):
        p = tp / s_pred if s_pred else 0.0
        r = tp / s_gold if s_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    dp, dr, df = f1(s_det)
    _, _, cf = f1(s_cor)
    sp = span_ok / span_all if span_all else 0.0
    return {"spanP": sp, "detP": dp, "detR": dr, "detF1": df, "corF1": cf, "spans": span_all}


def fmt(m):
    return (f"span P {100*m['spanP']:.1f}% ({m['spans']}) · det P {100*m['detP']:.1f} "
            f"R {100*m['detR']:.1f} F1 {100*m['detF1']:.1f} · corr F1 {100*m['corF1']:.1f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target/release/doclint"))
    ap.add_argument("--params", default="", help="TOML lines for [rule.params]")
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--max-fa", type=float, default=1.0, help="false alarms per 10k allowed when choosing a margin")
    ap.add_argument("--min-span-p", type=float, default=0.0)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--boosts", default="0", help="nearby-boost values to sweep, comma-separated")
    args = ap.parse_args()
    params = args.params.replace(";", "\n")
    # The score and fix travel in the message (no `good` example needed at any margin).
    params += "\nshow-score = true\n"
    if args.sweep:
        params += "\nmargin = -1000.0\n"
    with tempfile.TemporaryDirectory() as tmp:
        rules = os.path.join(tmp, "eval.toml")
        with open(rules, "w", encoding="utf-8") as f:
            f.write(RULE.format(params=params))
        clean, chars = clean_findings(args.bin, rules, tmp, args.shared, [])
        rows, per = csc_findings(args.bin, rules, tmp, args.shared, [])
    if not args.sweep:
        print(f"held-out clean (odd documents): {len(clean)} findings on {chars:,} chars = {1e4*len(clean)/chars:.2f}/10k")
        print("odw all:    " + fmt(csc_metrics(rows, per, float("-inf"))))
        for fold in (0, 1):
            print(f"odw fold {fold}: " + fmt(csc_metrics(rows, per, float("-inf"), fold)))
        for d in clean[: args.show]:
            print(f"  FA {os.path.basename(d['path'])}:{d['start']['line']} “{d['matched']}” {d['message']}")
        return
    def fa(margin, boost):
        return 1e4 * clean_count(clean, margin, boost) / chars
    grid = [x / 2 for x in range(-4, 61)]
    boosts = [float(b) for b in args.boosts.split(",")]
    print("margin boost FA/10k  odw all")
    for b in boosts:
        for m in grid[::4]:
            print(f"{m:6.1f} {b:4.1f} {fa(m, b):6.2f}  " + fmt(csc_metrics(rows, per, m, None, b)))
    for tune, test in ((0, 1), (1, 0)):
        ok = [(m, b) for m in grid for b in boosts
              if fa(m, b) <= args.max_fa and csc_metrics(rows, per, m, tune, b)["spanP"] >= args.min_span_p]
        if not ok:
            print(f"fold {tune}: no margin meets the constraints")
            continue
        best = max(ok, key=lambda mb: csc_metrics(rows, per, mb[0], tune, mb[1])["detF1"])
        tuned = csc_metrics(rows, per, best[0], tune, best[1])
        print(f"tuned on fold {tune}: margin {best[0]} boost {best[1]} (FA {fa(*best):.2f}/10k; fold {tune} det F1 {100*tuned['detF1']:.1f}) -> fold {test}: " + fmt(csc_metrics(rows, per, best[0], test, best[1])))


if __name__ == "__main__":
    main()
