"""Benchmark recommendation extraction: precision, recall and F1 per layout, exact counts, speed.

Reads a folder of generated reports (or generates N in a temporary folder), runs
`read_document` then `extract_recommendations` over every readable, text-bearing file, and
compares the recommendations found with the ground-truth JSON beside each file. A recommendation
counts as found when its text equals a ground-truth text after whitespace normalisation; each
ground-truth recommendation can be matched once. It prints precision, recall and F1 overall and
per layout, the share of reports whose count is exact, page and addressee agreement on the
matched ones, and pages per second of the extractor alone (reading not counted). With --real DIR
it also scores the real-text answer keys (`*.txt` read as plain text).

    .venv/bin/python bench/bench_recommendations.py --dir /tmp/corpus1000 \
        --real ../shared/eval-dev/real-excerpts
    .venv/bin/python bench/bench_recommendations.py --count 100 --seed 7 --misses 5
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casereview.analysis import UnreadableDocument, read_document
from casereview.analysis.recommendations import Recommendation, extract_recommendations

MAX_BYTES = 100 * 1024 * 1024


def norm(text: str) -> str:
    """Whitespace normalisation, the only difference a match allows."""
    return " ".join(text.split())


@dataclass
class Tally:
    """Matched, spurious and missed recommendations, and reports with the exact count."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    reports: int = 0
    exact: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, got: list[str], want: list[str], name: str) -> list[tuple[int, int]]:
        """Count one report; return the (got, want) index pairs that matched."""
        free = defaultdict(list)
        for k, text in enumerate(want):
            free[norm(text)].append(k)
        pairs = []
        for g, text in enumerate(got):
            slots = free.get(norm(text))
            if slots:
                pairs.append((g, slots.pop(0)))
            else:
                self.misses.append(f"{name}: extra {text[:150]!r}")
        matched = {w for _, w in pairs}
        for k, text in enumerate(want):
            if k not in matched:
                self.misses.append(f"{name}: missed {text[:150]!r}")
        self.tp += len(pairs)
        self.fp += len(got) - len(pairs)
        self.fn += len(want) - len(pairs)
        self.reports += 1
        self.exact += int(len(got) == len(want))
        return pairs

    def line(self, label: str) -> str:
        def pct(x: float | None) -> str:
            return "   - " if x is None else f"{100 * x:5.1f}%"

        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        return (
            f"  {label:<22} reports {self.reports:>4}  want {self.tp + self.fn:>5}  "
            f"extra {self.fp:>3}  P {pct(p)}  R {pct(r)}  F1 {pct(f1)}  "
            f"exact count {pct(self.exact / max(self.reports, 1))}"
        )


@dataclass
class Agreement:
    """Page and addressee agreement on matched recommendations."""

    pages_right: int = 0
    matched: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, got: Recommendation, want: dict[str, Any]) -> None:
        self.matched += 1
        self.pages_right += int(got.page == want["page"])
        mine, theirs = set(got.addressees), set(want["addressees"])
        self.tp += len(mine & theirs)
        self.fp += len(mine - theirs)
        self.fn += len(theirs - mine)

    def line(self) -> str:
        p = self.tp / max(self.tp + self.fp, 1)
        r = self.tp / max(self.tp + self.fn, 1)
        return (
            f"  on matched: page right {100 * self.pages_right / max(self.matched, 1):5.1f}%; "
            f"addressees P {100 * p:5.1f}%  R {100 * r:5.1f}%"
        )


def run(folder: Path, show_misses: int) -> None:
    files = sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".docx", ".html", ".txt"))
    overall = Tally()
    by_layout: dict[str, Tally] = defaultdict(Tally)
    by_kind: dict[str, Tally] = defaultdict(Tally)
    agreement = Agreement()
    pages = 0
    seconds = 0.0
    skipped: Counter[str] = Counter()
    for path in files:
        truth_path = path.with_suffix(".json")
        if not truth_path.exists():
            continue
        truth = json.loads(truth_path.read_text())
        if truth.get("expected_error") or truth.get("kind") == "scanned":
            skipped[truth.get("kind") or "?"] += 1
            continue
        try:
            doc = read_document(path.read_bytes(), path.name, max_bytes=MAX_BYTES)
        except UnreadableDocument as exc:
            print(f"  unexpected rejection {path.name}: {exc.reason}")
            continue
        t0 = time.process_time()
        got = extract_recommendations(doc)
        seconds += time.process_time() - t0
        pages += doc.page_count
        want = truth["recommendations"]
        got_texts = [r.text for r in got]
        want_texts = [r["text"] for r in want]
        name = path.name
        pairs = overall.add(got_texts, want_texts, name)
        by_layout[truth["layout"]].add(got_texts, want_texts, name)
        by_kind[truth["kind"]].add(got_texts, want_texts, name)
        for g, w in pairs:
            agreement.add(got[g], want[w])
    print(
        f"files {len(files)}, scored {overall.reports}, skipped "
        + ", ".join(f"{n} {k}" for k, n in sorted(skipped.items()))
    )
    print(
        f"extractor: {pages} pages in {seconds:.2f} s cpu, "
        f"{pages / max(seconds, 1e-9):.0f} pages/s on one core (reading not counted)"
    )
    print("generated corpus:")
    print(overall.line("overall"))
    print(agreement.line())
    for layout in sorted(by_layout):
        print(by_layout[layout].line(layout))
    for kind in sorted(by_kind):
        print(by_kind[kind].line(f"kind {kind}"))
    _misses(overall, show_misses)


def run_real(folder: Path, show_misses: int) -> None:
    tally = Tally()
    counted = Tally()
    for path in sorted(folder.glob("*.txt")):
        key = json.loads(path.with_suffix(".json").read_text())
        doc = read_document(path.read_bytes(), path.name, max_bytes=MAX_BYTES)
        got = [r.text for r in extract_recommendations(doc)]
        want = key.get("recommendations") or []
        tally.add(got, want, path.name)
        if key.get("recommendation_count") is None:
            counted.add(got, [], path.name)
        print(f"  {path.name}: found {len(got)}, key {len(want)}")
    print(f"real excerpts ({folder}):")
    print(tally.line("all excerpts"))
    print(counted.line("no-recs excerpts"))
    _misses(tally, show_misses)


def _misses(tally: Tally, n: int) -> None:
    if n <= 0 or not tally.misses:
        return
    print(f"  misses ({len(tally.misses)}), first {n}:")
    for note in tally.misses[:n]:
        print(f"    {note}")


def generate(out: Path, count: int, seed: int, workers: int) -> None:
    code = (
        "from pathlib import Path; "
        "from casereview.democorpus.corpus import generate_corpus; "
        f"generate_corpus(Path({str(out)!r}), {count}, seed={seed}, workers={workers})"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=60, help="reports to generate")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=2, help="processes for generating only")
    parser.add_argument("--dir", type=Path, help="use this folder instead of generating")
    parser.add_argument("--real", type=Path, help="folder of real *.txt excerpts with keys")
    parser.add_argument("--misses", type=int, default=0, help="show up to N misses")
    args = parser.parse_args(argv)
    if args.dir:
        run(args.dir, args.misses)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-recommendations-") as tmp:
            generate(Path(tmp), args.count, args.seed, args.workers)
            run(Path(tmp), args.misses)
    if args.real:
        run_real(args.real, args.misses)


if __name__ == "__main__":
    main()
