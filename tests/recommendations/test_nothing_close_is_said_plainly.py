"""When nothing close has been recommended before, the pages say so in one sentence rather than
listing weak matches."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import Personas, signed_in_client
from tests.recommendations.test_recurrence_on_pages import OTHERS, page_of, review

pytestmark = pytest.mark.django_db

NOTHING_CLOSE = "Nothing close has been recommended before."
# Shares a word or two with earlier recommendations (domestic abuse; every contact): related,
# not close (about 0.3 and 0.2).
WEAK = "Health visitors should ask about domestic abuse at every contact."


def test_the_checker_lists_no_weak_matches_when_nothing_is_close(
    personas: Personas, files_dir: Any
) -> None:
    review(2016, OTHERS, name="earlier")

    response = signed_in_client(personas.bob).post(
        reverse("recommendations:check"), {"drafts": f"1. {WEAK}"}
    )

    page = response.content.decode()
    assert NOTHING_CLOSE in page
    assert not any(text in page for text in OTHERS)


def test_a_reviews_page_says_nothing_close_was_recommended_before(files_dir: Any) -> None:
    first = review(2016, OTHERS[:2], name="first")

    assert page_of(first).count(NOTHING_CLOSE) == 2
