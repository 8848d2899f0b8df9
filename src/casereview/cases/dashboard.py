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


# The timeline chart: one bar per step, from its event to its due date, on a shared date axis.
CHART_WIDTH: Final = 640
BAR_HEIGHT: Final = 18
ROW_HEIGHT: Final = 30
AXIS_HEIGHT: Final = 30
# GOV.UK colours for the bars' states, so the chart matches the tags in the table beside it.
BAR_COLOURS: Final = {
    RAG.ON_TRACK: "#00703c",
    RAG.DUE_SOON: "#f47738",
    RAG.OVERDUE: "#d4351c",
    RAG.MET_LATE: "#f47738",
    RAG.MET: "#00703c",
    None: "#505a5f",
}


@dataclass(frozen=True)
class Bar:
    clock: CaseClock
    y: int
    x: int
    width: int
    due_x: int
    met_x: int | None
    colour: str


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
    height: int


def timeline(case: Case, today: Date) -> Timeline:
    clocks = case_clocks(case, today)
    moves = list(case.moves.select_related("moved_by"))
    dates = [d for c in clocks for d in (c.deadline.event_date, c.due, c.met_on) if d]
    dates.append(today)
    start, end = min(dates), max(dates)
    span = max((end - start).days, 1)

    def x_of(day: Date) -> int:
        return round((day - start).days / span * (CHART_WIDTH - 20)) + 10

    bars = []
    for index, clock in enumerate(clocks):
        begin, due = clock.deadline.event_date, clock.due
        left, right = sorted((x_of(begin), x_of(due)))
        bars.append(
            Bar(
                clock=clock,
                y=AXIS_HEIGHT + index * ROW_HEIGHT,
                x=left,
                width=max(right - left, 2),
                due_x=x_of(due),
                met_x=x_of(clock.met_on) if clock.met_on else None,
                colour=BAR_COLOURS[clock.state],
            )
        )
    ticks = [Tick(x_of(start), f"{start:%d %b %Y}"), Tick(x_of(end), f"{end:%d %b %Y}")]
    return Timeline(
        clocks=clocks,
        moves=moves,
        bars=bars,
        ticks=ticks,
        today_x=x_of(today) if start <= today <= end else None,
        width=CHART_WIDTH,
        height=AXIS_HEIGHT + max(len(clocks), 1) * ROW_HEIGHT,
    )
