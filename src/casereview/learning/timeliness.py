"""The national panel's view of every board: timeliness per board, per region and nationally.

For each group of cases (a board, a region, the whole country) this counts notifications and
decisions, the share of rapid reviews (CSPR) and of SCR decisions made in time, the median days
from notification to decision, and the clocks open and overdue; it also lists every open
overdue clock and the latest decisions. Everything is computed from the cases' stored dates and
the rules table (compute, don't count), on each view.

The clocks are those of ``case_clocks.case_clocks``, computed for thousands of cases at once:
the rules are read once per view (:class:`RuleBook`, which also remembers the deadlines each
event date gives) instead of once per case and event, and the cases' decisions in one query.
Each clock is then made by ``case_clocks``' own ``clock_for``, so the rules for when a step is met
stay in one place; tests check both give the same clocks.

These figures are real counts: the page is restricted to the national panel, which is why the
small-number rule (``learning.suppression``) does not apply to it.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from django.db.models import QuerySet

from casereview.accounts.models import Board, Region
from casereview.cases.case_clocks import CaseClock, clocks_from
from casereview.cases.clocks import RAG, ClockError, Deadline, describe_limit, due_date
from casereview.cases.models import Case, ClockRule, Decision, RuleSet, StepMet
from casereview.cases.rules import Direction, Event, Kind, Regime
from casereview.learning.downloads import CellValue
from casereview.learning.filters import Filters
from casereview.learning.suppression import NO_VALUE

Date = datetime.date

# The clocks the timeliness shares measure (their keys in the rules table).
RAPID_REVIEW_STEP: Final = "rapid_review"
"""CSPR: the rapid review sent to the national panel, 15 working days from notification."""
SCR_DECISION_STEP: Final = "scr_decision"
"""SCR: the chair's decision whether to start a review, one month from notification."""

# How many of the latest decisions the page lists: about a fortnight's worth nationally, enough
# to see what is being decided without turning the page into the case list.
RECENT_DECISIONS: Final = 20

# The only fields of a case the figures and lists need, so 5,000 cases load quickly.
CASE_FIELDS: Final = (
    "board_id",
    "pseudonym",
    "state",
    "regime",
    "aware_on",
    "notified_on",
    "decided_on",
    "initiated_on",
    "final_on",
    "panel_copy_sent_on",
    "published_on",
)
DECISION_FIELDS: Final = ("case_id", "decided_on", "outcome", "sent_to_panel_on")


def filter_cases(cases: QuerySet[Case], filters: Filters) -> QuerySet[Case]:
    """The cases the figures cover: the filters of the timeliness form (years notified, region,
    regime)."""
    if filters.year_from is not None:
        cases = cases.filter(notified_on__gte=Date(filters.year_from, 1, 1))
    if filters.year_to is not None:
        cases = cases.filter(notified_on__lte=Date(filters.year_to, 12, 31))
    if filters.region:
        cases = cases.filter(board__region=filters.region)
    if filters.regime:
        cases = cases.filter(regime=filters.regime)
    return cases


# --- the clocks of many cases -------------------------------------------------------------------

# Deadlines worked out once per process (see RuleBook): enough for cases spread over 20 years
# (about 7,300 event dates, each with a few events) before the memo starts again from empty.
DEADLINES_KEPT: Final = 2**15
_deadlines_memo: dict[tuple[str, Date], tuple[Deadline, ...]] = {}


def _content(rule: ClockRule) -> tuple[Any, ...]:
    """Everything about a rule that goes into its deadlines."""
    return (
        rule.regime,
        rule.step,
        rule.label,
        rule.counts_from,
        rule.amount,
        rule.unit,
        rule.direction,
        rule.kind,
        rule.rationale,
        rule.parent_step,
        rule.is_optional,
        rule.met_by,
        rule.sort_order,
    )


