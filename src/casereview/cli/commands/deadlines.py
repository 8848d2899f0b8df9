"""`casereview deadlines`: Show every statutory clock step that counts from an event, with its due
date."""

from __future__ import annotations

import argparse
import sys

from casereview.cli.arguments import event_arg, iso_date_arg, regime_arg
from casereview.cli.startup import ready

NAME = "deadlines"
HELP = "Show every statutory clock step that counts from an event, with its due date."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("regime", metavar="REGIME", type=regime_arg, help="SCR or CSPR")
    parser.add_argument(
        "event",
        metavar="EVENT",
        type=event_arg,
        help="aware, notified, decided, initiated or published",
    )
    parser.add_argument(
        "date", metavar="DATE", type=iso_date_arg, help="the event's date, YYYY-MM-DD"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list of steps")


def handle(args: argparse.Namespace) -> int:
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
