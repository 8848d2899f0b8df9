"""The reviewer pool and appointments to cases (issue 3, item 4).

Administrators keep the national pool: who the reviewers are, what they know, where they work
and the conflicts of interest they have declared with boards. A board appoints from the pool;
appointing someone with a conflict with that board (a declared conflict, or a role they hold on
the board themselves) needs a recorded justification. An appointment is what lets a reviewer
see a case (``cases.access.visible_cases``); ending it closes the case to them again.
When the case's next move is the one appointing completes ("reviewers appointed") and needs
nothing but its date, the same form may make it, with the appointment's date (issue 17, item 4).

Each change is one transaction with its audit event.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from casereview.accounts import permissions
from casereview.accounts.models import Board, Membership, User
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import diff, record, snapshot
from casereview.cases import access, lifecycle
from casereview.cases.lifecycle import REVIEW_OUTCOMES, Record, State, Transition
from casereview.cases.models import (
    Appointment,
    AppointmentRole,
    Case,
    CaseMove,
    Conflict,
    Reviewer,
)
from casereview.cases.services import Refused, has_lead, move_case, stage_reached_on

REVIEWER_FIELDS = ("expertise", "region", "is_available")

# Appointments are made once the decision to review is recorded, and until the draft is in.
APPOINTING_STATES = frozenset(
    {
        State.DECISION_RECORDED,
        State.REVIEWERS_APPOINTED,
        State.TERMS_OF_REFERENCE,
        State.AGENCY_REPORTS,
        State.DRAFT,
    }
)


def conflicts_with(reviewer: Reviewer, board: Board) -> list[str]:
    """Every reason this reviewer is not independent of this board, in plain words."""
    found = [
        f"declared a conflict with {board.name}: {conflict.nature}"
        for conflict in Conflict.objects.filter(reviewer=reviewer, board=board)
    ]
    roles = (
        Membership.objects.filter(user=reviewer.user, board=board)
        .exclude(role="lead_reviewer")
        .values_list("role", flat=True)
    )
    found.extend(
        f"holds a role on {board.name} ({permissions.ROLE_LABELS[role].lower()})" for role in roles
    )
    return found


# The pool (administrators) -----------------------------------------------------------------


def _require_pool_keeper(actor: Actor) -> User:
    user = actor.signed_in_user
    if not access.may_manage_reviewer_pool(user):
        raise Refused(["Only administrators keep the reviewer pool."])
    return user


@transaction.atomic
def add_reviewer(actor: Actor, user: User, values: dict[str, Any]) -> Reviewer:
    _require_pool_keeper(actor)
    if Reviewer.objects.filter(user=user).exists():
        raise Refused([f"{user.full_name or user.email} is already in the reviewer pool."])
    reviewer = Reviewer.objects.create(user=user, **{f: values[f] for f in REVIEWER_FIELDS})
    record(
        Action.REVIEWER_ADDED,
        actor=actor,
        obj=reviewer,
        summary=f"Added {reviewer.name} to the reviewer pool",
        changes=diff({}, snapshot(reviewer, REVIEWER_FIELDS)),
    )
    return reviewer


@transaction.atomic
def update_reviewer(actor: Actor, reviewer: Reviewer, values: dict[str, Any]) -> Reviewer:
    _require_pool_keeper(actor)
    before = snapshot(reviewer, REVIEWER_FIELDS)
    for field in REVIEWER_FIELDS:
        setattr(reviewer, field, values[field])
    reviewer.save()
    changes = diff(before, snapshot(reviewer, REVIEWER_FIELDS))
    if changes:
        record(
            Action.REVIEWER_UPDATED,
            actor=actor,
            obj=reviewer,
            summary=f"Changed {reviewer.name}'s entry in the reviewer pool",
            changes=changes,
        )
    return reviewer


@transaction.atomic
def declare_conflict(
    actor: Actor, reviewer: Reviewer, board: Board, nature: str, on: datetime.date
) -> Conflict:
    _require_pool_keeper(actor)
    nature = nature.strip()
    if not nature:
        raise Refused(["Say what the conflict of interest is."])
    try:
        with transaction.atomic():
            conflict = Conflict.objects.create(
                reviewer=reviewer, board=board, nature=nature, declared_on=on
            )
    except IntegrityError:
        raise Refused(
            [f"{reviewer.name} has already declared a conflict with {board.name}."]
        ) from None
    record(
        Action.REVIEWER_CONFLICT_DECLARED,
        actor=actor,
        obj=reviewer,
        board=board,
        summary=f"Recorded {reviewer.name}'s conflict of interest with {board.name}",
        data={"nature": nature, "declared_on": on},
    )
    return conflict


@transaction.atomic
def withdraw_conflict(actor: Actor, conflict: Conflict) -> None:
    _require_pool_keeper(actor)
    record(
        Action.REVIEWER_CONFLICT_WITHDRAWN,
        actor=actor,
        obj=conflict.reviewer,
        board=conflict.board,
        summary=f"Withdrew {conflict.reviewer.name}'s conflict of interest with "
        f"{conflict.board.name}",
        data={"nature": conflict.nature},
    )
    conflict.delete()


# Appointments (the board) ------------------------------------------------------------------


def appointable(case: Case) -> QuerySet[Reviewer]:
    """The reviewers who may be offered for this case: available, and not already appointed to
    it (an ended appointment does not count). Conflicts are shown beside a name, not hidden:
    appointing despite one needs a recorded justification."""
    current = case.appointments.filter(ended_on__isnull=True).values("reviewer_id")
    return Reviewer.objects.filter(is_available=True).exclude(pk__in=current).select_related("user")


@dataclass(frozen=True)
class MoveOn:
    """The move an appointment completes from the case's current stage, for this person."""

    transition: Transition
    needs: tuple[str, ...]
    """What else the move records beyond its date and the reviewers, in words; when empty the
    appointment form may make the move with the appointment's date."""

    @property
    def target_label(self) -> str:
        return self.transition.target.label

    @property
    def date_label(self) -> str:
        return lifecycle.DATE_LABELS.get(self.transition.target, "Date").lower()

    @property
    def needs_text(self) -> str:
        return lifecycle.join_and(self.needs)


