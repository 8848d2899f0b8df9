"""The `casereview` command (DESIGN §9): one entry point for people, scripts and CI.

Every command that touches the database creates and migrates it first, so a new user never runs a
separate set-up step. Commands print plain English and exit non-zero when something failed.
"""

from __future__ import annotations

import argparse
import datetime
import errno
import math
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

Handler = Callable[[argparse.Namespace], int]


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.config.settings")
    import django

    django.setup()


# Databases this process has already brought up to date.
_MIGRATED: set[tuple[str, str]] = set()
# The file in the data folder that commands on one machine lock while they create and migrate
# the database, so that two started at once take turns instead of both creating tables.
MIGRATE_LOCK_FILE = "migrate.lock"
# The PostgreSQL advisory lock held while migrating, for commands on different machines sharing
# one database: any fixed number no other application on that database uses ("casrev" in ASCII).
MIGRATE_ADVISORY_LOCK = 0x636173726576


def migrate_database() -> None:
    """Apply any unapplied migrations, once per process and database: building the migration
    graph and reading what is applied costs 10 to 30 ms, which a command run again in the same
    process (the benchmarks, the tests) need not pay each time. Locked (see `_migration_lock`),
    and the plan read under the lock, so a command that waited finds nothing left to do."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    key = (connection.vendor, str(connection.settings_dict.get("NAME")))
    if key in _MIGRATED:
        return
    with _migration_lock():
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=0)
    _MIGRATED.add(key)


@contextmanager
def _migration_lock() -> Iterator[None]:
    """Held while the database is created and migrated: a lock on a file in the data folder
    (taken before the first connection, which creates an SQLite database), then on PostgreSQL
    an advisory lock in the database itself."""
    import fcntl

    from django.conf import settings
    from django.db import connection

    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / MIGRATE_LOCK_FILE, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            if connection.vendor != "postgresql":
                yield
                return
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_ADVISORY_LOCK])
            try:
                yield
            finally:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_ADVISORY_LOCK])
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def ready() -> None:
    setup_django()
    migrate_database()


# --- commands ---------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings

    from casereview.config.checks import deploy_problems

    if settings.PRODUCTION:
        problems = deploy_problems()
        if problems:
            print("casereview will not start in production mode with unsafe settings:")
            for problem in problems:
                print(f"  - {problem}")
            print("Run `casereview check-deploy` for details.")
            return 2
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    migrate_database()
    return serve(args.host, args.port, threads=args.threads)


def serve(host: str, port: int, *, threads: int = 8) -> int:
    try:
        server = bind(host, port, threads=threads)
    except PortInUse as busy:
        print(busy, file=sys.stderr)
        return 2
    return run_server(server)


class PortInUse(Exception):
    """Another program listens on the port asked for; the message says what to do."""


def bind(host: str, port: int, *, threads: int = 8) -> Any:
    """A waitress server listening on host and port (0: any free port), not yet answering."""
    from waitress.server import create_server

    from casereview.config.wsgi import application

    try:
        return create_server(
            application,
            host=host,
            port=port,
            threads=threads,
            ident="casereview",
            max_request_body_size=max_request_bytes(),
            **proxy_options(),
        )
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise PortInUse(
            f"Port {port} on {host} is already in use, perhaps by another casereview. Stop that "
            "program, or choose another port with --port (--port 0 takes any free one)."
        ) from None


def served_url(server: Any) -> str:
    """The address a bound server really listens on (the port chosen, when 0 was asked for)."""
    listening = getattr(server, "effective_listen", None) or [
        (server.effective_host, server.effective_port)
    ]
    host, port = listening[0]
    return f"http://{host}:{port}/"


def run_server(server: Any) -> int:
    """Answer requests until stopped (Ctrl+C; in `casereview demo` also SIGTERM)."""
    import logging

    from casereview.config.warmup import warm_up

    # As waitress.serve does: its warnings (a full queue, a bad request) reach the console.
    logging.basicConfig()
    print(f"casereview is serving on {served_url(server)} (press Ctrl+C to stop)", flush=True)
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    server.run()
    return 0


# Room for a multipart form's boundaries and other fields beside the largest document.
REQUEST_OVERHEAD_BYTES = 1024 * 1024


def max_request_bytes() -> int:
    """Waitress buffers a request's whole body before Django sees it (to a temporary file over
    512 KB), by default up to 1 GB: no request needs more than the largest document."""
    from django.conf import settings

    return int(settings.MAX_DOCUMENT_BYTES) + REQUEST_OVERHEAD_BYTES


def proxy_options() -> dict[str, Any]:
    """Waitress's settings for the trusted proxy (CASEREVIEW_TRUSTED_PROXY): its forwarded
    headers set the scheme, host and client address; anyone else's are removed, so Django's
    SECURE_PROXY_SSL_HEADER sees only the proxy's."""
    from django.conf import settings

    if not settings.TRUSTED_PROXY:
        return {"clear_untrusted_proxy_headers": True}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_headers": set(settings.TRUSTED_PROXY_HEADERS),
        "trusted_proxy_count": settings.TRUSTED_PROXY_COUNT,
        "clear_untrusted_proxy_headers": True,
    }


