"""Every change to people, boards, roles, passwords and two-factor devices.

Each function is one transaction that also writes its audit event, so a change and its record
of who made it cannot part company. Views call these and nothing else to change state.

How people get their first password: an administrator creates the account with an unusable
password and is shown, once, a set-up link (Django's password-reset token: it expires after
``PASSWORD_RESET_TIMEOUT`` and stops working as soon as a password is set or the person signs
in). The administrator passes the link on; the person chooses a password under the same rules
as everyone else and then sets up two-factor at first sign-in. Nobody but the person ever knows
the password, and nothing depends on outgoing email, which offline deployments may not have.
The same link, issued again from the person's page, is how a forgotten password is replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Board, Membership, User
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import diff, record, snapshot

# Ten single-use codes: enough to get through a lost phone and its replacement, few enough
# to write down (the common choice of GitHub, Google and GOV.UK One Login).
BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "Backup codes"
TOTP_DEVICE_NAME = "Authenticator app"

BOARD_FIELDS = ("name", "slug", "local_authority", "region")
USER_FIELDS = ("full_name", "email", "is_panel_member", "is_administrator", "is_active")
# The national roles held on the person themself (board roles are memberships).
NATIONAL_ROLE_FIELDS = ("is_panel_member", "is_administrator")
MEMBERSHIP_FIELDS = ("user", "board", "role", "agency")

# Two people for every grant of power: an administrator who could give themself the panel role
# or a board role would reach restricted material no one else agreed they should see.
OWN_ROLES_REFUSAL = "You cannot change your own roles; ask another administrator."


class NotAllowed(Exception):
    """A change the rules forbid (the forms stop these first; this is the last line)."""


def may_change_roles_of(actor: Any, user: User) -> bool:
    return bool(actor.pk != user.pk)


def _refuse_own_roles(actor: Actor, user: User) -> None:
    # Nobody signed in means the command line, run by whoever may run it on the server.
    if actor.user is not None and not may_change_roles_of(actor.user, user):
        raise NotAllowed(OWN_ROLES_REFUSAL)


# Signing in and out -------------------------------------------------------------------------


def signed_in(actor: Actor, user: User) -> None:
    """``user`` has just signed in, from where ``actor`` says."""
    record(Action.SIGNED_IN, actor=replace(actor, user=user), obj=user, summary="Signed in")


def sign_in_failed(actor: Actor, email: str) -> None:
    """A refused password. The email tried is kept (never the password) to spot attacks."""
    record(
        Action.SIGN_IN_FAILED,
        actor=actor,
        summary=f"Sign-in refused for {email}"[:500],
        data={"email": email},
    )


def locked_out(actor: Actor, email: str) -> None:
    record(
        Action.LOCKED_OUT,
        actor=actor,
        summary=f"Sign-in locked for {email}"[:500],
        data={"email": email},
    )


def signed_out(actor: Actor) -> None:
    record(Action.SIGNED_OUT, actor=actor, obj=actor.user, summary="Signed out")


# Two-factor authentication ------------------------------------------------------------------


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up; reloading the page shows the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def confirm_totp_device(actor: Actor, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the device if the code is right; return the new backup codes, or None.

    The caller then marks its session as verified with this device (``django_otp.login``).
    """
    user = actor.signed_in_user
    if not device.verify_token(code):
        record(
            Action.TWO_FACTOR_FAILED,
            actor=actor,
            obj=user,
            summary="Wrong code while setting up two-factor authentication",
        )
        return None
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = _new_backup_codes(user)
    record(
        Action.TWO_FACTOR_ENROLLED,
        actor=actor,
        obj=user,
        summary="Set up an authenticator app",
        data={"backup_codes": BACKUP_CODE_COUNT},
    )
    return codes


@dataclass(frozen=True)
class Verification:
    device: Device | None
    backup_codes_left: int = 0


@transaction.atomic
def verify_second_factor(actor: Actor, code: str) -> Verification:
    """Check a code from the app, or a backup code (which is used up); audit either way.

    The caller marks its session as verified with the device returned (``django_otp.login``).
    """
    user = actor.signed_in_user
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if isinstance(device, TOTPDevice) and not (code.isdigit() and len(code) == 6):
            continue
        if isinstance(device, StaticDevice) and code.isdigit() and len(code) == 6:
            continue
        if device.verify_token(code):
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                record(
                    Action.BACKUP_CODE_USED,
                    actor=actor,
                    obj=user,
                    summary=f"Signed in with a backup code ({left} left)",
                    data={"backup_codes_left": left},
                )
                return Verification(device, left)
            record(Action.TWO_FACTOR_VERIFIED, actor=actor, obj=user, summary="Code accepted")
            return Verification(device)
    record(Action.TWO_FACTOR_FAILED, actor=actor, obj=user, summary="Two-factor code refused")
    return Verification(None)


@transaction.atomic
def replace_backup_codes(actor: Actor) -> list[str]:
    user = actor.signed_in_user
    codes = _new_backup_codes(user)
    record(
        Action.BACKUP_CODES_CREATED,
        actor=actor,
        obj=user,
        summary="Created new backup codes; the old ones no longer work",
    )
    return codes


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset_two_factor(actor: Actor, user: User) -> None:
    """Remove every device, so the person must set up two-factor again at next sign-in."""
    removed = [f"{type(d).__name__}: {d.name}" for d in devices_for_user(user, confirmed=None)]
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(
        Action.USER_TWO_FACTOR_RESET,
        actor=actor,
        obj=user,
        summary=f"Reset two-factor authentication for {user.email}",
        changes={"two_factor_devices": [removed, []]},
    )


