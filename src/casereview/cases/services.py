"""State changes for cases and their clocks. Each is one function in one transaction that also
writes its audit event, so a change and the record of who made it cannot part company.

The access module decides who may do what (``accounts.permissions``); the functions here check
again, as the last line, and refuse with plain reasons (:class:`Refused`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from casereview.accounts.models import Board
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import diff, record, snapshot
from casereview.cases import access, lifecycle
from casereview.cases.clocks import regime_for
from casereview.cases.lifecycle import Record, State, Transition
from casereview.cases.models import (
    AppointmentRole,
    Case,
    CaseIdentity,
    CaseMove,
    ClockRule,
    Decision,
    PanelAdvice,
    RuleSet,
    StepMet,
)
from casereview.cases.rules import Direction, Kind, Regime, install_rule_set, read_rules_file

CASE_FIELDS = (
    "pseudonym",
    "aware_on",
    "notified_on",
    "incident_on",
    "outcome",
    "abuse_types",
    "abuse_certainty",
    "age_years",
    "sex",
    "ethnicity",
    "disability",
    "child_protection_plan",
    "child_in_need",
    "looked_after",
    "agencies",
)
IDENTITY_FIELDS = ("legal_name", "family_members", "dates_of_birth", "addresses", "school")
DECISION_FIELDS = (
    "decided_on",
    "options_considered",
    "outcome",
    "reasons",
    "sent_to_panel_on",
    "panel_response",
    "followed_panel_advice",
)
ADVICE_FIELDS = ("given_on", "topic", "advice")


class Refused(Exception):
    """A change the rules forbid; ``reasons`` say why in words the person can act on."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def load_rules(path: Path | str) -> RuleSet:
    """Load a rules file as a new rules set (a new edition of the guidance), keeping the older
    sets for the dates they still govern. Loading the same file again changes nothing; reusing
    a version for different rules raises ``RulesFileError``."""
    data = read_rules_file(path)
    with transaction.atomic():
        rule_set: RuleSet = install_rule_set(data, RuleSet, ClockRule)
    return rule_set


# Notification -------------------------------------------------------------------------------


@transaction.atomic
def notify_case(
    actor: Actor, board: Board, values: dict[str, Any], identity: dict[str, Any]
) -> Case:
    """Open a case from a serious incident notification. The regime follows from the date
    notified unless ``values["regime"]`` sets it (an early adopter's case)."""
    user = actor.signed_in_user
    if not access.may_notify(user, board):
        raise Refused([f"Only the board manager or independent chair of {board} may do this."])
    explicit = values.get("regime") or ""
    case = Case.objects.create(
        board=board,
        regime=explicit or regime_for(values["notified_on"]),
        regime_set_explicitly=bool(explicit),
        created_by=user,
        **{field: values[field] for field in CASE_FIELDS},
    )
    CaseIdentity.objects.create(case=case, **{f: identity.get(f, "") for f in IDENTITY_FIELDS})
    record(
        Action.CASE_NOTIFIED,
        actor=actor,
        obj=case,
        board=board,
        summary=f"Notified a serious incident: {case.pseudonym}, {case.regime}",
        # The identity's values stay out of the audit trail: only which parts were given.
        changes=diff({}, snapshot(case, ("regime", "regime_set_explicitly", *CASE_FIELDS))),
        data={"identity_fields_given": [f for f in IDENTITY_FIELDS if identity.get(f)]},
    )
    return case


# Restricted views ---------------------------------------------------------------------------


def case_viewed(actor: Actor, case: Case, page: str = "case") -> None:
    record(
        Action.CASE_VIEWED,
        actor=actor,
        obj=case,
        board=case.board,
        summary=f"Viewed the {page} page of {case.pseudonym}",
        data={"page": page},
    )


