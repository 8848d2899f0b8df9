"""Administrators add and change boards; everyone else gets a 404."""

from __future__ import annotations

import pytest

from casereview.accounts.models import Board
from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db

NEW_BOARD = {
    "name": "Cranmere Safeguarding Children Partnership",
    "slug": "",
    "local_authority": "Cranmere",
    "region": "east-midlands",
}


def test_it_lists_every_board_for_an_administrator(personas) -> None:
    html = signed_in_client(personas.ada).get("/manage/boards/").content.decode()
    assert "Ashbourne Vale" in html and "Brackenfield" in html


def test_it_creates_a_board_with_a_web_address_made_from_its_name(personas) -> None:
    response = signed_in_client(personas.ada).post("/manage/boards/new/", NEW_BOARD)
    assert response["Location"] == "/manage/boards/"
    board = Board.objects.get(slug="cranmere-safeguarding-children-partnership")
    event = Event.objects.get(action=Action.BOARD_CREATED)
    assert event.actor == personas.ada
    assert event.board == board
    assert event.changes["name"] == [None, NEW_BOARD["name"]]
    assert event.changes["region"] == [None, "east-midlands"]


def test_it_refuses_a_board_without_a_name_or_region(personas) -> None:
    response = signed_in_client(personas.ada).post(
        "/manage/boards/new/", {**NEW_BOARD, "name": "", "region": ""}
    )
    html = response.content.decode()
    assert "Enter the name of the board" in html
    assert "Select the region" in html
    assert not Event.objects.filter(action=Action.BOARD_CREATED).exists()


def test_it_refuses_a_web_address_another_board_uses(personas) -> None:
    response = signed_in_client(personas.ada).post(
        "/manage/boards/new/", {**NEW_BOARD, "slug": "brackenfield"}
    )
    assert "already used by another board" in response.content.decode()


def test_it_records_field_level_changes_when_a_board_is_edited(personas) -> None:
    client = signed_in_client(personas.ada)
    response = client.post(
        "/manage/boards/ashbourne-vale/edit/",
        {
            "name": "Ashbourne Vale Safeguarding Children Partnership",
            "slug": "ashbourne-vale",
            "local_authority": "Ashbourne Vale and Dale",
            "region": "north-west",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(action=Action.BOARD_UPDATED)
    assert event.changes == {"local_authority": ["Ashbourne Vale", "Ashbourne Vale and Dale"]}


@pytest.mark.parametrize("name", ["alice", "charlie", "priya"])
def test_it_gives_anyone_but_an_administrator_a_404(personas, name: str) -> None:
    client = signed_in_client(getattr(personas, name))
    assert client.get("/manage/boards/").status_code == 404
    assert client.post("/manage/boards/new/", NEW_BOARD).status_code == 404
    assert not Board.objects.filter(local_authority="Cranmere").exists()
