"""Who may use the recommendation checker: every signed-in person (drafts are never stored)."""

from __future__ import annotations

from tests.access import EVERYONE_SIGNED_IN, FORM_POST, Row, restricted

ROWS: dict[str, Row] = {
    "recommendations:check": restricted(EVERYONE_SIGNED_IN, post=FORM_POST),
}
