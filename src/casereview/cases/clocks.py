"""The statutory clocks (DESIGN §3): due dates and RAG states computed from the rules table.

Compute, don't count (STYLE habit 3): a due date is always worked out from a stored event date
and the rules in force, and nothing stores "days left". The working-day and calendar arithmetic
is ``casereview.cases.calendar``; the rules are data (``casereview.cases.rules``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Protocol

from casereview.cases import calendar
from casereview.cases.models import ClockRule, RuleSet
from casereview.cases.rules import Direction, Event, Kind, Regime, Unit

Date = datetime.date

# Working Together 2018's transitional arrangements: the new system (child safeguarding practice
# reviews) applied in early-adopter areas from 29 June 2018 and everywhere from 29 September
# 2019; an SCR could still be initiated up to 28 September 2019. A case notified before this date
# is therefore an SCR unless its record says otherwise (an early adopter's case).
CSPR_CHANGEOVER: Final = Date(2019, 9, 29)

# A clock turns amber this many working days before it falls due: a working week, so a reminder
# leaves time to act. It equals the shortest statutory clock (the SIN), which is therefore amber
# from the start: that notification is always urgent.
DUE_SOON_WORKING_DAYS: Final = 5


def regime_for(notified_on: Date) -> Regime:
    """The review regime for a case notified on ``notified_on`` (see :data:`CSPR_CHANGEOVER`)."""
    return Regime.SCR if notified_on < CSPR_CHANGEOVER else Regime.CSPR


class ClockError(ValueError):
    """A clock that cannot be computed; the message says why in plain English."""


class RuleLike(Protocol):
    amount: int
    unit: str
    direction: str


_Shift = Callable[[Date, int], Date]

# How each unit moves a date forwards ("after") and backwards ("before"). A "before" step is due
# on the latest date that still satisfies it; for working days that is a working day
# (calendar.subtract_working_days), for calendar time the plain subtraction.
_SHIFTS: Final[Mapping[tuple[Unit, Direction], _Shift]] = {
    (Unit.WORKING_DAYS, Direction.AFTER): calendar.add_working_days,
    (Unit.WORKING_DAYS, Direction.BEFORE): calendar.subtract_working_days,
    (Unit.CALENDAR_DAYS, Direction.AFTER): calendar.add_calendar_days,
    (Unit.CALENDAR_DAYS, Direction.BEFORE): lambda d, n: calendar.add_calendar_days(d, -n),
    (Unit.WEEKS, Direction.AFTER): calendar.add_weeks,
    (Unit.WEEKS, Direction.BEFORE): lambda d, n: calendar.add_weeks(d, -n),
    (Unit.MONTHS, Direction.AFTER): calendar.add_months,
    (Unit.MONTHS, Direction.BEFORE): lambda d, n: calendar.add_months(d, -n),
    (Unit.YEARS, Direction.AFTER): calendar.add_years,
    (Unit.YEARS, Direction.BEFORE): lambda d, n: calendar.add_years(d, -n),
}


def due_date(rule: RuleLike, event_date: Date) -> Date:
    """When ``rule`` falls due for an event on ``event_date``."""
    shift = _SHIFTS[(Unit(rule.unit), Direction(rule.direction))]
    try:
        return shift(event_date, rule.amount)
    except (OverflowError, ValueError):
        raise ClockError(
            f"{event_date:%Y-%m-%d} is too far from the present to compute this clock."
        ) from None


def describe_limit(rule: RuleLike) -> str:
    """The limit in words, for example "15 working days after" or "at least 1 week before"."""
    unit = Unit(rule.unit).value.replace("_", " ")
    if rule.amount == 1:
        unit = unit.removesuffix("s")
    prefix = "at least " if Direction(rule.direction) is Direction.BEFORE else ""
    return f"{prefix}{rule.amount} {unit} {rule.direction}"


@dataclass(frozen=True)
class Deadline:
    """One step's due date for one event date. Computed on demand, never stored."""

    regime: Regime
    step: str
    label: str
    counts_from: Event
    event_date: Date
    due: Date
    kind: Kind
    direction: Direction
    limit: str
    rationale: str
    parent_step: str
    optional: bool
    rule_set_version: str
    met_by: str = ""
    """The recorded date that meets this step (``rules.MetBy``), or blank: recorded on its own."""

    @property
    def not_before(self) -> bool:
        """True for "at least … after" steps (a report kept online for at least a year): the
        date is the earliest the step may happen, not a date it must happen by."""
        return self.kind is Kind.MINIMUM and self.direction is Direction.AFTER