class RuleBook:
    """Every active rules set with its rules, read once, answering what ``clocks.deadlines``
    answers (the statutory steps, not the optional sub-steps) without a query per call.

    The answers are remembered for the life of the process, keyed by the rules' full content
    (so a changed rule is a different key) and the event date: a deadline depends on nothing
    else (the bank holidays are fixed while the process runs, as ``calendar`` already assumes),
    and the dashboard asks for the same thousands of them on every view.
    """

    def __init__(self) -> None:
        # The order of ``clocks.rule_set_in_force``: the first set that has started wins.
        self._sets = list(
            RuleSet.objects.filter(is_active=True).order_by("-effective_from", "-loaded_at", "-pk")
        )
        versions = {rule_set.pk: rule_set.version for rule_set in self._sets}
        self._rules: dict[tuple[int, str, str], list[ClockRule]] = defaultdict(list)
        for rule in ClockRule.objects.filter(
            rule_set__in=list(versions), is_optional=False
        ).order_by("sort_order", "pk"):
            self._rules[(rule.rule_set_id, rule.regime, rule.counts_from)].append(rule)
        self._versions = versions
        self._keys = {
            group: repr([(versions[rule.rule_set_id], *_content(rule)) for rule in rules])
            for group, rules in self._rules.items()
        }

    def in_force(self, on: Date) -> RuleSet | None:
        return next((rule_set for rule_set in self._sets if rule_set.effective_from <= on), None)

    def deadlines(self, regime: str, event: str, on: Date) -> tuple[Deadline, ...]:
        """The steps of ``regime`` counting from ``event`` on ``on``, soonest due first (ties in
        the rules table's order).

        Raises ClockError, as ``clocks.deadlines`` does, when no rules were in force or a due
        date cannot be computed."""
        rule_set = self.in_force(on)
        if rule_set is None:
            raise ClockError(f"No statutory clock rules were in force on {on:%Y-%m-%d}.")
        group = (rule_set.pk, regime, event)
        key = self._keys.get(group)
        if key is None:
            return ()
        found = _deadlines_memo.get((key, on))
        if found is None:
            found = self._work_out(self._rules[group], on)
            if len(_deadlines_memo) >= DEADLINES_KEPT:
                _deadlines_memo.clear()
            _deadlines_memo[(key, on)] = found
        return found

    def _work_out(self, rules: list[ClockRule], on: Date) -> tuple[Deadline, ...]:
        ordered = sorted((due_date(rule, on), rule.sort_order, rule.pk, rule) for rule in rules)
        return tuple(
            Deadline(
                regime=Regime(rule.regime),
                step=rule.step,
                label=rule.label,
                counts_from=Event(rule.counts_from),
                event_date=on,
                due=due,
                kind=Kind(rule.kind),
                direction=Direction(rule.direction),
                limit=describe_limit(rule),
                rationale=rule.rationale,
                parent_step=rule.parent_step,
                optional=rule.is_optional,
                rule_set_version=self._versions[rule.rule_set_id],
                met_by=rule.met_by,
            )
            for due, _, _, rule in ordered
        )


def clocks_of(
    case: Case,
    decision: Decision | None,
    book: RuleBook,
    today: Date,
    recorded: Mapping[str, Date] | None = None,
) -> list[CaseClock]:
    """``case_clocks.case_clocks(case, today)``, given the case's latest decision, the rules and
    the steps recorded as met on their own (step → date)."""
    return clocks_from(case, decision, book.deadlines, today, recorded)


# --- the figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """How many of the clocks that could be judged were met in time."""

    on_time: int
    judged: int

    @property
    def percent(self) -> int | None:
        if not self.judged:
            return None
        # Half up, as people round (Python's round() sends 12.5 to 12).
        return (200 * self.on_time + self.judged) // (2 * self.judged)

    def __str__(self) -> str:
        if self.percent is None:
            return NO_VALUE
        return f"{self.percent}% ({self.on_time:,} of {self.judged:,})"


def median_text(days: float | None) -> str:
    if days is None:
        return NO_VALUE
    return f"{days:g}"