def identity_viewed(actor: Actor, case: Case) -> CaseIdentity:
    """The identity record, once its view is recorded (refused for anyone not allowed)."""
    user = actor.signed_in_user
    if not access.may_see_identity(user, case):
        raise Refused(["Only the board's managers and chair and the national panel may see this."])
    identity, _ = CaseIdentity.objects.get_or_create(case=case)
    record(
        Action.CASE_IDENTITY_VIEWED,
        actor=actor,
        obj=case,
        board=case.board,
        summary=f"Viewed the identity record of {case.pseudonym}",
    )
    return identity


# The lifecycle ------------------------------------------------------------------------------


def _locked(case: Case) -> Case:
    """The case re-read under a row lock, so two people cannot move it at once."""
    return Case.objects.select_for_update().select_related("board").get(pk=case.pk)


def _check_move(actor: Actor, case: Case, key: str) -> lifecycle.Transition:
    user = actor.signed_in_user
    reasons = access.move_refusals(user, case, key)
    if reasons:
        raise Refused(reasons)
    transition = lifecycle.find(case.state, key)
    assert transition is not None  # move_refusals refuses a move that is not in the table
    return transition


def _moved(
    actor: Actor,
    case: Case,
    transition: lifecycle.Transition,
    on: datetime.date,
    reasons: str = "",
    extra: dict[str, Any] | None = None,
) -> CaseMove:
    fields = ["state", *([transition.sets_date] if transition.sets_date else [])]
    before = snapshot(case, [*fields, *(extra or {})])
    case.state = transition.target
    if transition.sets_date:
        setattr(case, transition.sets_date, on)
    for name, value in (extra or {}).items():
        setattr(case, name, value)
    case.save()
    move = CaseMove.objects.create(
        case=case,
        source=transition.source,
        target=transition.target,
        happened_on=on,
        moved_by=actor.signed_in_user,
        reasons=reasons,
    )
    record(
        Action.CASE_MOVED,
        actor=actor,
        obj=case,
        board=case.board,
        summary=f"Moved {case.pseudonym} from {transition.source.label} to "
        f"{transition.target.label}",
        changes=diff(before, snapshot(case, [*fields, *(extra or {})])),
        data={"on": on, "reasons": reasons},
    )
    return move


def has_lead(case: Case) -> bool:
    """Whether a lead reviewer is currently appointed (the "reviewers appointed" move needs one)."""
    return case.appointments.filter(ended_on__isnull=True, role=AppointmentRole.LEAD).exists()


def stage_reached_on(case: Case) -> datetime.date:
    """When the case reached its current stage: no move may be dated before it."""
    last = case.moves.order_by("-happened_on").first()
    return last.happened_on if last else case.notified_on


@dataclass(frozen=True)
class AskedMove:
    """A move of a case asked for by its key, as its page needs it before offering a form."""

    key: str
    transition: Transition | None
    """None when the case has no such move from its stage."""
    refusals: list[str]
    """Why this person may not make the move now (empty when they may)."""
    waits_for_a_lead: bool
    """The move records the reviewers but none leads yet: rather than ask for a date the move
    would then refuse, the reviewers page appoints the lead and makes the move in one form."""
    reports: Any
    """The case's reports in the repository (a queryset) when the move publishes one, else
    None."""
    not_before: datetime.date
    """The case reached its stage on this date: the move may not be dated before it."""

    @property
    def target_label(self) -> str:
        return State(self.key).label if self.key in State.values else self.key


def asked_move(user: Any, case: Case, key: str) -> AskedMove:
    """What this person may do about this move of this case now (``AskedMove``)."""
    # Publication is one act with the repository: its own module knows the case's reports.
    from casereview.publication import services as publication

    transition = lifecycle.find(case.state, key)
    refusals = access.move_refusals(user, case, key)
    waits = (
        transition is not None
        and Record.REVIEWERS in transition.records
        and not refusals
        and not has_lead(case)
    )
    reports = None
    if transition is not None and Record.REPORT in transition.records:
        reports = publication.report_documents(case)
        if not refusals and not reports.exists():
            refusals = [publication.NO_REPORT]
    return AskedMove(key, transition, refusals, waits, reports, stage_reached_on(case))


