"""The `casereview` command (DESIGN §9): one entry point for people, scripts and CI.

Every command that touches the database creates and migrates it first, so a new user never runs a
separate set-up step. Commands print plain English and exit non-zero when something failed.

Each command is a module of `casereview.cli.commands`, as Django's management commands are: its
NAME and HELP, `add_arguments(parser)` and `handle(args)`, which returns the exit status. What
several commands share is beside them: `startup` (Django and the database), `server` (waitress),
`workers` (the worker `casereview demo` runs) and `arguments` (dates, regimes and events).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from casereview.cli.commands.demo import DEMO_PORT
from casereview.cli.commands.search import search_words_last
from casereview.cli.server import max_request_bytes, serve
from casereview.cli.startup import migrate_database, ready, setup_django
from casereview.cli.workers import PARENT_ENV, worker_beside

__all__ = [
    "DEMO_PORT",
    "PARENT_ENV",
    "build_parser",
    "main",
    "max_request_bytes",
    "migrate_database",
    "ready",
    "serve",
    "setup_django",
    "worker_beside",
]

Handler = Callable[[argparse.Namespace], int]

# The modules of `casereview.cli.commands`, in the order `casereview --help` lists them.
COMMANDS = (
    "check_recommendations",
    "groups",
    "recluster",
    "demo",
    "serve",
    "worker",
    "createuser",
    "check_deploy",
    "demo_corpus",
    "deadlines",
    "remind",
    "withdraw_expired",
    "ingest",
    "analyse",
    "search",
    "manage",
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
    for name in COMMANDS:
        command = importlib.import_module(f"casereview.cli.commands.{name}")
        sub = commands.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        sub.set_defaults(handler=command.handle)
        command.add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(search_words_last(list(sys.argv[1:] if argv is None else argv)))
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
