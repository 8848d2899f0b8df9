"""A child's age as people say it: "1 year 3 months", "3 weeks", "4 years", never "1.23".

Ages are stored in years as a number (the analyser reads "aged 15 months" as 1.25). People give
a child's age in completed units, as on a birthday: a child is "1 year 11 months" until they
turn 2, so every unit here is rounded down.
"""

from __future__ import annotations

import math

# A year of 365.25 days, so that four years of whole days come back as four years.
DAYS_IN_YEAR = 365.25
# Absorbs float error in stored values (1.1666… years times 12 must be 14 months, not 13.99…).
TOLERANCE = 1e-6


def _counted(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def child_age(years: float | int | None, *, whole_years: bool = False) -> str:
    """The age in words; empty when it is not known.

    Under a week it is "under 1 week"; under a month, whole weeks; under a year, whole months;
    then years and months ("1 year 3 months", "17 years"). An age recorded only in whole
    years (a case's notification) says "under 1 year" for 0 rather than claim a precision it
    does not have.
    """
    if years is None:
        return ""
    if whole_years and years < 1:
        return "under 1 year"
    months = math.floor(float(years) * 12 + TOLERANCE)
    if months < 1:
        weeks = math.floor(float(years) * DAYS_IN_YEAR + TOLERANCE) // 7
        return _counted(weeks, "week") if weeks >= 1 else "under 1 week"
    full_years, months = divmod(months, 12)
    if full_years == 0:
        return _counted(months, "month")
    if months == 0:
        return _counted(full_years, "year")
    return f"{_counted(full_years, 'year')} {_counted(months, 'month')}"
