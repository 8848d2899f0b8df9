"""The case lifecycle as data: every allowed move, who may make it and what it must record.

A case moves only along a row of :data:`TRANSITIONS`. Each row names its from and to states, the
roles that may make the move (board roles from ``accounts.models.Role``, or ``PANEL`` for the
national panel), what the person must record, the regime or decision it is limited to, and the
case date it sets (a clock's event or the date a clock is met; see ``cases.case_clocks``).
``docs/lifecycle.md`` is this table in prose; a test checks the two agree.

This module decides *whether* a move is allowed and says why not in plain words; the access
module asks it (``cases.access.move_refusals``) and ``cases.services.move_case`` enforces it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from django.db import models

from casereview.accounts.models import Role
from casereview.cases.rules import Regime

PANEL: Final = "panel"
"""The national panel as a 'role' in the table (a flag on the person, not a board role)."""

ROLE_NAMES: Final[Mapping[str, str]] = {
    Role.BOARD_MANAGER: "the board manager",
    Role.CHAIR: "the independent chair",
    Role.LEAD_REVIEWER: "the lead reviewer",
    Role.ACTION_OWNER: "an agency action owner",
    PANEL: "a national panel member",
}


class State(models.TextChoices):
    NOTIFIED = "notified", "Notified"
    RAPID_REVIEW = "rapid_review", "Rapid review"
    CHAIR_DECISION = "chair_decision", "Awaiting the chair's decision"
    DECISION_RECORDED = "decision_recorded", "Decision recorded"
    REVIEWERS_APPOINTED = "reviewers_appointed", "Reviewers appointed"
    TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference agreed"
    AGENCY_REPORTS = "agency_reports", "Agency reports"
    DRAFT = "draft", "Draft report"
    FINAL = "final", "Final report"
    PUBLICATION_DECISION = "publication_decision", "Publication decision"
    PUBLISHED = "published", "Published"
    IMPROVEMENTS_PUBLISHED = "improvements_published", "Improvements published"
    ACTION_PLAN_MONITORING = "action_plan_monitoring", "Action plan monitoring"
    CLOSED = "closed", "Closed"


class DecisionOutcome(models.TextChoices):
    INITIATE_SCR = "initiate_scr", "Start a serious case review"
    LCSPR = "lcspr", "Hold a local child safeguarding practice review"
    OTHER_LEARNING = "other_learning", "Hold another kind of learning review"
    NO_REVIEW = "no_review", "No review"
    NATIONAL_REFERRAL = "national_referral", "Refer to the national panel for a national review"


# Which decisions each regime allows: an SCR is an SCR-era decision, an LCSPR and a referral for
# a national review exist only under Working Together 2018 onwards.
OUTCOMES_BY_REGIME: Final[Mapping[Regime, tuple[DecisionOutcome, ...]]] = {
    Regime.SCR: (
        DecisionOutcome.INITIATE_SCR,
        DecisionOutcome.OTHER_LEARNING,
        DecisionOutcome.NO_REVIEW,
    ),
    Regime.CSPR: (
        DecisionOutcome.LCSPR,
        DecisionOutcome.OTHER_LEARNING,
        DecisionOutcome.NO_REVIEW,
        DecisionOutcome.NATIONAL_REFERRAL,
    ),
}

REVIEW_OUTCOMES: Final = frozenset(
    {DecisionOutcome.INITIATE_SCR, DecisionOutcome.LCSPR, DecisionOutcome.OTHER_LEARNING}
)
NO_LOCAL_REVIEW_OUTCOMES: Final = frozenset(
    {DecisionOutcome.NO_REVIEW, DecisionOutcome.NATIONAL_REFERRAL}
)


class Record(StrEnum):
    """What a move must record. The decision is recorded on its own page (many fields)."""

    DATE = "date"
    DECISION = "decision"
    REVIEWERS = "reviewers"
    REASONS = "reasons"
    REPORT = "report"

    @property
    def label(self) -> str:
        return RECORD_LABELS[self]


RECORD_LABELS: Final[Mapping[Record, str]] = {
    Record.DATE: "the date it happened",
    Record.DECISION: "a decision record: options considered, the decision and its reasons",
    Record.REVIEWERS: "a lead reviewer appointed from the reviewer pool",
    Record.REASONS: "the reasons",
    Record.REPORT: "the final report in the repository, published with it once the advance "
    "notice to the national panel is recorded",
}

MANAGERS: Final = frozenset({Role.BOARD_MANAGER, Role.CHAIR})
CHAIR_ONLY: Final = frozenset({Role.CHAIR})


@dataclass(frozen=True)
class Transition:
    source: State
    target: State
    roles: frozenset[str]
    records: tuple[Record, ...]
    regime: Regime | None = None
    """Only for cases under this regime (None: both)."""
    decisions: frozenset[DecisionOutcome] | None = None
    """Only when the case's recorded decision is one of these (None: whatever it is)."""
    sets_date: str = ""
    """The Case date field the move's date is stored in ('' for none)."""
    may_record: tuple[str, ...] = ()
    """Case date fields of steps the move often completes: the form asks for each, optionally,
    and a date is stored only when the person gives it (never copied from the move's date)."""

    @property
    def key(self) -> str:
        """The move's name in URLs: its target state (unique among moves from one state)."""
        return str(self.target)

    def who(self) -> str:
        return join_or([ROLE_NAMES[role] for role in sorted(self.roles)])

    def what(self) -> str:
        return join_and([record.label for record in self.records]) or "nothing more"


