"""`casereview recluster`: Rebuild the groups of near-duplicate recommendations across the whole
repository."""

from __future__ import annotations

import argparse

from casereview.cli.startup import ready

NAME = "recluster"
HELP = "Rebuild the groups of near-duplicate recommendations across the whole repository."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """It takes no arguments."""


def handle(args: argparse.Namespace) -> int:
    ready()
    import time

    from casereview.recommendations.models import Recommendation
    from casereview.recommendations.recurrence import rebuild

    started = time.perf_counter()
    clusters = rebuild()
    count = Recommendation.objects.count()
    print(
        f"Clustered {count:,} recommendations into {clusters:,} groups of near-duplicates "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return 0
