"""Benchmark `casereview serve` as a whole (issue 18, item 7): memory, start-up and database size.

Starts the project's own command, `casereview serve`, on a free port over whatever library the
environment names (CASEREVIEW_DATA_DIR, or DATABASE_URL for PostgreSQL), and prints:

1. the server process's resident memory (VmRSS, MiB, from /proc/PID/status) once it has
   started and gone idle, after --requests (1,000) mixed public GET requests sent by
   --clients (8) threads at once to a server of --threads (8) threads (searches of several
   kinds with and without facet filters, document pages, page text pages, the home page, the
   national recommendation figures, browse, a few 404s), and its peak (VmHWM); with each
   kind's latency, median and p95;
2. the time from spawning the process to its first answer (polling /healthz) and to its first
   search answered (the database is in the operating system's cache by then: this process has
   read it to choose the requests);
3. the database's size (SQLite: the file and its -wal; PostgreSQL: pg_database_size) against a
   plain FTS5 database of the same pages built in the same run (every row of repository_page's
   text, then 'optimize' and VACUUM). Stored files are not counted.

Each figure is printed beside its target. The background worker is not started. Nothing is
written to the library, but `casereview serve` migrates a database that is behind: the
benchmark refuses one with unapplied migrations, since start-up would then measure them. Use a
copy of a large library (see bench/build_search_db.py):

    cp -r /tmp/bench10k /tmp/bench10k-serve
    CASEREVIEW_DATA_DIR=/tmp/bench10k-serve .venv/bin/python bench/bench_serve.py

The server runs at the priority it is given; the plain FTS5 build after it is lowered to nice
15. `--tables` also lists the database's largest tables and indexes. On PostgreSQL the memory
figures are the casereview process's alone: the database server's processes are not counted.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

# The targets of issue 18, item 7.
RSS_TARGET_MIB = 400
FIRST_ANSWER_TARGET_S = 1.0
SIZE_TARGET_RATIO = 1.5

SEARCHES = {
    "search common word": ["neglect", "assessment", "child"],
    "search rare word": ["overcrowding", "MARAC", "curiosity"],
    "search phrase": ['"domestic abuse"', '"child protection plan"', '"voice of the child"'],
    "search or/not/prefix": ["neglect OR housing", "neglect -housing", "assess*"],
}
# How often each kind of request comes in the mix (relative weights). Searches are about half,
# as on a search service; the rest are the pages a search leads to and the public pages.
WEIGHTS = {
    "search common word": 8,
    "search rare word": 6,
    "search phrase": 6,
    "search or/not/prefix": 6,
    "search faceted": 10,
    "search filters only": 4,
    "search page 2": 4,
    "document page": 14,
    "page text": 20,
    "home": 5,
    "browse": 3,
    "national recommendations": 5,
    "not found": 4,
}
# Facet filters used by faceted searches: the commonest values of these facets in the library.
FILTER_FACETS = ("abuse_type", "review_type", "year", "region", "board", "age_band")
# How long to wait for the server to answer at all, and to go idle once it has.
START_TIMEOUT_S = 120.0
IDLE_TIMEOUT_S = 120.0
# The server is idle once it uses less than this much CPU over IDLE_WINDOW_S.
IDLE_CPU_S = 0.01
IDLE_WINDOW_S = 0.5
PAGES_PER_INSERT = 2000


@dataclass(frozen=True)
class Request:
    kind: str
    path: str
    status: int


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument(
        "--threads",
        type=int,
        default=8,
        help="the server's --threads (waitress's worker threads; casereview's default is 8)",
    )
    parser.add_argument("--clients", type=int, default=8, help="requests sent at once")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--workdir", default=None, help="where to build the plain FTS5 database (a temporary dir)"
    )
    parser.add_argument("--skip-size", action="store_true", help="leave out the database size")
    parser.add_argument(
        "--tables", action="store_true", help="also list the largest tables and indexes"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.config.settings")
    import django

    django.setup()
    from django.db import connection

    refuse_unapplied_migrations()
    library = sample_library(random.Random(args.seed))
    print(
        f"{connection.vendor}: {library['documents']} published documents, "
        f"{library['pages']} pages; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    mix = request_mix(library, args.requests, random.Random(args.seed))
    connection.close()

    with tempfile.TemporaryFile() as log:
        server = Server(args.threads, log)
        try:
            server.start()
            before = server.status()
            report_start_up(server)
            times, failures, elapsed, sampled_peak = send(server, mix, args.clients)
            after = server.status()
        finally:
            server.stop()
    print(
        f"memory of the server process ({len(mix)} requests from {args.clients} clients at once "
        f"in {elapsed:.1f} s, {len(mix) / elapsed:.0f} requests/s):\n"
        f"  RSS at first answer    {server.rss_at_first_answer:7.1f} MiB\n"
        f"  RSS before requests    {before['VmRSS']:7.1f} MiB\n"
        f"  RSS after requests     {after['VmRSS']:7.1f} MiB  target <= {RSS_TARGET_MIB} MiB  "
        f"{verdict(after['VmRSS'], RSS_TARGET_MIB, 'MiB')}\n"
        f"  peak RSS (VmHWM)       {after['VmHWM']:7.1f} MiB  "
        f"(highest sampled during requests {sampled_peak:.1f} MiB)\n"
        f"  threads in the process {after['Threads']:5.0f}"
    )
    print("latency by kind (ms):")
    for kind in WEIGHTS:
        values = times.get(kind, [])
        if values:
            print(
                f"  {kind:<26} median {statistics.median(values) * 1000:7.1f}  "
                f"p95 {p95(values) * 1000:7.1f}  max {max(values) * 1000:7.1f}  "
                f"({len(values)} requests)"
            )
    every = [value for values in times.values() for value in values]
    print(
        f"  {'all':<26} median {statistics.median(every) * 1000:7.1f}  "
        f"p95 {p95(every) * 1000:7.1f}  max {max(every) * 1000:7.1f}  ({len(every)} requests)"
    )
    if failures:
        print(f"  {len(failures)} unexpected answers, the first: {failures[:5]}")
    if not args.skip_size:
        # The server is stopped: the build need not compete with it, and should not compete with
        # anyone else's work on a shared machine.
        os.nice(15)
        compare_sizes(args.workdir, args.tables)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if failures:
        raise SystemExit(1)


def report_start_up(server: Server) -> None:
    print(
        f"start-up (server --threads {server.threads}):\n"
        f"  first answer (GET /healthz)   {server.first_answer * 1000:7.0f} ms  "
        f"target <= {FIRST_ANSWER_TARGET_S * 1000:.0f} ms  "
        f"{verdict(server.first_answer * 1000, FIRST_ANSWER_TARGET_S * 1000, 'ms')}\n"
        f"  first search answered          {server.first_search * 1000:7.0f} ms\n"
        f"  idle after start-up            {server.idle_at:7.1f} s "
        f"(warm-up in the background)"
    )


def refuse_unapplied_migrations() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:5])
        raise SystemExit(
            f"The database has {len(plan)} unapplied migrations ({names}): `casereview serve` "
            "would apply them as it starts, so start-up would measure the migration and the "
            "library would change. Apply them first (`casereview manage migrate`) on a copy."
        )


def sample_library(rng: random.Random) -> dict[str, Any]:
    """What the requests ask for: public documents (a short reference and page count each) and
    the commonest values of each facet, from the library itself."""
    from django.db.models import Count

    from casereview.repository.models import Document, DocumentFacet, Page

    published = Document.objects.filter(is_published=True)
    documents = list(published.values_list("sha256", "page_count"))
    if not documents:
        raise SystemExit("The library has no published documents: ingest or build one first.")
    facets: dict[str, list[str]] = {}
    for name in FILTER_FACETS:
        facets[name] = list(
            DocumentFacet.objects.filter(name=name)
            .values("value")
            .annotate(n=Count("id"))
            .order_by("-n", "value")
            .values_list("value", flat=True)[:3]
        )
    return {
        "documents": len(documents),
        "pages": Page.objects.count(),
        "sample": rng.sample(documents, min(200, len(documents))),
        "facets": {name: values for name, values in facets.items() if values},
    }


def request_mix(library: dict[str, Any], count: int, rng: random.Random) -> list[Request]:
    """`count` requests drawn by WEIGHTS, each with the status it should get."""
    from urllib.parse import urlencode

    sample = library["sample"]
    facets = library["facets"]
    kinds = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=count)
    mix = []
    for kind in kinds:
        status = 200
        if kind in SEARCHES:
            path = "/repository/?" + urlencode({"q": rng.choice(SEARCHES[kind])})
        elif kind == "search faceted":
            names = rng.sample(sorted(facets), min(len(facets), rng.choice((1, 2))))
            query = [("q", rng.choice(["neglect", "assessment", '"domestic abuse"', "school"]))]
            query += [(name, rng.choice(facets[name])) for name in names]
            path = "/repository/?" + urlencode(query)
        elif kind == "search filters only":
            name = rng.choice(sorted(facets))
            path = "/repository/?" + urlencode({name: rng.choice(facets[name])})
        elif kind == "search page 2":
            path = "/repository/?" + urlencode({"q": rng.choice(SEARCHES["search common word"])})
            path += "&page=2"
        elif kind == "document page":
            sha256, _ = rng.choice(sample)
            path = f"/repository/documents/{sha256[:12]}/"
        elif kind == "page text":
            sha256, page_count = rng.choice(sample)
            path = f"/repository/documents/{sha256[:12]}/pages/{rng.randint(1, page_count)}/"
        elif kind == "home":
            path = "/"
        elif kind == "browse":
            path = "/repository/browse/"
        elif kind == "national recommendations":
            path = "/recommendations/national/"
            if rng.random() < 0.5 and "abuse_type" in facets:
                path += "?" + urlencode({"abuse_type": rng.choice(facets["abuse_type"])})
        else:
            status = 404
            path = rng.choice(
                [
                    "/repository/documents/000000000000/",
                    "/no-such-page/",
                    f"/repository/documents/{rng.choice(sample)[0][:12]}/pages/100000/",
                ]
            )
        mix.append(Request(kind, path, status))
    return mix


class Server:
    """`casereview serve` in its own process, on a free port of this machine."""

    def __init__(self, threads: int, log: IO[bytes]) -> None:
        """`log` receives the server's output, shown if it fails to start."""
        self.threads = threads
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log = log
        self.first_answer = self.first_search = self.idle_at = 0.0
        self.rss_at_first_answer = 0.0

    def start(self) -> None:
        command = Path(sys.executable).with_name("casereview")
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [str(command), "serve", "--port", str(self.port), "--threads", str(self.threads)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        while not self._answers("/healthz"):
            if self.process.poll() is not None or time.perf_counter() - started > START_TIMEOUT_S:
                raise SystemExit(f"The server did not start:\n{self.output()}")
            time.sleep(0.005)
        self.first_answer = time.perf_counter() - started
        self.rss_at_first_answer = self.status()["VmRSS"]
        if not self._answers("/repository/?q=neglect"):
            raise SystemExit(f"The first search failed:\n{self.output()}")
        self.first_search = time.perf_counter() - started
        self._wait_until_idle()
        self.idle_at = time.perf_counter() - started

    def _answers(self, path: str) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}{path}", timeout=60) as response:
                response.read()
                return bool(response.status == 200)
        except (urllib.error.URLError, ConnectionError):
            return False

    def _wait_until_idle(self) -> None:
        """Until the warm-up thread has finished: the process stops using CPU."""
        began = time.perf_counter()
        used = self.cpu_seconds()
        while time.perf_counter() - began < IDLE_TIMEOUT_S:
            time.sleep(IDLE_WINDOW_S)
            now = self.cpu_seconds()
            if now - used < IDLE_CPU_S:
                return
            used = now
        print(f"  (still busy after {IDLE_TIMEOUT_S:.0f} s; measuring anyway)")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def status(self) -> dict[str, float]:
        """VmRSS and VmHWM in MiB, and the number of threads, from /proc/PID/status."""
        assert self.process is not None
        values = {}
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(value.split()[0]) / 1024
                elif key == "Threads":
                    values[key] = int(value)
        return values

    def cpu_seconds(self) -> float:
        assert self.process is not None
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def send(
    server: Server, mix: list[Request], clients: int
) -> tuple[dict[str, list[float]], list[str], float, float]:
    """Send every request of the mix on `clients` kept-alive connections at once; return the
    times by kind, unexpected answers, the elapsed time and the highest RSS sampled."""
    times: dict[str, list[float]] = defaultdict(list)
    failures: list[str] = []
    local = threading.local()
    lock = threading.Lock()

    def one(request: Request) -> None:
        if not hasattr(local, "connection"):
            local.connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        started = time.perf_counter()
        try:
            local.connection.request("GET", request.path)
            response = local.connection.getresponse()
            response.read()
            status = response.status
        except (http.client.HTTPException, OSError) as error:
            local.connection.close()
            del local.connection
            status = -1
            print(f"  {request.path}: {error!r}")
        elapsed = time.perf_counter() - started
        with lock:
            times[request.kind].append(elapsed)
            if status != request.status:
                failures.append(f"{request.path} answered {status}, not {request.status}")

    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], server.status()["VmRSS"])

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, mix))
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    return times, failures, elapsed, peak[0]


