"""Benchmark recurrence clustering: quality against planted families, and speed at scale.

Quality: pairwise precision, recall and F1 of the clusters against the demo generator's
recommendation families (two recommendations of one family are a planted near-duplicate pair),
read from a generated corpus's ground-truth JSON files, with a sweep over thresholds. Scale:
recommendation texts worded by the generator without rendering any document, clustered in full
(wall and CPU time, peak resident memory), restored from those clusters (what a process does
before its first checker request), then one review's worth added at a time, and `nearest`
queries: recommendations of later reviews (like those held), and "mixed" ones, the first half
of one held recommendation joined to the second half of another (partly like many items, so
the least pruning), each for the 5 neighbours the pages show and the 25 the checker asks for.

    .venv/bin/python bench/bench_recurrence.py --truth /tmp/corpus1000 --scale 100000
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import resource
import statistics
import time
from collections import Counter
from multiprocessing import Pool

from casereview.analysis.recurrence import SIMILARITY_THRESHOLD, RecurrenceIndex
from casereview.democorpus.content import build_report

SEED = 20240


def pairwise_scores(assigned: dict[str, str], truth: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall from cluster/family contingency counts (no n^2 loop)."""

    def pairs(counts: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    together = pairs(Counter((assigned[i], truth[i]) for i in assigned))
    predicted = pairs(Counter(assigned.values()))
    planted = pairs(Counter(truth.values()))
    return (together / predicted if predicted else 1.0), (together / planted if planted else 1.0)


def truth_items(folder: str) -> list[tuple[str, str, str]]:
    items = []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        for k, rec in enumerate(report.get("recommendations", [])):
            items.append((f"{os.path.basename(path)}#{k}", rec["text"], rec["family"]))
    return items


def _report_recs(index: int) -> list[tuple[str, str, str]]:
    report = build_report(SEED, index)
    return [(f"{index}#{k}", r.text, r.family) for k, r in enumerate(report.recommendations)]


def generated_reviews(count: int) -> list[list[tuple[str, str, str]]]:
    """At least `count` recommendations, grouped by review, worded by the demo generator."""
    reviews: list[list[tuple[str, str, str]]] = []
    total, start, step = 0, 0, 400
    with Pool(2) as pool:
        while total < count:
            for recs in pool.map(_report_recs, range(start, start + step)):
                if recs:
                    reviews.append(recs)
                    total += len(recs)
            start += step
    return reviews


def quality(items: list[tuple[str, str, str]], thresholds: list[float]) -> None:
    truth = {i: fam for i, _, fam in items}
    print(f"quality: {len(items)} recommendations, {len(set(truth.values()))} planted families")
    print("threshold  precision  recall     F1  clusters")
    for t in thresholds:
        assigned = RecurrenceIndex(threshold=t).build((i, text) for i, text, _ in items)
        p, r = pairwise_scores(assigned, truth)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        mark = "  <- SIMILARITY_THRESHOLD" if abs(t - SIMILARITY_THRESHOLD) < 1e-9 else ""
        print(f"{t:9.2f}  {p:9.3f}  {r:6.3f}  {f1:5.3f}  {len(set(assigned.values())):8d}{mark}")


def scale(count: int, adds: int, queries: int) -> None:
    reviews = generated_reviews(count + 30 * adds)
    flat = [rec for review in reviews for rec in review]
    base = flat[:count]
    used = {i for i, _, _ in base}
    later = [review for review in reviews if review[0][0] not in used][:adds]
    print(f"scale: {len(base)} recommendations")
    index = RecurrenceIndex()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    assigned = index.build((i, text) for i, text, _ in base)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    p, r = pairwise_scores(assigned, {i: fam for i, _, fam in base})
    print(
        f"full clustering: {took:.1f} s wall, {cpu:.1f} s CPU; peak RSS {peak / 1024:.0f} MiB "
        f"(was {rss_before / 1024:.0f} MiB with the texts loaded), "
        f"{len(set(assigned.values()))} clusters (precision {p:.3f}, recall {r:.3f})"
    )
    times = []
    for review in later:
        started = time.perf_counter()
        index.add((i, text) for i, text, _ in review)
        times.append(time.perf_counter() - started)
    times.sort()
    sizes = [len(review) for review in later]
    print(
        f"add one review ({min(sizes)}-{max(sizes)} recommendations) x{len(times)}: "
        f"median {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
    )
    started, cpu = time.perf_counter(), time.process_time()
    RecurrenceIndex().restore((i, text, assigned[i]) for i, text, _ in base)
    print(
        f"restore from the stored clusters: {time.perf_counter() - started:.1f} s wall, "
        f"{time.process_time() - cpu:.1f} s CPU"
    )
    drafts = [text for review in reviews[-queries:] for _, text, _ in review][:queries]
    rng = random.Random(SEED)
    mixed = []
    for _ in range(queries):
        first, second = (text.split() for _, text, _ in rng.sample(base, 2))
        mixed.append(" ".join(first[: len(first) // 2] + second[len(second) // 2 :]))
    for name, texts in (("later reviews'", drafts), ("mixed", mixed)):
        for k in (5, 25):
            times = []
            for text in texts:
                started = time.perf_counter()
                index.nearest(text, k)
                times.append(time.perf_counter() - started)
            times.sort()
            print(
                f"nearest(text, {k}) x{len(times)}, {name} recommendations: "
                f"median {statistics.median(times) * 1000:.1f} ms, "
                f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.1f} ms, "
                f"max {times[-1] * 1000:.1f} ms"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--truth", default="/tmp/corpus1000", help="folder of ground-truth JSON")
    parser.add_argument("--thresholds", default="0.35,0.4,0.45,0.5,0.55,0.6,0.65")
    parser.add_argument("--scale", type=int, default=100_000, help="0 to skip")
    parser.add_argument("--adds", type=int, default=20)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    items = truth_items(args.truth)
    if items:
        quality(items, [float(t) for t in args.thresholds.split(",")])
    else:
        print(f"no ground truth under {args.truth}: generate a corpus first")
    if args.scale:
        scale(args.scale, args.adds, args.queries)


if __name__ == "__main__":
    main()
