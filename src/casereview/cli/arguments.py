"""Argument types shared by the commands that take a clock regime, an event or a date."""

from __future__ import annotations

import argparse
import datetime


def regime_arg(text: str) -> str:
    from casereview.cases.rules import Regime

    try:
        return Regime(text.upper()).value
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a review regime; use SCR or CSPR"
        ) from None


def event_arg(text: str) -> str:
    from casereview.cases.rules import Event

    try:
        return Event(text.lower()).value
    except ValueError:
        names = ", ".join(event.value for event in Event)
        raise argparse.ArgumentTypeError(f"{text!r} is not an event; use one of {names}") from None


def iso_date_arg(text: str) -> datetime.date:
    # Only the contract's YYYY-MM-DD: fromisoformat alone would also take 20240105 and week dates.
    if len(text) == 10:
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2024-01-05"
    )
