"""What keeps a search cheap as the library grows (docs/adr/0006-search.md), without changing
what it finds: runs on SQLite and PostgreSQL, like test_search.py."""

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
from casereview.repository.query import Clause, Query, Term, parse
from casereview.repository.search import Hit, search
from casereview.repository.search.postgres import _SHARES, _common_words
from casereview.repository.search.sqlite import MAX_PREFIX_WORDS
from casereview.repository.services import correct_field, ingest_file
from tests.repository.conftest import add_document, titles


def html(hit: Hit) -> str:
    """The snippet as the results page shows it."""
    return str(Markup(hit.snippet))


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
    # On SQLite the prefix is expanded to the index's words once per search (migration 0006);
    # what is found and highlighted must be what the prefix itself would find.
    add_document("Nothing relevant here.", "The assessor's assessment came late.", title="Review P")

    (hit,) = search("assess*").hits

    assert hit.page == 2
    assert "<mark>assessor" in html(hit)
    assert "<mark>assessment" in html(hit)


@pytest.mark.django_db
def test_a_prefix_starting_more_words_than_are_expanded_still_finds_and_highlights() -> None:
    words = " ".join(f"zqx{chr(97 + i)}{chr(97 + i)}" for i in range(MAX_PREFIX_WORDS + 4))
    add_document("Nothing relevant here.", f"A list: {words}.", title="Review Q")

    (hit,) = search("zqx*").hits

    assert hit.page == 2
    assert "<mark>zqxaa</mark>" in html(hit)


@pytest.mark.django_db
def test_when_most_documents_match_the_facets_still_count_only_the_matching_ones() -> None:
    # Over half the library matching, the counts are the library's less the non-matching
    # documents': a value held only by a document that does not match must not appear.
    for number, year in enumerate((2019, 2020, 2020)):
        add_document(f"Neglect was recognised late ({number}).", record={"year_published": year})
    add_document("Overcrowding only.", record={"year_published": 2018})

    facets = search("neglect").facets

    assert {(v.value, v.count) for v in facets["year"]} == {("2019", 1), ("2020", 2)}


@pytest.mark.django_db
def test_a_word_in_most_documents_still_matches_when_left_out_of_the_ranking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # From UNRANKED_FROM documents on, SQLite leaves such a word out of bm25 (it weighs
    # nothing there); lowered here so that three documents are enough.
    monkeypatch.setattr("casereview.repository.search.base.UNRANKED_FROM", 1)
    add_document("The family moved twice.", title="Review K", name="k.txt")
    add_document("The family was known to housing.", title="Overcrowding at home", name="l.txt")
    add_document("The family had no support.", title="Review M", name="m.txt")

    assert search("family").total == 3
    results = search("family overcrowding")
    assert [hit.document.title for hit in results.hits] == ["Overcrowding at home"]
    assert search("family OR overcrowding").hits[0].document.title == "Overcrowding at home"


@pytest.mark.django_db
def test_both_databases_leave_a_word_in_most_openings_out_of_the_ranking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "family" opens every review, so it decides no order: with it left out, the title that
    # holds "overcrowding" comes first, then the others in the order they were added, though
    # the last uses the word twice. On
    # PostgreSQL the shares come from the planner's statistics (ANALYZE).
    monkeypatch.setattr("casereview.repository.search.base.UNRANKED_FROM", 1)
    add_document("The family moved twice.", title="Review N", name="n.txt")
    add_document("The family was known to housing.", title="Overcrowding of a family", name="o")
    add_document("The family, the whole family, had no support.", title="Review P", name="p")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE repository_searchtext")
            _SHARES.clear()
            assert "famili" in _common_words(cursor, 3)

    ranked = [hit.document.title for hit in search("family OR overcrowding").hits]

    assert ranked == ["Overcrowding of a family", "Review N", "Review P"]


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


