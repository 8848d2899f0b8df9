"""Entering a code from the app, or a backup code, after the password."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.accounts.conftest import code_for, password_only_client
from tests.factories import totp_device

pytestmark = pytest.mark.django_db


def with_backup_codes(user, *codes: str) -> None:
    device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=device, token=code)


def test_it_lets_someone_in_with_the_code_from_their_app(personas) -> None:
    device = totp_device(personas.alice)
    client = password_only_client(personas.alice)
    response = client.post("/two-factor/verify/", {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    assert Event.objects.filter(action=Action.TWO_FACTOR_VERIFIED, actor=personas.alice).exists()


def test_it_returns_to_the_page_asked_for(personas) -> None:
    device = totp_device(personas.alice)
    client = password_only_client(personas.alice)
    response = client.post(
        "/two-factor/verify/", {"code": code_for(device), "next": "/boards/ashbourne-vale/"}
    )
    assert response["Location"] == "/boards/ashbourne-vale/"


def test_it_lets_someone_in_with_a_backup_code_and_uses_it_up(personas) -> None:
    totp_device(personas.alice)
    with_backup_codes(personas.alice, "abcd2345", "efgh6723")
    client = password_only_client(personas.alice)
    response = client.post("/two-factor/verify/", {"code": "ABCD 2345"})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["efgh6723"]
    assert Event.objects.filter(action=Action.BACKUP_CODE_USED, actor=personas.alice).exists()


def test_it_refuses_a_backup_code_the_second_time(personas, no_otp_throttle) -> None:
    totp_device(personas.alice)
    with_backup_codes(personas.alice, "abcd2345", "efgh6723")
    password_only_client(personas.alice).post("/two-factor/verify/", {"code": "abcd2345"})
    client = password_only_client(personas.alice)
    response = client.post("/two-factor/verify/", {"code": "abcd2345"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get("/dashboard/").status_code == 302


def test_it_refuses_a_wrong_code_and_records_it(personas) -> None:
    totp_device(personas.alice)
    client = password_only_client(personas.alice)
    response = client.post("/two-factor/verify/", {"code": "000000"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and 'href="#code"' in html
    event = Event.objects.get(action=Action.TWO_FACTOR_FAILED)
    assert event.actor == personas.alice


def test_it_slows_down_guessing_after_a_wrong_code(personas) -> None:
    device = totp_device(personas.alice)
    client = password_only_client(personas.alice)
    client.post("/two-factor/verify/", {"code": "000000"})
    response = client.post("/two-factor/verify/", {"code": code_for(device)})
    assert response.status_code == 200, "django-otp's throttle should refuse an immediate retry"


def test_it_sends_someone_without_an_app_to_set_one_up(personas) -> None:
    client = password_only_client(personas.alice)
    response = client.get("/two-factor/verify/")
    assert response["Location"].startswith("/two-factor/set-up/")


def test_it_asks_for_a_fresh_code_at_every_sign_in(personas) -> None:
    device = totp_device(personas.alice)
    client = password_only_client(personas.alice)
    client.post("/two-factor/verify/", {"code": code_for(device)})
    client.post("/sign-out/")
    from tests.factories import PASSWORD

    client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
    assert client.get("/dashboard/").status_code == 302
