"""Benchmark search latency: median and p95 per query kind over an ingested repository.

Runs against whatever database the environment names (SQLite by default, PostgreSQL with
DATABASE_URL). `--through` picks the path measured: `function` calls `search()` directly,
`web` requests the public search page through Django's test client (the whole view and
template, no network), `cli` runs `casereview search` in this process (without interpreter
start-up, which is measured once separately). Beside the elapsed times it reports the CPU
time per search of this process and, on PostgreSQL, of its server process: on a busy machine
elapsed time mostly measures waiting for a core, while CPU time does not. Build a large
library with bench/build_search_db.py, or ingest a corpus first (`casereview ingest
FOLDER`; see bench/bench_ingest.py), then:

    CASEREVIEW_DATA_DIR=/tmp/bench .venv/bin/python bench/bench_search.py --repeat 50 --through web

`--worst` also times each of the costliest searches known (`WORST`) on its own.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

QUERIES = {
    "common word": ["neglect", "assessment", "child"],
    "rare word": ["overcrowding", "MARAC", "curiosity"],
    "phrase": ['"domestic abuse"', '"child protection plan"', '"voice of the child"'],
    "or / not / prefix": ["neglect OR housing", "neglect -housing", "assess*"],
    "faceted": ["neglect"],
}
FACETED = {"abuse_type": ["neglect"], "review_type": ["SCR"]}
# With --worst: the costliest searches known, each timed on its own (the commonest words, a
# word in every report, several common words at once, three-letter starts of common words).
WORST = ["child", "the", "child OR neglect OR assessment OR social", "con*", "the*"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--through", choices=["function", "web", "cli"], default="function")
    parser.add_argument(
        "--worst", action="store_true", help="also time each of the costliest searches known"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.config.settings")
    import django

    django.setup()
    from django.db import connection

    from casereview.repository.models import Document, Page

    print(
        f"{connection.vendor} through {args.through}: {Document.objects.count()} documents, "
        f"{Page.objects.count()} pages; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    from casereview.config.warmup import warm_up

    # As `casereview serve` does at start.
    warm_up()
    run = runner(args.through, args.limit)
    cpu_time = cpu_clock()
    for kind, queries in QUERIES.items():
        filters = FACETED if kind == "faceted" else {}
        times: list[float] = []
        cpu: list[float] = []
        for _ in range(args.repeat):
            for text in queries:
                started, started_cpu = time.perf_counter(), cpu_time()
                run(text, filters)
                times.append(time.perf_counter() - started)
                cpu.append(cpu_time() - started_cpu)
        print(
            f"  {kind:<18} median {statistics.median(times) * 1000:6.1f} ms  "
            f"p95 {p95(times) * 1000:6.1f} ms  | CPU median "
            f"{statistics.median(cpu) * 1000:6.1f} ms  p95 {p95(cpu) * 1000:6.1f} ms  "
            f"({len(times)} searches)"
        )
    if args.worst:
        for text in WORST:
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                run(text, {})
                times.append(time.perf_counter() - started)
            print(
                f"  worst case {text!r:<45} median {statistics.median(times) * 1000:6.1f} ms  "
                f"p95 {p95(times) * 1000:6.1f} ms  max {max(times) * 1000:6.1f} ms"
            )
    print(f"  load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def cpu_clock() -> Callable[[], float]:
    """CPU seconds used so far by this process and, on PostgreSQL, by its server process.

    The server process is on this machine (/proc/PID/stat, in clock ticks); Django keeps one
    connection open for the whole run, so it is the same process throughout.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return time.process_time
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = f"/proc/{cursor.fetchone()[0]}/stat"
    ticks = os.sysconf("SC_CLK_TCK")

    def clock() -> float:
        with open(stat) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return time.process_time() + (int(fields[11]) + int(fields[12])) / ticks

    return clock


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def runner(through: str, limit: int) -> Callable[[str, dict[str, list[str]]], object]:
    from casereview.repository.search import search

    if through == "web":
        from django.test import Client

        client = Client(HTTP_HOST="localhost")

        def web(text: str, filters: dict[str, list[str]]) -> object:
            response = client.get("/repository/", {"q": text, **filters})
            assert response.status_code == 200, response.status_code
            return response

        return web
    if through == "cli":
        from casereview import cli

        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "casereview.cli", "search", "neglect"],
            check=True,
            capture_output=True,
        )
        print(f"  one whole `casereview search` process: {time.perf_counter() - start:.2f} s")

        def command(text: str, filters: dict[str, list[str]]) -> object:
            # The command takes no facet filters; a faceted row measures the plain query.
            with contextlib.redirect_stdout(io.StringIO()):
                return cli.main(["search", text, "--limit", str(limit)])

        return command
    return lambda text, filters: search(text, filters=filters, limit=limit)


if __name__ == "__main__":
    main()
