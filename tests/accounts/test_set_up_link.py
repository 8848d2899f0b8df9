"""A new person chooses their own password through a one-time set-up link."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from casereview.accounts.models import User
from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db

STRONG = "Lantern-orbit-47"


def new_person_link(personas) -> tuple[User, str]:
    response = signed_in_client(personas.ada).post(
        "/manage/users/new/", {"full_name": "Erin Manager", "email": "erin@example.org"}
    )
    match = re.search(r"http://testserver(/set-password/[^/]+/[^/]+/)", response.content.decode())
    assert match is not None
    return User.objects.get(email="erin@example.org"), match.group(1)


def test_it_lets_a_new_person_choose_a_password_and_then_sign_in(personas) -> None:
    erin, link = new_person_link(personas)
    client = Client()
    assert client.get(link).status_code == 200
    response = client.post(link, {"new_password": STRONG, "confirm_password": STRONG})
    assert response["Location"] == "/sign-in/"
    erin.refresh_from_db()
    assert erin.check_password(STRONG)
    event = Event.objects.get(action=Action.PASSWORD_SET)
    assert event.actor == erin
    signed_in = client.post("/sign-in/", {"email": "erin@example.org", "password": STRONG})
    assert signed_in["Location"] == "/two-factor/set-up/"


def test_it_works_only_once(personas) -> None:
    _, link = new_person_link(personas)
    Client().post(link, {"new_password": STRONG, "confirm_password": STRONG})
    response = Client().get(link)
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_it_applies_the_password_rules(personas) -> None:
    _, link = new_person_link(personas)
    response = Client().post(
        link, {"new_password": "erinmanager", "confirm_password": "erinmanager"}
    )
    html = response.content.decode()
    assert "This password is too short" in html
    assert "Your password must mix letters with numbers or symbols." in html


def test_it_refuses_a_made_up_link(db) -> None:
    assert Client().get("/set-password/MQ/abc-123/").status_code == 404


def test_an_administrator_can_issue_a_new_link(personas) -> None:
    response = signed_in_client(personas.ada).post(f"/manage/users/{personas.bob.pk}/set-up-link/")
    assert response.status_code == 200
    assert "/set-password/" in response.content.decode()
    assert Event.objects.get(action=Action.USER_SET_UP_LINK_ISSUED).object_id == str(
        personas.bob.pk
    )
