"""Creating people and boards outside the web interface: the command line and the demo loader.

Each function is atomic and writes its audit events in the same transaction.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from casereview.accounts.cleaning import clean_line
from casereview.accounts.models import Board, Membership, Role, User
from casereview.accounts.services import MEMBERSHIP_FIELDS, USER_FIELDS
from casereview.audit.events import Action
from casereview.audit.services import diff, record, snapshot


class AccountError(Exception):
    """A plain-English reason why an account could not be created."""


def create_user_from_command_line(
    *,
    email: str,
    full_name: str,
    password: str,
    administrator: bool = False,
    panel_member: bool = False,
    board_slug: str | None = None,
    role: str | None = None,
    agency: str = "",
) -> User:
    email = email.strip().lower()
    full_name = clean_line(full_name)
    if not full_name:
        raise AccountError("Give the person's name with --name.")
    if User.objects.filter(email=email).exists():
        raise AccountError(f"There is already a user with the email address {email}.")
    if bool(board_slug) != bool(role):
        raise AccountError("Give --board and --role together, or neither.")
    if role == Role.ACTION_OWNER and not agency:
        raise AccountError("An agency action owner needs --agency (the agency they act for).")
    if agency and role != Role.ACTION_OWNER:
        raise AccountError("Only an agency action owner has an --agency.")
    board = None
    if board_slug:
        board = Board.objects.filter(slug=board_slug).first()
        if board is None:
            raise AccountError(f"There is no board with the slug {board_slug!r}.")
    candidate = User(email=email, full_name=full_name)
    validate_password(password, candidate)
    with transaction.atomic():
        user = User.objects.create_user(
            email,
            password,
            full_name=full_name,
            is_administrator=administrator,
            is_panel_member=panel_member,
        )
        record(
            Action.USER_CREATED,
            obj=user,
            summary=f"Created {user.email} from the command line",
            # The same field-level record as an administrator's change on the web, so the
            # list of role changes shows roles given here too.
            changes=diff({}, snapshot(user, USER_FIELDS)),
            data={"administrator": administrator, "panel_member": panel_member},
        )
        if board is not None and role:
            membership = Membership.objects.create(user=user, board=board, role=role, agency=agency)
            record(
                Action.MEMBERSHIP_ADDED,
                obj=user,
                board=board,
                summary=f"Gave {user.full_name} the role {membership} from the command line",
                changes=diff({}, snapshot(membership, MEMBERSHIP_FIELDS)),
                data={"membership_id": membership.pk},
            )
    return user
