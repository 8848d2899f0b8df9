"""Administrators add people, change them, deactivate them and find them."""

from __future__ import annotations

import re

import pytest

from casereview.accounts.models import User
from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "full_name": "Erin Manager",
    "email": "Erin@Example.org",
    "national_roles": ["is_panel_member"],
}


def edit(client, person: User, **changes):
    values = {
        "full_name": person.full_name,
        "email": person.email,
        "national_roles": [
            f for f in ("is_panel_member", "is_administrator") if getattr(person, f)
        ],
        "is_active": "yes" if person.is_active else "no",
        **changes,
    }
    return client.post(f"/manage/users/{person.pk}/edit/", values)


def test_it_creates_a_user_without_a_password_and_shows_a_set_up_link(personas) -> None:
    response = signed_in_client(personas.ada).post("/manage/users/new/", NEW_PERSON)
    assert response.status_code == 200
    erin = User.objects.get(email="erin@example.org")
    assert erin.is_panel_member and not erin.is_administrator
    assert not erin.has_usable_password()
    html = response.content.decode()
    assert re.search(r"http://testserver/set-password/[^/]+/[^/]+/", html)
    event = Event.objects.get(action=Action.USER_CREATED)
    assert event.actor == personas.ada
    assert event.changes["email"] == [None, "erin@example.org"]
    assert event.changes["is_panel_member"] == [None, True]
    assert Event.objects.filter(action=Action.USER_SET_UP_LINK_ISSUED).exists()


def test_it_refuses_an_email_someone_already_uses(personas) -> None:
    response = signed_in_client(personas.ada).post(
        "/manage/users/new/", {**NEW_PERSON, "email": "ALICE@example.org"}
    )
    assert "Someone else already uses this email address" in response.content.decode()


def test_it_refuses_an_email_that_is_not_an_email(personas) -> None:
    response = signed_in_client(personas.ada).post(
        "/manage/users/new/", {**NEW_PERSON, "email": "erin"}
    )
    assert "Enter an email address in the correct format" in response.content.decode()


def test_it_deactivates_instead_of_deleting_and_records_the_change(personas) -> None:
    client = signed_in_client(personas.ada)
    bob_client = signed_in_client(personas.bob)
    response = edit(client, personas.bob, is_active="no")
    assert response.status_code == 302
    personas.bob.refresh_from_db()
    assert personas.bob.is_active is False
    event = Event.objects.get(action=Action.USER_UPDATED)
    assert event.changes == {"is_active": [True, False]}
    assert bob_client.get("/dashboard/").status_code == 302, "their session ends at once"


def test_it_records_each_changed_field(personas) -> None:
    edit(
        signed_in_client(personas.ada),
        personas.bob,
        full_name="Robert Reviewer",
        national_roles=["is_panel_member"],
    )
    event = Event.objects.get(action=Action.USER_UPDATED)
    assert event.changes == {
        "full_name": ["Bob Reviewer", "Robert Reviewer"],
        "is_panel_member": [False, True],
    }


def test_it_will_not_let_an_administrator_remove_their_own_administrator_role(personas) -> None:
    response = edit(signed_in_client(personas.ada), personas.ada, national_roles=[])
    assert "You cannot remove your own administrator role" in response.content.decode()
    personas.ada.refresh_from_db()
    assert personas.ada.is_administrator


def test_it_will_not_let_an_administrator_deactivate_themselves(personas) -> None:
    response = edit(signed_in_client(personas.ada), personas.ada, is_active="no")
    assert "You cannot deactivate yourself" in response.content.decode()
    personas.ada.refresh_from_db()
    assert personas.ada.is_active


def test_it_finds_people_by_name_or_email(personas) -> None:
    client = signed_in_client(personas.ada)
    html = client.get("/manage/users/", {"q": "police"}).content.decode()
    assert "Dana Police" in html and "Alice Chair" not in html
    html = client.get("/manage/users/", {"q": "ALICE@"}).content.decode()
    assert "Alice Chair" in html and "Dana Police" not in html


def test_it_filters_people_by_board_and_role(personas) -> None:
    client = signed_in_client(personas.ada)
    html = client.get("/manage/users/", {"board": "ashbourne-vale"}).content.decode()
    assert "Alice Chair" in html and "Bob Reviewer" in html and "Charlie Outsider" not in html
    html = client.get(
        "/manage/users/", {"board": "ashbourne-vale", "role": "lead_reviewer"}
    ).content.decode()
    assert "Bob Reviewer" in html and "Alice Chair" not in html
    html = client.get("/manage/users/", {"role": "panel"}).content.decode()
    assert "Priya Panel" in html and "Alice Chair" not in html


@pytest.mark.parametrize("name", ["alice", "charlie", "priya"])
def test_it_gives_anyone_but_an_administrator_a_404(personas, name: str) -> None:
    client = signed_in_client(getattr(personas, name))
    assert client.get("/manage/users/").status_code == 404
    assert client.post("/manage/users/new/", NEW_PERSON).status_code == 404
    assert edit(client, personas.bob, is_active="no").status_code == 404
    assert not User.objects.filter(email="erin@example.org").exists()
    personas.bob.refresh_from_db()
    assert personas.bob.is_active