def rule_set_in_force(on: Date) -> RuleSet:
    """The latest active rules set whose effective date is on or before ``on``."""
    rule_set: RuleSet | None = (
        RuleSet.objects.filter(is_active=True, effective_from__lte=on)
        .order_by("-effective_from", "-loaded_at", "-pk")
        .first()
    )
    if rule_set is None:
        raise ClockError(
            f"No statutory clock rules were in force on {on.day} {on:%B %Y}: "
            "the earliest rules set starts later."
        )
    return rule_set


def deadlines(
    regime: Regime | str,
    event: Event | str,
    event_date: Date,
    rule_set: RuleSet | None = None,
    *,
    include_optional: bool = True,
) -> list[Deadline]:
    """Every step of ``regime`` that counts from ``event``, with its due date for an event on
    ``event_date``, soonest first (ties in the rules table's order).

    The rules are those in force on the event date unless ``rule_set`` is given.
    """
    regime, event = Regime(regime), Event(event)
    if rule_set is None:
        rule_set = rule_set_in_force(event_date)
    rules = ClockRule.objects.filter(rule_set=rule_set, regime=regime, counts_from=event)
    if not include_optional:
        rules = rules.filter(is_optional=False)
    ordered: list[tuple[Date, int, Deadline]] = []
    for rule in rules:
        deadline = Deadline(
            regime=regime,
            step=rule.step,
            label=rule.label,
            counts_from=event,
            event_date=event_date,
            due=due_date(rule, event_date),
            kind=Kind(rule.kind),
            direction=Direction(rule.direction),
            limit=describe_limit(rule),
            rationale=rule.rationale,
            parent_step=rule.parent_step,
            optional=rule.is_optional,
            rule_set_version=rule_set.version,
            met_by=rule.met_by,
        )
        ordered.append((deadline.due, rule.sort_order, deadline))
    return [deadline for _, _, deadline in sorted(ordered, key=lambda item: item[:2])]


class RAG(StrEnum):
    """A clock's state, with the red / amber / green colour dashboards show."""

    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET_LATE = "met_late"
    MET = "met"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def colour(self) -> str:
        return RAG_COLOURS[self]


# Met late is amber, not red: the step is done, and red is kept for what still needs action.
RAG_COLOURS: Final[Mapping[RAG, str]] = {
    RAG.ON_TRACK: "green",
    RAG.DUE_SOON: "amber",
    RAG.OVERDUE: "red",
    RAG.MET_LATE: "amber",
    RAG.MET: "green",
}


def clock_state(
    due: Date,
    met_on: Date | None,
    today: Date,
    soon_days: int = DUE_SOON_WORKING_DAYS,
) -> RAG:
    """The state of a clock due on ``due``, met on ``met_on`` (None while open), seen ``today``.

    Open clocks are on track, due soon (``soon_days`` working days or fewer left, including the
    due day itself) or overdue (the day after the due date onwards). Closed ones are met, or met
    late when ``met_on`` is after ``due``. For "at least … after" steps
    (:attr:`Deadline.not_before`) the date is a floor, not a deadline, and this does not apply.
    """
    if met_on is not None:
        return RAG.MET if met_on <= due else RAG.MET_LATE
    if today > due:
        return RAG.OVERDUE
    # working_days_between(today, due) <= soon_days, without walking a long clock day by day.
    if due < calendar.add_working_days(today, soon_days + 1):
        return RAG.DUE_SOON
    return RAG.ON_TRACK