# Set by `casereview demo` on the worker it starts: that worker stops when the demo does, even
# when the demo is killed outright (SIGKILL) and cannot stop it.
PARENT_ENV = "CASEREVIEW_WORKER_PARENT"


def stop_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when the process that started it dies (the
    worker's SIGTERM is its ordinary "finish the task in hand and stop")."""
    parent = os.environ.pop(PARENT_ENV, "")
    if not parent.isdigit() or not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != int(parent):
        # The parent died before the request was made: nothing would send the signal.
        raise SystemExit(0)


def cmd_worker(args: argparse.Namespace) -> int:
    stop_with_parent()
    ready()
    from casereview.worker.runner import run_worker

    run_worker(interval=args.interval, batch=args.batch)
    return 0


def cmd_check_deploy(args: argparse.Namespace) -> int:
    setup_django()
    from casereview.config.checks import deploy_problems

    problems = deploy_problems()
    if not problems:
        print("These settings are safe for production.")
        return 0
    print("These settings are not safe for production:")
    for problem in problems:
        print(f"  - {problem}")
    return 1


def cmd_createuser(args: argparse.Namespace) -> int:
    ready()
    import getpass

    from django.core.exceptions import ValidationError

    from casereview.accounts.provisioning import AccountError, create_user_from_command_line

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            print("The passwords do not match. Nothing was saved.", file=sys.stderr)
            return 1
    try:
        user = create_user_from_command_line(
            email=args.email,
            full_name=args.name,
            password=password,
            administrator=args.administrator,
            panel_member=args.panel,
            board_slug=args.board,
            role=args.role,
            agency=args.agency or "",
        )
    except (AccountError, ValidationError) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        for message in messages:
            print(message, file=sys.stderr)
        print("Nothing was saved.", file=sys.stderr)
        return 1
    print(f"Created {user.full_name} <{user.email}>.")
    return 0


def cmd_demo_corpus(args: argparse.Namespace) -> int:
    from casereview import console
    from casereview.democorpus import generate_corpus

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def progress(done: int, total: int) -> None:
        console.update(sys.stderr, f"{done}/{total} reports")

    summary = generate_corpus(
        out, args.count, seed=args.seed, workers=args.workers, progress=progress
    )
    console.finish(sys.stderr)
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(summary.kinds.items()))
    print(
        f"Wrote {summary.count} reports ({summary.pages} pages; {kinds}) to {summary.out_dir} "
        f"in {summary.seconds:.1f} s: {summary.total_bytes / 1e6:.1f} MB."
    )
    return 0


# `casereview demo` serves here unless told otherwise, or on any free port if this one is busy.
DEMO_PORT = 8000
# A worker asked to stop finishes the task in hand first; reading one large upload can take
# this long. After it the worker is killed, and its task is read again when a worker next runs.
WORKER_STOP_SECONDS = 30
# Lines a counting stage prints when the output is not a terminal (a log, `make demo | tee`):
# enough to show it moving, few enough to read.
PROGRESS_LINES = 10


