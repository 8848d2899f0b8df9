"""Who may use the case URLs (see tests/access.py for the vocabulary).

A board's cases are for its board managers and chair and for the national panel; lead
reviewers see only cases they are appointed to (none here: Bob's board role alone opens
nothing), action owners see none, and outsiders and administrators get a 404. The reviewer
pool is for administrators. Each row's kwargs create a case on board A at the stage it needs.
"""

from __future__ import annotations

from typing import Any

from casereview.cases.lifecycle import State
from casereview.cases.models import Conflict
from tests.access import EVERYONE_SIGNED_IN, FORM_POST, NOT_ALLOWED, Row, answers, restricted
from tests.cases.factories import (
    CaseFactory,
    IdentityFactory,
    ReviewerFactory,
    add_file_version,
    appoint,
    decided,
)
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


# The review: reviewers, documents, the identity record's edit page and the plan's steps --------


def _decided_case(personas: Personas) -> Any:
    case = CaseFactory(board=personas.board_a)
    return decided(case, personas.alice)


def case_to_appoint_to(personas: Personas) -> dict[str, Any]:
    return {"pk": _decided_case(personas).pk}


def an_appointment(personas: Personas) -> dict[str, Any]:
    case = _decided_case(personas)
    appointment = appoint(case, ReviewerFactory(), personas.alice)
    return {"pk": case.pk, "appointment": appointment.pk}


def a_case_file_version(personas: Personas) -> dict[str, Any]:
    case = CaseFactory(board=personas.board_a)
    version = add_file_version(case, personas.alice)
    return {"pk": case.pk, "version": version.pk}


def case_with_a_document(personas: Personas) -> dict[str, Any]:
    return {"pk": a_case_file_version(personas)["pk"]}


def a_final_report_version(personas: Personas) -> dict[str, Any]:
    case = CaseFactory(board=personas.board_a, state=State.FINAL)
    version = add_file_version(case, personas.alice, kind="final_report")
    return {"pk": case.pk, "version": version.pk}


def a_rapid_review_step(personas: Personas) -> dict[str, Any]:
    case = CaseFactory(board=personas.board_a, state=State.RAPID_REVIEW)
    return {"pk": case.pk, "step": "rapid_review_agency_summaries"}


def a_reviewer(personas: Personas) -> dict[str, Any]:
    return {"reviewer": ReviewerFactory().pk}


def a_conflict(personas: Personas) -> dict[str, Any]:
    reviewer = ReviewerFactory()
    conflict = Conflict.objects.create(
        reviewer=reviewer, board=personas.board_a, nature="Worked there until 2024"
    )
    return {"reviewer": reviewer.pk, "conflict": conflict.pk}


ADMIN = {"ada"}

ROWS.update(
    {
        # The board appoints; the panel sees the reviewers and is told why it may not (400).
        "cases:reviewers": restricted(CASE_PEOPLE, post=FORM_POST, kwargs=case_to_appoint_to),
        "cases:end-appointment": restricted({"alice"}, post=FORM_POST, kwargs=an_appointment),
        "cases:documents": Row(
            get=restricted(CASE_PEOPLE).get,
            post=restricted({"alice"}, post=FORM_POST).post,
            kwargs=case_with_a_document,
        ),
        "cases:document": restricted(CASE_PEOPLE, kwargs=a_case_file_version),
        # POST only; the panel may see the case (so 405 on GET) but not send (404 on POST).
        "cases:document-to-repository": Row(
            get=restricted(CASE_PEOPLE, get=NOT_ALLOWED).get,
            post=restricted({"alice"}, post=answers(302)).post,
            kwargs=a_final_report_version,
        ),
        "cases:identity-edit": restricted({"alice"}, post=FORM_POST, kwargs=case_on_board_a),
        "cases:step": restricted({"alice"}, post=FORM_POST, kwargs=a_rapid_review_step),
        # The reviewer pool is kept by administrators.
        "cases:reviewer-pool": restricted(ADMIN),
        "cases:reviewer-add": restricted(ADMIN, post=FORM_POST),
        "cases:reviewer": restricted(ADMIN, post=FORM_POST, kwargs=a_reviewer),
        "cases:conflict-add": restricted(ADMIN, post=FORM_POST, kwargs=a_reviewer),
        "cases:conflict-withdraw": restricted(
            ADMIN, get=NOT_ALLOWED, post=answers(302), kwargs=a_conflict
        ),
    }
)
