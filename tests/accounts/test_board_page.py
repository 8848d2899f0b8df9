"""A board's restricted page: its people and the national panel only, and every view recorded."""

from __future__ import annotations

import pytest

from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db

URL = "/boards/ashbourne-vale/"


@pytest.mark.parametrize("name", ["alice", "bob", "dana", "priya"])
def test_it_shows_board_a_to_its_people_and_the_national_panel(personas, name: str) -> None:
    response = signed_in_client(getattr(personas, name)).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ashbourne Vale Safeguarding Children Partnership" in html
    assert "North West" in html
    assert "Dana Police" in html and "Agency action owner" in html and "Police" in html


@pytest.mark.parametrize("name", ["charlie", "ada"])
def test_it_hides_board_a_from_outsiders_and_administrators(personas, name: str) -> None:
    response = signed_in_client(getattr(personas, name)).get(URL)
    assert response.status_code == 404
    assert not Event.objects.filter(action=Action.BOARD_VIEWED).exists()


def test_it_gives_a_404_for_a_board_that_does_not_exist(personas) -> None:
    assert signed_in_client(personas.priya).get("/boards/no-such-board/").status_code == 404


def test_it_records_who_viewed_the_board_and_from_where(personas) -> None:
    client = signed_in_client(personas.priya)
    client.get(URL, REMOTE_ADDR="203.0.113.9")
    event = Event.objects.get(action=Action.BOARD_VIEWED)
    assert event.actor == personas.priya
    assert event.board == personas.board_a
    assert event.ip_address == "203.0.113.9"
    assert event.object_type == "accounts.board"
    assert event.object_id == str(personas.board_a.pk)
