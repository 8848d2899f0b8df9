"""Helpers for the accounts tests: password-only sessions and real TOTP codes."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import User
from tests.factories import PASSWORD


def code_for(device: TOTPDevice) -> str:
    """The code an authenticator app would show now for this device."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def password_only_client(user: User) -> Client:
    """Signed in with the password through the real form, but not yet through two-factor."""
    client = Client()
    response = client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


@pytest.fixture
def no_otp_throttle(settings: pytest.FixtureRequest) -> None:
    """django-otp slows down guesses after a wrong code; tests that retry at once turn it off."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]
