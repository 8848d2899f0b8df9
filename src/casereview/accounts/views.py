"""Signing in (password, then two-factor), people's own pages, boards, and administration.

Views stay thin: they parse a form, ask ``permissions`` for what the person may see, call one
function in ``services`` to change anything, and render.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.tokens import default_token_generator
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts import permissions, services
from casereview.accounts.forms import (
    BoardForm,
    ChangePasswordForm,
    MembershipForm,
    NewPasswordForm,
    SignInForm,
    TotpSetUpForm,
    TwoFactorCodeForm,
    UserDetailsForm,
    UserEditForm,
    UserFilterForm,
)
from casereview.accounts.models import Board, Membership, Role, User
from casereview.accounts.permissions import (
    administrator_view,
    signed_in_user,
    signed_in_view,
    staff_view,
)
from casereview.accounts.role_changes import recent_role_changes
from casereview.audit.actors import Actor

SIGN_IN_REFUSED = "Your email address or password is not right"
USERS_PER_PAGE = 50


def _safe_next(request: HttpRequest) -> str:
    """The page to return to after signing in, if it is on this site; otherwise ''."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _with_next(name: str, next_url: str) -> str:
    path = reverse(name)
    return f"{path}?{urlencode({'next': next_url})}" if next_url else path


def _after_password(user: User, next_url: str) -> str:
    if settings.DEMO_WAIVE_2FA:
        return next_url or reverse("accounts:dashboard")
    if not permissions.has_two_factor_device(user):
        return _with_next("accounts:two-factor-setup", next_url)
    return _with_next("accounts:two-factor-verify", next_url)


