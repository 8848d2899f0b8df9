"""England and Wales working days and calendar arithmetic for the statutory clocks (DESIGN §3).

Pure Python, no Django: the clocks, the CLI, the web and the tests all call these functions.

Working days are Monday to Friday, less England and Wales bank holidays. The holidays come from
two sources, chosen per year:

- **GOV.UK's published list** (https://www.gov.uk/bank-holidays.json) as bundled with the
  ``govuk-bank-holidays`` package, read offline with ``BankHolidays(use_cached_holidays=True)``.
  It is authoritative and includes every one-off change in its range (the 2012 Diamond Jubilee
  and moved spring holiday, the 2020 VE day move, the 2022 Platinum Jubilee and state funeral,
  the 2023 coronation). A year counts as covered only when the list reaches its Christmas, so a
  part-year in some future edition of the package is never mistaken for a whole one.
- **Computed from the standing rules** for every other year (cases go back to 2008 and clocks
  run past the end of the bundled list). See :func:`computed_bank_holidays` for each rule's
  source, and :data:`ONE_OFF_CHANGES` for the one-off changes the rules cannot predict.

Counting conventions (docs/adr/0003-statutory-clocks.md):

- "Within n working days of X" means the due date is the n-th working day *after* X: day 1 is
  the next working day after X, whatever day X itself is. So :func:`add_working_days` always
  lands on a working day when n >= 1, and ``working_days_between(x, add_working_days(x, n)) == n``.
- "At least n working days before Y" falls due on the latest *working day* S with
  ``working_days_between(S, Y) >= n`` (see :func:`subtract_working_days`).
- Months are calendar months to the same day of the month, clamped to the month's last day:
  31 January + 1 month is 28 February (29 in a leap year); 31 March + 1 month is 30 April.
  Calendar-time limits are not moved off weekends or holidays: the guidance counts them in
  calendar time.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Final

Date = datetime.date
ONE_DAY: Final = datetime.timedelta(days=1)

# Saturday and Sunday (date.weekday() numbering): never working days in England and Wales.
WEEKEND: Final = frozenset({5, 6})


@dataclass(frozen=True)
class OneOffChange:
    """A bank holiday added, or a standing one moved, by royal proclamation for one year."""

    added: Date
    title: str
    source: str
    # The standing holiday this one replaces, when the proclamation moved rather than added one.
    replaces: Date | None = None


# One-off changes in computed years (outside the bundled GOV.UK list). Cases start in 2008, so
# 2011 is the one that matters; the earlier ones keep the computed years honest too. Later ones
# (2012, 2020, 2022, 2023) are in the bundled list and need no entry here. Each was made by royal
# proclamation under the Banking and Financial Dealings Act 1971, s.1(3) (and s.1(2) for moves).
ONE_OFF_CHANGES: Final[tuple[OneOffChange, ...]] = (
    OneOffChange(
        added=Date(1995, 5, 8),
        replaces=Date(1995, 5, 1),
        title="Early May bank holiday (VE day)",
        source="Proclamation moving the early May holiday for the 50th anniversary of VE day",
    ),
    OneOffChange(
        added=Date(1999, 12, 31),
        title="Millennium bank holiday",
        source="Proclamation adding 31 December 1999",
    ),
    OneOffChange(
        added=Date(2002, 6, 4),
        replaces=Date(2002, 5, 27),
        title="Spring bank holiday (moved for the Golden Jubilee)",
        source="Proclamation moving the spring holiday to 4 June 2002",
    ),
    OneOffChange(
        added=Date(2002, 6, 3),
        title="Queen\u2019s Golden Jubilee",
        source="Proclamation adding 3 June 2002",
    ),
    OneOffChange(
        added=Date(2011, 4, 29),
        title="Royal wedding bank holiday",
        source="Proclamation adding 29 April 2011 for the wedding of Prince William",
    ),
)


# --- bank holidays ------------------------------------------------------------------------------


def easter_sunday(year: int) -> Date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian, or Meeus/Jones/Butcher,
    algorithm), which fixes Good Friday and Easter Monday."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_offset) // 451
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return Date(year, month, day + 1)


def _first_monday(year: int, month: int) -> Date:
    first = Date(year, month, 1)
    return first + datetime.timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> Date:
    last = Date(year, month, _stdlib_calendar.monthrange(year, month)[1])
    return last - datetime.timedelta(days=last.weekday())


def _next_free_weekday(day: Date, taken: set[Date]) -> Date:
    while day.weekday() in WEEKEND or day in taken:
        day += ONE_DAY
    return day


def computed_bank_holidays(year: int) -> dict[Date, str]:
    """England and Wales bank holidays for ``year`` from the standing rules (valid from 1978,
    when the early May holiday began), plus the one-off changes in :data:`ONE_OFF_CHANGES`.

    Sources:

    - New Year's Day (1 January; the next Monday when it falls at a weekend): annual royal
      proclamation under the Banking and Financial Dealings Act 1971, s.1(3), since 1974.
    - Good Friday and Christmas Day: common-law holidays (the 1971 Act, s.1(1), keeps them).
    - Easter Monday, the spring holiday (last Monday in May) and the summer holiday (last Monday
      in August): the 1971 Act, Schedule 1, para 1.
    - Early May bank holiday (first Monday in May): annual royal proclamation since 1978.
    - Boxing Day (26 December), with substitute days when Christmas Day or Boxing Day falls at a
      weekend: the 1971 Act, Schedule 1 (27 December when 25 or 26 December is a Sunday) and
      proclamation (28 December when Christmas falls on a Saturday). Net effect: each of the two
      holidays that falls at a weekend moves to the next weekday not already a holiday.
    """
    easter = easter_sunday(year)
    holidays: dict[Date, str] = {}

    new_year = Date(year, 1, 1)
    holidays[_next_free_weekday(new_year, set())] = "New Year\u2019s Day"
    holidays[easter - 2 * ONE_DAY] = "Good Friday"
    holidays[easter + ONE_DAY] = "Easter Monday"
    holidays[_first_monday(year, 5)] = "Early May bank holiday"
    holidays[_last_monday(year, 5)] = "Spring bank holiday"
    holidays[_last_monday(year, 8)] = "Summer bank holiday"

    # A holiday on a weekday keeps its day; one at a weekend takes the next weekday still free
    # (Christmas on a Sunday: Boxing Day stays on the Monday and Christmas moves to the Tuesday).
    christmas = {Date(year, 12, 25): "Christmas Day", Date(year, 12, 26): "Boxing Day"}
    taken = {day for day in christmas if day.weekday() not in WEEKEND}
    for day, title in christmas.items():
        if day in taken:
            holidays[day] = title
            continue
        substitute = _next_free_weekday(day, taken)
        taken.add(substitute)
        holidays[substitute] = f"{title} (substitute day)"

    for change in ONE_OFF_CHANGES:
        if change.added.year != year:
            continue
        if change.replaces is not None:
            holidays.pop(change.replaces, None)
        holidays[change.added] = change.title
    return dict(sorted(holidays.items()))


@cache
def _bundled() -> Mapping[int, Mapping[Date, str]]:
    """GOV.UK's England and Wales list as bundled with ``govuk-bank-holidays``, by year, keeping
    only years the list covers to Christmas (see the module docstring)."""
    # Imported here: the package imports `requests` (about 0.2 s), which a process that never
    # counts working days should not pay at start.
    from govuk_bank_holidays.bank_holidays import BankHolidays

    by_year: dict[int, dict[Date, str]] = {}
    for holiday in BankHolidays(use_cached_holidays=True).get_holidays(
        division=BankHolidays.ENGLAND_AND_WALES
    ):
        day = holiday["date"]
        if not isinstance(day, Date):
            continue
        title = str(holiday["title"])
        if holiday.get("notes"):
            title = f"{title} ({str(holiday['notes']).lower()})"
        by_year.setdefault(day.year, {})[day] = title
    return MappingProxyType(
        {
            year: MappingProxyType(days)
            for year, days in by_year.items()
            if max(days) >= Date(year, 12, 25)
        }
    )


def bundled_years() -> frozenset[int]:
    """The years whose holidays come from GOV.UK's bundled list rather than the rules."""
    return frozenset(_bundled())


