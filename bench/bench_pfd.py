"""Benchmark the reading of coroners' Prevention of Future Deaths reports: speed and accuracy.

Reads every `*.txt` report of a folder with `read_document` + `analyse` in this one process and
prints reports per second, median and p95 seconds per report, and a table of what was read
against a keys file of one JSON object a line (`id`, `deceased_age_years_silver`,
`gold_sections`, `gold_concern_items`, `human_labels`), as the development half of the PFD
reports has (ADR 0016):

    .venv/bin/python bench/bench_pfd.py ../shared/eval-dev/pfd/reports \\
        --keys ../shared/eval-dev/pfd/keys.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from casereview.analysis import Analysis, analyse, read_document

MAX_BYTES = 100 * 1024 * 1024
# An age is right within a year of the key's (the key reads stated ages; a date of birth with
# the day the investigation opened is at most weeks out).
AGE_TOLERANCE_YEARS = 1.0
# The clinicians' question was "aged 18 or under".
CHILD_MAX_AGE = 18.0
# How the statutory lead-in is recognised in what was read as a concern.
LEAD_IN = re.compile(r"matters? giving rise to concern", re.I)
# Only reports whose key lists at least this many concerns are counted for the count.
LISTED_CONCERNS = 2


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"[a-z0-9]+", text.lower()))


def _f1(got: str, want: str) -> float:
    g, w = _tokens(got), _tokens(want)
    common = sum((g & w).values())
    if not common:
        return float(not g and not w)
    precision, recall = common / sum(g.values()), common / sum(w.values())
    return 2 * precision * recall / (precision + recall)


def _child_vote(key: dict[str, Any]) -> bool | None:
    labels = key.get("human_labels") or {}
    votes = [labels.get(f"child_a{i}") for i in (1, 2, 3)]
    votes = [v for v in votes if v in (0, 1)]
    return sum(votes) * 2 > len(votes) if votes else None


def table(results: dict[str, Analysis], keys: dict[str, dict[str, Any]]) -> list[str]:
    """The measures of ADR 0016's table, one line each: name, value, counts."""
    rows: list[tuple[str, int, int]] = []
    typed = sum(1 for i in keys if i in results and results[i].review_type == "PFD")
    rows.append(("reports typed PFD", typed, len(keys)))
    aged = [i for i, k in keys.items() if k.get("deceased_age_years_silver") is not None]
    within = 0
    for i in aged:
        got = results[i].child_age_years if i in results else None
        want = float(keys[i]["deceased_age_years_silver"])
        within += got is not None and abs(got - want) <= AGE_TOLERANCE_YEARS
    rows.append(("age within a year of the key's", within, len(aged)))
    rest = [i for i in keys if i not in aged and i in results]
    given = sum(1 for i in rest if results[i].child_age_years is not None)
    rows.append(("age where the key has none (check each)", given, len(rest)))
    agree = labelled = 0
    for i, k in keys.items():
        vote = _child_vote(k)
        if vote is None or i not in results:
            continue
        labelled += 1
        age = results[i].child_age_years
        agree += (age is not None and age <= CHILD_MAX_AGE) == vote
    rows.append(("child split agrees with clinicians", agree, labelled))
    listed = [
        i for i, k in keys.items() if len(k.get("gold_concern_items") or []) >= LISTED_CONCERNS
    ]
    exact = sum(
        1
        for i in listed
        if i in results and len(results[i].recommendations) == len(keys[i]["gold_concern_items"])
    )
    rows.append(("concern count exact", exact, len(listed)))
    lead_ins = sum(
        1
        for a in results.values()
        for r in a.recommendations
        if LEAD_IN.search(r.recommendation.text)
    )
    out = [f"  {name:<42} {right:>5}/{n:<5} {right / max(n, 1):6.3f}" for name, right, n in rows]
    out.append(f"  {'statutory lead-in taken as a concern':<42} {lead_ins:>5}")
    scores = []
    for i, k in keys.items():
        gold = k.get("gold_sections") or {}
        read = {s.name: s.text for s in results[i].sections} if i in results else {}
        scores += [
            _f1(read.get(n, ""), gold[n]) for n in ("circumstances", "concerns") if gold.get(n)
        ]
    mean = sum(scores) / max(len(scores), 1)
    out.append(
        f"  {'section token F1 (circumstances, concerns)':<42} {len(scores):>11} {mean:6.3f}"
    )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="folder of PFD reports (*.txt)")
    parser.add_argument("--keys", type=Path, help="keys, one JSON object a line")
    args = parser.parse_args(argv)
    results: dict[str, Analysis] = {}
    seconds: list[float] = []
    pages = 0
    started = time.perf_counter()
    for path in sorted(args.folder.glob("*.txt")):
        t0 = time.perf_counter()
        document = read_document(path.read_bytes(), path.name, max_bytes=MAX_BYTES)
        results[path.stem] = analyse(document)
        seconds.append(time.perf_counter() - t0)
        pages += document.page_count
    wall = time.perf_counter() - started
    seconds.sort()
    p95 = seconds[max(0, int(0.95 * len(seconds)) - 1)] if seconds else 0.0
    print(
        f"{len(results)} reports, {pages} pages in {wall:.1f} s: "
        f"{len(results) / max(wall, 1e-9):.1f} reports/s, median "
        f"{statistics.median(seconds) * 1000 if seconds else 0:.0f} ms, p95 {p95 * 1000:.0f} ms"
    )
    if args.keys:
        keys = {k["id"]: k for k in map(json.loads, args.keys.read_text().splitlines()) if k}
        print("\n".join(table(results, keys)))


if __name__ == "__main__":
    main()
