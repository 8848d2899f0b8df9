"""England and Wales bank holidays: GOV.UK's bundled list where it has the year, rules otherwise."""

from __future__ import annotations

import pytest

from casereview.cases import calendar
from tests.cases.dates import d


def test_it_uses_the_bundled_govuk_list_for_2012_to_2028_and_rules_either_side() -> None:
    years = calendar.bundled_years()
    assert {2012, 2019, 2028} <= years
    assert 2011 not in years
    assert 2029 not in years


@pytest.mark.parametrize(
    ("easter_sunday", "year"),
    [
        ("2008-03-23", 2008),
        ("2010-04-04", 2010),
        ("2011-04-24", 2011),
        ("2019-04-21", 2019),
        ("2024-03-31", 2024),
        ("2030-04-21", 2030),
        ("2038-04-25", 2038),
        ("2285-03-22", 2285),
    ],
)
def test_easter_sunday_matches_the_published_dates(easter_sunday: str, year: int) -> None:
    assert calendar.easter_sunday(year) == d(easter_sunday)


def test_easter_monday_2010_is_computed_by_rule_as_5_april() -> None:
    holidays = calendar.bank_holidays(2010)
    assert holidays[d("2010-04-02")] == "Good Friday"
    assert holidays[d("2010-04-05")] == "Easter Monday"
    assert not calendar.is_working_day(d("2010-04-05"))


def test_easter_monday_2030_is_computed_by_rule_as_22_april() -> None:
    holidays = calendar.bank_holidays(2030)
    assert holidays[d("2030-04-19")] == "Good Friday"
    assert holidays[d("2030-04-22")] == "Easter Monday"
    assert calendar.is_working_day(d("2030-04-23"))


def test_a_computed_year_has_the_eight_standing_holidays() -> None:
    assert list(calendar.bank_holidays(2030)) == [
        d("2030-01-01"),
        d("2030-04-19"),
        d("2030-04-22"),
        d("2030-05-06"),
        d("2030-05-27"),
        d("2030-08-26"),
        d("2030-12-25"),
        d("2030-12-26"),
    ]


def test_the_2011_royal_wedding_is_a_bank_holiday() -> None:
    assert calendar.is_bank_holiday(d("2011-04-29"))
    assert not calendar.is_working_day(d("2011-04-29"))
    assert calendar.is_working_day(d("2011-04-28"))


def test_the_2012_diamond_jubilee_moved_the_spring_holiday_in_the_bundled_data() -> None:
    assert calendar.is_bank_holiday(d("2012-06-04"))
    assert calendar.is_bank_holiday(d("2012-06-05"))
    assert calendar.is_working_day(d("2012-05-28"))


@pytest.mark.parametrize(
    ("christmas_and_boxing_day", "year"),
    [
        (("2010-12-27", "2010-12-28"), 2010),  # Saturday and Sunday, computed
        (("2011-12-26", "2011-12-27"), 2011),  # Sunday and Monday, computed
        (("2020-12-25", "2020-12-28"), 2020),  # Friday and Saturday, bundled
        (("2021-12-27", "2021-12-28"), 2021),  # Saturday and Sunday, bundled
        (("2022-12-26", "2022-12-27"), 2022),  # Sunday and Monday, bundled
        (("2032-12-27", "2032-12-28"), 2032),  # Saturday and Sunday, computed
        (("2033-12-26", "2033-12-27"), 2033),  # Sunday and Monday, computed
    ],
)
def test_christmas_and_boxing_day_take_substitute_days_when_at_a_weekend(
    christmas_and_boxing_day: tuple[str, str], year: int
) -> None:
    december = [day for day in calendar.bank_holidays(year) if day.month == 12]
    assert december == [d(day) for day in christmas_and_boxing_day]


@pytest.mark.parametrize(
    ("new_year", "year"),
    [("2011-01-03", 2011), ("2022-01-03", 2022), ("2029-01-01", 2029), ("2034-01-02", 2034)],
)
def test_new_years_day_moves_to_the_monday_when_at_a_weekend(new_year: str, year: int) -> None:
    assert min(calendar.bank_holidays(year)) == d(new_year)


def test_the_early_may_holiday_is_the_first_monday_in_may() -> None:
    assert calendar.is_bank_holiday(d("2009-05-04"))
    assert calendar.is_bank_holiday(d("2024-05-06"))
    assert calendar.is_bank_holiday(d("2031-05-05"))
    assert calendar.is_working_day(d("2031-05-01"))


# The one-off changes GOV.UK's list records in 2012-2028; the rules cannot know them.
ONE_OFFS_IN_THE_BUNDLED_YEARS = {
    # added by proclamation
    d("2012-06-05"),
    d("2020-05-08"),
    d("2022-06-03"),
    d("2022-09-19"),
    d("2023-05-08"),
    # standing holidays moved
    d("2012-05-28"),
    d("2012-06-04"),
    d("2020-05-04"),
    d("2022-05-30"),
    d("2022-06-02"),
}


def test_the_rules_agree_with_govuk_for_every_bundled_year_apart_from_one_offs() -> None:
    differences: set[object] = set()
    for year in sorted(calendar.bundled_years()):
        rules = set(calendar.computed_bank_holidays(year))
        differences |= rules ^ set(calendar.bank_holidays(year))
    assert differences == ONE_OFFS_IN_THE_BUNDLED_YEARS
