"""`casereview withdraw-expired`: Withdraw the published reports whose five public years have
passed. Safe to run every day: each report is withdrawn once."""

from __future__ import annotations

import argparse

from casereview.cli.arguments import iso_date_arg
from casereview.cli.startup import ready

NAME = "withdraw-expired"
HELP = (
    "Withdraw the published reports whose five public years have passed: they leave the "
    "public pages, search and downloads, and keep their catalogue record. Safe to run daily."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=iso_date_arg,
        metavar="DATE",
        help="withdraw what has expired by this date, YYYY-MM-DD (default: today)",
    )


def handle(args: argparse.Namespace) -> int:
    ready()
    from django.utils import timezone

    from casereview.publication.retention import withdraw_expired

    withdrawn = withdraw_expired(args.today or timezone.localdate())
    for document in withdrawn:
        print(f"  withdrew {document.display_title}")
    print(f"Withdrew {len(withdrawn)} report{'' if len(withdrawn) == 1 else 's'}.")
    return 0