@dataclass
class Tally:
    """The figures for one group of cases."""

    notifications: int = 0
    decisions: int = 0
    rapid_on_time: int = 0
    rapid_late: int = 0
    scr_on_time: int = 0
    scr_late: int = 0
    days_to_decision: list[int] = field(default_factory=list)
    open_overdue: int = 0

    @property
    def rapid_reviews(self) -> Share:
        return Share(self.rapid_on_time, self.rapid_on_time + self.rapid_late)

    @property
    def scr_decisions(self) -> Share:
        return Share(self.scr_on_time, self.scr_on_time + self.scr_late)

    @property
    def median_days(self) -> float | None:
        """Median calendar days from notification to decision, None when nothing is decided."""
        return statistics.median(self.days_to_decision) if self.days_to_decision else None

    @property
    def median_days_text(self) -> str:
        return median_text(self.median_days)

    def add(self, case: Case, clocks: Sequence[CaseClock]) -> None:
        self.notifications += 1
        if case.decided_on is not None:
            self.decisions += 1
            self.days_to_decision.append((case.decided_on - case.notified_on).days)
        for clock in clocks:
            if clock.state is RAG.OVERDUE:
                self.open_overdue += 1
            if clock.deadline.step == RAPID_REVIEW_STEP:
                self.rapid_on_time, self.rapid_late = _judged(
                    clock, self.rapid_on_time, self.rapid_late
                )
            elif clock.deadline.step == SCR_DECISION_STEP:
                self.scr_on_time, self.scr_late = _judged(clock, self.scr_on_time, self.scr_late)

    def merge(self, other: Tally) -> None:
        """Add another group's figures to these (a board's to its region's, and so on)."""
        self.notifications += other.notifications
        self.decisions += other.decisions
        self.rapid_on_time += other.rapid_on_time
        self.rapid_late += other.rapid_late
        self.scr_on_time += other.scr_on_time
        self.scr_late += other.scr_late
        self.days_to_decision.extend(other.days_to_decision)
        self.open_overdue += other.open_overdue


def _judged(clock: CaseClock, on_time: int, late: int) -> tuple[int, int]:
    """Met in time counts as on time; met late or open past its due date counts as late; a
    clock still running (or left behind by a closed case) is not judged yet."""
    if clock.state is RAG.MET:
        return on_time + 1, late
    if clock.state in (RAG.MET_LATE, RAG.OVERDUE):
        return on_time, late + 1
    return on_time, late


@dataclass(frozen=True)
class BoardFigures:
    board: Board
    tally: Tally


@dataclass(frozen=True)
class RegionFigures:
    region: Region
    tally: Tally


@dataclass(frozen=True)
class OverdueClock:
    case: Case
    clock: CaseClock

    @property
    def days_overdue(self) -> int:
        return -(self.clock.days_left or 0)


@dataclass(frozen=True)
class NationalFigures:
    filters: Filters
    today: Date
    national: Tally
    regions: list[RegionFigures]
    boards: list[BoardFigures]
    overdue: list[OverdueClock]
    """Every open overdue clock, most overdue first."""
    recent_decisions: list[Decision]
    """The latest decisions, newest first; each one's ``case`` is loaded."""


def latest_decisions(decisions: Iterable[Decision]) -> dict[int, Decision]:
    """Each case's latest decision (``Case.latest_decision``'s order: date, then the later pk)."""
    latest: dict[int, Decision] = {}
    for decision in decisions:
        current = latest.get(decision.case_id)
        if current is None or (decision.decided_on, decision.id) > (current.decided_on, current.id):
            latest[decision.case_id] = decision
    return latest


