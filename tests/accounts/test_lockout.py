"""Five refused attempts lock an account for 30 minutes (django-axes, keyed on the email)."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.accounts.conftest import password_only_client
from tests.factories import PASSWORD, totp_device

pytestmark = pytest.mark.django_db


def fail_to_sign_in(client: Client, email: str, times: int) -> None:
    for _ in range(times):
        client.post("/sign-in/", {"email": email, "password": "wrong-Password-1"})


def test_it_still_lets_the_right_password_in_after_four_failures(client: Client, personas) -> None:
    fail_to_sign_in(client, "alice@example.org", 4)
    response = client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(personas.alice.pk)


def test_it_locks_an_account_after_five_failed_sign_ins(client: Client, personas) -> None:
    fail_to_sign_in(client, "alice@example.org", 5)
    response = client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts to sign in" in html
    assert "You can try again after" in html
    assert SESSION_KEY not in client.session


def test_it_shows_the_lockout_page_on_the_fifth_failure(client: Client, personas) -> None:
    fail_to_sign_in(client, "alice@example.org", 4)
    response = client.post("/sign-in/", {"email": "alice@example.org", "password": "nope-Nope-1"})
    assert response.status_code == 429


def test_it_counts_failures_whatever_the_case_of_the_email(client: Client, personas) -> None:
    for email in [
        "alice@example.org",
        "ALICE@example.org",
        "Alice@Example.org ",
        "alice@EXAMPLE.org",
    ]:
        fail_to_sign_in(client, email, 1)
    fail_to_sign_in(client, "aLiCe@example.org", 1)
    response = client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 429


def test_it_counts_failures_from_different_browsers_against_the_same_account(personas) -> None:
    for _ in range(5):
        fail_to_sign_in(Client(HTTP_USER_AGENT=f"browser {_}"), "alice@example.org", 1)
    response = Client().post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 429


def test_it_does_not_lock_other_accounts(client: Client, personas) -> None:
    fail_to_sign_in(client, "alice@example.org", 5)
    response = client.post("/sign-in/", {"email": "bob@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_it_records_the_lockout_in_the_audit_trail(client: Client, personas) -> None:
    fail_to_sign_in(client, "alice@example.org", 5)
    event = Event.objects.filter(action=Action.LOCKED_OUT).first()
    assert event is not None
    assert event.data == {"email": "alice@example.org"}
    assert Event.objects.filter(action=Action.SIGN_IN_FAILED).count() == 5


def test_it_locks_the_account_after_five_wrong_two_factor_codes(personas, no_otp_throttle) -> None:
    totp_device(personas.alice)
    client = password_only_client(personas.alice)
    for _ in range(4):
        response = client.post("/two-factor/verify/", {"code": "000000"})
        assert response.status_code == 200
    response = client.post("/two-factor/verify/", {"code": "000000"})
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    again = Client().post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
    assert again.status_code == 429


def test_it_can_be_switched_off_for_the_demo(client: Client, personas, settings) -> None:
    settings.AXES_ENABLED = False
    fail_to_sign_in(client, "alice@example.org", 6)
    response = client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302
