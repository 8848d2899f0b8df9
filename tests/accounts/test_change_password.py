"""Changing your own password, under the password rules in settings."""

from __future__ import annotations

import pytest

from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.conftest import signed_in_client
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def change(client, new: str, confirm: str | None = None, current: str = PASSWORD):
    return client.post(
        "/account/password/",
        {"current_password": current, "new_password": new, "confirm_password": confirm or new},
    )


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("Short-1", "This password is too short. It must contain at least 12 characters."),
        ("123456789012345", "This password is entirely numeric."),
        ("passwordpassword", "Your password must mix letters with numbers or symbols."),
        ("password1234", "This password is too common."),
        ("alice@example.org1", "The password is too similar to the email."),
    ],
    ids=["too short", "only numbers", "letters only", "common", "like the email"],
)
def test_it_refuses_a_weak_password_with_a_plain_message(personas, new: str, message: str) -> None:
    client = signed_in_client(personas.alice)
    response = change(client, new)
    assert response.status_code == 200
    assert message in response.content.decode()
    personas.alice.refresh_from_db()
    assert personas.alice.check_password(PASSWORD)


def test_it_refuses_the_wrong_current_password(personas) -> None:
    response = change(signed_in_client(personas.alice), "Lantern-orbit-47", current="wrong")
    assert "Your current password is not right" in response.content.decode()


def test_it_refuses_passwords_that_do_not_match(personas) -> None:
    response = change(signed_in_client(personas.alice), "Lantern-orbit-47", "Lantern-orbit-48")
    assert "The passwords do not match" in response.content.decode()


def test_it_changes_a_strong_password_keeps_them_signed_in_and_records_it(personas) -> None:
    client = signed_in_client(personas.alice)
    response = change(client, "Lantern-orbit-47")
    assert response["Location"] == "/account/"
    personas.alice.refresh_from_db()
    assert personas.alice.check_password("Lantern-orbit-47")
    assert client.get("/account/").status_code == 200
    event = Event.objects.get(action=Action.PASSWORD_CHANGED)
    assert event.actor == personas.alice
