"""`casereview demo` adds accounts whose password is printed on screen, so it loads only into an
empty database (which it marks as a demo) or one it marked before, and never in production."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casereview import cli
from casereview.accounts.models import Board, DemoMark, User
from casereview.demo import DEMO_PEOPLE, DemoRefused, load_demo
from tests.factories import BoardFactory, UserFactory

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [person.email for person in DEMO_PEOPLE]


@pytest.fixture
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    return tmp_path


def demo_command(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(["demo", "--no-serve", "--reports", "2", "--seed", "7"])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def no_demo_accounts() -> bool:
    return not User.objects.filter(email__in=DEMO_EMAILS).exists()


def test_it_refuses_a_database_with_a_real_user(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    UserFactory(email="real.person@council.example")
    status, said = demo_command(capsys)
    assert status == 2
    assert "will not load into this database" in said
    assert "CASEREVIEW_DATA_DIR" in said
    assert no_demo_accounts()
    assert not DemoMark.objects.exists()


def test_it_refuses_a_database_with_a_real_board(data_dir: Path) -> None:
    BoardFactory(slug="real-board")
    with pytest.raises(DemoRefused, match="people, boards or documents"):
        load_demo(reports=2, seed=7)
    assert no_demo_accounts()
    assert list(Board.objects.values_list("slug", flat=True)) == ["real-board"]


def test_it_loads_into_an_empty_database_and_marks_it_as_a_demo(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, said = demo_command(capsys)
    assert status == 0, said
    assert "demo data is ready" in said
    assert DemoMark.objects.count() == 1
    assert not no_demo_accounts()


def test_it_loads_again_into_a_database_it_marked(data_dir: Path) -> None:
    load_demo(reports=2, seed=7)
    users = User.objects.count()
    load_demo(reports=2, seed=7)
    assert User.objects.count() == users
    assert DemoMark.objects.count() == 1


def test_it_refuses_in_production_mode_even_into_a_demo_database(
    data_dir: Path, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    load_demo(reports=2, seed=7)
    settings.PRODUCTION = True
    status, said = demo_command(capsys)
    assert status == 2
    assert "CASEREVIEW_PRODUCTION=1" in said
    with pytest.raises(DemoRefused, match="production mode"):
        load_demo(reports=2, seed=7)
