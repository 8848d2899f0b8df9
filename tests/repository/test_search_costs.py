"""What a search counts, quotes and writes stays true to the library as it changes: runs on
SQLite and PostgreSQL, like test_search.py."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from markupsafe import Markup

from casereview.audit.actors import Actor
from casereview.repository.models import Document
from casereview.repository.search import Hit, search
from casereview.repository.services import correct_field, ingest_file
from tests.repository.conftest import add_document, titles


def html(hit: Hit) -> str:
    """The snippet as the results page shows it."""
    return str(Markup(hit.snippet))


@pytest.mark.django_db
def test_facet_counts_follow_a_correction_made_after_the_last_search() -> None:
    document = add_document("Neglect was recognised late.", record={"year_published": 2020})
    assert {(v.value, v.count) for v in search("neglect").facets["year"]} == {("2020", 1)}

    correct_field(document.fields.get(name="year_published"), 2019, actor=Actor.command_line())

    assert {(v.value, v.count) for v in search("neglect").facets["year"]} == {("2019", 1)}


@pytest.mark.django_db
def test_facet_counts_never_reuse_what_a_rolled_back_change_showed() -> None:
    add_document("Neglect was recognised late.", record={"year_published": 2020})
    search("neglect")

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        add_document("Neglect again.", record={"year_published": 2017}, name="gone.txt")
        assert {v.value for v in search("neglect").facets["year"]} == {"2017", "2020"}
        raise Undo

    assert {(v.value, v.count) for v in search("neglect").facets["year"]} == {("2020", 1)}
    add_document("Neglect once more.", record={"year_published": 2016}, name="new.txt")
    assert {(v.value, v.count) for v in search("neglect").facets["year"]} == {
        ("2016", 1),
        ("2020", 1),
    }


@pytest.mark.django_db
def test_withdrawing_a_document_takes_it_out_of_the_public_counts_at_once() -> None:
    document = add_document("Neglect was recognised late.", record={"year_published": 2020})
    assert search("neglect").total == 1

    Document.objects.filter(pk=document.pk).update(is_published=False)

    results = search("neglect")
    assert results.total == 0
    assert results.facets["year"] == []


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


@pytest.mark.django_db
def test_a_prefix_quotes_and_highlights_the_words_it_starts() -> None:
    add_document("Nothing relevant here.", "The assessor's assessment came late.", title="Review P")

    (hit,) = search("assess*").hits

    assert hit.page == 2
    assert "<mark>assessor" in html(hit)
    assert "<mark>assessment" in html(hit)


@pytest.mark.django_db
def test_a_prefix_starting_many_words_still_finds_and_highlights() -> None:
    words = " ".join(f"zqx{chr(97 + i)}{chr(97 + i)}" for i in range(20))
    add_document("Nothing relevant here.", f"A list: {words}.", title="Review Q")

    (hit,) = search("zqx*").hits

    assert hit.page == 2
    assert "<mark>zqxaa</mark>" in html(hit)


@pytest.mark.django_db
def test_when_most_documents_match_the_facets_still_count_only_the_matching_ones() -> None:
    # A value held only by a document that does not match must not appear.
    for number, year in enumerate((2019, 2020, 2020)):
        add_document(f"Neglect was recognised late ({number}).", record={"year_published": year})
    add_document("Overcrowding only.", record={"year_published": 2018})

    facets = search("neglect").facets

    assert {(v.value, v.count) for v in facets["year"]} == {("2019", 1), ("2020", 2)}


class SearchTextWrites:
    """The statements that changed rows of the search text, while in effect."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        writes = re.match(r'\s*(INSERT INTO|UPDATE) "repository_searchtext"', sql)
        if writes and context["cursor"].rowcount:
            self.statements.append(sql.split()[0])
        return result

    @contextlib.contextmanager
    def counting(self) -> Iterator[list[str]]:
        self.statements = []
        with connection.execute_wrapper(self):
            yield self.statements


@pytest.mark.django_db
def test_ingest_writes_the_search_text_once_with_its_title() -> None:
    # Any write to the search text re-indexes the whole body (FTS5 triggers on SQLite;
    # generated vectors and phrase keys on PostgreSQL), so ingest writes it once, titled.
    text = "Serious case review: Child Q\n\nNeglect was recognised late by every agency."
    with SearchTextWrites().counting() as writes:
        result = ingest_file(text.encode(), "child-q.txt", published=True)
    assert result.document is not None
    assert writes == ["INSERT"]
    assert result.document.search_text.title == result.document.title != ""


@pytest.mark.django_db
def test_a_correction_rewrites_the_search_text_only_when_the_title_changes() -> None:
    document = add_document("Neglect was recognised late.", title="Child R")

    with SearchTextWrites().counting() as writes:
        correct_field(document.fields.get(name="year_published"), 2019, actor=Actor.command_line())
    assert writes == []

    with SearchTextWrites().counting() as writes:
        correct_field(
            document.fields.get(name="title"),
            "Child R: a renamed review",
            actor=Actor.command_line(),
        )
    assert writes == ["UPDATE"]
    assert titles(search("renamed").hits) == {"Child R: a renamed review"}


def test_facet_checkboxes_escape_values_and_labels() -> None:
    from casereview.repository.search import FacetValue
    from casereview.repository.views import facet_fields

    html = str(
        facet_fields(
            {
                "board": [
                    FacetValue('Ash "&" Elm', "Ash & Elm <Partnership>", 3, True),
                    FacetValue("Oak", "Oak", 1, False),
                ],
                "year": [],
            }
        )
    )

    assert 'value="Ash &#34;&amp;&#34; Elm" checked>' in html
    assert ">Ash &amp; Elm &lt;Partnership&gt; (3)</label>" in html
    assert 'id="facet-board-2" name="board" type="checkbox" value="Oak">' in html
    assert html.count("<fieldset") == 1 and "Year published" not in html


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("empty_audit_trail_afterwards")
def test_a_search_in_or_out_of_a_transaction_finds_the_same_and_leaves_settings_alone() -> None:
    # A search changes no setting of the connection, in a transaction or outside one.
    add_document("Neglect at home; housing was poor.", title="Review K")
    add_document("Housing only.", title="Review L", name="l.txt")

    def seqscan() -> str | None:
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            return str(cursor.fetchone()[0])

    before = seqscan()
    assert not connection.in_atomic_block
    outside = [h.document.title for h in search("housing -neglect OR neglect").hits]
    assert seqscan() == before
    with transaction.atomic():
        inside = [h.document.title for h in search("housing -neglect OR neglect").hits]
        assert seqscan() == before
    assert outside == inside and set(outside) == {"Review K", "Review L"}
    assert [h.document.title for h in search('"housing was poor"').hits] == ["Review K"]