class ProgressPrinter:
    """Prints `casereview demo`'s stages as they start, flushed, and a counting stage's count
    (`casereview.console`): on a terminal every update rewrites its line; elsewhere up to
    PROGRESS_LINES of them are lines of their own."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.counting = False

    def __call__(self, stage: str, done: int | None = None, total: int | None = None) -> None:
        from casereview import console

        if done is None or total is None:
            self._end_count()
            self.stream.write(f"{stage}…\n")
            self.stream.flush()
            return
        step = math.ceil(total / PROGRESS_LINES) or 1
        if self.stream.isatty() or done == total or done % step == 0:
            console.update(self.stream, f"{stage} ({done}/{total})…")
            self.counting = True
        if done == total:
            self._end_count()

    def _end_count(self) -> None:
        from casereview import console

        if self.counting:
            console.finish(self.stream)
            self.counting = False


def _stop_on_sigterm() -> None:
    """SIGTERM stops `casereview demo` as Ctrl+C does (waitress stops on either exception), so
    the worker beside it is stopped too instead of left running."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def bind_demo(host: str, port: int | None) -> Any:
    """Bind the port asked for; without one, DEMO_PORT or else any free port (PortInUse)."""
    if port is not None:
        return bind(host, port)
    try:
        return bind(host, DEMO_PORT)
    except PortInUse:
        server = bind(host, 0)
        print(
            f"Port {DEMO_PORT} is in use, perhaps by another casereview, so the demo serves on "
            f"{served_url(server)} instead.",
            flush=True,
        )
        return server


