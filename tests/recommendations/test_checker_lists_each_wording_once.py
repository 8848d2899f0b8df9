"""The checker lists the closest earlier recommendations once per wording: a template that
many reviews reused word for word takes one place, leaving room for other wordings of the same
lesson; each says in words how close it is."""

from __future__ import annotations

from typing import Any

import pytest

from casereview.recommendations.checker import EARLIER_SHOWN, check
from casereview.repository.models import Document
from tests.recommendations.test_recurrence_on_pages import OTHERS, TRAINING, review

pytestmark = pytest.mark.django_db


def test_a_reused_template_takes_one_place_among_the_closest(files_dir: Any) -> None:
    for year in range(2010, 2010 + EARLIER_SHOWN + 2):
        review(year, [TRAINING[0], OTHERS[year % len(OTHERS)]], name=f"copy-{year}")
    other_wording = review(2020, [TRAINING[2]], name="other-wording")

    [checked] = check([("1", TRAINING[1])], Document.objects.all())

    texts = [e.recommendation.text for e in checked.earlier]
    assert texts.count(TRAINING[0]) == 1, texts
    assert other_wording in [e.recommendation.document for e in checked.earlier]


def test_each_earlier_recommendation_says_how_close_it_is(files_dir: Any) -> None:
    review(2016, [TRAINING[0], *OTHERS], name="earlier")

    [checked] = check([("1", TRAINING[0])], Document.objects.all())
    found = {e["text"]: e["closeness"] for e in checked.to_json()["earlier"]}

    assert found[TRAINING[0]] == "very close"
    assert all(c in ("very close", "close", "related") for c in found.values())


def test_each_earlier_recommendation_says_why_in_words(files_dir: Any) -> None:
    review(2016, [TRAINING[0], *OTHERS], name="earlier")

    [checked] = check([("1", TRAINING[2])], Document.objects.all())
    [listed] = [e for e in checked.to_json()["earlier"] if e["text"] == TRAINING[0]]

    assert any("bruising in non-mobile infants" in phrase for phrase in listed["shared"])
    assert listed["why"].startswith("Very close: shares \u201c")
    assert listed["why"].endswith("both are training or awareness.")
