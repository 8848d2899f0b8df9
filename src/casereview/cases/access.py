"""Who may see and do what to a case: the case checks of the access contract.

The contract itself (what a check takes and returns; a 404 for what a person may not see) is in
``accounts.permissions``, with the identity, roles and generic decorators these checks build on.

A board's cases are for the people who run them (its board managers and chair) and the national
panel. Reviewers see only the cases they are currently appointed to (an appointment from the
reviewer pool, not a board role, is what opens a case to them); action owners see actions, not
cases. The child's identity stays with the board and the panel.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from casereview.accounts.models import Board, Membership, Role
from casereview.accounts.permissions import (
    View,
    is_administrator,
    is_panel_member,
    may_see_restricted,
    roles_on,
    signed_in_and_verified,
)
from casereview.cases import lifecycle
from casereview.cases.models import Appointment, Case

CASE_ROLES = frozenset({Role.BOARD_MANAGER, Role.CHAIR})


def appointed_case_ids(user: Any) -> QuerySet[Any]:
    """The ids of the cases this person is currently appointed to review (as a subquery)."""
    return Appointment.objects.filter(reviewer__user=user, ended_on__isnull=True).values("case_id")


def visible_cases(user: Any) -> QuerySet[Case]:
    """Cases whose restricted record this user may see."""
    if not may_see_restricted(user):
        return Case.objects.none()
    if user.is_panel_member:
        return Case.objects.all()
    boards = Membership.objects.filter(user=user, role__in=CASE_ROLES).values("board_id")
    return Case.objects.filter(Q(board_id__in=boards) | Q(pk__in=appointed_case_ids(user)))


def get_case_or_404(user: Any, pk: int) -> Case:
    case = visible_cases(user).select_related("board").filter(pk=pk).first()
    if case is None:
        raise Http404("No such case.")
    return case


def case_view(view: View) -> View:
    """A page about one case (URL kwarg ``pk``): the view gets ``case`` instead of ``pk``.

    Like ``accounts.permissions.board_view``, the case is looked up before anything else (even
    the method check), so someone who may not see it gets a 404 whatever they send.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, pk: int, **kwargs: Any) -> HttpResponse:
        detour = signed_in_and_verified(request)
        if detour is not None:
            return detour
        case = get_case_or_404(request.user, pk)
        return view(request, *args, case=case, **kwargs)

    return wrapped  # type: ignore[return-value]


def is_appointed(user: Any, case: Case) -> bool:
    """Is this person currently appointed to review this case?"""
    return may_see_restricted(user) and appointed_case_ids(user).filter(case_id=case.pk).exists()


def case_roles(user: Any, case: Case) -> set[str]:
    """The roles this person holds for this case: board roles on its board (the lead reviewer
    role only through a current appointment to this case), and the panel."""
    roles = roles_on(user, case.board) - {Role.LEAD_REVIEWER}
    if is_appointed(user, case):
        roles.add(Role.LEAD_REVIEWER)
    if is_panel_member(user):
        roles.add(lifecycle.PANEL)
    return roles


def runs_case(user: Any, case: Case) -> bool:
    """The board's managers and chair: they run the case (appoint, upload, record steps)."""
    return bool(roles_on(user, case.board) & CASE_ROLES)


def may_notify(user: Any, board: Board) -> bool:
    """Board managers and chairs log serious incident notifications for their own board."""
    return bool(roles_on(user, board) & CASE_ROLES)


def may_see_identity(user: Any, case: Case) -> bool:
    """The child's legal identity: the board's managers and chair, and the national panel."""
    return is_panel_member(user) or runs_case(user, case)


def may_edit_identity(user: Any, case: Case) -> bool:
    """Only the board keeps the identity record up to date; the panel reads it."""
    return runs_case(user, case)


def may_give_advice(user: Any, case: Case) -> bool:
    return is_panel_member(user)


def may_appoint(user: Any, case: Case) -> bool:
    """The board appoints reviewers from the pool (and ends appointments)."""
    return runs_case(user, case)


def may_record_steps(user: Any, case: Case) -> bool:
    """Recording that a step of the plan was met (the rapid review's day-by-day steps)."""
    return runs_case(user, case)


def may_add_case_file(user: Any, case: Case) -> bool:
    """The board and the case's appointed reviewers send documents; the panel reads them."""
    return runs_case(user, case) or is_appointed(user, case)


def may_send_to_repository(user: Any, case: Case) -> bool:
    """Only the board sends its final report on to the national repository."""
    return runs_case(user, case)


def may_manage_reviewer_pool(user: Any) -> bool:
    """The reviewer pool is national: administrators keep it."""
    return is_administrator(user)


def move_refusals(user: Any, case: Case, key: str) -> list[str]:
    """Why this person may not make this move now (empty when they may), in plain words."""
    decision = case.latest_decision()
    return lifecycle.refusals(
        lifecycle.find(case.state, key),
        state=case.state,
        target=key,
        regime=case.regime,
        decision=decision.outcome if decision else None,
        roles=case_roles(user, case),
    )
