"""The one access module: every decision about who may see or change what is made here.

Views never test roles themselves. They wrap themselves in one of the decorators below and ask
this module for the objects they show; anything the user may not see is a 404, never a 403, so a
restricted object's existence is never revealed. Anonymous visitors to any non-public page are
sent to sign in before any object is looked up, so the redirect reveals nothing either.

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
    if settings.DEMO_WAIVE_2FA:
        return True
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def has_two_factor_device(user: User) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


def is_administrator(user: Any) -> bool:
    return is_signed_in(user) and bool(user.is_administrator)


def is_panel_member(user: Any) -> bool:
    return is_signed_in(user) and bool(user.is_panel_member)


def may_read_audit(user: Any) -> bool:
    """The audit trail is for administrators and the national panel."""
    return is_administrator(user) or is_panel_member(user)


def visible_boards(user: Any) -> QuerySet[Board]:
    """Boards whose restricted material this user may see."""
    if not is_signed_in(user):
        return Board.objects.none()
    if user.is_panel_member:
        return Board.objects.all()
    return Board.objects.filter(memberships__user=user).distinct()


def roles_on(user: Any, board: Board) -> set[str]:
    if not is_signed_in(user):
        return set()
    return set(Membership.objects.filter(user=user, board=board).values_list("role", flat=True))


def get_board_or_404(user: Any, slug: str) -> Board:
    """The board, if this user may see its restricted material; otherwise a 404."""
    board = visible_boards(user).filter(slug=slug).first()
    if board is None:
        raise Http404("No such board.")
    return board


def is_board_staff(user: Any) -> bool:
    """Holds any role anywhere (every such person must use two-factor sign-in)."""
    return is_signed_in(user) and (
        user.is_panel_member or user.is_administrator or user.memberships.exists()
    )


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


def signed_in_view(view: View) -> View:
    """Signed in with a password but perhaps not yet through two-factor (the 2FA pages)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


ROLE_LABELS = dict(Role.choices)
