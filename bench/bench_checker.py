"""Benchmark the recommendation checker against a large repository: how long a draft takes.

Fills a throwaway SQLite database with fictional published documents holding many
recommendations (100,000 by default, worded by the demo generator without rendering any file),
clusters them as `casereview recluster` does, then checks one review's draft recommendations (47
by default, from a report the repository does not hold):

- `check(drafts, visible)` as the web view and the command line call it: the first call in a
  process (which restores the recurrence index from the stored clusters: every text read from
  the database and featurised again), then warm calls (median, p95);
- the web page: a POST to /recommendations/check/ through Django's test client, signed in with
  two-factor authentication as a national panel member (who sees every document), warm.

The database lives in a new temporary folder, removed at the end, unless --data-dir names
another (which must not hold a database already: the bench never writes into a real one, and so
ignores DATABASE_URL).

    .venv/bin/python bench/bench_checker.py --recommendations 100000 --repeat 10
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import resource
import statistics
import time
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from bench_national import in_throwaway_database, p95, signed_in

SEED = 20240
# The draft comes from a report index far beyond those the repository is filled from.
DRAFT_REPORT = 1_000_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recommendations", type=int, default=100_000)
    parser.add_argument("--drafts", type=int, default=47, help="recommendations in the draft")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--data-dir", type=Path, help="an empty folder (default: a temporary one)")
    args = parser.parse_args()

    in_throwaway_database(args, "bench-checker-", run)


def run(args: argparse.Namespace) -> None:
    from casereview.cli import ready

    ready()
    from django.db import connection

    from casereview.recommendations import recurrence
    from casereview.recommendations.checker import check
    from casereview.repository import access as repository_access

    started = time.perf_counter()
    reports = generated_reports(args.recommendations)
    documents, recommendations = fill(reports, args.recommendations)
    print(
        f"{connection.vendor}: {documents} published documents, {recommendations} "
        f"recommendations (made in {time.perf_counter() - started:.1f} s)"
    )
    started, cpu = time.perf_counter(), time.process_time()
    clusters = recurrence.rebuild()
    print(
        f"recluster (build and save): {clusters} clusters in "
        f"{time.perf_counter() - started:.1f} s wall, {time.process_time() - cpu:.1f} s CPU"
    )

    drafts = draft(args.drafts)
    user = panel_member()
    visible = repository_access.visible_documents(user)
    # A new process: nothing in memory yet.
    recurrence._cache.update(index=None, known=None)
    started, cpu = time.perf_counter(), time.process_time()
    recurrence.current_index()
    print(
        f"restore the index from the stored clusters: {time.perf_counter() - started:.1f} s "
        f"wall, {time.process_time() - cpu:.1f} s CPU"
    )
    recurrence._cache.update(index=None, known=None)
    started, cpu = time.perf_counter(), time.process_time()
    results = check(drafts, visible)
    print(
        f"check() of a {len(drafts)}-recommendation draft, first call in a process: "
        f"{time.perf_counter() - started:.1f} s wall, {time.process_time() - cpu:.1f} s CPU; "
        f"{sum(1 for r in results if r.repeats)} drafts flagged as made before"
    )
    measure(f"check(), {len(drafts)} drafts, warm", lambda: check(drafts, visible), args.repeat)

    client = signed_in(user)
    body = "\n".join(f"{number}. {text}" for number, text in drafts)

    def post() -> None:
        response = client.post("/recommendations/check/", {"drafts": body})
        assert response.status_code == 200, response.status_code
        assert f"{len(drafts)} draft recommendations checked" in response.content.decode()

    post()
    measure("POST /recommendations/check/, warm", post, args.repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the whole process: {peak:.0f} MiB")


def measure(label: str, call: Callable[[], Any], repeat: int) -> None:
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"{label}: wall median {ms(statistics.median(wall))}, p95 {ms(p95(wall))}; "
        f"CPU median {ms(statistics.median(cpu))} (x{repeat})"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# --- fictional data ---------------------------------------------------------------------------


def _report(index: int) -> tuple[int, str, list[str]]:
    from casereview.democorpus.content import build_report

    report = build_report(SEED, index)
    return index, report.title, [r.text for r in report.recommendations]


def generated_reports(count: int) -> list[tuple[int, str, list[str]]]:
    """Reports (index, title, recommendation texts) holding at least `count` recommendations."""
    reports: list[tuple[int, str, list[str]]] = []
    total, start, step = 0, 0, 400
    with Pool(2) as pool:
        while total < count:
            for found in pool.map(_report, range(start, start + step)):
                if found[2]:
                    reports.append(found)
                    total += len(found[2])
            start += step
    return reports


def fill(reports: list[tuple[int, str, list[str]]], count: int) -> tuple[int, int]:
    """One published document per report, its recommendations (`count` in all), unclustered."""
    from django.db import transaction

    from casereview.recommendations.models import Recommendation
    from casereview.repository.models import Document

    needed, total = [], 0
    for index, title, texts in reports:
        if total >= count:
            break
        needed.append((index, title, texts[: count - total]))
        total += len(needed[-1][2])
    with transaction.atomic():
        for start in range(0, len(needed), 500):
            batch = needed[start : start + 500]
            documents = Document.objects.bulk_create(
                Document(
                    sha256=hashlib.sha256(f"bench-checker-{index}".encode()).hexdigest(),
                    original_filename=f"report-{index}.pdf",
                    stored_name=f"bench/{index}.pdf",
                    format="pdf",
                    size_bytes=1,
                    page_count=1,
                    is_published=True,
                    title=title,
                    year_published=2012 + index % 14,
                    created_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
                    + datetime.timedelta(minutes=index),
                )
                for index, title, _ in batch
            )
            rows = []
            for document, (_, _, texts) in zip(documents, batch, strict=True):
                rows += [
                    Recommendation(
                        document=document,
                        position=position,
                        number=str(position),
                        text=text,
                        machine_mechanism="A1",
                        mechanism="A1",
                    )
                    for position, text in enumerate(texts, start=1)
                ]
            Recommendation.objects.bulk_create(rows, batch_size=1000)
    return Document.objects.count(), Recommendation.objects.count()


def draft(count: int) -> list[tuple[str | None, str]]:
    """`count` draft recommendations from reports the repository does not hold."""
    texts: list[str] = []
    index = DRAFT_REPORT
    while len(texts) < count:
        texts += _report(index)[2]
        index += 1
    return [(str(number), text) for number, text in enumerate(texts[:count], start=1)]


def panel_member() -> Any:
    from casereview.accounts.models import User

    return User.objects.create_user(
        "bench-panel@example.org", full_name="Bench Panel", is_panel_member=True
    )


if __name__ == "__main__":
    main()
