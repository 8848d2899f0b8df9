"""Checking the command line's account details before it calls the same services as the web.

The web's forms check what an administrator types; these checks do that for ``casereview
createuser``'s arguments, in plain words. The change itself is ``services.create_user`` and
``services.add_membership``, one transaction, with the command line as its actor.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from casereview.accounts import services
from casereview.accounts.cleaning import clean_line
from casereview.accounts.models import Board, Role, User
from casereview.audit.actors import Actor


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
    actor = Actor.command_line()
    values = {
        "email": email,
        "full_name": full_name,
        "is_administrator": administrator,
        "is_panel_member": panel_member,
    }
    with transaction.atomic():
        user = services.create_user(actor, values, password=password)
        if board is not None and role:
            services.add_membership(actor, user, board, role, agency)
    return user
