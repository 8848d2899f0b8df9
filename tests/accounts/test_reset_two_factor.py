"""An administrator resets someone's two-factor so they must set it up again."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.conftest import signed_in_client
from tests.factories import totp_device

pytestmark = pytest.mark.django_db


def test_it_removes_their_devices_and_records_it(personas) -> None:
    alice_client = signed_in_client(personas.alice)
    alice_client.post("/account/backup-codes/")
    response = signed_in_client(personas.ada).post(
        f"/manage/users/{personas.alice.pk}/reset-two-factor/"
    )
    assert response["Location"] == f"/manage/users/{personas.alice.pk}/"
    assert not TOTPDevice.objects.filter(user=personas.alice).exists()
    assert not StaticDevice.objects.filter(user=personas.alice).exists()
    event = Event.objects.get(action=Action.USER_TWO_FACTOR_RESET)
    assert event.actor == personas.ada
    assert event.object_id == str(personas.alice.pk)
    assert event.changes["two_factor_devices"][1] == []
    assert len(event.changes["two_factor_devices"][0]) == 2
    follow = alice_client.get("/dashboard/")
    assert follow["Location"].startswith("/two-factor/set-up/")


def test_it_only_takes_a_post(personas) -> None:
    totp_device(personas.alice)
    client = signed_in_client(personas.ada)
    assert client.get(f"/manage/users/{personas.alice.pk}/reset-two-factor/").status_code == 405
    assert TOTPDevice.objects.filter(user=personas.alice).exists()


@pytest.mark.parametrize("name", ["alice", "charlie", "priya"])
def test_it_gives_anyone_but_an_administrator_a_404(personas, name: str) -> None:
    signed_in_client(personas.bob)
    response = signed_in_client(getattr(personas, name)).post(
        f"/manage/users/{personas.bob.pk}/reset-two-factor/"
    )
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=personas.bob).exists()
