"""Who may use the case URLs (see tests/access.py for the vocabulary).

A board's cases are for its board managers and chair and for the national panel; lead
reviewers and action owners see none yet (no appointment exists), and outsiders and
administrators get a 404. Each row's kwargs create a case on board A at the stage it needs.
"""

from __future__ import annotations

from typing import Any

from casereview.cases.lifecycle import State
from tests.access import EVERYONE_SIGNED_IN, FORM_POST, Row, restricted
from tests.cases.factories import CaseFactory, IdentityFactory
from tests.conftest import Personas

CASE_PEOPLE = {"alice", "priya"}


def board_a(personas: Personas) -> dict[str, Any]:
    return {"slug": personas.board_a.slug}


def case_on_board_a(personas: Personas) -> dict[str, Any]:
    return {"pk": IdentityFactory(case__board=personas.board_a).case.pk}


def case_in_rapid_review(personas: Personas) -> dict[str, Any]:
    return {"pk": CaseFactory(board=personas.board_a, state=State.RAPID_REVIEW).pk}


def move_into_rapid_review(personas: Personas) -> dict[str, Any]:
    return {"pk": CaseFactory(board=personas.board_a).pk, "key": State.RAPID_REVIEW.value}


ROWS: dict[str, Row] = {
    # Everyone signed in has a list; it holds only the cases they may see.
    "cases:list": restricted(EVERYONE_SIGNED_IN),
    # Notifying: the board's managers and chair (Alice), not the panel or other roles.
    "cases:notify": restricted({"alice"}, post=FORM_POST, kwargs=board_a),
    "cases:detail": restricted(CASE_PEOPLE, kwargs=case_on_board_a),
    "cases:identity": restricted(CASE_PEOPLE, kwargs=case_on_board_a),
    "cases:timeline": restricted(CASE_PEOPLE, kwargs=case_on_board_a),
    # The panel sees why it may not record a decision or move a case (400 on POST).
    "cases:decision": restricted(CASE_PEOPLE, post=FORM_POST, kwargs=case_in_rapid_review),
    "cases:move": restricted(CASE_PEOPLE, post=FORM_POST, kwargs=move_into_rapid_review),
    "cases:advice": restricted({"priya"}, post=FORM_POST, kwargs=case_on_board_a),
}