@cache
def bank_holidays(year: int) -> Mapping[Date, str]:
    """England and Wales bank holidays in ``year``: date → name, in date order."""
    bundled = _bundled().get(year)
    if bundled is not None:
        return bundled
    return MappingProxyType(computed_bank_holidays(year))


def is_bank_holiday(day: Date) -> bool:
    return day in bank_holidays(day.year)


def is_working_day(day: Date) -> bool:
    """Monday to Friday and not an England and Wales bank holiday."""
    return day.weekday() not in WEEKEND and not is_bank_holiday(day)


# --- working days -------------------------------------------------------------------------------


def add_working_days(start: Date, n: int) -> Date:
    """The n-th working day after ``start`` (day 1 is the next working day after it).

    "Within 5 working days of X" is due on ``add_working_days(X, 5)``. With n = 0 the answer is
    ``start`` itself, working day or not.
    """
    if n < 0:
        raise ValueError("add_working_days counts forwards; use subtract_working_days")
    day = start
    while n > 0:
        day += ONE_DAY
        if is_working_day(day):
            n -= 1
    return day


def subtract_working_days(end: Date, n: int) -> Date:
    """The latest working day S with at least n working days after it up to and including
    ``end`` (``working_days_between(S, end) >= n``): when "at least n working days before"
    ``end`` falls due.

    When ``end`` is a working day this is the n-th working day before it, the mirror of
    :func:`add_working_days`. When ``end`` is a weekend or holiday, that day gives no notice, so
    the answer is the n-th working day before the last working day before ``end``.
    """
    if n < 0:
        raise ValueError("subtract_working_days counts backwards; use add_working_days")
    day = end
    while n > 0:
        if is_working_day(day):
            n -= 1
        day -= ONE_DAY
    while not is_working_day(day):
        day -= ONE_DAY
    return day


def working_days_between(start: Date, end: Date) -> int:
    """How many working days fall after ``start`` up to and including ``end``.

    The inverse of :func:`add_working_days`: ``working_days_between(d, add_working_days(d, n))
    == n``. Negative when ``end`` is before ``start``.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start + ONE_DAY
    while day <= end:
        if is_working_day(day):
            count += 1
        day += ONE_DAY
    return count


# --- calendar time ------------------------------------------------------------------------------


def add_calendar_days(start: Date, n: int) -> Date:
    """``start`` plus n calendar days (n may be negative)."""
    return start + datetime.timedelta(days=n)


def add_weeks(start: Date, n: int) -> Date:
    """``start`` plus n weeks of seven calendar days (n may be negative)."""
    return start + datetime.timedelta(weeks=n)


def add_months(start: Date, n: int) -> Date:
    """The same day of the month n calendar months later (n may be negative), clamped to the
    last day of a shorter month: 31 January + 1 month = 28 February, or 29 in a leap year."""
    month_index = start.year * 12 + (start.month - 1) + n
    year, month0 = divmod(month_index, 12)
    last_day = _stdlib_calendar.monthrange(year, month0 + 1)[1]
    return Date(year, month0 + 1, min(start.day, last_day))


def add_years(start: Date, n: int) -> Date:
    """n years as 12n months, so 29 February + 1 year = 28 February."""
    return add_months(start, 12 * n)