@pytest.mark.django_db
def test_postgresql_ranks_from_stored_weights_equal_to_ts_rank() -> None:
    # Migration 0012 stores, per word and document, the share ts_rank gives that word, so a
    # search sums rows instead of reading every ranked document's vector. The weights must be
    # ts_rank's, with the title ten times the body, and follow changes to the search text.
    if connection.vendor != "postgresql":
        pytest.skip("the stored rank weights are PostgreSQL's (SQLite stores counts for bm25)")
    kept = add_document(
        "Housing was poor and neglect was seen. Neglect again; housing again; neglect.",
        title="Neglect and housing",
    )
    removed = add_document("Assessments were late. The assessor assessed housing.", name="b")
    renamed = add_document("Nothing about homes here, only neglect.", title="Review C", name="c")
    correct_field(renamed.fields.get(name="title"), "Housing first", actor=Actor.command_line())
    removed.delete()

    sql = """
        SELECT s.document_id,
            ts_rank('{0.1,0.2,0.4,1.0}', s.rank_vector, to_tsquery('english', %s)) * %s,
            (SELECT coalesce(sum(w.weight), 0) FROM repository_rankweight w
             WHERE w.document_id = s.document_id AND (w.lexeme = ANY(%s) OR w.lexeme LIKE %s))
        FROM repository_searchtext s ORDER BY 1"""
    with connection.cursor() as cursor:
        cursor.execute(sql, ["neglect | housing", 2, ["neglect", "hous"], "-"])
        rows = cursor.fetchall()
        cursor.execute(sql, ["assess:*", 1, [], "assess%"])
        prefix = cursor.fetchall()
        cursor.execute("SELECT DISTINCT document_id FROM repository_rankweight ORDER BY 1")
        documents = [row[0] for row in cursor.fetchall()]
    assert [row[0] for row in rows] == documents == [kept.pk, renamed.pk]
    for _, expected, stored in rows + prefix:
        assert stored == pytest.approx(expected, rel=1e-5)
    # The renamed title holds "housing" now: weighed as a title word (A), above the body's.
    assert rows[1][2] > 0.5
    assert titles(search("housing").hits) == {"Neglect and housing", "Housing first"}


@pytest.mark.django_db
def test_sqlite_ranks_from_stored_counts_in_fts5s_own_bm25_order() -> None:
    # Migration 0014 stores, per index word and document, the word's column-weighted count and
    # the document's length, so a search reads rows instead of FTS5's bm25() reading every
    # ranked document's size. The order must be bm25's over the ranking table, with the title
    # ten times the body, and follow changes to the search text.
    if connection.vendor != "sqlite":
        pytest.skip("the stored counts are SQLite's (PostgreSQL has its own stored weights)")
    from casereview.repository import rank_terms

    add_document(
        "Housing was poor and neglect was seen. Neglect again; housing again; neglect.",
        title="Neglect and housing",
    )
    removed = add_document("Assessments were late. The assessor assessed housing.", name="b")
    renamed = add_document("Nothing about homes here, only neglect.", title="Review C", name="c")
    add_document("The assessment of housing need was thorough. " * 3, title="Review D", name="d")
    add_document("Housing, housing and more housing; an assessment.", title="Review E", name="e")
    correct_field(renamed.fields.get(name="title"), "Housing first", actor=Actor.command_line())
    removed.delete()

    def fts5(match: str) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM repository_rank_fts WHERE repository_rank_fts MATCH %s "
                "ORDER BY bm25(repository_rank_fts, 10, 1), rowid",
                [match],
            )
            return [row[0] for row in cursor.fetchall()]

    with connection.cursor() as cursor:
        for match, tokens, prefixes in [
            ('"housing"', ["hous"], []),
            ('"neglect" OR "housing"', ["neglect", "hous"], []),
            ('"assess"*', [], ["assess"]),
            ('"assess"* OR "housing"', ["hous"], ["assess"]),
        ]:
            assert rank_terms.ranked(cursor, tokens, prefixes) == fts5(match), match
        cursor.execute("SELECT documents FROM repository_ranktotal")
        assert cursor.fetchone()[0] == 4
        cursor.execute(
            "SELECT count(*) FROM repository_rankterm WHERE document_id = %s", [removed.pk]
        )
        assert cursor.fetchone()[0] == 0
    # The renamed title holds "housing" now, and ranks first for it.
    assert fts5('"housing"')[0] == renamed.pk


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
    # On PostgreSQL the match runs with sequential scans off: outside a transaction its
    # statements go together as one implicit transaction, inside one the setting is put back.
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
