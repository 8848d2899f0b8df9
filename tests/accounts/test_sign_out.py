"""Signing out: a POST, recorded in the audit trail."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY

from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_it_signs_someone_out_and_records_it(personas) -> None:
    client = signed_in_client(personas.alice)
    response = client.post("/sign-out/")
    assert response["Location"] == "/sign-in/"
    assert SESSION_KEY not in client.session
    assert Event.objects.get(action=Action.SIGNED_OUT).actor == personas.alice
    assert client.get("/dashboard/").status_code == 302


def test_it_refuses_to_sign_out_on_a_get(personas) -> None:
    client = signed_in_client(personas.alice)
    assert client.get("/sign-out/").status_code == 405
    assert SESSION_KEY in client.session