@transaction.atomic
def move_case(actor: Actor, case: Case, key: str, values: dict[str, Any]) -> CaseMove:
    """Make one move along the lifecycle table, with what it must record."""
    case = _locked(case)
    transition = _check_move(actor, case, key)
    if Record.DECISION in transition.records:
        raise Refused(["Record the decision on the decision page: it needs its reasons."])
    missing = [
        item.label
        for item in transition.records
        if item not in (Record.REVIEWERS, Record.REPORT)
        and (not values.get(str(item)) or not str(values[str(item)]).strip())
    ]
    if missing:
        raise Refused([f"This move must record {lifecycle.join_and(missing)}."])
    extra: dict[str, Any] = {}
    for name in transition.may_record:
        # Only a date the person gave: the move's own date is never copied into a step's.
        given = values.get(name)
        if given is not None:
            if given < case.notified_on:
                raise Refused(
                    [
                        f"{lifecycle.OPTIONAL_DATE_LABELS[name].split(',')[0]} must be on or "
                        f"after {case.notified_on.day} {case.notified_on:%B %Y}, when the case "
                        "was notified."
                    ]
                )
            extra[name] = given
    if Record.REVIEWERS in transition.records:
        current = case.appointments.filter(ended_on__isnull=True).select_related("reviewer__user")
        if not current.filter(role=AppointmentRole.LEAD).exists():
            raise Refused(
                ["Appoint a lead reviewer from the reviewer pool first, on the reviewers page."]
            )
        extra["reviewers"] = ", ".join(a.reviewer.name for a in current)[:300]
    if transition.target == State.IMPROVEMENTS_PUBLISHED:
        # Not publishing the report means publishing the improvements instead (checked there).
        from casereview.publication.services import improvements_refusals

        if reasons := improvements_refusals(case):
            raise Refused(reasons)
    if Record.REPORT in transition.records:
        # Publication is one act with the repository: its own module publishes both records.
        from casereview.publication.services import publish_case_report

        return publish_case_report(
            actor, case, transition, values.get("document"), values["date"], extra
        )
    return _moved(actor, case, transition, values["date"], values.get("reasons", "").strip(), extra)


@transaction.atomic
def record_decision(actor: Actor, case: Case, values: dict[str, Any]) -> Decision:
    """The chair's decision on whether to review, with its reasons, moving the case on."""
    case = _locked(case)
    transition = _check_move(actor, case, State.DECISION_RECORDED)
    allowed = lifecycle.OUTCOMES_BY_REGIME[Regime(case.regime)]
    problems = []
    if not str(values.get("reasons") or "").strip():
        problems.append("Enter the reasons for the decision, including a decision not to review.")
    if not str(values.get("options_considered") or "").strip():
        problems.append("Enter the options the chair considered.")
    if values.get("outcome") not in allowed:
        problems.append(
            f"Choose a decision open to a {case.regime} case: "
            f"{lifecycle.join_or(lifecycle.DecisionOutcome(o).label for o in allowed)}."
        )
    if problems:
        raise Refused(problems)
    decision = Decision.objects.create(
        case=case,
        decided_by=actor.signed_in_user,
        **{field: values.get(field) or _blank(field) for field in DECISION_FIELDS},
    )
    record(
        Action.CASE_DECISION_RECORDED,
        actor=actor,
        obj=case,
        board=case.board,
        summary=f"Recorded the decision on {case.pseudonym}: {decision.get_outcome_display()}",
        changes=diff({}, snapshot(decision, DECISION_FIELDS)),
    )
    _moved(actor, case, transition, decision.decided_on, decision.reasons)
    sent = values.get("rapid_review_sent_on")
    if sent is not None:
        _record_met(actor, case, RAPID_REVIEW_STEP, sent)
    return decision


def _blank(field: str) -> Any:
    return None if field.endswith("_on") else ""


