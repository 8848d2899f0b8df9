"""`casereview check-recommendations`: Check draft recommendations: codes, warnings and the closest
earlier ones."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casereview.cli.startup import ready

NAME = "check-recommendations"
HELP = "Check draft recommendations: codes, warnings and the closest earlier ones."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a draft report or text of recommendations (- for stdin)")
    parser.add_argument("--json", action="store_true", help="one JSON object")


def handle(args: argparse.Namespace) -> int:
    ready()
    import json

    from casereview.analysis import UnreadableDocument
    from casereview.recommendations.checker import check, drafts_from, read_limited
    from casereview.repository.access import visible_documents

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
        print(f"   Owner: {item.owner_said}")
        for warning in item.warnings:
            print(f"   ! {warning}")
        for earlier in item.repeats[:3]:
            doc = earlier.recommendation.document
            print(
                f"   ~ {doc.display_title}"
                f"{f', {doc.year_published}' if doc.year_published else ''}: {earlier.why}"
            )
        if not item.repeats:
            print("   ~ Nothing close has been recommended before.")
        print()
    return 0
