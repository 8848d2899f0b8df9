"""A search result's page link carries the search, and the page marks its words.

The page marks what the search matched (the index's own word forms, phrases whole), the first
mark has the id the link's fragment names, and the search's text is escaped and limited to
the search box's length.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from casereview.repository.models import Document
from casereview.repository.query import MAX_QUERY_CHARS
from tests.repository.conftest import add_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def document() -> Document:
    return add_document(
        "Chapter one sets out the scope of the review.",
        "The health visitor saw signs of neglect and overcrowding at home. A child protection "
        "plan was made; the plan lapsed. Overcrowded rooms were noted again in the spring.",
        "Chapter three: the overcrowding was raised with the housing officer.",
        title="Review of Child P",
    )


def page_url(document: Document, number: int) -> str:
    return reverse(
        "repository:document-page", kwargs={"ref": document.sha256[:12], "number": number}
    )


def marks(html: str) -> list[str]:
    body = html[html.index('<div class="app-page-text">') :]
    return re.findall(r"<mark[^>]*>(.*?)</mark>", body, re.S)


def test_the_result_links_to_its_page_with_the_search_and_the_first_match() -> None:
    document = add_document("Only one page, about overcrowding at home.", title="Review of P")

    results = Client().get(reverse("repository:search"), {"q": "overcrowding home"})

    assert f'href="{page_url(document, 1)}?q=overcrowding%20home#match-1"' in (
        results.content.decode()
    )


def test_the_page_marks_every_word_the_search_matched(document: Document) -> None:
    page = Client().get(page_url(document, 2), {"q": "overcrowding"}).content.decode()

    # The index's forms: "overcrowded" is marked for "overcrowding" where the index stems it
    # alike, so either way the word itself is marked and the first has the link's id.
    assert '<mark id="match-1">overcrowding</mark>' in page
    assert marks(page)[0] == "overcrowding"
    assert "highlighted on this page" in page


def test_a_phrase_is_marked_whole(document: Document) -> None:
    page = Client().get(page_url(document, 2), {"q": '"child protection plan"'}).content.decode()

    assert marks(page) == ["child protection plan"]


def test_moving_to_another_page_keeps_the_search(document: Document) -> None:
    page = Client().get(page_url(document, 2), {"q": "overcrowding"}).content.decode()

    assert f'href="{page_url(document, 3)}?q=overcrowding"' in page


def test_a_page_without_the_words_says_so(document: Document) -> None:
    page = Client().get(page_url(document, 1), {"q": "overcrowding"}).content.decode()

    assert marks(page) == []
    assert "None of the words of your search" in page


def test_hostile_search_text_is_escaped(document: Document) -> None:
    hostile = '<script>alert("x")</script> & overcrowding'

    page = Client().get(page_url(document, 2), {"q": hostile}).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(" in page
    assert "overcrowding</mark>" in page


def test_a_search_longer_than_the_search_box_allows_is_not_used_and_says_why(
    document: Document,
) -> None:
    too_long = "overcrowding " * (MAX_QUERY_CHARS // 13 + 1)

    page = Client().get(page_url(document, 2), {"q": too_long}).content.decode()

    assert marks(page) == []
    assert f"a search can be up to {MAX_QUERY_CHARS}" in page
    assert too_long.strip() not in page
