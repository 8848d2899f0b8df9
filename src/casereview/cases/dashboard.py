"""Lists of cases with their clocks (the board dashboard) and a case's timeline chart.

Both are computed on each view from the cases' stored dates: the clocks come from
``cases.case_clocks``, and nothing here is saved.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from casereview.cases.case_clocks import RAG_ORDER, CaseClock, case_clocks, next_clock
from casereview.cases.clocks import RAG
from casereview.cases.models import Case, CaseMove

Date = datetime.date


@dataclass(frozen=True)
class CaseRow:
    case: Case
    next: CaseClock | None

    @property
    def rag(self) -> str:
        return self.next.state.value if self.next and self.next.state else "none"


def case_rows(
    cases: Iterable[Case], today: Date, *, state: str = "", regime: str = "", rag: str = ""
) -> list[CaseRow]:
    """Cases with their most pressing open clock, overdue first, then by due date."""
    rows = [CaseRow(case, next_clock(case, today)) for case in cases]
    rows = [
        row
        for row in rows
        if (not state or row.case.state == state)
        and (not regime or row.case.regime == regime)
        and (not rag or row.rag == rag)
    ]

    def urgency(row: CaseRow) -> tuple[int, Date, int]:
        if row.next is None or row.next.state is None:
            return (len(RAG_ORDER), Date.max, -row.case.pk)
        return (RAG_ORDER[row.next.state], row.next.due, -row.case.pk)

    return sorted(rows, key=urgency)


# The timeline chart: one row per step, its label in words above a bar that runs from the step's
# event to its due date on a date axis shared by every row. Each bar is drawn in its own SVG,
# stretched to the row's width, so the labels are page text that wraps on any screen.
CHART_WIDTH: Final = 1000
# A margin at both ends of the axis, so a mark on the first or last day is not cut in half.
CHART_MARGIN: Final = 10
# GOV.UK colours for the bars' states, so the chart matches the tags in the table below it.
BAR_COLOURS: Final = {
    RAG.ON_TRACK: "#00703c",
    RAG.DUE_SOON: "#f47738",
    RAG.OVERDUE: "#d4351c",
    RAG.MET_LATE: "#f47738",
    RAG.MET: "#00703c",
    None: "#505a5f",
}


def _day(on: Date) -> str:
    return f"{on.day} {on:%B %Y}"


def bar_dates(clock: CaseClock) -> str:
    """The bar's span and state in words, so that neither its length nor its colour is the
    only way to read it."""
    start = clock.deadline.event_date
    if clock.state is None:
        return f"From {_day(start)}, not before {_day(clock.due)}"
    done = f"done {_day(clock.met_on)}" if clock.met_on else "not recorded as done"
    return f"{_day(start)} to {_day(clock.due)} ({done}): {clock.state.label.lower()}"


@dataclass(frozen=True)
class Bar:
    clock: CaseClock
    x: int
    width: int
    due_x: int
    met_x: int | None
    colour: str

    @property
    def dates(self) -> str:
        return bar_dates(self.clock)


@dataclass(frozen=True)
class Tick:
    x: int
    label: str


@dataclass(frozen=True)
class Timeline:
    clocks: list[CaseClock]
    moves: list[CaseMove]
    bars: list[Bar]
    ticks: list[Tick]
    today_x: int | None
    width: int


def timeline(case: Case, today: Date) -> Timeline:
    clocks = case_clocks(case, today)
    moves = list(case.moves.select_related("moved_by"))
    dates = [d for c in clocks for d in (c.deadline.event_date, c.due, c.met_on) if d]
    dates.append(today)
    start, end = min(dates), max(dates)
    span = max((end - start).days, 1)

    def x_of(day: Date) -> int:
        return round((day - start).days / span * (CHART_WIDTH - 2 * CHART_MARGIN)) + CHART_MARGIN

    bars = []
    for clock in clocks:
        begin, due = clock.deadline.event_date, clock.due
        left, right = sorted((x_of(begin), x_of(due)))
        bars.append(
            Bar(
                clock=clock,
                x=left,
                width=max(right - left, 2),
                due_x=x_of(due),
                met_x=x_of(clock.met_on) if clock.met_on else None,
                colour=BAR_COLOURS[clock.state],
            )
        )
    ticks = [Tick(x_of(start), _day(start)), Tick(x_of(end), _day(end))]
    return Timeline(
        clocks=clocks,
        moves=moves,
        bars=bars,
        ticks=ticks,
        today_x=x_of(today) if start <= today <= end else None,
        width=CHART_WIDTH,
    )
