"""Benchmark search latency: median and p95 per query kind over an ingested repository.

Runs against whatever database the environment names (SQLite by default, PostgreSQL with
DATABASE_URL). `--through` picks the path measured: `function` calls `search()` directly,
`web` requests the public search page through Django's test client (the whole view and
template, no network), `cli` runs `casereview search` in this process (without interpreter
start-up, which is measured once separately). Ingest a corpus first (`casereview ingest
FOLDER`; see bench/bench_ingest.py), then:

    CASEREVIEW_DATA_DIR=/tmp/bench .venv/bin/python bench/bench_search.py --repeat 50 --through web
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--through", choices=["function", "web", "cli"], default="function")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.config.settings")
    import django

    django.setup()
    from django.db import connection

    from casereview.repository.models import Document, Page

    print(
        f"{connection.vendor} through {args.through}: {Document.objects.count()} documents, "
        f"{Page.objects.count()} pages"
    )
    run = runner(args.through, args.limit)
    for kind, queries in QUERIES.items():
        filters = FACETED if kind == "faceted" else {}
        times: list[float] = []
        for _ in range(args.repeat):
            for text in queries:
                started = time.perf_counter()
                run(text, filters)
                times.append(time.perf_counter() - started)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"  {kind:<18} median {statistics.median(times) * 1000:6.1f} ms  "
            f"p95 {p95 * 1000:6.1f} ms  ({len(times)} searches)"
        )


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
