"""The one access module: every decision about who may see or change what is made here.

Views never test roles themselves. They wrap themselves in one of the decorators below and ask
this module for the objects they show; anything the user may not see is a 404, never a 403, so a
restricted object's existence is never revealed. Anonymous visitors to any non-public page are
sent to sign in before any object is looked up, so the redirect reveals nothing either.

Every restricted thing, in every domain, is behind one predicate, `may_see_restricted`: signed in,
active and through the second factor in this session. A person who has typed only their password
sees what the public sees, whatever roles they hold.

Who sees what (DESIGN §2):
- the public: published material only;
- board members (manager, chair, lead reviewer, action owner): their own boards;
- national panel members: every board;
- administrators: users, boards and rules tables, but not a board's restricted material unless
  they also hold a role on that board or sit on the national panel.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from casereview.accounts.models import Board, Membership, Role, User

if TYPE_CHECKING:
    from casereview.repository.models import Document
from casereview.cases import lifecycle
from casereview.cases.models import Case

View = TypeVar("View", bound=Callable[..., HttpResponse])


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in person of a request that a decorator below has already let through."""
    user = request.user
    if not isinstance(user, User) or not is_signed_in(user):
        raise PermissionError("This page needs a signed-in user; its decorator is missing.")
    return user


def is_signed_in(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def two_factor_satisfied(request: HttpRequest) -> bool:
    """Staff must pass TOTP or a backup code each session, unless the demo waives it."""
    return _second_factor_passed(request.user)


def _second_factor_passed(user: Any) -> bool:
    # django_otp's middleware gives the request's user an ``is_verified`` method; a user object
    # from anywhere else (a query, the command line) has none and so is not verified.
    if settings.DEMO_WAIVE_2FA:
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def may_see_restricted(user: Any) -> bool:
    """The one gate before any restricted material of any domain: a signed-in, active person who
    has passed the second factor in this session. Roles then decide which material."""
    return user is not None and is_signed_in(user) and _second_factor_passed(user)


def has_two_factor_device(user: User) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


def is_administrator(user: Any) -> bool:
    return may_see_restricted(user) and bool(user.is_administrator)


def is_panel_member(user: Any) -> bool:
    return may_see_restricted(user) and bool(user.is_panel_member)


def may_read_audit(user: Any) -> bool:
    """The audit trail is for administrators and the national panel."""
    return is_administrator(user) or is_panel_member(user)


def visible_boards(user: Any) -> QuerySet[Board]:
    """Boards whose restricted material this user may see."""
    if not may_see_restricted(user):
        return Board.objects.none()
    if user.is_panel_member:
        return Board.objects.all()
    return Board.objects.filter(memberships__user=user).distinct()


def roles_on(user: Any, board: Board) -> set[str]:
    if not may_see_restricted(user):
        return set()
    return set(Membership.objects.filter(user=user, board=board).values_list("role", flat=True))


def get_board_or_404(user: Any, slug: str) -> Board:
    """The board, if this user may see its restricted material; otherwise a 404."""
    board = visible_boards(user).filter(slug=slug).first()
    if board is None:
        raise Http404("No such board.")
    return board


def _signed_in_and_verified(request: HttpRequest) -> HttpResponse | None:
    """None when the request may go on; otherwise where to send the person first."""
    if not is_signed_in(request.user):
        return redirect_to_login(request.get_full_path())
    if not two_factor_satisfied(request):
        target = "accounts:two-factor-verify"
        if not has_two_factor_device(signed_in_user(request)):
            target = "accounts:two-factor-setup"
        return redirect(f"{_reverse(target)}?next={request.get_full_path()}")
    return None


def _reverse(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


def staff_view(view: View) -> View:
    """Any signed-in person who has passed two-factor authentication."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        detour = _signed_in_and_verified(request)
        if detour is not None:
            return detour
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


def _restricted_to(rule: Callable[[Any], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            detour = _signed_in_and_verified(request)
            if detour is not None:
                return detour
            if not rule(request.user):
                raise Http404("No such page.")
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def board_view(view: View) -> View:
    """A page inside one board (URL kwarg ``slug``): the view gets ``board`` instead of ``slug``.

    The board is looked up before anything else the view does (even its method check), so
    someone who may not see the board gets a 404 whatever they send.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, slug: str, **kwargs: Any) -> HttpResponse:
        detour = _signed_in_and_verified(request)
        if detour is not None:
            return detour
        board = get_board_or_404(request.user, slug)
        return view(request, *args, board=board, **kwargs)

    return wrapped  # type: ignore[return-value]


administrator_view = _restricted_to(is_administrator)
audit_reader_view = _restricted_to(may_read_audit)
panel_view = _restricted_to(is_panel_member)
"""The national panel's own pages (every board's notifications, decisions and clocks)."""


def signed_in_view(view: View) -> View:
    """Signed in with a password but perhaps not yet through two-factor (the 2FA pages)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


ROLE_LABELS = dict(Role.choices)


# Cases --------------------------------------------------------------------------------------
#
# A board's cases are for the people who run them (its board managers and chair) and the
# national panel. Reviewers see only the cases they are currently appointed to (an appointment
# from the reviewer pool, not a board role, is what opens a case to them); action owners see
# actions, not cases. The child's identity stays with the board and the panel.

CASE_ROLES = frozenset({Role.BOARD_MANAGER, Role.CHAIR})


def _appointed_case_ids(user: Any) -> QuerySet[Any]:
    from casereview.cases.models import Appointment

    return Appointment.objects.filter(reviewer__user=user, ended_on__isnull=True).values("case_id")


def visible_cases(user: Any) -> QuerySet[Case]:
    """Cases whose restricted record this user may see."""
    if not may_see_restricted(user):
        return Case.objects.none()
    if user.is_panel_member:
        return Case.objects.all()
    boards = Membership.objects.filter(user=user, role__in=CASE_ROLES).values("board_id")
    return Case.objects.filter(Q(board_id__in=boards) | Q(pk__in=_appointed_case_ids(user)))


def get_case_or_404(user: Any, pk: int) -> Case:
    case = visible_cases(user).select_related("board").filter(pk=pk).first()
    if case is None:
        raise Http404("No such case.")
    return case


def is_appointed(user: Any, case: Case) -> bool:
    """Is this person currently appointed to review this case?"""
    return may_see_restricted(user) and _appointed_case_ids(user).filter(case_id=case.pk).exists()


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


def may_record_decision(user: Any, case: Case) -> bool:
    return Role.CHAIR in roles_on(user, case.board)


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


def may_move(user: Any, case: Case, key: str) -> bool:
    return not move_refusals(user, case, key)


# --- the repository -------------------------------------------------------------------------


def sees_what_the_public_sees(user: Any) -> bool:
    """True when this user's documents are the public's: `visible_documents(None)`."""
    return not may_see_restricted(user)


# Least privilege for unpublished documents: the board's managers and chair see all of their
# board's; a lead reviewer sees those of the reviews they are currently appointed to. Action
# owners see none until action plans attach documents to their agency's actions.
RESTRICTED_DOCUMENT_ROLES = CASE_ROLES


def _restricted_documents(user: Any) -> Q:
    """Which unpublished documents this (verified, non-panel) person's roles open."""
    boards = Membership.objects.filter(user=user, role__in=RESTRICTED_DOCUMENT_ROLES).values(
        "board_id"
    )
    return Q(board_id__in=boards) | Q(case_id__in=_appointed_case_ids(user))


def visible_documents(user: Any) -> QuerySet[Document]:
    """Documents this user may find and read: published ones, plus the restricted ones their
    roles open (``_restricted_documents``).

    The national panel sees every document, including ones loaded without a board.
    """
    from casereview.repository.models import Document

    if not may_see_restricted(user):
        return Document.objects.filter(is_published=True)
    if user.is_panel_member:
        return Document.objects.all()
    return Document.objects.filter(Q(is_published=True) | _restricted_documents(user))


def sees_restricted_documents(user: Any) -> bool:
    """Whether this user's searches can reach unpublished documents (and so are audited)."""
    if not may_see_restricted(user):
        return False
    return bool(
        user.is_panel_member
        or Membership.objects.filter(user=user, role__in=RESTRICTED_DOCUMENT_ROLES).exists()
        or _appointed_case_ids(user).exists()
    )


def get_document_or_404(user: Any, pk: int) -> Document:
    """The document, if this user may see it; otherwise a 404 that reveals nothing."""
    document = visible_documents(user).select_related("board").filter(pk=pk).first()
    if document is None:
        raise Http404("No such document.")
    return document


def may_check_record(user: Any, document: Document) -> bool:
    """The national panel, and whoever may see the document restricted (its board's managers and
    chair, the reviewers appointed to its case), may confirm or correct its record."""
    from casereview.repository.models import Document

    if not may_see_restricted(user):
        return False
    if user.is_panel_member:
        return True
    return Document.objects.filter(_restricted_documents(user), pk=document.pk).exists()


# A document's permanent address is the start of its SHA-256 (at least this many hex digits);
# a short all-digit reference is its database id.
MIN_SHA_PREFIX = 8


def find_document_or_404(user: Any, ref: str) -> Document:
    """The document a permanent reference names (id or SHA-256 prefix), if this user may see it."""
    documents = visible_documents(user).select_related("board")
    ref = ref.lower()
    if len(ref) >= MIN_SHA_PREFIX and all(c in "0123456789abcdef" for c in ref):
        found = list(documents.filter(sha256__startswith=ref)[:2])
        if len(found) == 1:
            return found[0]
    elif ref.isascii() and ref.isdigit():
        return get_document_or_404(user, int(ref))
    raise Http404("No such document.")


def is_restricted_document(document: Document) -> bool:
    """Views and downloads of an unpublished document are audited."""
    return not document.is_published


def may_publish_document(user: Any, document: Document) -> bool:
    """The chair of the document's board publishes it (the publication gate comes later). A
    case's final report is published with the case's move to "Published", so whoever the
    lifecycle table lets make that move publishes it (whether the case is ready is the
    publication service's to say)."""
    if document.board_id is None or not may_see_restricted(user):
        return False
    roles = PUBLISHES_CASE_REPORTS if document.case_id is not None else {Role.CHAIR}
    return Membership.objects.filter(user=user, board_id=document.board_id, role__in=roles).exists()


PUBLISHES_CASE_REPORTS = next(
    t.roles for t in lifecycle.TRANSITIONS if t.target == lifecycle.State.PUBLISHED
)


# Board managers and chairs send their board's reports into the repository.
UPLOAD_ROLES = frozenset({Role.BOARD_MANAGER, Role.CHAIR})


def upload_boards(user: Any) -> QuerySet[Board]:
    """Boards this person may upload documents for."""
    if not may_see_restricted(user):
        return Board.objects.none()
    return Board.objects.filter(
        memberships__user=user, memberships__role__in=UPLOAD_ROLES
    ).distinct()


def may_upload(user: Any) -> bool:
    return upload_boards(user).exists()


def get_upload_or_404(user: Any, pk: int) -> Any:
    """An upload's status, for the people who may upload for its board."""
    from casereview.repository.models import Upload

    upload = (
        Upload.objects.filter(board__in=upload_boards(user))
        .select_related("board", "document")
        .filter(pk=pk)
        .first()
    )
    if upload is None:
        raise Http404("No such upload.")
    return upload


def uploader_view(view: View) -> View:
    """Pages for sending documents into the repository (board managers and chairs)."""
    return _restricted_to(may_upload)(view)


def case_view(view: View) -> View:
    """A page about one case (URL kwarg ``pk``): the view gets ``case`` instead of ``pk``.

    Like ``board_view``, the case is looked up before anything else (even the method check), so
    someone who may not see it gets a 404 whatever they send.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, pk: int, **kwargs: Any) -> HttpResponse:
        detour = _signed_in_and_verified(request)
        if detour is not None:
            return detour
        case = get_case_or_404(request.user, pk)
        return view(request, *args, case=case, **kwargs)

    return wrapped  # type: ignore[return-value]
