"""Benchmark the recommendation checker and the recurrence index against a large repository.

Fills a throwaway SQLite database with fictional published documents holding many
recommendations (100,000 by default, worded by the demo generator without rendering any file),
then (issue 19, item 7, each beside the plain alternative in the same run):

- the full build: `casereview recluster` run as a process (wall time, its peak memory), and the
  size of the index it saves in the data folder;
- the index in a new process: loaded from that file, against restored from the stored clusters
  (every text read from the database and featurised again, what every process did before);
- `casereview check-recommendations --json` of one review's draft (47 recommendations by default,
  from a report the repository does not hold) run as a process, with the saved index (median,
  p95, peak memory) and without it (the index restored from the database);
- `check(drafts, visible)` as the web view and the command line call it, warm (median, p95), and
  the web page: a POST to /recommendations/check/ through Django's test client, signed in with
  two-factor authentication as a national panel member (who sees every document), warm;
- adding one review (its recommendations grouped, the index saved), median and p95;
- a review's page (GET, the public), server time median and p95 over the reviews whose
  recommendations have the largest groups, and the part that says how often each was made
  before (`recurrences`): counted in SQL, against loading every earlier member as objects.

The database lives in a new temporary folder, removed at the end, unless --data-dir names
another (which must not hold a database already: the bench never writes into a real one, and so
ignores DATABASE_URL).

    .venv/bin/python bench/bench_checker.py --recommendations 100000 --repeat 10
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import resource
import statistics
import subprocess
import sys
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
    parser.add_argument("--pages", type=int, default=40, help="review pages to time")
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
    from casereview.recommendations import stored_index

    started = time.perf_counter()
    said, used, peak = command("recluster")
    print(
        f"full build, `casereview recluster` as a process: {time.perf_counter() - started:.1f} s "
        f"wall, {used:.1f} s CPU, peak {peak:.0f} MiB; {said.strip()}"
    )
    saved = stored_index.location()
    print(f"saved index: {saved.stat().st_size / 2**20:.1f} MiB ({saved.name})")

    drafts = draft(args.drafts)
    user = panel_member()
    visible = repository_access.visible_documents(user)
    new_process()
    started, cpu = time.perf_counter(), time.process_time()
    recurrence.current_index()
    print(
        f"index in a new process, loaded from the saved file: "
        f"{ms(time.perf_counter() - started)} wall, {ms(time.process_time() - cpu)} CPU"
    )
    restored = saved.with_name(saved.name + ".bench-aside")
    os.replace(saved, restored)
    new_process()
    started, cpu = time.perf_counter(), time.process_time()
    recurrence.current_index()
    print(
        f"  (plain alternative) restored from the stored clusters: "
        f"{ms(time.perf_counter() - started)} wall, {ms(time.process_time() - cpu)} CPU"
    )
    os.replace(restored, saved)

    draft_file = Path(os.environ["CASEREVIEW_DATA_DIR"]) / "draft.txt"
    draft_file.write_text("\n".join(f"{number}. {text}" for number, text in drafts))
    check_process = ["check-recommendations", "--json", str(draft_file)]
    measure_process(
        f"`casereview check-recommendations --json`, {len(drafts)} drafts, a process",
        check_process,
        args.repeat,
    )
    os.replace(saved, restored)
    measure_process(
        "  (plain alternative) the same with no saved index (restored from the database)",
        check_process,
        2,
        before=lambda: saved.unlink(missing_ok=True),
    )
    os.replace(restored, saved)

    new_process()
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

    adding = iter(range(args.repeat))
    measure(
        "adding one review (grouped, index saved)",
        lambda: add_review(recurrence, next(adding)),
        args.repeat,
    )
    review_pages(recurrence, args.pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the whole process: {peak:.0f} MiB")


def new_process() -> None:
    """What a new process starts with: no index in memory."""
    from casereview.recommendations import recurrence

    recurrence._cache.update(index=None, known=None)


def command(*arguments: str) -> tuple[str, float, float]:
    """Run `casereview` with these arguments on the bench's database, as a person would: what it
    printed, its CPU time in seconds and its peak resident memory in MiB."""
    program = Path(sys.executable).with_name("casereview")
    child = subprocess.Popen(
        [str(program), *arguments], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    # Read while it runs, then reap it here for its own resource usage.
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"casereview {' '.join(arguments)} failed: {out[-2000:]}")
    return out, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure_process(
    label: str, arguments: list[str], repeat: int, before: Callable[[], Any] = lambda: None
) -> None:
    wall, cpu, peaks = [], [], []
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        _, used, peak = command(*arguments)
        wall.append(time.perf_counter() - started)
        cpu.append(used)
        peaks.append(peak)
    print(
        f"{label}: wall median {ms(statistics.median(wall))}, p95 {ms(p95(wall))}; CPU median "
        f"{ms(statistics.median(cpu))}, p95 {ms(p95(cpu))} (x{repeat}); peak {max(peaks):.0f} MiB"
    )


def add_review(recurrence: Any, n: int) -> None:
    """One more published review of 10 recommendations, grouped as an ingest groups them."""
    from casereview.recommendations.models import Recommendation
    from casereview.repository.models import Document

    index = DRAFT_REPORT + 1000 + n
    texts = _report(index)[2][:10]
    document = Document.objects.create(
        sha256=hashlib.sha256(f"bench-checker-added-{index}".encode()).hexdigest(),
        original_filename=f"added-{index}.pdf",
        stored_name=f"bench/added-{index}.pdf",
        format="pdf",
        size_bytes=1,
        page_count=1,
        is_published=True,
        title=f"Added review {n}",
        year_published=2026,
    )
    rows = Recommendation.objects.bulk_create(
        Recommendation(
            document=document,
            position=p,
            number=str(p),
            text=t,
            machine_mechanism="A1",
            mechanism="A1",
        )
        for p, t in enumerate(texts, start=1)
    )
    recurrence.cluster_new(rows)


def review_pages(recurrence: Any, count: int) -> None:
    """A review's page at this size, for the reviews whose recommendations have the largest
    groups (the most earlier members to count), served to the public."""
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from casereview.recommendations.models import Recommendation
    from casereview.repository import access
    from casereview.repository.models import Document

    largest = list(
        Recommendation.objects.exclude(cluster=None)
        .values("cluster")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("cluster", flat=True)[:count]
    )
    documents = []
    for cluster in largest:
        # The latest review in the group: every other member is earlier.
        member = (
            Recommendation.objects.filter(cluster=cluster)
            .order_by("-document__year_published", "-document__created_at")
            .select_related("document")
            .first()
        )
        if member is not None and member.document not in documents:
            documents.append(member.document)
    reviews = Document.objects.filter(is_published=True).count()
    print(f"review pages: {len(documents)} reviews of {reviews:,} published")
    client = Client(HTTP_HOST="localhost")
    for document in documents:  # each once first: the index, the templates
        client.get(reverse("repository:document", kwargs={"ref": document.sha256[:12]}))
    pages = iter(documents * 3)

    def page() -> None:
        document = next(pages)
        response = client.get(reverse("repository:document", kwargs={"ref": document.sha256[:12]}))
        assert response.status_code == 200, response.status_code

    measure("  a review's page, server time", page, len(documents) * 3)

    visible = access.visible_documents(None)

    def mine(document: Any) -> list[Any]:
        return list(document.recommendations.all())

    counted = iter(documents)
    measure(
        "  recurrences(), counted in SQL",
        lambda: recurrence.recurrences(doc := next(counted), mine(doc), visible),
        len(documents),
    )
    loaded = iter(documents)
    measure(
        "  (plain alternative) every earlier member loaded as objects",
        lambda: loading_every_member(doc := next(loaded), mine(doc), visible),
        len(documents),
    )


def loading_every_member(document: Any, recommendations: list[Any], visible: Any) -> int:
    """What a review's page did before: every member of every group of its recommendations in
    documents the reader may see loaded as objects, then the earlier ones counted in Python."""
    from casereview.recommendations.models import Recommendation

    clusters = {r.cluster for r in recommendations if r.cluster is not None}
    members = (
        Recommendation.objects.filter(cluster__in=clusters, document__in=visible)
        .exclude(document=document)
        .select_related("document")
    )
    earlier = 0
    for member in members:
        theirs, mine = member.document.year_published, document.year_published
        if (
            theirs < mine
            if mine and theirs and mine != theirs
            else member.document.created_at < document.created_at
        ):
            earlier += 1
    return earlier


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
