"""`casereview recluster`: Rebuild the groups of near-duplicate recommendations across the whole
repository."""

from __future__ import annotations

import argparse

from casereview.cli.startup import ready

NAME = "recluster"
HELP = (
    "Rebuild the groups of near-duplicate recommendations across the whole repository, then "
    "make people's corrections of the groups again."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """It takes no arguments."""


def handle(args: argparse.Namespace) -> int:
    ready()
    import time

    from casereview.recommendations.models import GroupCorrection, Recommendation
    from casereview.recommendations.recurrence import rebuild

    started = time.perf_counter()
    clusters = rebuild()
    count = Recommendation.objects.count()
    print(
        f"Clustered {count:,} recommendations into {clusters:,} groups of near-duplicates "
        f"in {time.perf_counter() - started:.1f} s."
    )
    corrected = GroupCorrection.objects.count()
    if corrected:
        print(
            f"People's {corrected:,} correction{'' if corrected == 1 else 's'} of the groups "
            "made again, in the order they were made, where the recommendations are still held."
        )
    return 0
