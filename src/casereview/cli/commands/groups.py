"""`casereview groups`: List every group of recommendations that carry the same lesson (two or more
recommendations of published reviews)."""

from __future__ import annotations

import argparse

from casereview.cli.startup import ready

NAME = "groups"
HELP = (
    "List every group of recommendations that carry the same lesson (two or more "
    "recommendations of published reviews)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON object per group a line")


def handle(args: argparse.Namespace) -> int:
    ready()
    import json

    from casereview.recommendations.recurrence import current_index, groups
    from casereview.repository.access import visible_documents

    # Groups made by another model (a new vocabulary, threshold or features) are made again
    # first, once, and it says so; otherwise this loads the saved index.
    current_index()
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