@contextmanager
def worker_beside() -> Iterator[subprocess.Popen[bytes]]:
    """A `casereview worker` child for as long as the block runs, then stopped and waited for:
    the demo's uploads are read within seconds, and no worker outlives the demo."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "casereview.cli", "worker"],
        env={**os.environ, PARENT_ENV: str(os.getpid())},
    )
    try:
        yield worker
    finally:
        stop_worker(worker)


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    # A second Ctrl+C while waiting must not leave the worker running.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        # After Ctrl+C the worker has had the terminal's SIGINT too: an idle one is already
        # going, and a second signal would cut a busy one's task short.
        worker.wait(timeout=1)
        return
    except subprocess.TimeoutExpired:
        pass
    worker.terminate()
    try:
        worker.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def cmd_demo(args: argparse.Namespace) -> int:
    _stop_on_sigterm()
    setup_django()
    from django.conf import settings

    from casereview.demo import REFUSED_IN_PRODUCTION, DemoRefused, load_demo

    # Refused before migrating: a production database is not even touched.
    if settings.PRODUCTION:
        print(REFUSED_IN_PRODUCTION, file=sys.stderr)
        return 2
    progress = ProgressPrinter()
    progress("Creating the database")
    migrate_database()
    server = None
    if not args.no_serve:
        # Bound before the minute or more of loading, so a busy port is said at once.
        try:
            server = bind_demo(args.host, args.port)
        except PortInUse as busy:
            print(busy, file=sys.stderr)
            return 2
    try:
        report = load_demo(reports=args.reports, seed=args.seed, progress=progress)
    except DemoRefused as refusal:
        print(f"{refusal} Nothing was changed.", file=sys.stderr)
        return 2
    if server is None:
        print(report)
        return 0
    report.url = served_url(server)
    print(report, flush=True)
    with worker_beside() as worker:
        print(
            f"A background worker (process {worker.pid}) reads uploaded files; it stops with "
            "the server.",
            flush=True,
        )
        return run_server(server)


def cmd_deadlines(args: argparse.Namespace) -> int:
    ready()
    import json

    from casereview.cases.clocks import ClockError, deadlines

    try:
        steps = deadlines(args.regime, args.event, args.date)
    except ClockError as error:
        print(error, file=sys.stderr)
        return 1
    if args.json:
        print(
            json.dumps(
                [{"step": d.step, "label": d.label, "due": d.due.isoformat()} for d in steps]
            )
        )
        return 0
    if not steps:
        print(f"No {args.regime} steps count from {args.event}.")
        return 0
    print(
        f"{args.regime} steps counting from {args.event} on "
        f"{args.date:%A} {args.date.day} {args.date:%B %Y}"
        f" (rules {steps[0].rule_set_version}):"
    )
    for d in steps:
        note = ", optional sub-step" if d.optional else ""
        print(f"  {d.due:%Y-%m-%d %a}  {d.label} ({d.kind}: {d.limit} {args.event}{note})")
    return 0


def cmd_remind(args: argparse.Namespace) -> int:
    ready()
    from django.utils import timezone

    from casereview.cases.reminders import send_reminders

    report = send_reminders(args.today or timezone.localdate(), dry_run=args.dry_run)
    for line in report.planned:
        print(f"  {line}")
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(report.summary())
    return 0 if report.ok else 1


def cmd_ingest(args: argparse.Namespace) -> int:
    ready()
    from casereview.repository.bulk import ingest_paths

    board = None
    if args.board:
        from casereview.accounts.models import Board

        board = Board.objects.filter(slug=args.board).first()
        if board is None:
            print(f"There is no board with the slug {args.board!r}. Nothing was added.")
            return 1
    summary = ingest_paths(
        [Path(p) for p in args.paths],
        board=board,
        published=not args.unpublished,
        progress=sys.stderr,
    )
    print(summary.report())
    return 1 if summary.rejected or summary.missing else 0


def cmd_analyse(args: argparse.Namespace) -> int:
    setup_django()
    import json

    from casereview.repository.reading import analyse_json

    failed = 0
    for name in args.files:
        result = analyse_json(Path(name))
        if "error" in result:
            failed += 1
        if args.json:
            print(json.dumps(result, ensure_ascii=False), flush=True)
        elif "error" in result:
            print(f"{name}: {result['error']}")
        else:
            print(_describe_analysis(result))
    return 1 if failed else 0


def _describe_analysis(result: dict[str, Any]) -> str:
    child = result["child"]
    lines = [
        f"{result['source']} ({result['pages']} pages, sha256 {result['sha256'][:12]}…)",
        f"  title:          {result['title'] or '-'}",
        f"  board:          {result['board'] or '-'}",
        f"  year published: {result['year_published'] or '-'}",
        f"  review type:    {result['review_type'] or '-'}",
        f"  child:          age {child['age_years'] if child['age_years'] is not None else '-'}"
        f", sex {child['sex'] or '-'}",
        f"  outcome:        {result['outcome'] or '-'}",
        f"  abuse types:    {', '.join(result['abuse_types']) or '-'}",
    ]
    return "\n".join(lines)


def cmd_check_recommendations(args: argparse.Namespace) -> int:
    ready()
    import json

    from casereview.accounts.permissions import visible_documents
    from casereview.analysis import UnreadableDocument
    from casereview.recommendations.checker import check, drafts_from, read_limited

    source = "standard input" if args.file == "-" else args.file
    try:
        with sys.stdin.buffer if args.file == "-" else Path(args.file).open("rb") as stream:
            data = read_limited(stream)
        drafts = drafts_from(data, "drafts.txt" if args.file == "-" else Path(args.file).name)
    except OSError as error:
        print(f"{source}: the file cannot be read: {error.strerror}.", file=sys.stderr)
        return 1
    except UnreadableDocument as error:
        print(f"{source}: {error.reason}", file=sys.stderr)
        return 1
    # The command line sees what the public sees: published reviews only.
    results = check(drafts, visible_documents(None))
    if args.json:
        print(json.dumps({"source": source, "recommendations": [r.to_json() for r in results]}))
        return 0
    if not results:
        print(f"{source}: no recommendations found (number them, or put them under a heading).")
        return 1
    for item in results:
        print(f"{item.number or '-'}. {item.text}")
        print(f"   {item.coding.mechanism}; addressed to {', '.join(item.coding.addressees)}")
        for warning in item.warnings:
            print(f"   ! {warning}")
        for earlier in item.earlier[:3]:
            doc = earlier.recommendation.document
            made = "made before" if earlier.is_repeat else "close"
            print(
                f"   ~ {made} ({earlier.similarity:.2f}): {doc.display_title}"
                f"{f', {doc.year_published}' if doc.year_published else ''}"
            )
        print()
    return 0


def cmd_groups(args: argparse.Namespace) -> int:
    ready()
    import json

    from casereview.accounts.permissions import visible_documents
    from casereview.recommendations.recurrence import groups

    # The command line sees what the public sees: published reviews only.
    found = groups(visible_documents(None))
    for group in found:
        members = [
            {
                "document": r.document.sha256,
                "number": r.number,
                "text": r.text,
                "year": r.document.year_published,
            }
            for r in group.members
        ]
        if args.json:
            print(json.dumps({"group": group.id, "label": group.label, "members": members}))
        else:
            reviews = len({r.document_id for r in group.members})
            print(f"{group.id}: {len(members)} recommendations in {reviews} reviews: {group.label}")
    if not args.json:
        plural = "" if len(found) == 1 else "s"
        print(f"{len(found):,} group{plural} of recommendations made more than once.")
    return 0


def cmd_recluster(args: argparse.Namespace) -> int:
    ready()
    import time

    from casereview.recommendations.models import Recommendation
    from casereview.recommendations.recurrence import rebuild

    started = time.perf_counter()
    clusters = rebuild()
    count = Recommendation.objects.count()
    print(
        f"Clustered {count:,} recommendations into {clusters:,} groups of near-duplicates "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    ready()
    import json

    from casereview.repository.search import search

    text = " ".join(args.query)
    results = search(text, limit=args.limit)
    if args.json:
        print(json.dumps(results_json(results), ensure_ascii=False))
        return 0
    if results.message:
        print(results.message)
        return 1
    print(f"{results.total} published documents match {text!r}.")
    for hit in results.hits:
        d = hit.document
        where = f" (page {hit.page})" if hit.page else ""
        print(f"- {d.display_title} — {d.board_name or 'board unknown'}, {d.year_published or '-'}")
        if hit.page:
            print(f"  {_plain_snippet(str(hit.snippet))}{where}")
    return 0


def _plain_snippet(snippet: str) -> str:
    import html

    text = snippet.replace("<mark>", "[").replace("</mark>", "]")
    return " ".join(html.unescape(text).split())


def results_json(results: Any) -> dict[str, Any]:
    return {
        "query": results.text,
        "total": results.total,
        "message": results.message or None,
        "results": [
            {
                "id": hit.document.pk,
                "title": hit.document.display_title,
                "board": hit.document.board_name or None,
                "year_published": hit.document.year_published,
                "page": hit.page,
                "snippet": _plain_snippet(str(hit.snippet)) if hit.page else None,
            }
            for hit in results.hits
        ],
        "facets": {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in results.facets.items()
        },
    }


def cmd_manage(args: argparse.Namespace) -> int:
    """Run any Django management command (for operators; not part of the stable contract)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["casereview manage", *args.rest])
    return 0


