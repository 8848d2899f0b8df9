"""Calendar time: months to the same day, clamped at month ends; days and weeks as counted."""

from __future__ import annotations

import pytest

from casereview.cases import calendar
from tests.cases.dates import d


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2023-01-31", 1, "2023-02-28"),  # non-leap February
        ("2024-01-31", 1, "2024-02-29"),  # leap February
        ("2024-03-31", 1, "2024-04-30"),  # 31-day month into a 30-day month
        ("2024-04-30", 1, "2024-05-30"),  # 30-day month keeps its day
        ("2024-01-30", 1, "2024-02-29"),
        ("2024-08-31", 6, "2025-02-28"),
        ("2024-11-15", 3, "2025-02-15"),  # across the year end
        ("2024-03-31", -1, "2024-02-29"),  # backwards
        ("2024-01-31", -2, "2023-11-30"),
        ("2024-05-15", 0, "2024-05-15"),
    ],
)
def test_adding_months_keeps_the_day_or_clamps_to_the_month_end(
    start: str, months: int, expected: str
) -> None:
    assert calendar.add_months(d(start), months) == d(expected)


def test_twelve_months_and_one_year_from_29_february_are_both_28_february() -> None:
    assert calendar.add_months(d("2024-02-29"), 12) == d("2025-02-28")
    assert calendar.add_years(d("2024-02-29"), 1) == d("2025-02-28")
    assert calendar.add_years(d("2024-02-29"), 4) == d("2028-02-29")


def test_calendar_days_and_weeks_ignore_weekends_and_holidays() -> None:
    assert calendar.add_calendar_days(d("2021-12-18"), 14) == d("2022-01-01")
    assert calendar.add_calendar_days(d("2024-03-01"), -1) == d("2024-02-29")
    assert calendar.add_weeks(d("2021-12-20"), 1) == d("2021-12-27")
    assert calendar.add_weeks(d("2024-01-03"), -1) == d("2023-12-27")
