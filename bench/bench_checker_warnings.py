"""Measure two of the checker's judgements on recommendations that are not drafts: how often it
finds an owner (and of which kind) and how often it calls a recommendation vague.

A published recommendation is rarely vague, so the share called vague is the false-positive
rate to watch when the general words (`analysis/vagueness.py`) or the owner rules change.

- the demo generator's recommendations (`--reports` reports, worded without rendering files);
- with `--keys DIR`, the `recommendations` of real-report answer keys (`*.json`);
- with `--families FILE`, the `members[].text` of a JSON-lines file of recommendation families.

The texts of the last two are read at run time and only counted; `--show N` prints the first N
called vague, for reading by eye.

    .venv/bin/python bench/bench_checker_warnings.py --reports 200 \\
        --keys ../shared/eval-dev/real-excerpts \\
        --families ../shared/eval-dev/recurrence/families.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from casereview.analysis.coding import code_recommendation
from casereview.analysis.vagueness import vague

SEED = 20240


def _generated(reports: int) -> list[str]:
    from casereview.democorpus.content import build_report

    return [r.text for i in range(reports) for r in build_report(SEED, i).recommendations]


def _keys(folder: Path) -> list[str]:
    texts: list[str] = []
    for path in sorted(folder.glob("*.json")):
        texts += json.loads(path.read_text(encoding="utf-8")).get("recommendations") or []
    return texts


def _families(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [m["text"] for line in lines if line.strip() for m in json.loads(line)["members"]]


def _measure(name: str, texts: list[str], show: int) -> None:
    distinct = list(dict.fromkeys(texts))
    kinds: Counter[str] = Counter()
    found = []
    for text in distinct:
        coding = code_recommendation(text)
        kinds[coding.owner.kind if coding.owner else "none"] += 1
        if (said := vague(text, coding)) is not None:
            found.append((text, said.words))
    share = len(found) / len(distinct) if distinct else 0.0
    owners = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
    print(f"{name}: {len(distinct)} distinct; vague {len(found)} ({share:.1%}); owner: {owners}")
    for text, words in found[:show]:
        print(f"    {words}: {text[:120]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200, help="generated reports to word")
    parser.add_argument("--keys", type=Path, help="folder of real-report answer keys")
    parser.add_argument("--families", type=Path, help="JSON lines of recommendation families")
    parser.add_argument("--show", type=int, default=0, help="how many vague ones to print")
    args = parser.parse_args()
    _measure(f"generated ({args.reports} reports)", _generated(args.reports), args.show)
    if args.keys:
        _measure(f"answer keys in {args.keys}", _keys(args.keys), args.show)
    if args.families:
        _measure(f"families in {args.families}", _families(args.families), args.show)


if __name__ == "__main__":
    main()