def move_on(user: Any, case: Case) -> MoveOn | None:
    """The move this person could make with an appointment to this case now (None if none)."""
    for transition in lifecycle.moves_from(case.state):
        if Record.REVIEWERS not in transition.records:
            continue
        if access.move_refusals(user, case, transition.key):
            continue
        # Optional dates (``may_record``) are not needs: one left out is simply not recorded.
        needs = tuple(
            item.label for item in transition.records if item not in (Record.DATE, Record.REVIEWERS)
        )
        return MoveOn(transition, needs)
    return None


def appointment_refusals(user: Any, case: Case) -> list[str]:
    """Why this person may not appoint a reviewer to this case now (empty when they may)."""
    reasons = []
    if not access.may_appoint(user, case):
        reasons.append("Only the board manager or independent chair of the case's board may.")
    decision = case.latest_decision()
    if decision is None or decision.outcome not in REVIEW_OUTCOMES:
        reasons.append("Reviewers are appointed once the decision to hold a review is recorded.")
    elif case.state not in APPOINTING_STATES:
        reasons.append(f"A case at “{State(case.state).label}” takes no new reviewers.")
    return reasons


@transaction.atomic
def appoint(
    actor: Actor,
    case: Case,
    reviewer: Reviewer,
    *,
    role: str,
    appointed_on: datetime.date,
    justification: str = "",
) -> Appointment:
    """Appoint a reviewer from the pool to the case; a conflict needs a justification."""
    user = actor.signed_in_user
    case = Case.objects.select_for_update().select_related("board").get(pk=case.pk)
    reasons = appointment_refusals(user, case)
    if reasons:
        raise Refused(reasons)
    if role not in AppointmentRole.values:
        raise Refused(["Choose whether they lead the review or are a co-reviewer."])
    if not reviewer.is_available:
        reasons.append(f"{reviewer.name} is not taking new reviews at the moment.")
    if case.appointments.filter(reviewer=reviewer, ended_on__isnull=True).exists():
        reasons.append(f"{reviewer.name} is already appointed to this case.")
    if appointed_on < case.notified_on:
        reasons.append(
            f"The appointment date must be on or after {case.notified_on.day} "
            f"{case.notified_on:%B %Y}, "
            "when the case was notified."
        )
    conflicts = conflicts_with(reviewer, case.board)
    justification = justification.strip()
    if conflicts and not justification:
        reasons.append(
            f"{reviewer.name} has {'; and '.join(conflicts)}. To appoint them regardless, "
            "record why the appointment is still right."
        )
    if reasons:
        raise Refused(reasons)
    appointment = Appointment.objects.create(
        case=case,
        reviewer=reviewer,
        role=role,
        appointed_on=appointed_on,
        appointed_by=user,
        conflict="; ".join(conflicts),
        conflict_justification=justification if conflicts else "",
    )
    record(
        Action.CASE_REVIEWER_APPOINTED,
        actor=actor,
        obj=case,
        board=case.board,
        summary=f"Appointed {reviewer.name} ({appointment.get_role_display().lower()}) to "
        f"{case.pseudonym}" + (" despite a conflict of interest" if conflicts else ""),
        data={
            "reviewer": reviewer.pk,
            "role": role,
            "appointed_on": appointed_on,
            "conflict": appointment.conflict,
            "justification": appointment.conflict_justification,
        },
    )
    return appointment


