"""The phrases a recommendation shares with another are marked where they stand in its text
(<mark>), on the checker page; every other character is escaped."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from markupsafe import escape

from casereview.recommendations.why import Marked
from tests.conftest import Personas, signed_in_client
from tests.recommendations.test_recurrence_on_pages import OTHERS, TRAINING, review


def test_each_shared_phrase_is_marked_and_the_rest_escaped() -> None:
    marked = Marked.of("Train <staff> on Bruising  in non-mobile infants & more", ["bruising in"])

    assert str(escape(marked)) == (
        "Train &lt;staff&gt; on <mark>Bruising  in</mark> non-mobile infants &amp; more"
    )
    assert str(marked) == "Train <staff> on Bruising  in non-mobile infants & more"


def test_a_phrase_not_in_the_text_marks_nothing() -> None:
    assert Marked.of("Audit the protocol.", ["safe sleep"]).parts == (
        ("Audit the protocol.", False),
    )


@pytest.mark.django_db
def test_the_checker_page_marks_the_phrases_shared_with_an_earlier_recommendation(
    personas: Personas, files_dir: Any
) -> None:
    review(2016, [TRAINING[0], *OTHERS], name="earlier")

    response = signed_in_client(personas.bob).post(
        reverse("recommendations:check"), {"drafts": f"1. {TRAINING[2]}"}
    )

    page = response.content.decode()
    assert re.search(r"<mark>[^<]*bruising in non-mobile infants</mark>", page)
