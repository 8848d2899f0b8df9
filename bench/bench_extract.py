"""Benchmark text extraction and field analysis: speed, memory and accuracy.

Generates N fictional reports with the demo-corpus generator (in a child process, so its memory
is not counted) or reads a folder of them, runs `read_document` + `analyse` over every file in
this one process, and prints pages, pages per second on one core, median and p95 seconds per
document, peak memory, and per-field accuracy against the ground-truth JSON beside each file.
With --real DIR it also scores the real-text answer keys (`*.txt` read as plain text).

    .venv/bin/python bench/bench_extract.py --count 200 --seed 7
    .venv/bin/python bench/bench_extract.py --dir var/demo-corpus --real /path/to/real-excerpts
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path
from typing import Any

from casereview.analysis import Analysis, UnreadableDocument, analyse, read_document

MAX_BYTES = 100 * 1024 * 1024
# Ages are compared within this many years (about five weeks).
AGE_TOLERANCE = 0.1
# Answer keys name review types differently from the analyse contract.
KEY_REVIEW_TYPES = {"LCSPR": "CSPR", "national": "national review"}
# Demo-corpus agency names, by the analysis library's agency codes.
DEMO_AGENCY_CODES = {
    "children's social care": "childrens_social_care",
    "police": "police",
    "GP": "health.gp",
    "health visiting": "health.health_visiting",
    "midwifery": "health.midwifery",
    "emergency department": "health.acute",
    "ambulance service": "health.acute",
    "paediatrics": "health.paediatrics",
    "CAMHS": "health.camhs",
    "adult mental health": "health.adult_mental_health",
    "substance misuse service": "health.substance_misuse",
    "school": "education.schools",
    "early years": "education.early_years",
    "probation": "probation_youth_justice",
    "youth justice": "probation_youth_justice",
    "housing": "housing",
    "adult social care": "adult_social_care",
    "domestic abuse service": "voluntary_sector",
}
# Demo-corpus review models, by the analysis library's review-model labels.
DEMO_MODELS = {
    "systems methodology (SILP)": "SILP",
    "learning together systems model": "Learning Together (SCIE systems model)",
    "appreciative inquiry": "appreciative inquiry",
    "practitioner event model": "practitioner-led",
    "hybrid systems and practitioner-led model": "hybrid",
    "individual management review model": "individual management reviews",
    "rapid review extended model": "rapid review",
    "child's journey model": "child's journey",
    "reflective family-centred model": "family-centred",
}


class Score:
    """Counts per field: exact-match fields, and set precision/recall for abuse types."""

    def __init__(self) -> None:
        self.right: dict[str, int] = defaultdict(int)
        self.total: dict[str, int] = defaultdict(int)
        self.tp: dict[str, int] = defaultdict(int)
        self.fp: dict[str, int] = defaultdict(int)
        self.fn: dict[str, int] = defaultdict(int)
        self.misses: dict[str, list[str]] = defaultdict(list)

    def check(self, field: str, ok: bool, note: str = "") -> None:
        self.total[field] += 1
        self.right[field] += int(ok)
        if not ok and note:
            self.misses[field].append(note)

    def sets(self, field: str, got: set[str], want: set[str]) -> None:
        self.tp[field] += len(got & want)
        self.fp[field] += len(got - want)
        self.fn[field] += len(want - got)

    def lines(self) -> list[str]:
        out = []
        for field in self.total:
            n, r = self.total[field], self.right[field]
            out.append(f"  {field:<22} {r:>5}/{n:<5} {100 * r / max(n, 1):6.1f}%")
        for field in self.tp:
            tp, fp, fn = self.tp[field], self.fp[field], self.fn[field]
            p = tp / max(tp + fp, 1)
            rc = tp / max(tp + fn, 1)
            out.append(f"  {field:<22} precision {100 * p:5.1f}%  recall {100 * rc:5.1f}%")
        return out


def _norm(text: str | None) -> str | None:
    if text is None:
        return None
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _age_ok(got: float | None, want: float | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return abs(got - want) <= AGE_TOLERANCE


def score_demo(a: Analysis, truth: dict[str, Any], pages: list[str], score: Score) -> None:
    name = truth["source"]
    child = truth["child"]
    pairs: list[tuple[str, Any, Any]] = [
        ("title", a.title, truth["title"]),
        ("board", a.board, truth["board"]),
        ("year_published", a.year_published, truth["year_published"]),
        ("review_type", a.review_type, truth["review_type"]),
        ("child.sex", a.child_sex, child["sex"]),
        ("outcome", a.outcome, truth["outcome"]),
        ("review_model", a.review_model, DEMO_MODELS.get(truth["review_model"] or "")),
    ]
    for field, got, want in pairs:
        ok = got == want if field != "title" else _norm(got) == _norm(want)
        score.check(field, ok, f"{name}: got {got!r}, want {want!r}")
    score.check(
        "child.age_years",
        _age_ok(a.child_age_years, child["age_years"]),
        f"{name}: got {a.child_age_years!r}, want {child['age_years']!r}",
    )
    score.sets("abuse_types", set(a.abuse_types), set(truth["abuse_types"]))
    score.check(
        "abuse_types (exact set)",
        set(a.abuse_types) == set(truth["abuse_types"]),
        f"{name}: got {sorted(a.abuse_types)}, want {sorted(truth['abuse_types'])}",
    )
    want_agencies = {DEMO_AGENCY_CODES[x] for x in truth["agencies"] if x in DEMO_AGENCY_CODES}
    score.sets("agencies", set(a.agencies), want_agencies)
    for field, ev in truth["evidence"].items():
        mine = a.evidence.get(field)
        if mine is not None:
            score.check(
                "evidence page",
                mine.page == ev["page"],
                f"{name}: {field} page {mine.page} vs {ev['page']}",
            )
    for field, ev in a.evidence.items():
        page_text = " ".join(pages[(ev.page or 1) - 1].split()) if pages else ""
        header_ok = ev.page == 1
        score.check(
            "evidence verbatim",
            ev.quote in page_text or header_ok,
            f"{name}: {field} {ev.quote[:60]!r}",
        )


def score_real(a: Analysis, key: dict[str, Any], score: Score, name: str) -> None:
    rt = KEY_REVIEW_TYPES.get(a.review_type or "", a.review_type)
    pairs: list[tuple[str, Any, Any]] = [
        ("title", _norm(a.title), _norm(key["title"])),
        ("board", _norm(a.board), _norm(key["board"])),
        ("year_published", a.year_published, key["year_published"]),
        ("review_type", rt, key["review_type"]),
        ("child.sex", a.child_sex, key["child_sex"]),
        ("outcome", a.outcome, key["outcome"]),
    ]
    for field, got, want in pairs:
        score.check(field, got == want, f"{name}: got {got!r}, want {want!r}")
    want_age = key["child_age_years_at_incident"]
    score.check(
        "child.age_years",
        _age_ok(a.child_age_years, want_age),
        f"{name}: got {a.child_age_years!r}, want {want_age!r}",
    )
    score.sets("abuse_types", set(a.abuse_types), set(key["abuse_types"]))
    score.check(
        "abuse_types (exact set)",
        set(a.abuse_types) == set(key["abuse_types"]),
        f"{name}: got {sorted(a.abuse_types)}, want {sorted(key['abuse_types'])}",
    )


def generate(out: Path, count: int, seed: int, workers: int) -> None:
    code = (
        "import sys; from pathlib import Path; "
        "from casereview.democorpus.corpus import generate_corpus; "
        f"generate_corpus(Path({str(out)!r}), {count}, seed={seed}, workers={workers})"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def run(folder: Path, show_misses: int, trace: bool) -> None:
    files = sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".docx", ".html", ".txt"))
    score = Score()
    durations: list[float] = []
    pages_total = 0
    rejected_right = rejected_wrong = 0
    ocr_right = ocr_total = 0
    reasons: dict[str, str] = {}
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    cpu_started = time.process_time()
    for path in files:
        data = path.read_bytes()
        truth_path = path.with_suffix(".json")
        truth = json.loads(truth_path.read_text()) if truth_path.exists() else None
        t0 = time.perf_counter()
        try:
            doc = read_document(data, path.name, max_bytes=MAX_BYTES)
            a = analyse(doc)
        except UnreadableDocument as exc:
            durations.append(time.perf_counter() - t0)
            if truth and truth.get("expected_error"):
                rejected_right += 1
                reasons[truth.get("broken") or "?"] = exc.reason
            else:
                rejected_wrong += 1
                print(f"  unexpected rejection {path.name}: {exc.reason}")
            continue
        durations.append(time.perf_counter() - t0)
        pages_total += doc.page_count
        if truth is None:
            continue
        if truth.get("expected_error"):
            rejected_wrong += 1
            print(f"  accepted a broken file {path.name} ({truth.get('broken')})")
            continue
        if truth.get("kind") == "scanned":
            ocr_total += 1
            ocr_right += int(doc.needs_ocr)
            continue
        score_demo(a, truth, doc.page_texts, score)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_traced = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    durations.sort()
    print(f"files {len(files)}, pages {pages_total}, wall {wall:.2f} s, cpu {cpu:.2f} s")
    print(
        f"pages/s per core (cpu time) {pages_total / max(cpu, 1e-9):.0f}; "
        f"pages/s wall {pages_total / max(wall, 1e-9):.0f}"
    )
    if durations:
        p95 = durations[min(len(durations) - 1, int(0.95 * len(durations)))]
        print(
            f"per document: median {statistics.median(durations) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms, max {durations[-1] * 1000:.1f} ms"
        )
    print(
        f"peak RSS {rss:.0f} MB"
        + (f"; peak traced Python memory {peak_traced / 2**20:.1f} MB" if trace else "")
    )
    print(
        f"broken files rejected {rejected_right}, wrong accept/reject {rejected_wrong}; "
        f"scanned flagged for OCR {ocr_right}/{ocr_total}"
    )
    for kind, reason in sorted(reasons.items()):
        print(f"  {kind}: {reason}")
    print("accuracy on the generated corpus:")
    print("\n".join(score.lines()))
    _misses(score, show_misses)


def _misses(score: Score, n: int) -> None:
    if n <= 0:
        return
    for field, notes in score.misses.items():
        print(f"  misses in {field} ({len(notes)}):")
        for note in notes[:n]:
            print(f"    {note}")


def run_real(folder: Path, show_misses: int) -> None:
    score = Score()
    for path in sorted(folder.glob("*.txt")):
        key = json.loads(path.with_suffix(".json").read_text())
        doc = read_document(path.read_bytes(), path.name, max_bytes=MAX_BYTES)
        score_real(analyse(doc), key, score, path.name)
    print(f"accuracy on real excerpts ({folder}):")
    print("\n".join(score.lines()))
    _misses(score, show_misses)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=60, help="reports to generate")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=2, help="processes for generating only")
    parser.add_argument("--dir", type=Path, help="use this folder instead of generating")
    parser.add_argument("--real", type=Path, help="folder of real *.txt excerpts with keys")
    parser.add_argument("--misses", type=int, default=0, help="show up to N misses per field")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also trace Python allocations (slower; for memory only)",
    )
    args = parser.parse_args(argv)
    if args.dir:
        run(args.dir, args.misses, args.tracemalloc)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
            t0 = time.perf_counter()
            generate(Path(tmp), args.count, args.seed, args.workers)
            print(
                f"generated {args.count} reports in {time.perf_counter() - t0:.1f} s "
                f"(seed {args.seed})"
            )
            run(Path(tmp), args.misses, args.tracemalloc)
    if args.real:
        run_real(args.real, args.misses)


if __name__ == "__main__":
    main()
