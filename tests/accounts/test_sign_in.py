"""Signing in with an email address and password."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.factories import PASSWORD, totp_device

pytestmark = pytest.mark.django_db


def test_it_shows_the_sign_in_form(client: Client) -> None:
    response = client.get("/sign-in/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="email"' in html and 'name="password"' in html
    assert "csrfmiddlewaretoken" in html


def test_it_sends_someone_without_two_factor_to_set_it_up(client: Client, personas) -> None:
    response = client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/two-factor/set-up/"
    assert client.session[SESSION_KEY] == str(personas.alice.pk)


def test_it_sends_someone_with_two_factor_to_enter_a_code(client: Client, personas) -> None:
    totp_device(personas.alice)
    response = client.post("/sign-in/", {"email": "Alice@Example.org ", "password": PASSWORD})
    assert response["Location"] == "/two-factor/verify/"


def test_it_records_a_sign_in_in_the_audit_trail(client: Client, personas) -> None:
    client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
    event = Event.objects.get(action=Action.SIGNED_IN)
    assert event.actor == personas.alice
    assert event.ip_address == "127.0.0.1"


def test_it_carries_a_safe_next_address_through_two_factor(client: Client, personas) -> None:
    totp_device(personas.alice)
    response = client.post(
        "/sign-in/?next=/boards/ashbourne-vale/",
        {"email": "alice@example.org", "password": PASSWORD},
    )
    assert response["Location"] == "/two-factor/verify/?next=%2Fboards%2Fashbourne-vale%2F"


def test_it_ignores_a_next_address_on_another_site(client: Client, personas, settings) -> None:
    settings.DEMO_WAIVE_2FA = True
    response = client.post(
        "/sign-in/",
        {"email": "alice@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/dashboard/"


@pytest.mark.parametrize(
    ("email", "password"),
    [("alice@example.org", "wrong-Password-1"), ("nobody@example.org", PASSWORD)],
    ids=["wrong password", "unknown email"],
)
def test_it_refuses_bad_details_with_the_same_message_whether_or_not_the_email_exists(
    client: Client, personas, email: str, password: str
) -> None:
    response = client.post("/sign-in/", {"email": email, "password": password})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Your email address or password is not right" in html
    assert 'href="#email"' in html
    assert SESSION_KEY not in client.session
    assert "Error: Sign in" in html


def test_it_records_a_failed_sign_in_with_the_email_but_never_the_password(
    client: Client, personas
) -> None:
    client.post("/sign-in/", {"email": "alice@example.org", "password": "wrong-Password-1"})
    event = Event.objects.get(action=Action.SIGN_IN_FAILED)
    assert event.data == {"email": "alice@example.org"}
    assert event.actor is None
    assert "wrong-Password-1" not in str(event.data) + event.summary


def test_it_asks_for_both_fields_when_they_are_empty(client: Client, db) -> None:
    html = client.post("/sign-in/", {"email": "", "password": ""}).content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html
    assert 'href="#password"' in html


def test_it_refuses_a_deactivated_person_with_the_generic_message(client: Client, personas) -> None:
    personas.alice.is_active = False
    personas.alice.save()
    response = client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
    assert "Your email address or password is not right" in response.content.decode()