@transaction.atomic
def appoint_and_move(
    actor: Actor,
    case: Case,
    reviewer: Reviewer,
    *,
    role: str,
    appointed_on: datetime.date,
    justification: str = "",
) -> tuple[Appointment, CaseMove]:
    """Appoint a reviewer and make the move the appointment completes, on the appointment's
    date: both or neither. Each writes its own audit event, as when made apart."""
    user = actor.signed_in_user
    case = Case.objects.select_for_update().select_related("board").get(pk=case.pk)
    offer = move_on(user, case)
    if offer is None:
        raise Refused(
            [
                f"A case at “{State(case.state).label}” cannot be moved on from this form: "
                "appoint without moving it."
            ]
        )
    if offer.needs:
        raise Refused(
            [
                f"Moving the case to “{offer.target_label}” also needs {offer.needs_text}: "
                "appoint here without moving it, then make the move on its own page."
            ]
        )
    problems = []
    if role != AppointmentRole.LEAD and not has_lead(case):
        problems.append(
            f"The case moves to “{offer.target_label}” only once it has a lead reviewer: "
            "appoint this reviewer as the lead, or untick the box to appoint them without "
            "moving the case."
        )
    reached = stage_reached_on(case)
    if appointed_on < reached:
        problems.append(
            f"To move the case on, the date of the appointment must be on or after "
            f"{reached.day} {reached:%B %Y}, when the case reached “{State(case.state).label}”."
        )
    try:
        appointment = appoint(
            actor,
            case,
            reviewer,
            role=role,
            appointed_on=appointed_on,
            justification=justification,
        )
    except Refused as error:
        raise Refused([*error.reasons, *problems]) from None
    if problems:
        # Raised inside the transaction, so the appointment just written is undone with it.
        raise Refused(problems)
    move = move_case(actor, case, offer.transition.key, {"date": appointed_on})
    return appointment, move


def appoint_as_chosen(
    actor: Actor,
    case: Case,
    reviewer: Reviewer,
    *,
    move_on: bool,
    role: str,
    appointed_on: datetime.date,
    justification: str = "",
) -> Appointment:
    """Appoint as the appointment form chose: with ``move_on``, also make the move the
    appointment completes (``appoint_and_move``), else appoint only."""
    if move_on:
        appointment, _ = appoint_and_move(
            actor, case, reviewer, role=role, appointed_on=appointed_on, justification=justification
        )
        return appointment
    return appoint(
        actor, case, reviewer, role=role, appointed_on=appointed_on, justification=justification
    )


def appointment_choices(case: Case) -> list[dict[str, Any]]:
    """The reviewers offered for this case, each with its conflicts with the case's board."""
    return [
        {"reviewer": reviewer, "conflicts": conflicts_with(reviewer, case.board)}
        for reviewer in appointable(case)
    ]


@transaction.atomic
def end_appointment(
    actor: Actor, appointment: Appointment, *, on: datetime.date, reason: str
) -> Appointment:
    user = actor.signed_in_user
    case = appointment.case
    if not access.may_appoint(user, case):
        raise Refused(["Only the board manager or independent chair of the case's board may."])
    if appointment.ended_on is not None:
        raise Refused([f"{appointment.reviewer.name}'s appointment has already ended."])
    if not reason.strip():
        raise Refused(["Enter why the appointment is ending."])
    if on < appointment.appointed_on:
        raise Refused(["The end date must be on or after the date of the appointment."])
    appointment.ended_on = on
    appointment.end_reason = reason.strip()
    appointment.save(update_fields=["ended_on", "end_reason"])
    record(
        Action.CASE_REVIEWER_APPOINTMENT_ENDED,
        actor=actor,
        obj=case,
        board=case.board,
        summary=f"Ended {appointment.reviewer.name}'s appointment to {case.pseudonym}",
        data={"reviewer": appointment.reviewer.pk, "on": on, "reason": appointment.end_reason},
    )
    return appointment