def compare_sizes(workdir: str | None, tables: bool) -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
        label = "pg_database_size"
    else:
        name = Path(connection.settings_dict["NAME"])
        wal = Path(f"{name}-wal")
        size = name.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        label = f"{name.name} and its -wal"
    folder = tempfile.mkdtemp(prefix="bench-serve-", dir=workdir)
    try:
        plain, pages, seconds = build_plain_fts5(Path(folder) / "plain.sqlite3")
    finally:
        shutil.rmtree(folder)
    ratio = size / plain
    print(
        f"database size ({pages} pages):\n"
        f"  {label:<32} {size / 1e6:9.1f} MB\n"
        f"  plain FTS5 of the same pages     {plain / 1e6:9.1f} MB  (built in {seconds:.0f} s)\n"
        f"  ratio                            {ratio:9.2f}     target <= {SIZE_TARGET_RATIO}  "
        f"{verdict(ratio, SIZE_TARGET_RATIO, '')}"
    )
    if tables:
        print("  largest tables and indexes:")
        for object_name, object_bytes in largest_objects():
            print(f"    {object_name:<40} {object_bytes / 1e6:9.1f} MB")


def build_plain_fts5(path: Path) -> tuple[int, int, float]:
    """A plain FTS5 table of every page's text, optimized and vacuumed: its size in bytes, the
    pages in it and the seconds it took."""
    started = time.perf_counter()
    plain = sqlite3.connect(path)
    plain.execute("PRAGMA journal_mode=OFF")
    plain.execute("PRAGMA synchronous=OFF")
    plain.execute(
        "CREATE VIRTUAL TABLE page USING "
        "fts5(text, tokenize='porter unicode61 remove_diacritics 2')"
    )
    pages = 0
    for rows in page_texts():
        plain.executemany("INSERT INTO page (text) VALUES (?)", rows)
        plain.commit()
        pages += len(rows)
    plain.execute("INSERT INTO page (page) VALUES ('optimize')")
    plain.commit()
    plain.execute("VACUUM")
    plain.close()
    return path.stat().st_size, pages, time.perf_counter() - started


