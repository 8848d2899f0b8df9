"""`casereview worker`: Run background tasks (ingest, analysis, reminders)."""

from __future__ import annotations

import argparse

from casereview.cli.startup import ready
from casereview.cli.workers import stop_with_parent

NAME = "worker"
HELP = "Run background tasks (ingest, analysis, reminders)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--batch", action="store_true", help="stop when the queue is empty")
    parser.add_argument(
        "--interval", type=float, default=1.0, help="seconds between polls of an empty queue"
    )


def handle(args: argparse.Namespace) -> int:
    stop_with_parent()
    ready()
    from casereview.worker.runner import run_worker

    run_worker(interval=args.interval, batch=args.batch)
    return 0
