"""A search longer than the parser reads, or with more terms than it keeps, is refused with a
plain message instead of being cut without a word (issue 16). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from casereview.repository.query import MAX_QUERY_CHARS, MAX_TERMS
from casereview.repository.search import search
from tests.repository.conftest import add_document, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def library() -> None:
    add_document("The health visitor saw signs of neglect at home.", title="Review A")


def test_it_refuses_a_search_longer_than_it_reads_and_says_how_long_it_may_be(
    library: None,
) -> None:
    text = "neglect " + "x" * MAX_QUERY_CHARS

    results = search(text)

    assert results.message == (
        f"Your search is {len(text):,} characters long, and searches can be up to "
        f"{MAX_QUERY_CHARS}. Keep the words that matter most and search again."
    )
    assert results.total == 0 and not results.hits


def test_it_refuses_a_search_with_more_terms_than_it_keeps(library: None) -> None:
    results = search(" OR ".join(["neglect", *(f"w{n}" for n in range(MAX_TERMS))]))

    assert results.message == (
        f"Your search has more than {MAX_TERMS} words and phrases. Use up to {MAX_TERMS}: "
        "keep those that matter most and search again."
    )
    assert not results.hits


def test_it_searches_a_query_at_both_limits(library: None) -> None:
    text = " OR ".join(["neglect", *(f"w{n}" for n in range(MAX_TERMS - 1))])
    text += " " * (MAX_QUERY_CHARS - len(text))

    results = search(text)

    assert len(text) == MAX_QUERY_CHARS
    assert results.message == ""
    assert titles(results.hits) == {"Review A"}


def test_the_search_page_shows_why_a_long_search_was_refused(library: None) -> None:
    response = Client().get(reverse("repository:search"), {"q": "neglect " * 100})

    assert response.status_code == 200
    assert "Keep the words that matter most and search again." in response.content.decode()
