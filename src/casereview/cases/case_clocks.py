"""A case's clocks: each step's due date, days left and RAG state, from the case's stored dates.

Compute, don't count: the event dates live on the case (aware, notified, decided, initiated,
published) and the rules are those in force on each event's date (``clocks.deadlines``). A step
appears once the event it counts from has happened. It is met only on a date a person recorded:
the recorded date its rules row declares meets it (``met_by``, read through :data:`RECORDED`),
or else the date recorded for the step on its own (``cases.models.StepMet``). A step nobody
recorded stays open or overdue. Nothing here is stored.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from casereview.cases.clocks import RAG, ClockError, Deadline, clock_state, deadlines
from casereview.cases.lifecycle import DecisionOutcome, State
from casereview.cases.rules import Event, MetBy

if TYPE_CHECKING:
    from casereview.cases.models import Case, Decision

Date = datetime.date


def _decision_sent(case: Case, decision: Decision | None) -> Date | None:
    return decision.sent_to_panel_on if decision else None


# Where each recorded date a rules row may name in ``met_by`` is stored. Each is a date a person
# typed; none is filled in from another.
RECORDED: Final[Mapping[MetBy, Callable[[Case, Decision | None], Date | None]]] = {
    MetBy.NOTIFIED: lambda case, _: case.notified_on,
    MetBy.DECIDED: lambda case, _: case.decided_on,
    MetBy.DECISION_SENT_TO_PANEL: _decision_sent,
    MetBy.FINAL: lambda case, _: case.final_on,
    MetBy.PANEL_COPY_SENT: lambda case, _: case.panel_copy_sent_on,
    MetBy.PUBLISHED: lambda case, _: case.published_on,
}

# Steps that only apply after some decisions: the SCR "reasons to the panel" clock runs only
# for a decision not to start a review.
APPLIES_AFTER: Final[Mapping[str, frozenset[DecisionOutcome]]] = {
    "no_review_reasons_to_panel": frozenset({DecisionOutcome.NO_REVIEW}),
}


def event_dates(case: Case) -> dict[Event, Date | None]:
    return {
        Event.AWARE: case.aware_on,
        Event.NOTIFIED: case.notified_on,
        Event.DECIDED: case.decided_on,
        Event.INITIATED: case.initiated_on,
        Event.PUBLISHED: case.published_on,
    }


@dataclass(frozen=True)
class CaseClock:
    deadline: Deadline
    met_on: Date | None
    state: RAG | None
    """None for "kept online until at least" steps, whose date is a floor, not a deadline."""
    days_left: int | None
    """Calendar days from today to the due date while the step is open (negative: overdue)."""

    @property
    def label(self) -> str:
        return self.deadline.label

    @property
    def due(self) -> Date:
        return self.deadline.due

    @property
    def is_open(self) -> bool:
        return self.met_on is None and self.state is not None

    @property
    def days_left_text(self) -> str:
        if self.days_left is None:
            return ""
        if self.days_left < 0:
            n = -self.days_left
            return f"{n} day{'s' if n != 1 else ''} overdue"
        if self.days_left == 0:
            return "Due today"
        return f"{self.days_left} day{'s' if self.days_left != 1 else ''} left"


def case_clocks(case: Case, today: Date, *, include_optional: bool = False) -> list[CaseClock]:
    """Every step whose event has happened, soonest due first."""
    decision = case.latest_decision() if case.decided_on else None
    recorded = {met.step: met.met_on for met in case.steps_met.all()}

    def find(regime: str, event: Event, on: Date) -> Sequence[Deadline]:
        return deadlines(regime, event, on, include_optional=include_optional)

    return clocks_from(case, decision, find, today, recorded)


# The deadlines for (regime, event, event date): `clocks.deadlines` reads the rules in force; the
# national figures pass a book of rules loaded once for every case.
FindDeadlines = Callable[[str, Event, Date], Sequence[Deadline]]


def clocks_from(
    case: Case,
    decision: Decision | None,
    find: FindDeadlines,
    today: Date,
    recorded: Mapping[str, Date] | None = None,
) -> list[CaseClock]:
    """The clocks of `case` given its latest decision, where its deadlines come from and the
    steps recorded as met on their own (step → date), soonest due first."""
    clocks: list[CaseClock] = []
    for event, on in event_dates(case).items():
        if on is None:
            continue
        try:
            found = find(case.regime, event, on)
        except ClockError:
            continue
        for deadline in found:
            applies = APPLIES_AFTER.get(deadline.step)
            if applies is not None and (decision is None or decision.outcome not in applies):
                continue
            clocks.append(clock_for(case, decision, deadline, today, recorded))
    return sorted(clocks, key=lambda clock: clock.due)


def clock_for(
    case: Case,
    decision: Decision | None,
    deadline: Deadline,
    today: Date,
    recorded: Mapping[str, Date] | None = None,
) -> CaseClock:
    if deadline.not_before:
        return CaseClock(deadline, None, None, None)
    if deadline.met_by:
        met_on = RECORDED[MetBy(deadline.met_by)](case, decision)
    else:
        met_on = (recorded or {}).get(deadline.step)
    if met_on is None and case.state == State.CLOSED:
        # A closed case has nothing left to do on steps it never reached.
        return CaseClock(deadline, None, None, None)
    state = clock_state(deadline.due, met_on, today)
    days_left = (deadline.due - today).days if met_on is None else None
    return CaseClock(deadline, met_on, state, days_left)


def open_clocks(case: Case, today: Date) -> list[CaseClock]:
    return [clock for clock in case_clocks(case, today) if clock.is_open]


RAG_ORDER: Final[Mapping[RAG, int]] = {
    RAG.OVERDUE: 0,
    RAG.DUE_SOON: 1,
    RAG.ON_TRACK: 2,
    RAG.MET_LATE: 3,
    RAG.MET: 4,
}


def next_clock(case: Case, today: Date) -> CaseClock | None:
    """The open step that needs attention first (overdue before due soon before on track)."""
    waiting = open_clocks(case, today)
    if not waiting:
        return None
    return min(waiting, key=lambda clock: (RAG_ORDER[clock.state or RAG.MET], clock.due))
