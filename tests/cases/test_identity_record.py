"""The child's identity record: the board's managers and chair and the national panel see it,
every view is audited, and nobody else learns it exists."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.cases.factories import IdentityFactory
from tests.conftest import Personas, signed_in_client


@pytest.mark.parametrize("persona", ["alice", "priya"])
def test_the_chair_and_the_panel_see_the_identity_and_each_view_is_audited(
    persona: str, personas: Personas
) -> None:
    identity = IdentityFactory(case__board=personas.board_a)
    user = personas.by_name(persona)
    url = reverse("cases:identity", kwargs={"pk": identity.case.pk})

    first = signed_in_client(user).get(url)
    signed_in_client(user).get(url)

    assert first.status_code == 200
    assert "Tamsin Example-Fictional" in first.content.decode()
    events = Event.objects.filter(action=Action.CASE_IDENTITY_VIEWED)
    assert events.count() == 2
    assert {(e.actor, e.board, e.object_id) for e in events} == {
        (user, personas.board_a, str(identity.case.pk))
    }


def test_a_board_manager_sees_the_identity(personas: Personas, mo: object) -> None:
    identity = IdentityFactory(case__board=personas.board_a)

    response = signed_in_client(mo).get(  # type: ignore[arg-type]
        reverse("cases:identity", kwargs={"pk": identity.case.pk})
    )

    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["bob", "dana", "charlie", "ada"])
def test_reviewers_action_owners_outsiders_and_administrators_get_a_404(
    persona: str, personas: Personas
) -> None:
    identity = IdentityFactory(case__board=personas.board_a)

    response = signed_in_client(personas.by_name(persona)).get(
        reverse("cases:identity", kwargs={"pk": identity.case.pk})
    )

    assert response.status_code == 404
    assert "Tamsin" not in response.content.decode()
    assert not Event.objects.filter(action=Action.CASE_IDENTITY_VIEWED).exists()


def test_the_case_page_never_shows_the_legal_name(personas: Personas) -> None:
    identity = IdentityFactory(case__board=personas.board_a)

    page = signed_in_client(personas.alice).get(
        reverse("cases:detail", kwargs={"pk": identity.case.pk})
    )

    assert identity.case.pseudonym in page.content.decode()
    assert "Tamsin" not in page.content.decode()
