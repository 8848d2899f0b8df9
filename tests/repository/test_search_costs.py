"""What keeps a search cheap as the library grows (docs/adr/0006-search.md), without changing
what it finds: runs on SQLite and PostgreSQL, like test_search.py."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from casereview.repository.query import Clause, Query, Term, parse
from casereview.repository.search import _facet_counts, search
from tests.repository.conftest import add_document, titles


def test_ranking_takes_phrases_apart_into_words_and_leaves_out_stop_words() -> None:
    query = parse('"voice of the child" -housing assess* "child protection"')

    assert query.any_word() == Query(
        (
            Clause((Term(("voice",)),)),
            Clause((Term(("child",)),)),
            Clause((Term(("assess",), True),)),
            Clause((Term(("protection",)),)),
        )
    )


@contextmanager
def upstream_sqlite_parameter_limit() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    before = raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 32_766)
    try:
        yield
    finally:
        raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, before)


@pytest.mark.django_db
def test_facet_counts_take_more_matching_documents_than_sqlite_takes_parameters() -> None:
    document = add_document("Neglect was recognised late.", record={"year_published": 2020})
    # SQLite refuses a statement with more bound values than its limit (32,766 as built by
    # SQLite itself; Debian raises it): the ids must not be bound one by one, or the facets
    # would fail for the commonest words in a large library.
    ids = [document.pk, *range(10**6, 10**6 + 40_000)]

    with upstream_sqlite_parameter_limit():
        counts = _facet_counts(ids)

    assert ("year", "2020", 1) in counts


@pytest.mark.django_db
def test_the_snippet_quotes_the_page_that_uses_the_words_most() -> None:
    add_document(
        "Neglect is mentioned once here, among many other words about the family and school.",
        "Nothing relevant on this page at all.",
        "Neglect, and more neglect: the neglect was chronic and the neglect went unseen.",
        title="Review G",
    )

    (hit,) = search("neglect").hits

    assert hit.page == 3


@pytest.mark.django_db
def test_a_newly_published_document_is_found_by_the_very_next_search() -> None:
    add_document("Overcrowding in the first home.", title="Review H")
    assert titles(search("overcrowding").hits) == {"Review H"}

    add_document("Overcrowding in the second home.", title="Review I", name="second.txt")

    assert titles(search("overcrowding").hits) == {"Review H", "Review I"}


@pytest.mark.django_db
def test_the_search_page_lists_facet_values_as_checkboxes_ticking_the_chosen_ones() -> None:
    add_document(
        "Neglect at home.",
        title="Review J",
        record={"year_published": 2021, "abuse_types": ["neglect", "physical"]},
    )

    page = (
        Client()
        .get(reverse("repository:search"), {"q": "neglect", "abuse_type": "neglect"})
        .content.decode()
    )

    assert re.search(r'value="neglect" checked>\s*<label [^>]*>neglect \(1\)</label>', page)
    assert re.search(r'value="physical">\s*<label [^>]*>physical \(1\)</label>', page)
    ids = re.findall(r'id="(facet-[^"]+)"', page)
    assert "facet-abuse_type" in ids and "facet-abuse_type-2" in ids
    assert len(ids) == len(set(ids))