DATE = (Record.DATE,)
PANEL_COPY: Final = "panel_copy_sent_on"

TRANSITIONS: Final[tuple[Transition, ...]] = (
    Transition(State.NOTIFIED, State.RAPID_REVIEW, MANAGERS, DATE, regime=Regime.CSPR),
    Transition(State.NOTIFIED, State.CHAIR_DECISION, MANAGERS, DATE, regime=Regime.SCR),
    Transition(
        State.RAPID_REVIEW,
        State.DECISION_RECORDED,
        CHAIR_ONLY,
        (Record.DECISION,),
        regime=Regime.CSPR,
        sets_date="decided_on",
    ),
    Transition(
        State.CHAIR_DECISION,
        State.DECISION_RECORDED,
        CHAIR_ONLY,
        (Record.DECISION,),
        regime=Regime.SCR,
        sets_date="decided_on",
    ),
    Transition(
        State.DECISION_RECORDED,
        State.REVIEWERS_APPOINTED,
        MANAGERS,
        (Record.DATE, Record.REVIEWERS),
        decisions=REVIEW_OUTCOMES,
        sets_date="initiated_on",
    ),
    Transition(
        State.DECISION_RECORDED,
        State.CLOSED,
        CHAIR_ONLY,
        (Record.DATE, Record.REASONS),
        decisions=NO_LOCAL_REVIEW_OUTCOMES,
        sets_date="closed_on",
    ),
    Transition(State.REVIEWERS_APPOINTED, State.TERMS_OF_REFERENCE, MANAGERS, DATE),
    Transition(State.TERMS_OF_REFERENCE, State.AGENCY_REPORTS, MANAGERS, DATE),
    Transition(
        State.AGENCY_REPORTS,
        State.DRAFT,
        frozenset({Role.BOARD_MANAGER, Role.LEAD_REVIEWER}),
        DATE,
    ),
    Transition(State.DRAFT, State.FINAL, CHAIR_ONLY, DATE, sets_date="final_on"),
    Transition(
        State.FINAL,
        State.PUBLICATION_DECISION,
        CHAIR_ONLY,
        DATE,
        may_record=(PANEL_COPY,),
    ),
    Transition(
        State.PUBLICATION_DECISION,
        State.PUBLISHED,
        MANAGERS,
        (Record.DATE, Record.REPORT),
        sets_date="published_on",
        may_record=(PANEL_COPY,),
    ),
    Transition(
        State.PUBLICATION_DECISION,
        State.IMPROVEMENTS_PUBLISHED,
        CHAIR_ONLY,
        (Record.DATE, Record.REASONS),
        sets_date="published_on",
        may_record=(PANEL_COPY,),
    ),
    Transition(State.PUBLISHED, State.ACTION_PLAN_MONITORING, MANAGERS, DATE),
    Transition(State.IMPROVEMENTS_PUBLISHED, State.ACTION_PLAN_MONITORING, MANAGERS, DATE),
    Transition(
        State.ACTION_PLAN_MONITORING,
        State.CLOSED,
        CHAIR_ONLY,
        (Record.DATE, Record.REASONS),
        sets_date="closed_on",
    ),
)

