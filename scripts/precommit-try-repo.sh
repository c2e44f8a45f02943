#!/usr/bin/env bash
# Runs the doclint hook for real with pre-commit (from PyPI): `pre-commit try-repo` installs
# the hook from this repository (cargo install) and runs it on staged files, as a team's
# repository would. A file with a typo must fail the hook; a clean one must pass.
# Skipped with a note when pre-commit cannot be installed (no access to PyPI).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v pre-commit >/dev/null 2>&1; then
  if ! python3 -m pip install --quiet --disable-pip-version-check pre-commit >/dev/null 2>&1; then
    echo "note: pre-commit could not be installed from PyPI; the real pre-commit run is skipped"
    exit 0
  fi
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q
printf '各单位要尽快完成按装调试。\n' > bad.txt
printf '各单位要尽快完成安装调试。\n' > good.md
git add bad.txt good.md
# One run (each try-repo builds the hook afresh): both staged files are checked, only the typo
# is reported, and the hook fails the commit.
if pre-commit try-repo "$repo" doclint --files bad.txt good.md > log.txt 2>&1; then
  cat log.txt; echo "pre-commit: the hook passed a file with a typo"; exit 1
fi
grep -q 'error\[DL101\]: 错别字：“按装”应为“安装”' log.txt || { cat log.txt; exit 1; }
grep -q -- '--> bad.txt:1:9' log.txt || { cat log.txt; exit 1; }
grep -q '^1 error, 0 warnings in 2 files$' log.txt || { cat log.txt; exit 1; }
echo "pre-commit: the hook checks the staged files and fails on the typo"
