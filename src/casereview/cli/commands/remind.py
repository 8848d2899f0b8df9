"""`casereview remind`: Email the people responsible for steps that are due soon or overdue. Safe
to run every few minutes, from several machines at once: each reminder is sent once."""

from __future__ import annotations

import argparse
import sys

from casereview.cli.arguments import iso_date_arg
from casereview.cli.startup import ready

NAME = "remind"
HELP = (
    "Email the people responsible for steps that are due soon or overdue. Safe to run "
    "every few minutes, from several machines at once: each reminder is sent once."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=iso_date_arg,
        metavar="DATE",
        help="work out the clocks as on this date, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="list the reminders that would be sent; send and record nothing",
    )


def handle(args: argparse.Namespace) -> int:
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
