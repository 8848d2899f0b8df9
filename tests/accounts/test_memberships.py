"""Giving people roles on boards and taking them away (an action owner needs an agency)."""

from __future__ import annotations

import pytest

from casereview.accounts.models import Membership, Role
from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def add_role(client, person, board, role: str, agency: str = ""):
    return client.post(
        f"/manage/users/{person.pk}/roles/new/", {"board": board.pk, "role": role, "agency": agency}
    )


def test_it_gives_a_role_and_records_it(personas) -> None:
    response = add_role(
        signed_in_client(personas.ada), personas.charlie, personas.board_a, Role.CHAIR
    )
    assert response["Location"] == f"/manage/users/{personas.charlie.pk}/"
    assert Membership.objects.filter(
        user=personas.charlie, board=personas.board_a, role=Role.CHAIR
    ).exists()
    event = Event.objects.get(action=Action.MEMBERSHIP_ADDED)
    assert event.board == personas.board_a
    assert event.changes["role"] == [None, "chair"]
    assert event.changes["user"] == [None, "Charlie Outsider"]
    assert signed_in_client(personas.charlie).get("/boards/ashbourne-vale/").status_code == 200


def test_it_gives_an_action_owner_role_with_its_agency(personas) -> None:
    add_role(
        signed_in_client(personas.ada),
        personas.charlie,
        personas.board_a,
        Role.ACTION_OWNER,
        "Health visiting",
    )
    membership = Membership.objects.get(user=personas.charlie, board=personas.board_a)
    assert membership.agency == "Health visiting"


def test_it_asks_for_the_agency_of_an_action_owner(personas) -> None:
    response = add_role(
        signed_in_client(personas.ada), personas.charlie, personas.board_a, Role.ACTION_OWNER
    )
    assert "Enter the agency this person owns actions for" in response.content.decode()
    assert not Membership.objects.filter(user=personas.charlie, board=personas.board_a).exists()


def test_it_refuses_an_agency_for_any_other_role(personas) -> None:
    response = add_role(
        signed_in_client(personas.ada), personas.charlie, personas.board_a, Role.CHAIR, "Police"
    )
    assert "Only agency action owners have an agency" in response.content.decode()
    assert not Membership.objects.filter(user=personas.charlie, board=personas.board_a).exists()


def test_it_refuses_a_role_the_person_already_has(personas) -> None:
    response = add_role(
        signed_in_client(personas.ada), personas.alice, personas.board_a, Role.CHAIR
    )
    assert "This person already has this role on this board" in response.content.decode()


def test_it_asks_to_confirm_before_removing_a_role(personas) -> None:
    membership = personas.bob.memberships.get()
    url = f"/manage/users/{personas.bob.pk}/roles/{membership.pk}/remove/"
    response = signed_in_client(personas.ada).get(url)
    assert response.status_code == 200
    assert "Remove this role?" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_it_removes_a_role_and_records_what_it_was(personas) -> None:
    membership = personas.dana.memberships.get()
    url = f"/manage/users/{personas.dana.pk}/roles/{membership.pk}/remove/"
    response = signed_in_client(personas.ada).post(url)
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = Event.objects.get(action=Action.MEMBERSHIP_REMOVED)
    assert event.board == personas.board_a
    assert event.changes["role"] == ["action_owner", None]
    assert event.changes["agency"] == ["Police", None]
    assert signed_in_client(personas.dana).get("/boards/ashbourne-vale/").status_code == 404


def test_it_gives_a_404_for_a_role_that_belongs_to_someone_else(personas) -> None:
    membership = personas.bob.memberships.get()
    url = f"/manage/users/{personas.alice.pk}/roles/{membership.pk}/remove/"
    assert signed_in_client(personas.ada).post(url).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("name", ["alice", "charlie", "priya"])
def test_it_gives_anyone_but_an_administrator_a_404(personas, name: str) -> None:
    client = signed_in_client(getattr(personas, name))
    response = add_role(client, personas.charlie, personas.board_a, Role.CHAIR)
    assert response.status_code == 404
    membership = personas.bob.memberships.get()
    url = f"/manage/users/{personas.bob.pk}/roles/{membership.pk}/remove/"
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()
