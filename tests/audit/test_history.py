"""One record's history: every event about it, oldest first, each change as old → new."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.audit.conftest import MakeEvent
from tests.conftest import Personas, signed_in_client

START = datetime.datetime(2026, 3, 3, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def ada(personas: Personas) -> Client:
    return signed_in_client(personas.ada)


def history_of(client: Client, object_type: str, object_id: str) -> str:
    url = reverse("audit:history", kwargs={"object_type": object_type, "object_id": object_id})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_a_records_changes_oldest_first_as_old_and_new_values(
    ada: Client, personas: Personas, make_event: MakeEvent
) -> None:
    about_bob = {"object_type": "accounts.user", "object_id": str(personas.bob.pk)}
    make_event(
        Action.USER_UPDATED,
        actor=personas.ada,
        at=START + datetime.timedelta(days=1),
        object_label="Robert Reviewer",
        changes={"full_name": ["Bob Reviewer", "Robert Reviewer"]},
        **about_bob,
    )
    make_event(
        Action.USER_CREATED,
        actor=personas.ada,
        at=START,
        object_label="Bob Reviewer",
        changes={"email": [None, "bob@example.org"]},
        **about_bob,
    )

    page = history_of(ada, **about_bob)

    assert "History of Robert Reviewer" in page
    assert "full_name" in page
    assert "Bob Reviewer → Robert Reviewer" in page
    assert "(blank) → bob@example.org" in page
    assert page.index("Created a user") < page.index("Changed a user")


def test_it_leaves_out_other_records(
    ada: Client, personas: Personas, make_event: MakeEvent
) -> None:
    make_event(object_type="accounts.user", object_id="1", summary="about record one")
    make_event(object_type="accounts.user", object_id="2", summary="about record two")
    make_event(object_type="accounts.board", object_id="1", summary="about a board")

    page = history_of(ada, "accounts.user", "1")

    assert "about record one" in page
    assert "about record two" not in page
    assert "about a board" not in page


def test_it_says_when_a_record_has_no_history(ada: Client) -> None:
    page = history_of(ada, "accounts.user", "424242")

    assert "No events have been recorded for this record." in page


def test_reading_a_history_is_audited_without_joining_that_history(
    ada: Client, personas: Personas
) -> None:
    history_of(ada, "accounts.board", str(personas.board_a.pk))

    viewed = Event.objects.get(action=Action.AUDIT_VIEWED)
    assert viewed.object_type == ""
    assert viewed.data["history_of"] == {
        "object_type": "accounts.board",
        "object_id": str(personas.board_a.pk),
    }
    assert not Event.objects.filter(object_type="accounts.board").exists()


def test_it_escapes_recorded_values(ada: Client, make_event: MakeEvent) -> None:
    make_event(
        object_type="accounts.user",
        object_id="9",
        changes={"full_name": ["<b>old</b>", "<script>new</script>"]},
    )

    page = history_of(ada, "accounts.user", "9")

    assert "&lt;script&gt;new&lt;/script&gt;" in page
    assert "<script>new" not in page
