"""`casereview demo`: Load fictional demo data and serve it on http://127.0.0.1:8000/, with a
background worker beside the server."""

from __future__ import annotations

import argparse
import math
import signal
import sys
from typing import Any, TextIO

from casereview.cli.server import PortInUse, bind, run_server, served_url
from casereview.cli.startup import migrate_database, setup_django
from casereview.cli.workers import worker_beside

NAME = "demo"
HELP = (
    "Load fictional demo data and serve it on http://127.0.0.1:8000/, with a background "
    "worker beside the server."
)


# `casereview demo` serves here unless told otherwise, or on any free port if this one is busy.
DEMO_PORT = 8000


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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reports", type=int, default=60, help="demo reports to generate")
    parser.add_argument("--seed", type=int, default=2026, help="random seed for the demo corpus")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--port",
        type=int,
        help=f"port to serve on (0: any free port); by default {DEMO_PORT}, or any free port "
        f"if {DEMO_PORT} is busy",
    )
    parser.add_argument("--no-serve", action="store_true", help="load the data and stop")


def handle(args: argparse.Namespace) -> int:
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