# Passwords ----------------------------------------------------------------------------------


@transaction.atomic
def change_password(actor: Actor, new_password: str) -> None:
    """The caller keeps its session signed in (``update_session_auth_hash``)."""
    user = actor.signed_in_user
    user.set_password(new_password)
    user.save(update_fields=["password"])
    record(Action.PASSWORD_CHANGED, actor=actor, obj=user, summary="Changed their password")


def set_up_path(user: User) -> str:
    """A link that lets this person choose a password once (it stops working when they do)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:set-password", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def issue_set_up_link(actor: Actor, user: User) -> str:
    record(
        Action.USER_SET_UP_LINK_ISSUED,
        actor=actor,
        obj=user,
        summary=f"Issued a password set-up link for {user.email}",
    )
    return set_up_path(user)


@transaction.atomic
def set_password_from_link(actor: Actor, user: User, new_password: str) -> None:
    user.set_password(new_password)
    user.save(update_fields=["password"])
    record(
        Action.PASSWORD_SET,
        actor=replace(actor, user=user),
        obj=user,
        summary="Chose a password from a set-up link",
    )


# Boards -------------------------------------------------------------------------------------


@transaction.atomic
def create_board(actor: Actor, values: dict[str, Any]) -> Board:
    board = Board.objects.create(**{f: values[f] for f in BOARD_FIELDS})
    record(
        Action.BOARD_CREATED,
        actor=actor,
        obj=board,
        board=board,
        summary=f"Created the board {board.name}",
        changes=diff({}, snapshot(board, BOARD_FIELDS)),
    )
    return board


@transaction.atomic
def update_board(actor: Actor, board: Board, values: dict[str, Any]) -> dict[str, Any]:
    before = snapshot(board, BOARD_FIELDS)
    for field in BOARD_FIELDS:
        setattr(board, field, values[field])
    board.save()
    changes = diff(before, snapshot(board, BOARD_FIELDS))
    if changes:
        record(
            Action.BOARD_UPDATED,
            actor=actor,
            obj=board,
            board=board,
            summary=f"Changed the board {board.name}",
            changes=changes,
        )
    return changes


# People -------------------------------------------------------------------------------------


@transaction.atomic
def create_user(actor: Actor, values: dict[str, Any], *, password: str | None = None) -> User:
    """A new person. On the web they have no usable password and choose one through a set-up
    link; the command line, run by whoever runs the server, may give the first password."""
    user = User.objects.create_user(
        email=values["email"],
        password=password,
        full_name=values["full_name"],
        is_panel_member=values["is_panel_member"],
        is_administrator=values["is_administrator"],
    )
    record(
        Action.USER_CREATED,
        actor=actor,
        obj=user,
        summary=f"Created {user.full_name} <{user.email}>{actor.how}",
        changes=diff({}, snapshot(user, USER_FIELDS)),
    )
    return user


@transaction.atomic
def update_user(actor: Actor, user: User, values: dict[str, Any]) -> dict[str, Any]:
    if any(f in values and values[f] != getattr(user, f) for f in NATIONAL_ROLE_FIELDS):
        _refuse_own_roles(actor, user)
    if actor.user is not None and user.pk == actor.user.pk and values.get("is_active") is False:
        raise NotAllowed("You cannot deactivate yourself; ask another administrator.")
    before = snapshot(user, USER_FIELDS)
    for field in USER_FIELDS:
        if field in values:
            setattr(user, field, values[field])
    user.save()
    changes = diff(before, snapshot(user, USER_FIELDS))
    if changes:
        record(
            Action.USER_UPDATED,
            actor=actor,
            obj=user,
            summary=f"Changed {user.full_name} <{user.email}>",
            changes=changes,
        )
    return changes


@transaction.atomic
def add_membership(
    actor: Actor, user: User, board: Board, role: str, agency: str = ""
) -> Membership:
    _refuse_own_roles(actor, user)
    membership = Membership.objects.create(user=user, board=board, role=role, agency=agency)
    record(
        Action.MEMBERSHIP_ADDED,
        actor=actor,
        obj=user,
        board=board,
        summary=f"Gave {user.full_name} the role {membership}{actor.how}",
        changes=diff({}, snapshot(membership, MEMBERSHIP_FIELDS)),
        data={"membership_id": membership.pk},
    )
    return membership


@transaction.atomic
def remove_membership(actor: Actor, membership: Membership) -> None:
    user, board = membership.user, membership.board
    _refuse_own_roles(actor, user)
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    label, membership_id = str(membership), membership.pk
    membership.delete()
    record(
        Action.MEMBERSHIP_REMOVED,
        actor=actor,
        obj=user,
        board=board,
        summary=f"Removed the role {label} from {user.full_name}",
        changes={field: [value, None] for field, value in before.items()},
        data={"membership_id": membership_id},
    )


# Restricted material ------------------------------------------------------------------------


def board_viewed(actor: Actor, board: Board) -> None:
    record(
        Action.BOARD_VIEWED,
        actor=actor,
        obj=board,
        board=board,
        summary=f"Viewed the board page of {board.name}",
    )
