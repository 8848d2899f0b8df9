"""Your account page, and replacing your backup codes."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_static.models import StaticToken

from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_it_shows_your_name_email_and_roles(personas) -> None:
    html = signed_in_client(personas.alice).get("/account/").content.decode()
    assert "Alice Chair" in html and "alice@example.org" in html
    assert "Independent chair, Ashbourne Vale Safeguarding Children Partnership" in html
    assert 'href="/account/password/"' in html and 'href="/account/backup-codes/"' in html


def test_it_creates_new_backup_codes_that_replace_the_old_ones(personas) -> None:
    client = signed_in_client(personas.alice)
    first = client.post("/account/backup-codes/")
    old = set(StaticToken.objects.values_list("token", flat=True))
    second = client.post("/account/backup-codes/")
    new = set(StaticToken.objects.values_list("token", flat=True))
    assert len(old) == len(new) == 10
    assert not old & new
    assert all(code in second.content.decode() for code in new)
    assert first.status_code == second.status_code == 200
    assert Event.objects.filter(action=Action.BACKUP_CODES_CREATED).count() == 2


def test_it_does_not_show_backup_codes_again_on_a_get(personas) -> None:
    client = signed_in_client(personas.alice)
    client.post("/account/backup-codes/")
    html = client.get("/account/backup-codes/").content.decode()
    assert "10</strong> unused backup codes" in html
    assert not any(code in html for code in StaticToken.objects.values_list("token", flat=True))