# What the date asked for means on each move, in words for the form and the docs.
DATE_LABELS: Final[Mapping[State, str]] = {
    State.RAPID_REVIEW: "Date the rapid review started",
    State.CHAIR_DECISION: "Date the case went to the chair",
    State.REVIEWERS_APPOINTED: "Date the review was commissioned",
    State.TERMS_OF_REFERENCE: "Date the terms of reference were agreed",
    State.AGENCY_REPORTS: "Date agency reports were requested",
    State.DRAFT: "Date the draft report was received",
    State.FINAL: "Date the chair signed off the final report",
    State.PUBLICATION_DECISION: "Date the final report went for the publication decision",
    State.PUBLISHED: "Date the report was published",
    State.IMPROVEMENTS_PUBLISHED: "Date the improvements were published",
    State.ACTION_PLAN_MONITORING: "Date action plan monitoring started",
    State.CLOSED: "Date the case was closed",
}

# The optional dates a move may record (Transition.may_record), in words for the form.
OPTIONAL_DATE_LABELS: Final[Mapping[str, str]] = {
    PANEL_COPY: "Date a copy of the report was sent to the national panel "
    "(and the Secretary of State), if it has been",
}

OPEN_STATES: Final = frozenset(State) - {State.CLOSED}


def join_or(words: Iterable[str]) -> str:
    return _join(list(words), "or")


def join_and(words: Iterable[str]) -> str:
    return _join(list(words), "and")


def _join(words: list[str], conjunction: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def moves_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == state]


def find(source: str, key: str) -> Transition | None:
    return next((t for t in moves_from(source) if t.key == key), None)


def refusals(
    transition: Transition | None,
    *,
    state: str,
    target: str,
    regime: str,
    decision: str | None,
    roles: set[str],
) -> list[str]:
    """Why this move may not be made, in plain words; an empty list when it may."""
    here = State(state).label
    if transition is None:
        onward = [State(t.target).label.lower() for t in moves_from(state)]
        target_label = State(target).label if target in State.values else target
        reason = f"A case at “{here}” cannot move to “{target_label}”."
        if onward:
            reason += f" From here it can move to {join_or(onward)}."
        else:
            reason += " It is closed."
        return [reason]
    reasons = []
    if transition.regime is not None and regime != transition.regime:
        reasons.append(
            f"Only {transition.regime} cases move from “{here}” to "
            f"“{transition.target.label}”; this case is under the {regime} regime."
        )
    if transition.decisions is not None and decision not in transition.decisions:
        allowed = join_or(f"“{DecisionOutcome(d).label}”" for d in sorted(transition.decisions))
        recorded = f"“{DecisionOutcome(decision).label}”" if decision else "none yet"
        reasons.append(
            f"This move needs the recorded decision to be {allowed}; the case's decision is "
            f"{recorded}."
        )
    if not roles & transition.roles:
        reasons.append(f"Only {transition.who()} of the case's board may make this move.")
    return reasons


def markdown_table() -> str:
    """The table as Markdown, for docs/lifecycle.md (a test keeps the two the same)."""
    lines = [
        "| from | to | who may move it | what must be recorded | only when | date kept as |",
        "|---|---|---|---|---|---|",
    ]
    for t in TRANSITIONS:
        only = []
        if t.regime is not None:
            only.append(f"{t.regime} cases")
        if t.decisions is not None:
            only.append(
                "decision is " + join_or(DecisionOutcome(d).label for d in sorted(t.decisions))
            )
        kept = [t.sets_date] if t.sets_date else []
        kept += [f"{name} (only if given)" for name in t.may_record]
        lines.append(
            f"| {t.source.label} | {t.target.label} | {t.who()} | {t.what()} | "
            f"{'; '.join(only) or 'any'} | {'; '.join(kept) or 'none'} |"
        )
    return "\n".join(lines)
