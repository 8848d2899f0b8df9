"""Benchmark recommendation coding against the demo corpus's ground truth: accuracy and speed.

Reads the ground-truth JSON beside each generated report (`recommendations[]` with `text` and the
generator's `mechanism`, `addressees`, `level` and `flags`), codes every recommendation's text
with `code_recommendation`, and prints mechanism accuracy with a confusion table, per-code
precision, recall and F1 for mechanisms, addressees and flags, level accuracy and throughput.

A table layout prints the owner and the timescale in their own columns, outside the text the
coder sees, so scores are also given without table layouts. The generator words its
recommendations from a bank of families: high scores here are necessary, not sufficient.

With --real DIR it also prints how the coder codes the `recommendations` of real-report answer
keys (`*.json`), for reading by eye.

    .venv/bin/python bench/bench_coding.py --dir /tmp/corpus1000
    .venv/bin/python bench/bench_coding.py --dir /tmp/corpus1000 --errors mechanism --show 30
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from casereview.analysis.coding import MECHANISM_CODES, Coding, code_recommendation, shipped_rules


def _truths(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for rec in data.get("recommendations") or []:
            rows.append((str(data.get("layout", "")), rec))
    return rows


class _Scores:
    """Per-code true positives, false positives and false negatives."""

    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()

    def add(self, truth: Iterable[str], got: Iterable[str]) -> None:
        t, g = set(truth), set(got)
        for code in t & g:
            self.tp[code] += 1
        for code in g - t:
            self.fp[code] += 1
        for code in t - g:
            self.fn[code] += 1

    def table(self, title: str, order: Iterable[str] | None = None) -> str:
        codes = list(order) if order else sorted(set(self.tp) | set(self.fp) | set(self.fn))
        lines = [f"{title:<28} {'P':>6} {'R':>6} {'F1':>6} {'truth':>7}"]
        for code in codes:
            tp, fp, fn = self.tp[code], self.fp[code], self.fn[code]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            lines.append(f"  {code:<26} {p:6.3f} {r:6.3f} {f:6.3f} {tp + fn:7d}")
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"  {'(micro)':<26} {p:6.3f} {r:6.3f} {f:6.3f} {tp + fn:7d}")
        return "\n".join(lines)


def _report(rows: list[tuple[str, dict[str, Any]]], codings: list[Coding], title: str) -> None:
    mech, adr, flags = _Scores(), _Scores(), _Scores()
    mech_ok = level_ok = adr_exact = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for (_, rec), coding in zip(rows, codings, strict=True):
        mech.add([rec["mechanism"]], [coding.mechanism])
        mech_ok += rec["mechanism"] == coding.mechanism
        confusion[(rec["mechanism"], coding.mechanism)] += 1
        adr.add(rec["addressees"], coding.addressees)
        adr_exact += set(rec["addressees"]) == set(coding.addressees)
        flags.add(rec["flags"], coding.flags)
        level_ok += rec["level"] == coding.level
    n = len(rows)
    print(f"\n=== {title}: {n} recommendations")
    print(f"mechanism accuracy  {mech_ok / n:.3f}")
    print(f"addressees exact    {adr_exact / n:.3f}")
    print(f"level accuracy      {level_ok / n:.3f}")
    print(mech.table("mechanism", MECHANISM_CODES))
    print("confusion (rows truth, columns coded):")
    print("       " + "".join(f"{c:>6}" for c in MECHANISM_CODES))
    for t in MECHANISM_CODES:
        print(f"  {t:<5}" + "".join(f"{confusion[(t, g)]:6d}" for g in MECHANISM_CODES))
    print(adr.table("addressees"))
    print(flags.table("flags", ("has_owner", "measurable", "has_timescale", "traceable")))


def _show_errors(
    rows: list[tuple[str, dict[str, Any]]], codings: list[Coding], what: str, show: int
) -> None:
    shown = 0
    for (layout, rec), coding in zip(rows, codings, strict=True):
        truth: Any
        got: Any
        if what == "mechanism":
            truth, got = rec["mechanism"], coding.mechanism
        elif what == "addressees":
            truth, got = sorted(rec["addressees"]), sorted(coding.addressees)
        elif what == "level":
            truth, got = rec["level"], coding.level
        else:
            truth, got = rec["flags"], sorted(coding.flags)
            if what in ("has_owner", "measurable", "has_timescale", "traceable"):
                truth, got = what in truth, what in got
        if truth != got and layout != "table":
            print(f"- truth {truth} coded {got}: {rec['text']}")
            print(f"    triggers {[(t.code, t.words) for t in coding.triggers]}")
            shown += 1
            if shown >= show:
                return


def _real(folder: Path) -> None:
    print(f"\n=== real-report answer keys in {folder}")
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for rec in data.get("recommendations") or []:
            text = rec if isinstance(rec, str) else str(rec.get("text", ""))
            c = code_recommendation(text)
            print(f"- {path.name}: {text[:90]}...")
            print(f"    {c.mechanism} {list(c.addressees)} {c.level} {list(c.flags)}")
            print(f"    triggers {[(t.code, t.words) for t in c.triggers]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, required=True, help="folder of ground-truth JSON")
    parser.add_argument("--real", type=Path, help="folder of real-report answer keys")
    parser.add_argument(
        "--errors",
        choices=(
            "mechanism",
            "addressees",
            "level",
            "flags",
            "has_owner",
            "measurable",
            "has_timescale",
            "traceable",
        ),
        help="print disagreements of this kind (table layouts left out)",
    )
    parser.add_argument("--show", type=int, default=20, help="how many disagreements to print")
    args = parser.parse_args()

    rows = _truths(args.dir)
    if not rows:
        raise SystemExit(f"No ground-truth recommendations found in {args.dir}.")
    shipped_rules()  # loading the rules once is not part of the per-recommendation cost
    began = time.perf_counter()
    codings = [code_recommendation(rec["text"]) for _, rec in rows]
    seconds = time.perf_counter() - began
    print(
        f"coded {len(rows)} recommendations in {seconds:.2f} s: "
        f"{len(rows) / seconds:,.0f} recommendations/s on one core"
    )
    _report(rows, codings, "all layouts")
    keep = [i for i, (layout, _) in enumerate(rows) if layout != "table"]
    _report([rows[i] for i in keep], [codings[i] for i in keep], "without table layouts")
    if args.errors:
        print(f"\n=== disagreements: {args.errors}")
        _show_errors(rows, codings, args.errors, args.show)
    if args.real:
        _real(args.real)


if __name__ == "__main__":
    main()