@transaction.atomic
def log_panel_advice(actor: Actor, case: Case, values: dict[str, Any]) -> PanelAdvice:
    user = actor.signed_in_user
    if not access.may_give_advice(user, case):
        raise Refused(["Only national panel members may log the panel's advice."])
    if not str(values.get("advice") or "").strip():
        raise Refused(["Enter the panel's advice."])
    advice = PanelAdvice.objects.create(
        case=case, given_by=user, **{field: values[field] for field in ADVICE_FIELDS}
    )
    record(
        Action.CASE_PANEL_ADVICE_LOGGED,
        actor=actor,
        obj=case,
        board=case.board,
        summary=f"Logged national panel advice on {case.pseudonym}: "
        f"{advice.get_topic_display().lower()}",
        changes=diff({}, snapshot(advice, ADVICE_FIELDS)),
    )
    return advice


# The identity record --------------------------------------------------------------------------


@transaction.atomic
def update_identity(actor: Actor, case: Case, values: dict[str, Any]) -> CaseIdentity:
    """Change the child's identity record. The audit trail names the parts that changed, never
    their values: it is read more widely than the record itself."""
    user = actor.signed_in_user
    if not access.may_edit_identity(user, case):
        raise Refused(["Only the board's managers and chair may change the identity record."])
    identity, _ = CaseIdentity.objects.select_for_update().get_or_create(case=case)
    changed = [
        field
        for field in IDENTITY_FIELDS
        if str(values.get(field) or "").strip() != getattr(identity, field)
    ]
    for field in changed:
        setattr(identity, field, str(values.get(field) or "").strip())
    if changed:
        identity.save()
        record(
            Action.CASE_IDENTITY_UPDATED,
            actor=actor,
            obj=case,
            board=case.board,
            summary=f"Changed the identity record of {case.pseudonym}",
            data={"fields_changed": changed},
        )
    return identity


# Steps of the plan met (the rapid review's day-by-day steps) -----------------------------------


RAPID_REVIEW_STEP = "rapid_review"
"""The rapid review sent to the national panel: the decision form may record its date."""


def recordable_steps(case: Case) -> dict[str, ClockRule]:
    """The steps a person records as met on their own: those the rules table does not declare
    met by another recorded date (``met_by``), such as the rapid review sent to the national
    panel and its plan's day 1, 10, 12 and 15. "Kept online until at least" rows are floors,
    not steps to do."""
    from casereview.cases.clocks import rule_set_in_force

    rules = ClockRule.objects.filter(
        rule_set=rule_set_in_force(case.notified_on), regime=case.regime, met_by=""
    ).exclude(kind=Kind.MINIMUM, direction=Direction.AFTER)
    return {rule.step: rule for rule in rules}


@transaction.atomic
def record_step_met(actor: Actor, case: Case, step: str, met_on: datetime.date) -> StepMet:
    user = actor.signed_in_user
    if not access.may_record_steps(user, case):
        raise Refused(["Only the board's managers and chair record the steps of the plan."])
    return _record_met(actor, case, step, met_on)


def _record_met(actor: Actor, case: Case, step: str, met_on: datetime.date) -> StepMet:
    user = actor.signed_in_user
    rule = recordable_steps(case).get(step)
    if rule is None:
        raise Refused(["That step is not one recorded on its own for this case."])
    if met_on < case.notified_on:
        raise Refused(
            [
                f"The date must be on or after {case.notified_on.day} "
                f"{case.notified_on:%B %Y}, "
                "when the case was notified."
            ]
        )
    existing = StepMet.objects.select_for_update().filter(case=case, step=step).first()
    before = {"met_on": existing.met_on.isoformat()} if existing else {}
    if existing is None:
        met = StepMet.objects.create(case=case, step=step, met_on=met_on, recorded_by=user)
    else:
        existing.met_on, existing.recorded_by = met_on, user
        existing.save(update_fields=["met_on", "recorded_by"])
        met = existing
    record(
        Action.CASE_STEP_MET,
        actor=actor,
        obj=case,
        board=case.board,
        summary=f"Recorded “{rule.label}” as met on {met_on.day} {met_on:%B %Y} "
        f"for {case.pseudonym}",
        changes=diff(before, {"met_on": met_on.isoformat()}),
        data={"step": step},
    )
    return met
