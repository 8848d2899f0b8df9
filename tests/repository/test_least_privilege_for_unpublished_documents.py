"""Who sees a board's unpublished documents: its board managers and chair all of them, a lead
reviewer only those of the reviews they are appointed to, an action owner none (until action
plans attach documents to their agency's actions), the national panel every one."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from casereview.accounts.models import Role
from casereview.repository import access as repository_access
from casereview.repository.models import Document
from casereview.repository.services import ingest_file
from tests.cases.factories import CaseFactory, ReviewerFactory, appoint
from tests.conftest import Personas, signed_in_client
from tests.factories import MembershipFactory, UserFactory, verified


def unpublished(personas: Personas, text: str, case: Any = None) -> Document:
    result = ingest_file(text.encode(), f"{text[:12]}.txt", board=personas.board_a)
    assert result.document is not None
    if case is not None:
        Document.objects.filter(pk=result.document.pk).update(case=case)
    return result.document


@pytest.fixture
def documents(personas: Personas) -> dict[str, Any]:
    reviewed = CaseFactory(board=personas.board_a)
    other = CaseFactory(board=personas.board_a)
    appointment = appoint(reviewed, ReviewerFactory(user=personas.bob), by=personas.alice)
    return {
        "appointed": unpublished(personas, "Draft of the review Bob leads.", reviewed),
        "other case": unpublished(personas, "Draft of a review Bob is not on.", other),
        "no case": unpublished(personas, "A board paper with no case."),
        "appointment": appointment,
    }


def seen(user: Any) -> set[int]:
    return set(repository_access.visible_documents(verified(user)).values_list("pk", flat=True))


def test_a_lead_reviewer_sees_only_the_reviews_they_are_appointed_to(
    personas: Personas, documents: dict[str, Any]
) -> None:
    assert seen(personas.bob) == {documents["appointed"].pk}


def test_a_lead_reviewer_whose_appointment_ended_sees_none_of_them(
    personas: Personas, documents: dict[str, Any]
) -> None:
    documents["appointment"].ended_on = datetime.date(2026, 6, 1)
    documents["appointment"].save()

    assert seen(personas.bob) == set()


def test_an_action_owner_sees_no_unpublished_documents(
    personas: Personas, documents: dict[str, Any]
) -> None:
    assert seen(personas.dana) == set()


@pytest.mark.parametrize("role", [Role.CHAIR, Role.BOARD_MANAGER])
def test_the_boards_managers_and_chair_see_all_of_its_unpublished_documents(
    personas: Personas, documents: dict[str, Any], role: str
) -> None:
    person = UserFactory()
    MembershipFactory(user=person, board=personas.board_a, role=role)

    assert seen(person) == {documents[key].pk for key in ("appointed", "other case", "no case")}


def test_another_boards_manager_and_the_panel(
    personas: Personas, documents: dict[str, Any]
) -> None:
    assert seen(personas.charlie) == set()
    assert len(seen(personas.priya)) == 3


def test_a_reviewer_opens_the_page_of_their_review_and_gets_404_for_the_boards_others(
    personas: Personas, documents: dict[str, Any]
) -> None:
    bob = signed_in_client(personas.bob)

    def status(key: str) -> int:
        url = f"/repository/documents/{documents[key].sha256[:12]}/"
        return bob.get(url).status_code

    assert (status("appointed"), status("other case"), status("no case")) == (200, 404, 404)


def test_only_people_who_see_it_restricted_may_correct_its_record(
    personas: Personas, documents: dict[str, Any]
) -> None:
    document = documents["appointed"]
    may = {
        name: repository_access.may_check_record(verified(personas.by_name(name)), document)
        for name in ("alice", "bob", "dana", "charlie", "priya")
    }
    assert may == {"alice": True, "bob": True, "dana": False, "charlie": False, "priya": True}
