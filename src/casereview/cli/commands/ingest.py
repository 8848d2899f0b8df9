"""`casereview ingest`: Add documents (PDF, DOCX, HTML, text; files or folders) to the
repository."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casereview.cli.startup import ready

NAME = "ingest"
HELP = "Add documents (PDF, DOCX, HTML, text; files or folders) to the repository."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", metavar="PATH", nargs="+", help="files or folders (recursive)")
    parser.add_argument("--board", help="slug of the board the documents belong to")
    parser.add_argument(
        "--unpublished",
        action="store_true",
        help="keep them restricted to their board (default: published, as in the national "
        "library of published reviews)",
    )


def handle(args: argparse.Namespace) -> int:
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
