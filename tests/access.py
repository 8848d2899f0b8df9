"""The vocabulary of the access matrix: who may GET and POST a URL, as rows of one table.

Each app lists its URLs in ``tests/<app>/access_rows.py`` as ``ROWS: dict[str, Row]`` built
with ``public`` and ``restricted`` below; tests/accounts/test_access_matrix.py gathers them all
and checks every person against every named URL. The rules are DESIGN §2 and
casereview.accounts.permissions:

- public pages answer everyone;
- anonymous visitors to any other page are sent to sign in (before anything is looked up);
- a signed-in person without the right gets 404, never 403, so nothing reveals what exists;
- a method a view does not take is 405, but only once the person may see the page at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from tests.conftest import PERSONA_NAMES, Personas

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
# Least privilege for board A's unpublished documents: its chair and the national panel. Bob
# (lead reviewer) sees only the reviews he is appointed to and Dana (action owner) only what
# her agency's actions need; neither applies to the sample document.
BOARD_A_RESTRICTED_READERS = {"alice", "priya"}
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


def with_anonymous(row: Row, *, get: Expected | None = None, post: Expected | None = None) -> Row:
    """A public row whose anonymous visitor is treated differently from signed-in people."""
    return Row(
        get={**row.get, "anonymous": get or row.get["anonymous"]},
        post={**row.post, "anonymous": post or row.post["anonymous"]},
        kwargs=row.kwargs,
    )
