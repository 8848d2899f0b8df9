"""`casereview search` reads every word after it as the query, including one starting with "-"
(the syntax for leaving a word out), with or without "--" before the words."""

from __future__ import annotations

import pytest

from casereview import cli
from tests.repository.conftest import add_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_reviews() -> None:
    add_document("The child was left hungry: a pattern of neglect at home.", title="Neglect review")
    add_document("The child moved school three times in one year.", title="School moves review")


def search(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = cli.main(["search", *argv])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.mark.parametrize(
    "argv",
    [
        ("child", "-neglect"),
        ("--", "child", "-neglect"),
        ("--limit", "5", "child", "-neglect"),
        ("child", "-neglect", "--limit=5"),
    ],
)
def test_it_leaves_out_a_word_written_with_a_minus(
    two_reviews: None, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    status, said = search(capsys, *argv)
    assert status == 0, said
    assert "1 published documents match 'child -neglect'" in said
    assert "School moves review" in said
    assert "Neglect review" not in said


@pytest.mark.parametrize("argv", [("-neglect",), ("--", "-neglect"), ("--json", "-neglect")])
def test_it_answers_a_query_of_one_left_out_word_in_plain_english(
    two_reviews: None, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    status, said = search(capsys, *argv)
    assert "Add a word to search for, as well as the words to leave out." in said
    assert "unrecognized arguments" not in said
    assert status == (0 if "--json" in argv else 1)
