"""Setting up an authenticator app, and the backup codes that come with it."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.accounts.conftest import code_for, password_only_client
from tests.factories import totp_device

pytestmark = pytest.mark.django_db


def test_it_shows_an_accessible_qr_code_and_the_key_to_type_in(personas) -> None:
    client = password_only_client(personas.alice)
    response = client.get("/two-factor/set-up/")
    assert response.status_code == 200
    html = response.content.decode()
    svg = re.search(r"<svg[^>]*>", html[html.index('class="app-qr') :])
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    assert 'aria-label="QR code to add casereview for alice@example.org' in svg.group(0)
    assert " style=" not in html
    device = TOTPDevice.objects.get(user=personas.alice)
    assert device.confirmed is False
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] in html


def test_it_shows_the_same_key_when_the_page_is_reloaded(personas) -> None:
    client = password_only_client(personas.alice)
    client.get("/two-factor/set-up/")
    client.get("/two-factor/set-up/")
    assert TOTPDevice.objects.filter(user=personas.alice).count() == 1


def test_it_confirms_the_app_with_a_real_code_and_shows_ten_backup_codes(personas) -> None:
    client = password_only_client(personas.alice)
    client.get("/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=personas.alice)
    response = client.post("/two-factor/set-up/", {"code": code_for(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True
    tokens = list(StaticToken.objects.filter(device__user=personas.alice))
    assert len(tokens) == 10
    html = response.content.decode()
    assert all(token.token in html for token in tokens)
    assert "We will not show these codes again" in html
    assert StaticDevice.objects.get(user=personas.alice).name == "Backup codes"
    assert client.get("/dashboard/").status_code == 200
    assert Event.objects.filter(action=Action.TWO_FACTOR_ENROLLED, actor=personas.alice).exists()


def test_it_refuses_a_wrong_code_and_leaves_the_app_unconfirmed(personas) -> None:
    client = password_only_client(personas.alice)
    client.get("/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=personas.alice)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post("/two-factor/set-up/", {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False
    assert client.get("/dashboard/").status_code == 302
    assert Event.objects.filter(action=Action.TWO_FACTOR_FAILED).exists()


def test_it_asks_for_six_digits(personas) -> None:
    client = password_only_client(personas.alice)
    response = client.post("/two-factor/set-up/", {"code": "12ab"})
    assert "Enter the 6-digit code shown in your authenticator app" in response.content.decode()


def test_it_will_not_enrol_a_second_app_with_only_a_password(personas) -> None:
    totp_device(personas.alice)
    client = password_only_client(personas.alice)
    response = client.get("/two-factor/set-up/")
    assert response.status_code == 302
    assert response["Location"].startswith("/two-factor/verify/")
    assert TOTPDevice.objects.filter(user=personas.alice).count() == 1


def test_it_sends_an_anonymous_visitor_to_sign_in(client) -> None:
    response = client.get("/two-factor/set-up/")
    assert response["Location"].startswith("/sign-in/")
