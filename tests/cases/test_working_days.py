"""Working days: "within n working days of X" is due on the n-th working day after X."""

from __future__ import annotations

import datetime
import random

import pytest

from casereview.cases import calendar
from tests.cases.dates import d


@pytest.mark.parametrize("aware", ["2024-06-07", "2024-06-08", "2024-06-09"])
def test_five_working_days_from_a_friday_or_the_weekend_is_the_next_friday(aware: str) -> None:
    assert calendar.add_working_days(d(aware), 5) == d("2024-06-14")


def test_five_working_days_from_a_monday_is_the_next_monday() -> None:
    assert calendar.add_working_days(d("2024-06-10"), 5) == d("2024-06-17")


def test_day_one_is_the_next_working_day_even_from_a_holiday() -> None:
    assert calendar.add_working_days(d("2024-12-25"), 1) == d("2024-12-27")


def test_adding_no_working_days_leaves_the_date_alone() -> None:
    assert calendar.add_working_days(d("2024-06-08"), 0) == d("2024-06-08")


def test_it_refuses_to_add_a_negative_number_of_working_days() -> None:
    with pytest.raises(ValueError, match="subtract_working_days"):
        calendar.add_working_days(d("2024-06-10"), -1)


@pytest.mark.parametrize(
    ("start", "due", "why"),
    [
        ("2024-03-28", "2024-04-08", "Good Friday and Easter Monday 2024"),
        ("2024-04-30", "2024-05-08", "early May bank holiday 2024"),
        ("2011-04-26", "2011-05-05", "royal wedding and early May 2011"),
        ("2021-12-24", "2022-01-05", "Christmas 2021 on a Saturday, New Year 2022 on a Saturday"),
        ("2022-12-23", "2023-01-04", "Christmas 2022 on a Sunday, New Year 2023 on a Sunday"),
        ("2010-04-01", "2010-04-12", "Easter 2010, computed by rule"),
        ("2030-04-18", "2030-04-29", "Easter 2030, computed by rule"),
    ],
)
def test_five_working_days_skip_bank_holidays(start: str, due: str, why: str) -> None:
    assert calendar.add_working_days(d(start), 5) == d(due), why


def test_working_days_between_counts_after_the_start_up_to_and_including_the_end() -> None:
    assert calendar.working_days_between(d("2024-06-07"), d("2024-06-14")) == 5
    assert calendar.working_days_between(d("2024-06-07"), d("2024-06-07")) == 0
    assert calendar.working_days_between(d("2024-06-14"), d("2024-06-07")) == -5
    assert calendar.working_days_between(d("2021-12-24"), d("2021-12-28")) == 0


@pytest.mark.parametrize(
    ("end", "latest", "why"),
    [
        ("2024-06-19", "2024-06-10", "a Wednesday: the 7th working day before it"),
        ("2024-06-18", "2024-06-07", "a Tuesday: a Friday, never the Sunday"),
        ("2024-06-22", "2024-06-12", "a Saturday gives no notice itself"),
        ("2023-05-09", "2023-04-26", "after the coronation and early May holidays of 2023"),
    ],
)
def test_seven_working_days_before_is_the_latest_working_day_that_gives_that_notice(
    end: str, latest: str, why: str
) -> None:
    result = calendar.subtract_working_days(d(end), 7)
    assert result == d(latest), why
    assert calendar.working_days_between(result, d(end)) >= 7
    next_working_day = calendar.add_working_days(result, 1)
    assert calendar.working_days_between(next_working_day, d(end)) < 7


def _random_dates(count: int) -> list[datetime.date]:
    rng = random.Random(2026)
    first, last = d("2008-01-01"), d("2035-12-31")
    span = (last - first).days
    dates = [first + datetime.timedelta(days=rng.randrange(span)) for _ in range(count)]
    # Make sure the awkward days are in the sample, not just left to chance.
    return [*dates, d("2021-12-24"), d("2022-12-24"), d("2011-04-28"), d("2032-12-24")]


def test_adding_working_days_never_lands_on_a_weekend_or_holiday() -> None:
    rng = random.Random(7)
    for start in _random_dates(400):
        n = rng.randint(1, 30)
        due = calendar.add_working_days(start, n)
        assert due.weekday() < 5, (start, n)
        assert due not in calendar.bank_holidays(due.year), (start, n)
        assert calendar.working_days_between(start, due) == n, (start, n)
        assert calendar.working_days_between(start, due - datetime.timedelta(days=1)) == n - 1


def test_subtracting_working_days_always_lands_on_the_latest_working_day_with_that_notice() -> None:
    rng = random.Random(11)
    for end in _random_dates(400):
        n = rng.randint(1, 30)
        latest = calendar.subtract_working_days(end, n)
        assert calendar.is_working_day(latest), (end, n)
        assert calendar.working_days_between(latest, end) >= n, (end, n)
        assert calendar.working_days_between(calendar.add_working_days(latest, 1), end) < n
