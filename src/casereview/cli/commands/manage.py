"""`casereview manage`: Run a Django management command (operators only)."""

from __future__ import annotations

import argparse

from casereview.cli.startup import setup_django

NAME = "manage"
HELP = "Run a Django management command (operators only)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs=argparse.REMAINDER)


def handle(args: argparse.Namespace) -> int:
    """Run any Django management command (for operators; not part of the stable contract)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["casereview manage", *args.rest])
    return 0
