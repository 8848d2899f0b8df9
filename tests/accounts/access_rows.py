"""Who may use the accounts, pages and audit URLs (see tests/access.py for the vocabulary)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.access import (
    ADMINISTRATORS,
    AUDIT_READERS,
    BOARD_A_PEOPLE,
    EVERYONE_SIGNED_IN,
    FORM_POST,
    NOT_ALLOWED,
    OK,
    SHOWN_OR_MOVED_ON,
    SIGN_IN,
    Row,
    answers,
    public,
    restricted,
    with_anonymous,
)
from tests.conftest import Personas


def board_a(personas: Personas) -> dict[str, Any]:
    return {"slug": personas.board_a.slug}


def bob(personas: Personas) -> dict[str, Any]:
    return {"user_id": personas.bob.pk}


def bobs_role(personas: Personas) -> dict[str, Any]:
    return {"user_id": personas.bob.pk, "membership_id": personas.bob.memberships.get().pk}


def bobs_set_up_link(personas: Personas) -> dict[str, Any]:
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(personas.bob.pk)),
        "token": default_token_generator.make_token(personas.bob),
    }


def board_a_history(personas: Personas) -> dict[str, Any]:
    return {"object_type": "accounts.board", "object_id": str(personas.board_a.pk)}


ROWS: dict[str, Row] = {
    # Public pages.
    "pages:home": public(),
    "pages:about": public(),
    "pages:accessibility": public(),
    "pages:privacy": public(),
    "pages:health": public(),
    # Signing in and out: open to anyone; someone already signed in may be moved on.
    "accounts:sign-in": with_anonymous(public(get=SHOWN_OR_MOVED_ON, post=FORM_POST), get=OK),
    "accounts:sign-out": public(get=NOT_ALLOWED, post=answers(302, SIGN_IN)),
    # A one-time set-up link works for whoever holds it; an empty form is shown again.
    "accounts:set-password": public(post=FORM_POST, kwargs=bobs_set_up_link),
    # Two-factor pages: signed in with a password, perhaps not yet with a code.
    "accounts:two-factor-setup": restricted(
        EVERYONE_SIGNED_IN, get=SHOWN_OR_MOVED_ON, post=FORM_POST
    ),
    "accounts:two-factor-verify": restricted(
        EVERYONE_SIGNED_IN, get=SHOWN_OR_MOVED_ON, post=FORM_POST
    ),
    # Anyone signed in with two-factor.
    "accounts:account": restricted(EVERYONE_SIGNED_IN),
    "accounts:change-password": restricted(EVERYONE_SIGNED_IN, post=FORM_POST),
    "accounts:backup-codes": restricted(EVERYONE_SIGNED_IN, post=FORM_POST),
    "accounts:dashboard": restricted(EVERYONE_SIGNED_IN),
    # A board's restricted page: its own people and the national panel, not outsiders or admins.
    "accounts:board": restricted(BOARD_A_PEOPLE, kwargs=board_a),
    # Administration.
    "accounts:manage-boards": restricted(ADMINISTRATORS),
    "accounts:board-create": restricted(ADMINISTRATORS, post=FORM_POST),
    "accounts:board-edit": restricted(ADMINISTRATORS, post=FORM_POST, kwargs=board_a),
    "accounts:manage-users": restricted(ADMINISTRATORS),
    "accounts:user-create": restricted(ADMINISTRATORS, post=FORM_POST),
    "accounts:user-detail": restricted(ADMINISTRATORS, kwargs=bob),
    "accounts:user-edit": restricted(ADMINISTRATORS, post=FORM_POST, kwargs=bob),
    "accounts:membership-add": restricted(ADMINISTRATORS, post=FORM_POST, kwargs=bob),
    "accounts:membership-remove": restricted(ADMINISTRATORS, post=FORM_POST, kwargs=bobs_role),
    "accounts:user-reset-two-factor": restricted(
        ADMINISTRATORS, get=NOT_ALLOWED, post=FORM_POST, kwargs=bob
    ),
    "accounts:user-set-up-link": restricted(
        ADMINISTRATORS, get=NOT_ALLOWED, post=FORM_POST, kwargs=bob
    ),
    # The audit trail: read-only, for administrators and the national panel.
    "audit:events": restricted(AUDIT_READERS),
    "audit:export": restricted(AUDIT_READERS),
    "audit:history": restricted(AUDIT_READERS, kwargs=board_a_history),
}