def summarise(
    boards: Sequence[Board],
    cases: Iterable[Case],
    decisions: Sequence[Decision],
    book: RuleBook,
    today: Date,
    filters: Filters | None = None,
    steps_met: Mapping[int, Mapping[str, Date]] | None = None,
) -> NationalFigures:
    """The figures for these cases of these boards (every board gets a row, even with none)."""
    filters = filters or Filters()
    by_board = {board.pk: BoardFigures(board, Tally()) for board in boards}
    regions = [member for member in Region if not filters.region or member == filters.region]
    by_region = {member.value: RegionFigures(member, Tally()) for member in regions}
    latest = latest_decisions(decisions)
    overdue: list[OverdueClock] = []
    loaded: dict[int, Case] = {}
    for case in cases:
        figures = by_board.get(case.board_id)
        if figures is None:
            continue
        loaded[case.id] = case
        decision = latest.get(case.id) if case.decided_on else None
        clocks = clocks_of(case, decision, book, today, (steps_met or {}).get(case.id))
        figures.tally.add(case, clocks)
        overdue.extend(OverdueClock(case, clock) for clock in clocks if clock.state is RAG.OVERDUE)
    # Regions and the country add up their boards' figures rather than counting every case again.
    national = Tally()
    for figures in by_board.values():
        by_region[figures.board.region].tally.merge(figures.tally)
    for region in by_region.values():
        national.merge(region.tally)
    recent = sorted(
        (decision for decision in decisions if decision.case_id in loaded),
        key=lambda decision: (decision.decided_on, decision.id),
        reverse=True,
    )[:RECENT_DECISIONS]
    for decision in recent:
        decision.case = loaded[decision.case_id]
    # Only the cases the lists show need their board (a few hundred, not every case).
    for case in [item.case for item in overdue] + [decision.case for decision in recent]:
        case.board = by_board[case.board_id].board
    overdue.sort(key=lambda item: (-item.days_overdue, item.case.board.name, item.case.id))
    return NationalFigures(
        filters=filters,
        today=today,
        national=national,
        regions=list(by_region.values()),
        boards=list(by_board.values()),
        overdue=overdue,
        recent_decisions=recent,
    )


def national_figures(filters: Filters, today: Date) -> NationalFigures:
    """Read what the figures need (a handful of queries, whatever the number of cases) and
    work them out."""
    boards = Board.objects.order_by("name")
    if filters.region:
        boards = boards.filter(region=filters.region)
    cases = filter_cases(Case.objects.only(*CASE_FIELDS), filters).order_by()
    decisions = Decision.objects.filter(case__in=cases.values("pk")).only(*DECISION_FIELDS)
    steps_met: dict[int, dict[str, Date]] = defaultdict(dict)
    for case_id, step, met_on in StepMet.objects.filter(case__in=cases.values("pk")).values_list(
        "case_id", "step", "met_on"
    ):
        steps_met[case_id][step] = met_on
    return summarise(
        list(boards),
        cases.iterator(),
        list(decisions),
        RuleBook(),
        today,
        filters=filters,
        steps_met=steps_met,
    )


# --- the CSV downloads ----------------------------------------------------------------------------

FIGURES_HEADER: Final = [
    "level",
    "region",
    "board",
    "local_authority",
    "notifications",
    "decisions",
    "rapid_reviews_on_time",
    "rapid_reviews_judged",
    "rapid_reviews_on_time_percent",
    "scr_decisions_in_time",
    "scr_decisions_judged",
    "scr_decisions_in_time_percent",
    "median_days_to_decision",
    "open_overdue_clocks",
]

OVERDUE_HEADER: Final = [
    "case_id",
    "child",
    "board",
    "region",
    "regime",
    "step",
    "due",
    "days_overdue",
]


def _numbers(tally: Tally) -> list[CellValue]:
    def blank(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    return [
        tally.notifications,
        tally.decisions,
        tally.rapid_reviews.on_time,
        tally.rapid_reviews.judged,
        blank(tally.rapid_reviews.percent),
        tally.scr_decisions.on_time,
        tally.scr_decisions.judged,
        blank(tally.scr_decisions.percent),
        blank(tally.median_days),
        tally.open_overdue,
    ]


def figure_rows(figures: NationalFigures) -> list[list[CellValue]]:
    """One row per board, then per region, then the national total. Text cells are as stored;
    the writer makes them safe for spreadsheets."""
    rows: list[list[CellValue]] = []
    for item in figures.boards:
        board = item.board
        place = [board.get_region_display(), board.name, board.local_authority]
        rows.append(["board", *place, *_numbers(item.tally)])
    for region in figures.regions:
        rows.append(["region", region.region.label, "", "", *_numbers(region.tally)])
    rows.append(["national", "", "", "", *_numbers(figures.national)])
    return rows


def overdue_rows(figures: NationalFigures) -> list[list[CellValue]]:
    return [
        [
            item.case.pk,
            item.case.pseudonym,
            item.case.board.name,
            item.case.board.get_region_display(),
            item.case.regime,
            item.clock.label,
            item.clock.due.isoformat(),
            item.days_overdue,
        ]
        for item in figures.overdue
    ]
