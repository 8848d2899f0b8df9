"""The dashboard: a person's boards and roles, and every board for the national panel."""

from __future__ import annotations

import pytest

from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_it_shows_a_board_member_their_boards_and_roles(personas) -> None:
    html = signed_in_client(personas.dana).get("/dashboard/").content.decode()
    assert 'href="/boards/ashbourne-vale/"' in html
    assert "Agency action owner (Police)" in html
    assert "Brackenfield" not in html


def test_it_shows_the_national_panel_every_board(personas) -> None:
    html = signed_in_client(personas.priya).get("/dashboard/").content.decode()
    assert "National panel member" in html
    assert 'href="/boards/ashbourne-vale/"' in html
    assert 'href="/boards/brackenfield/"' in html


def test_it_shows_an_administrator_without_board_roles_their_tasks_instead(personas) -> None:
    html = signed_in_client(personas.ada).get("/dashboard/").content.decode()
    assert "Administrator" in html
    assert "Your tasks as an administrator" in html
    assert "You do not have a role on any board yet" not in html
    assert "/boards/ashbourne-vale/" not in html
