"""A person's name and a board's name lose Unicode's bidirectional controls, which would make
them display as something else; a name of nothing else is no name."""

from __future__ import annotations

import pytest

from casereview.accounts.models import Board, User
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db

# Every control in the issue: embeddings and overrides, isolates, the marks and the Arabic mark.
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def new_person(personas, full_name: str):
    return signed_in_client(personas.ada).post(
        "/manage/users/new/",
        {"full_name": full_name, "email": "erin@example.org", "national_roles": []},
    )


def new_board(personas, name: str):
    return signed_in_client(personas.ada).post(
        "/manage/boards/new/",
        {"name": name, "slug": "", "local_authority": "Cranmere", "region": "east-midlands"},
    )


def test_it_keeps_a_persons_name_without_the_controls(personas) -> None:
    response = new_person(personas, f"Erin\u202e{CONTROLS} Manager\u200f")

    assert response.status_code == 200
    assert User.objects.get(email="erin@example.org").full_name == "Erin Manager"


def test_it_asks_for_a_name_that_is_only_controls(personas) -> None:
    response = new_person(personas, f"{CONTROLS} {CONTROLS}")

    assert "Enter their name" in response.content.decode()
    assert not User.objects.filter(email="erin@example.org").exists()


def test_it_keeps_a_boards_name_without_the_controls(personas) -> None:
    response = new_board(personas, "Cranmere\u2066 Partnership\u2069")

    assert response["Location"] == "/manage/boards/"
    assert Board.objects.filter(name="Cranmere Partnership").exists()


def test_it_asks_for_a_board_name_that_is_only_controls(personas) -> None:
    response = new_board(personas, CONTROLS)

    assert "Enter the name of the board" in response.content.decode()
    assert not Board.objects.filter(local_authority="Cranmere").exists()
