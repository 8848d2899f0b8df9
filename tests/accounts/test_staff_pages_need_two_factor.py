"""Every staff page wants two-factor first, unless the demo waives it."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.accounts.conftest import password_only_client
from tests.factories import PASSWORD, totp_device

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/dashboard/", "/account/", "/boards/ashbourne-vale/"])
def test_it_sends_someone_without_an_app_to_set_one_up(personas, path: str) -> None:
    response = password_only_client(personas.alice).get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/two-factor/set-up/?next={path}"


@pytest.mark.parametrize("path", ["/dashboard/", "/account/", "/manage/users/"])
def test_it_sends_someone_with_an_app_to_enter_a_code(personas, path: str) -> None:
    totp_device(personas.ada)
    response = password_only_client(personas.ada).get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/two-factor/verify/?next={path}"


def test_it_lets_a_demo_user_straight_in_when_two_factor_is_waived(
    client: Client, personas, settings
) -> None:
    settings.DEMO_WAIVE_2FA = True
    response = client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/boards/ashbourne-vale/").status_code == 200