def _lockout_ends() -> Any:
    # Axes restarts the cool-off at every refused attempt, so it ends this long after now.
    cool_off = get_cool_off()
    return timezone.now() + cool_off if cool_off else None


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """What django-axes shows instead of any page once an account is locked."""
    email = str((credentials or {}).get("email") or request.POST.get("email", "")).strip().lower()
    services.locked_out(Actor.from_request(request), email)
    return render(
        request,
        "accounts/locked_out.html",
        {"until": _lockout_ends(), "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    if permissions.is_signed_in(request.user) and permissions.two_factor_satisfied(request):
        return redirect(next_url or "accounts:dashboard")
    form = SignInForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        email = form.cleaned_data["email"]
        user = authenticate(request=request, email=email, password=form.cleaned_data["password"])
        if user is None:
            # When axes has locked the account its middleware replaces this response.
            services.sign_in_failed(Actor.from_request(request), email)
            form.add_error("email", SIGN_IN_REFUSED)
        else:
            login(request, user)
            # A new sign-in always asks for a fresh second factor.
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            services.signed_in(Actor.from_request(request), user)
            return redirect(_after_password(user, next_url))
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "next": next_url, "page_title": "Sign in"},
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.signed_out(Actor.from_request(request))
        logout(request)
        messages.success(request, "You have signed out.")
    return redirect("accounts:sign-in")


@require_http_methods(["GET", "POST"])
def set_password(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The one-time link a new person (or one given a new link) uses to choose a password."""
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)), is_active=True)
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(
            request,
            "accounts/set_password_invalid.html",
            {"page_title": "This link does not work"},
            status=404,
        )
    form = NewPasswordForm(user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.set_password_from_link(
            Actor.from_request(request), user, form.cleaned_data["new_password"]
        )
        messages.success(request, "Your password is set. Sign in to carry on.")
        return redirect("accounts:sign-in")
    return render(
        request,
        "accounts/set_password.html",
        {"form": form, "person": user, "page_title": "Choose your password"},
    )


# Two-factor authentication ------------------------------------------------------------------


def _refuse_if_locked(request: HttpRequest) -> HttpResponse | None:
    """Two-factor guesses count towards the same lockout as passwords."""
    if not settings.AXES_ENABLED:
        return None
    credentials = {"email": signed_in_user(request).email}
    if AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return locked_out(request, None, credentials)
    return None


def _count_failure(request: HttpRequest) -> None:
    user_login_failed.send(
        sender=__name__,
        credentials={"email": signed_in_user(request).email},
        request=request,
    )
    if getattr(request, "axes_locked_out", False):
        logout(request)


def _qr_svg(device: TOTPDevice, email: str) -> str:
    import segno

    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, omitsize=True, dark="#0b0c0c", light="#ffffff"
    )
    label = escape(f"QR code to add casereview for {email} to your authenticator app")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _grouped_secret(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@signed_in_view
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    next_url = _safe_next(request)
    if user.is_verified():
        return redirect(next_url or "accounts:dashboard")
    if permissions.has_two_factor_device(user):
        # Only someone who has passed two-factor may replace it; otherwise a stolen password
        # would be enough to enrol a new phone.
        return redirect(_with_next("accounts:two-factor-verify", next_url))
    locked = _refuse_if_locked(request)
    if locked:
        return locked
    device = services.pending_totp_device(user)
    form = TotpSetUpForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        codes = form.confirm(Actor.from_request(request), device)
        if codes is not None:
            otp_login(request, device)
            return render(
                request,
                "accounts/backup_codes_new.html",
                {
                    "codes": codes,
                    "continue_url": next_url or reverse("accounts:dashboard"),
                    "page_title": "Two-factor authentication is set up",
                    "just_enrolled": True,
                },
            )
        _count_failure(request)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": mark_safe(_qr_svg(device, user.email)),  # segno's own markup
            "secret": _grouped_secret(device),
            "page_title": "Set up two-factor authentication",
        },
    )


@signed_in_view
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    next_url = _safe_next(request)
    if user.is_verified():
        return redirect(next_url or "accounts:dashboard")
    if not permissions.has_two_factor_device(user):
        return redirect(_with_next("accounts:two-factor-setup", next_url))
    locked = _refuse_if_locked(request)
    if locked:
        return locked
    form = TwoFactorCodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        result = services.verify_second_factor(
            Actor.from_request(request), form.cleaned_data["code"]
        )
        if result.device is not None:
            otp_login(request, result.device)
            if isinstance(result.device, StaticDevice) and result.backup_codes_left <= 3:
                messages.warning(
                    request,
                    f"You have {result.backup_codes_left} backup codes left. "
                    "Create new ones from your account page.",
                )
            return redirect(next_url or "accounts:dashboard")
        _count_failure(request)
        form.add_error(
            "code",
            "That code is not right. Enter the code your app shows now, or an unused backup code",
        )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": next_url, "page_title": "Enter your two-factor code"},
    )


# The person's own pages ---------------------------------------------------------------------


@staff_view
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    return render(
        request,
        "accounts/account.html",
        {
            "boards": permissions.roles_by_board(user),
            "national_roles": permissions.national_roles(user),
            "backup_codes_left": services.backup_codes_left(user),
            "page_title": "Your account",
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = ChangePasswordForm(user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.change_password(Actor.from_request(request), form.cleaned_data["new_password"])
        update_session_auth_hash(request, user)
        messages.success(request, "Your password has been changed.")
        return redirect("accounts:account")
    return render(
        request,
        "accounts/change_password.html",
        {"form": form, "page_title": "Change your password"},
    )


@staff_view
@require_http_methods(["GET", "POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        codes = services.replace_backup_codes(Actor.from_request(request))
        return render(
            request,
            "accounts/backup_codes_new.html",
            {
                "codes": codes,
                "continue_url": reverse("accounts:account"),
                "page_title": "Your new backup codes",
            },
        )
    return render(
        request,
        "accounts/backup_codes.html",
        {
            "backup_codes_left": services.backup_codes_left(signed_in_user(request)),
            "page_title": "Backup codes",
        },
    )


# Administration -----------------------------------------------------------------------------


@administrator_view
@require_safe
def manage_boards(request: HttpRequest) -> HttpResponse:
    boards = Board.objects.order_by("name").prefetch_related("memberships")
    return render(
        request, "accounts/manage_boards.html", {"boards": boards, "page_title": "Boards"}
    )


@administrator_view
@require_http_methods(["GET", "POST"])
def board_create(request: HttpRequest) -> HttpResponse:
    form = BoardForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        board = services.create_board(Actor.from_request(request), form.cleaned_data)
        messages.success(request, f"{board.name} has been added.")
        return redirect("accounts:manage-boards")
    return render(
        request,
        "accounts/board_form.html",
        {"form": form, "board": None, "page_title": "Add a board"},
    )


@administrator_view
@require_http_methods(["GET", "POST"])
def board_edit(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_object_or_404(Board, slug=slug)
    initial = {f: getattr(board, f) for f in services.BOARD_FIELDS}
    form = BoardForm(
        request.POST if request.method == "POST" else None, board=board, initial=initial
    )
    if form.is_valid():
        services.update_board(Actor.from_request(request), board, form.cleaned_data)
        messages.success(request, f"{board.name} has been updated.")
        return redirect("accounts:manage-boards")
    return render(
        request,
        "accounts/board_form.html",
        {"form": form, "board": board, "page_title": f"Change {board.name}"},
    )


def _filtered_users(filters: UserFilterForm) -> Any:
    users = User.objects.order_by("full_name", "email")
    if not filters.is_valid():
        return users
    board, role, q = (filters.cleaned_data.get(k) for k in ("board", "role", "q"))
    if role == "panel":
        users = users.filter(is_panel_member=True)
    elif role == "administrator":
        users = users.filter(is_administrator=True)
    if board and role in Role.values:
        # One filter() call, so board and role must match on the same membership.
        users = users.filter(memberships__board=board, memberships__role=role)
    elif board:
        users = users.filter(memberships__board=board)
    elif role in Role.values:
        users = users.filter(memberships__role=role)
    if q:
        users = users.filter(Q(full_name__icontains=q) | Q(email__icontains=q))
    return users.distinct()


@administrator_view
@require_safe
def manage_users(request: HttpRequest) -> HttpResponse:
    filters = UserFilterForm(request.GET)
    users = _filtered_users(filters).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("board"))
    )
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/manage_users.html",
        {
            "filters": filters,
            "boards": Board.objects.order_by("name"),
            "page": page,
            "query": query.urlencode(),
            "role_changes": recent_role_changes(),
            "page_title": "Users",
        },
    )


@administrator_view
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserDetailsForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        person = services.create_user(Actor.from_request(request), form.details())
        link = request.build_absolute_uri(
            services.issue_set_up_link(Actor.from_request(request), person)
        )
        return render(
            request,
            "accounts/user_created.html",
            {
                "person": person,
                "link": link,
                "timeout_days": _link_days(),
                "page_title": f"{person.full_name} has been added",
            },
        )
    return render(request, "accounts/user_create.html", {"form": form, "page_title": "Add a user"})


def _link_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


def _person(user_id: int) -> User:
    return get_object_or_404(User, pk=user_id)


@administrator_view
@require_safe
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _person(user_id)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "person": person,
            "memberships": person.memberships.select_related("board").order_by("board__name"),
            "national_roles": permissions.national_roles(person),
            "has_two_factor": permissions.has_two_factor_device(person),
            "has_password": person.has_usable_password(),
            "is_self": person.pk == request.user.pk,
            "role_changes": recent_role_changes(person),
            "page_title": person.full_name or person.email,
        },
    )


@administrator_view
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _person(user_id)
    form = UserEditForm(
        request.POST if request.method == "POST" else None,
        user=person,
        actor=signed_in_user(request),
    )
    if form.is_valid():
        try:
            services.update_user(Actor.from_request(request), person, form.details())
        except services.NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"The details of {person.full_name} have been updated.")
            return redirect("accounts:user-detail", user_id=person.pk)
    return render(
        request,
        "accounts/user_edit.html",
        {
            "form": form,
            "person": person,
            "own_roles_fixed": not services.may_change_roles_of(request.user, person),
            "page_title": f"Change {person.full_name}",
        },
    )


def _refuse_own_roles(request: HttpRequest, person: User) -> HttpResponse:
    """Back to the person's page with the reason: the service would refuse the change anyway."""
    messages.error(request, services.OWN_ROLES_REFUSAL)
    return redirect("accounts:user-detail", user_id=person.pk)


@administrator_view
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _person(user_id)
    if not services.may_change_roles_of(request.user, person):
        return _refuse_own_roles(request, person)
    form = MembershipForm(request.POST if request.method == "POST" else None, user=person)
    if form.is_valid():
        membership = services.add_membership(
            Actor.from_request(request),
            person,
            form.cleaned_data["board"],
            form.cleaned_data["role"],
            form.cleaned_data["agency"],
        )
        messages.success(request, f"{person.full_name} is now {membership}.")
        return redirect("accounts:user-detail", user_id=person.pk)
    return render(
        request,
        "accounts/membership_add.html",
        {
            "form": form,
            "person": person,
            "boards": Board.objects.order_by("name"),
            "page_title": f"Give {person.full_name} a role",
        },
    )


@administrator_view
@require_http_methods(["GET", "POST"])
def membership_remove(request: HttpRequest, user_id: int, membership_id: int) -> HttpResponse:
    person = _person(user_id)
    membership = get_object_or_404(
        Membership.objects.select_related("board"), pk=membership_id, user=person
    )
    if not services.may_change_roles_of(request.user, person):
        return _refuse_own_roles(request, person)
    if request.method == "POST":
        label = str(membership)
        services.remove_membership(Actor.from_request(request), membership)
        messages.success(request, f"{person.full_name} is no longer {label}.")
        return redirect("accounts:user-detail", user_id=person.pk)
    return render(
        request,
        "accounts/membership_remove.html",
        {"person": person, "membership": membership, "page_title": "Remove this role?"},
    )


@administrator_view
@require_POST
def user_reset_two_factor(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _person(user_id)
    services.reset_two_factor(Actor.from_request(request), person)
    messages.success(
        request,
        f"{person.full_name}'s two-factor authentication has been reset. "
        "They will set it up again next time they sign in.",
    )
    return redirect("accounts:user-detail", user_id=person.pk)


@administrator_view
@require_POST
def user_set_up_link(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _person(user_id)
    if not person.is_active:
        raise Http404("Deactivated people cannot be sent a set-up link.")
    link = request.build_absolute_uri(
        services.issue_set_up_link(Actor.from_request(request), person)
    )
    return render(
        request,
        "accounts/user_created.html",
        {
            "person": person,
            "link": link,
            "new_link": True,
            "timeout_days": _link_days(),
            "page_title": "Password set-up link",
        },
    )