def page_texts() -> Iterator[list[tuple[str]]]:
    """Every page's text, in batches, read by id ranges so no cursor stays open across them."""
    from django.db import connection

    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, text FROM repository_page WHERE id > %s ORDER BY id LIMIT %s",
                [last, PAGES_PER_INSERT],
            )
            rows = cursor.fetchall()
        if not rows:
            return
        last = rows[-1][0]
        yield [(text or "",) for _, text in rows]


def largest_objects(count: int = 12) -> list[tuple[str, int]]:
    """The largest tables and indexes with their sizes in bytes (on PostgreSQL a table's size
    includes its TOAST table; its indexes are listed apart)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, pg_table_size(oid) FROM pg_class "
                "WHERE relkind IN ('r', 'i', 'm') AND relnamespace = 'public'::regnamespace "
                "ORDER BY 2 DESC LIMIT %s",
                [count],
            )
            return list(cursor.fetchall())
    database = connection.settings_dict["NAME"]
    reader = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return reader.execute(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT ?", [count]
        ).fetchall()
    finally:
        reader.close()


def verdict(value: float, target: float, unit: str) -> str:
    """Whether a figure is within its target, and if not by how much."""
    if value <= target:
        return "met"
    excess = f"{value - target:.0f} {unit}" if unit else f"{value - target:.2f}"
    return f"MISSED by {excess} ({value / target - 1:.0%} over)"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


if __name__ == "__main__":
    main()
