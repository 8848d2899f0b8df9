"""Who a person is and which boards they hold roles on: the base of the access contract.

The access contract, which every domain's checks follow (``cases.access``,
``repository.access``):

- Views never test roles themselves. They wrap themselves in a decorator (the generic ones are
  here; a domain adds one that looks up its own object, such as ``cases.access.case_view``) and
  ask their domain's access module for the objects they show.
- A lookup, ``get_<thing>_or_404(user, key)``, returns the object or raises ``Http404``: anything
  the user may not see is a 404, never a 403, so a restricted object's existence is never
  revealed. A listing, ``visible_<things>(user)``, returns a queryset, empty rather than an error.
- A predicate, ``may_<verb>(user, object)``, returns a bool and never raises; a refusal with
  reasons (``cases.access.move_refusals``) returns the reasons in plain words, empty when allowed.
- Anonymous visitors to any non-public page are sent to sign in before any object is looked up,
  so the redirect reveals nothing either.
- Every restricted thing, in every domain, is behind one predicate, `may_see_restricted`: signed
  in, active and through the second factor in this session. A person who has typed only their
  password sees what the public sees, whatever roles they hold.

This module imports no domain app (an import contract in pyproject.toml checks it): the domains
depend on it, never the other way round.

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
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from casereview.accounts.models import Board, Membership, Role, User

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


def signed_in_and_verified(request: HttpRequest) -> HttpResponse | None:
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
        detour = signed_in_and_verified(request)
        if detour is not None:
            return detour
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


def restricted_to(rule: Callable[[Any], bool]) -> Callable[[View], View]:
    """A decorator for pages open to whoever passes ``rule`` (a 404 for anyone else)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            detour = signed_in_and_verified(request)
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
        detour = signed_in_and_verified(request)
        if detour is not None:
            return detour
        board = get_board_or_404(request.user, slug)
        return view(request, *args, board=board, **kwargs)

    return wrapped  # type: ignore[return-value]


administrator_view = restricted_to(is_administrator)
audit_reader_view = restricted_to(may_read_audit)
panel_view = restricted_to(is_panel_member)
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


def roles_by_board(user: User) -> list[tuple[Board, list[Membership]]]:
    """This person's board roles, grouped by board (boards A to Z)."""
    grouped: dict[int, tuple[Board, list[Membership]]] = {}
    for membership in user.memberships.select_related("board").order_by("board__name", "role"):
        grouped.setdefault(membership.board_id, (membership.board, []))[1].append(membership)
    return list(grouped.values())


def national_roles(user: User) -> list[str]:
    """The national roles this person holds, as they are named on their pages."""
    roles = []
    if user.is_panel_member:
        roles.append("National panel member")
    if user.is_administrator:
        roles.append("Administrator")
    return roles
