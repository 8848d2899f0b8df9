"""Who gets what: every person, every named URL, GET and POST, against one explicit table.

The URL list comes from walking the resolver, so a URL added later without a row here fails with
a message saying where to add it. The rules are DESIGN §2 and casereview.accounts.permissions:

- public pages answer everyone;
- anonymous visitors to any other page are sent to sign in (before anything is looked up);
- a signed-in person without the right gets 404, never 403, so nothing reveals what exists;
- a method a view does not take is 405, but only once the person may see the page at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.accounts.url_inventory import all_routes, named_routes
from tests.conftest import PERSONA_NAMES, Personas, signed_in_client

SIGN_IN = "sent to sign in"
"""A 302 whose Location is the sign-in page."""

Outcome = int | str
Expected = frozenset[Outcome]


def answers(*outcomes: Outcome) -> Expected:
    return frozenset(outcomes)


OK = answers(200)
NOT_FOUND = answers(404)
NOT_ALLOWED = answers(405)
TO_SIGN_IN = answers(SIGN_IN)
# A permitted POST of an empty form: re-shown with errors (200 or 400) or done and redirected.
FORM_POST = answers(200, 302, 400)
# Pages that may send someone already past that step onwards (sign-in, two-factor).
SHOWN_OR_MOVED_ON = answers(200, 302)

SIGNED_IN = [name for name in PERSONA_NAMES if name != "anonymous"]
BOARD_A_PEOPLE = {"alice", "bob", "dana", "priya"}
AUDIT_READERS = {"ada", "priya"}
ADMINISTRATORS = {"ada"}
EVERYONE_SIGNED_IN = set(SIGNED_IN)

Kwargs = Callable[[Personas], dict[str, Any]]


@dataclass(frozen=True)
class Row:
    get: dict[str, Expected]
    post: dict[str, Expected]
    kwargs: Kwargs = lambda personas: {}


def public(
    *, get: Expected = OK, post: Expected = NOT_ALLOWED, kwargs: Kwargs | None = None
) -> Row:
    """Anyone at all, signed in or not."""
    return Row(
        get=dict.fromkeys(PERSONA_NAMES, get),
        post=dict.fromkeys(PERSONA_NAMES, post),
        kwargs=kwargs or (lambda personas: {}),
    )


def restricted(
    allowed: Iterable[str],
    *,
    get: Expected = OK,
    post: Expected = NOT_ALLOWED,
    kwargs: Kwargs | None = None,
) -> Row:
    """Signed-in people in ``allowed`` get ``get``/``post``; others 404; anonymous to sign in."""
    allowed = set(allowed)

    def outcomes(permitted: Expected) -> dict[str, Expected]:
        table = {"anonymous": TO_SIGN_IN}
        table.update({name: permitted if name in allowed else NOT_FOUND for name in SIGNED_IN})
        return table

    return Row(get=outcomes(get), post=outcomes(post), kwargs=kwargs or (lambda personas: {}))


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


def with_anonymous(row: Row, *, get: Expected | None = None, post: Expected | None = None) -> Row:
    """A public row whose anonymous visitor is treated differently from signed-in people."""
    return Row(
        get={**row.get, "anonymous": get or row.get["anonymous"]},
        post={**row.post, "anonymous": post or row.post["anonymous"]},
        kwargs=row.kwargs,
    )


MATRIX: dict[str, Row] = {
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

METHODS = ["GET", "POST"]
URL_NAMES = sorted(named_routes())
CASES = [
    pytest.param(name, method, persona, id=f"{name}-{method}-{persona}")
    for name in URL_NAMES
    for method in METHODS
    for persona in PERSONA_NAMES
]


def outcome_of(status: int, location: str) -> Outcome:
    if status == 302 and location.startswith(reverse("accounts:sign-in")):
        return SIGN_IN
    return status


def request_as(client: Client, method: str, url: str) -> tuple[int, str]:
    response = client.get(url) if method == "GET" else client.post(url, {})
    return response.status_code, response.get("Location", "")


@pytest.mark.parametrize(("url_name", "method", "persona"), CASES)
def test_each_person_gets_the_answer_the_matrix_expects(
    url_name: str, method: str, persona: str, personas: Personas
) -> None:
    row = MATRIX.get(url_name)
    if row is None:
        pytest.fail(
            f"The URL {url_name!r} has no row in MATRIX in tests/accounts/test_access_matrix.py. "
            "Add one saying who may GET and POST it (and sample kwargs if it takes any)."
        )
    client = signed_in_client(personas.by_name(persona))
    # After signing in: a set-up link's token depends on the person's last sign-in.
    url = reverse(url_name, kwargs=row.kwargs(personas) or None)
    expected = (row.get if method == "GET" else row.post)[persona]

    status, location = request_as(client, method, url)

    assert status != 403, f"{method} {url} gave {persona} a 403; refuse with 404 instead"
    outcome = outcome_of(status, location)
    shown = f"302 to {location}" if status == 302 else status
    assert outcome in expected, (
        f"{method} {url} as {persona}: got {shown}, expected one of {sorted(map(str, expected))}"
    )


def test_every_url_pattern_has_a_name() -> None:
    unnamed = [route.pattern for route in all_routes() if route.name is None]
    assert not unnamed, f"Name these URL patterns so the access matrix can cover them: {unnamed}"


def test_the_matrix_has_no_rows_for_urls_that_no_longer_exist() -> None:
    stale = sorted(set(MATRIX) - set(URL_NAMES))
    assert not stale, f"Remove these rows from MATRIX; no such URL exists: {stale}"


def test_the_matrix_covers_every_url() -> None:
    missing = sorted(set(URL_NAMES) - set(MATRIX))
    assert not missing, f"Add rows to MATRIX in tests/accounts/test_access_matrix.py for: {missing}"
