"""`casereview groups` lists every group of recommendations that carry one lesson, from
published reviews only; `--json` gives one object a line with the members' documents,
numbers, texts and years."""

from __future__ import annotations

import json
from typing import Any

import pytest

from casereview import cli
from tests.recommendations.test_recurrence_on_pages import OTHERS, TRAINING, review

pytestmark = pytest.mark.django_db


def test_it_lists_a_lesson_made_in_three_reviews_as_one_group(
    files_dir: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    first = review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    review(2019, [TRAINING[1], *OTHERS[3:]], name="second")
    review(2023, [TRAINING[2]], name="third")
    review(2024, [TRAINING[0]], published=False, name="unpublished")

    assert cli.main(["groups", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]

    training = [g for g in lines if any("bruising" in m["text"] for m in g["members"])]
    assert len(training) == 1
    members = training[0]["members"]
    assert [m["year"] for m in members] == [2016, 2019, 2023]
    assert members[0] == {
        "document": first.sha256,
        "number": "1",
        "text": TRAINING[0],
        "year": 2016,
    }
    assert training[0]["label"] == TRAINING[0]
    assert all(len(g["members"]) >= 2 for g in lines)


def test_without_json_it_says_how_many_groups_there_are(
    files_dir: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    review(2016, [TRAINING[0], OTHERS[0]], name="first")
    review(2019, [TRAINING[1], OTHERS[1]], name="second")

    assert cli.main(["groups"]) == 0
    said = capsys.readouterr().out
    assert "2 recommendations in 2 reviews: All staff working with babies" in said
    assert "1 group of recommendations made more than once." in said
