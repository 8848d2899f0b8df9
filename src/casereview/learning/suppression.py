"""The one small-number rule of the national figures, and the words for figures not shown.

Published statistics show a count from 1 to 4 as "fewer than 5" and do not show any figure
worked out from such a count (a share, a mean, a median), since it could give the count away
(DESIGN §3 and §6). The recommendation figures are public, so they follow the rule for everyone,
signed in or not. The timeliness figures are restricted to the national panel and show actual
counts: the panel needs them to act on a board's late clocks, none of it is published, and the
page says so and warns against copying them into anything published.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

SMALL_NUMBER: Final = 5
"""Counts below this (but above 0) are not published: a count of 1 to 4 children, reviews or
recommendations in a year, board or region could identify a child or family (DESIGN §6)."""

FEWER_THAN: Final = f"fewer than {SMALL_NUMBER}"
NOT_SHOWN: Final = "not shown"
"""A figure worked out from a count under ``SMALL_NUMBER``: it could give the count away."""
NO_VALUE: Final = "—"
"""A share, average or median of nothing: "no cases" or "no reviews" is not the same as 0."""


@dataclass(frozen=True)
class Number:
    """A count as published: from 1 to ``SMALL_NUMBER`` - 1 it is shown as "fewer than 5"."""

    value: int

    @property
    def suppressed(self) -> bool:
        return 0 < self.value < SMALL_NUMBER

    def __str__(self) -> str:
        return FEWER_THAN if self.suppressed else f"{self.value:,}"

    @property
    def cell(self) -> str | int:
        """For the CSV: the number itself, or the words."""
        return FEWER_THAN if self.suppressed else self.value


def one_place(value: Decimal) -> Decimal:
    """A published figure to one decimal place, half up as people round (Python's round()
    sends 12.25 to 12.2)."""
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