# --- parser -----------------------------------------------------------------------------------


def _regime(text: str) -> str:
    from casereview.cases.rules import Regime

    try:
        return Regime(text.upper()).value
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a review regime; use SCR or CSPR"
        ) from None


def _event(text: str) -> str:
    from casereview.cases.rules import Event

    try:
        return Event(text.lower()).value
    except ValueError:
        names = ", ".join(event.value for event in Event)
        raise argparse.ArgumentTypeError(f"{text!r} is not an event; use one of {names}") from None


def _iso_date(text: str) -> datetime.date:
    # Only the contract's YYYY-MM-DD: fromisoformat alone would also take 20240105 and week dates.
    if len(text) == 10:
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2024-01-05"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casereview",
        description=(
            "Child safeguarding case reviews: notify, decide, review, publish, act, learn. "
            "Configuration comes from the environment: CASEREVIEW_DATA_DIR (default ./var) "
            "and DATABASE_URL."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    checker = add(
        "check-recommendations",
        cmd_check_recommendations,
        "Check draft recommendations: codes, warnings and the closest earlier ones.",
    )
    checker.add_argument("file", help="a draft report or text of recommendations (- for stdin)")
    checker.add_argument("--json", action="store_true", help="one JSON object")

    grouped = add(
        "groups",
        cmd_groups,
        "List every group of recommendations that carry the same lesson (two or more "
        "recommendations of published reviews).",
    )
    grouped.add_argument("--json", action="store_true", help="one JSON object per group a line")

    add(
        "recluster",
        cmd_recluster,
        "Rebuild the groups of near-duplicate recommendations across the whole repository.",
    )

    demo = add(
        "demo",
        cmd_demo,
        "Load fictional demo data and serve it on http://127.0.0.1:8000/, with a background "
        "worker beside the server.",
    )
    demo.add_argument("--reports", type=int, default=60, help="demo reports to generate")
    demo.add_argument("--seed", type=int, default=2026, help="random seed for the demo corpus")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument(
        "--port",
        type=int,
        help=f"port to serve on (0: any free port); by default {DEMO_PORT}, or any free port "
        f"if {DEMO_PORT} is busy",
    )
    demo.add_argument("--no-serve", action="store_true", help="load the data and stop")

    serve_cmd = add("serve", cmd_serve, "Serve the web application.")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    serve_cmd.add_argument("--threads", type=int, default=8)

    worker = add("worker", cmd_worker, "Run background tasks (ingest, analysis, reminders).")
    worker.add_argument("--batch", action="store_true", help="stop when the queue is empty")
    worker.add_argument(
        "--interval", type=float, default=1.0, help="seconds between polls of an empty queue"
    )

    user = add("createuser", cmd_createuser, "Create a user who signs in with email and password.")
    user.add_argument("email")
    user.add_argument("--name", required=True, help="the person's full name")
    user.add_argument("--administrator", action="store_true", help="may manage users and boards")
    user.add_argument("--panel", action="store_true", help="a national panel member")
    user.add_argument("--board", help="slug of a board to give a role on")
    user.add_argument(
        "--role",
        choices=["board_manager", "chair", "lead_reviewer", "action_owner"],
        help="the role on --board",
    )
    user.add_argument("--agency", help="for an action owner: the agency they act for")
    user.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )

    add("check-deploy", cmd_check_deploy, "Explain what, if anything, is unsafe for production.")

    corpus = add(
        "demo-corpus",
        cmd_demo_corpus,
        "Write fictional review reports (PDF/DOCX) with ground-truth JSON.",
    )
    corpus.add_argument("out", help="folder to write into")
    corpus.add_argument("--count", type=int, default=60)
    corpus.add_argument("--seed", type=int, default=2026)
    corpus.add_argument("--workers", type=int, default=1)

    clocks = add(
        "deadlines",
        cmd_deadlines,
        "Show every statutory clock step that counts from an event, with its due date.",
    )
    clocks.add_argument("regime", metavar="REGIME", type=_regime, help="SCR or CSPR")
    clocks.add_argument(
        "event",
        metavar="EVENT",
        type=_event,
        help="aware, notified, decided, initiated or published",
    )
    clocks.add_argument("date", metavar="DATE", type=_iso_date, help="the event's date, YYYY-MM-DD")
    clocks.add_argument("--json", action="store_true", help="print a JSON list of steps")

    remind = add(
        "remind",
        cmd_remind,
        "Email the people responsible for steps that are due soon or overdue. Safe to run "
        "every few minutes, from several machines at once: each reminder is sent once.",
    )
    remind.add_argument(
        "--today",
        type=_iso_date,
        metavar="DATE",
        help="work out the clocks as on this date, YYYY-MM-DD (default: today)",
    )
    remind.add_argument(
        "--dry-run",
        action="store_true",
        help="list the reminders that would be sent; send and record nothing",
    )

    ingest = add(
        "ingest",
        cmd_ingest,
        "Add documents (PDF, DOCX, HTML, text; files or folders) to the repository.",
    )
    ingest.add_argument("paths", metavar="PATH", nargs="+", help="files or folders (recursive)")
    ingest.add_argument("--board", help="slug of the board the documents belong to")
    ingest.add_argument(
        "--unpublished",
        action="store_true",
        help="keep them restricted to their board (default: published, as in the national "
        "library of published reviews)",
    )

    analyse_cmd = add(
        "analyse", cmd_analyse, "Analyse documents without storing them (the structured record)."
    )
    analyse_cmd.add_argument("files", metavar="FILE", nargs="+")
    analyse_cmd.add_argument("--json", action="store_true", help="one JSON object per line")

    search_cmd = add("search", cmd_search, "Search the published documents in the repository.")
    search_cmd.add_argument(
        "query", metavar="QUERY", nargs="+", help='words, "exact phrases", OR, -leave-out, prefix*'
    )
    search_cmd.add_argument("--json", action="store_true", help="print the results as JSON")
    search_cmd.add_argument("--limit", type=int, default=10, help="most results to show")

    manage = add("manage", cmd_manage, "Run a Django management command (operators only).")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


# The options of `casereview search`, and whether each takes a value. Every other argument after
# "search" is a word of the query, even one starting with "-", which leaves a word out.
SEARCH_OPTIONS = {"-h": False, "--help": False, "--json": False, "--limit": True}


def _search_words_last(argv: list[str]) -> list[str]:
    """`search`'s options first, then "--" and the query's words, so that argparse reads a word
    such as -neglect as part of the query instead of refusing it as an unknown option."""
    if not argv or argv[0] != "search":
        return argv
    options: list[str] = []
    words: list[str] = []
    rest = iter(argv[1:])
    for token in rest:
        if token == "--":
            words.extend(rest)
            break
        name = token.split("=", 1)[0]
        if name not in SEARCH_OPTIONS:
            words.append(token)
            continue
        options.append(token)
        value = next(rest, None) if SEARCH_OPTIONS[name] and "=" not in token else None
        if value is not None:
            options.append(value)
    return ["search", *options, "--", *words]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_search_words_last(list(sys.argv[1:] if argv is None else argv)))
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
