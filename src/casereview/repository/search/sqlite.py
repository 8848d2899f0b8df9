"""The SQLite backend of search: FTS5 over one row per document and one per page (migration
0002), and nothing else stored; docs/adr/0006-search.md measures why this is enough.

What matches is one MATCH over `repository_document_fts` (title and whole body). The order is
FTS5's bm25() over the same table, title weighted ten times the body, by the query's words
that tell documents apart: a word in half the documents or more gets no weight from bm25 (its
IDF is clamped to a millionth), so from `UNRANKED_FROM` documents on it is left out of the
ranking, which would otherwise read every position of it in nearly every report. The quote of
each document shown comes from the first matching pages in `repository_page_fts`, the one
using the words most often, marked by FTS5's snippet().
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection

from casereview.repository import index_words, quotes
from casereview.repository.query import STOP_WORDS, Query, to_fts5
from casereview.repository.quotes import MARK_END, MARK_START
from casereview.repository.search.base import (
    BODY_WEIGHT,
    PAGES_COMPARED,
    SNIPPET_WORDS,
    TITLE_WEIGHT,
    UNRANKED_FROM,
    in_given_order,
)

# FTS5's own setting for how many segments of a level it merges at once, and the one used
# while many documents are added (`bulk_loading`).
AUTOMERGE = 4
BULK_AUTOMERGE = 16
# Pages the write-ahead log may hold before SQLite copies them into the database file, while
# many documents are added (SQLite's default is 1,000 pages, 4 MB): a page that several
# documents change in turn (the index's b-tree, the full-text segments) is copied once.
BULK_WAL_PAGES = 16_000
# The full-text tables, merged after a bulk ingest.
FULL_TEXT = ("repository_document_fts", "repository_page_fts")


class SQLiteBackend:
    def matches(self, query: Query, documents: int = 0) -> list[int]:
        """`documents`: how many documents the library holds, for telling the common words."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT json_group_array(rowid) FROM repository_document_fts "
                "WHERE repository_document_fts MATCH %s",
                [to_fts5(query)],
            )
            ids: list[int] = json.loads(cursor.fetchone()[0])
            ranking = _ranking(cursor, query, documents)
            if ranking is None:
                return sorted(ids)
            cursor.execute(
                "SELECT json_group_array(id) FROM (SELECT rowid AS id "
                "FROM repository_document_fts WHERE repository_document_fts MATCH %s "
                "ORDER BY bm25(repository_document_fts, %s, %s), rowid)",
                [to_fts5(ranking), TITLE_WEIGHT, BODY_WEIGHT],
            )
            ranked: list[int] = json.loads(cursor.fetchone()[0])
        return in_given_order(ids, ranked)

    def snippets(self, query: Query, document_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
        found: dict[int, tuple[int, str]] = {}
        if not document_ids:
            return found
        with connection.cursor() as cursor:
            if any(term.prefix for term in query.terms()):
                return _quoted_pages(cursor, query, document_ids)
            match = to_fts5(query)
            marks = ", ".join(["%s"] * len(document_ids))
            cursor.execute(
                "SELECT document_id, MIN(id), MAX(id) FROM repository_page "
                f"WHERE document_id IN ({marks}) GROUP BY document_id",
                list(document_ids),
            )
            spans = cursor.fetchall()
            # The rowid range lets FTS5 seek straight to this document's pages. Only the first
            # PAGES_COMPARED matching pages are compared, by how often they use the words
            # (`_best_pages`), not by bm25(): bm25 first counts the pages of the whole library
            # that match, on every call (docs/adr/0006 measures both).
            matching: dict[int, list[int]] = {}
            for document_id, first, last in spans:
                cursor.execute(
                    "SELECT rowid FROM repository_page_fts "
                    "WHERE repository_page_fts MATCH %s AND rowid BETWEEN %s AND %s "
                    "ORDER BY rowid LIMIT %s",
                    [match, first, last, PAGES_COMPARED],
                )
                pages = [row[0] for row in cursor.fetchall()]
                if pages:
                    matching[document_id] = pages
            best = _best_pages(cursor, matching, _counted_words(query))
            for document_id, page_id in best.items():
                # snippet() runs only on the best page.
                cursor.execute(
                    "SELECT p.number, snippet(repository_page_fts, 0, %s, %s, %s, %s) "
                    "FROM repository_page_fts JOIN repository_page p "
                    "ON p.id = repository_page_fts.rowid "
                    "WHERE repository_page_fts MATCH %s AND repository_page_fts.rowid = %s "
                    "AND p.document_id = %s",
                    [MARK_START, MARK_END, "…", SNIPPET_WORDS, match, page_id, document_id],
                )
                row = cursor.fetchone()
                if row is not None:
                    found[document_id] = (row[0], row[1])
        return found

    def word_forms(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        return index_words.index_forms(words)

    @contextmanager
    def bulk_loading(self) -> Iterator[None]:
        """Many documents are about to be added, each in its own transaction, and the index
        merged afterwards (`merge_index`): FTS5 merges its segments 16 at a time meanwhile
        instead of 4, as merging them as they come is work the final merge does again, and the
        write-ahead log is copied into the database every `BULK_WAL_PAGES` pages instead of
        every 1,000 (8% of ingest's CPU on 120 reports). The usual settings are put back at
        the end; a run that is killed leaves automerge at 16, which costs nothing but a few
        more segments until the next merge (the log's setting is the connection's own and ends
        with it)."""
        self._automerge(BULK_AUTOMERGE)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint")
            (wal_pages,) = cursor.fetchone()
            cursor.execute(f"PRAGMA wal_autocheckpoint = {BULK_WAL_PAGES}")
        try:
            yield
        finally:
            self._automerge(AUTOMERGE)
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA wal_autocheckpoint = {int(wal_pages)}")

    def _automerge(self, segments: int) -> None:
        with connection.cursor() as cursor:
            for name in FULL_TEXT:
                cursor.execute(
                    f"INSERT INTO {name}({name}, rank) VALUES ('automerge', %s)", [segments]
                )

    def merge_index(self) -> None:
        """FTS5 adds each document as a small segment and merges segments as it goes, but a
        library ingested one report at a time still holds dozens, and every look-up visits
        each of them. Merging rewrites the index once; searches go on meanwhile."""
        with connection.cursor() as cursor:
            for name in FULL_TEXT:
                cursor.execute(f"INSERT INTO {name}({name}) VALUES ('optimize')")


def _ranking(cursor: Any, query: Query, documents: int) -> Query | None:
    """The query whose bm25 orders the matches: any of the query's words (phrases taken
    apart; ranking by a phrase compares every position of its words), less those in half the
    documents or more once the library holds `UNRANKED_FROM`; None when no word is left."""
    ranking = query.any_word()
    if documents >= UNRANKED_FROM:
        kept = []
        for clause in ranking.clauses:
            # Counting a word's documents reads its list of documents, not its positions.
            cursor.execute(
                "SELECT count(*) FROM repository_document_fts "
                "WHERE repository_document_fts MATCH %s",
                [to_fts5(Query((clause,)))],
            )
            if 2 * cursor.fetchone()[0] < documents:
                kept.append(clause)
        ranking = Query(tuple(kept))
    words = [t for c in ranking.clauses for t in c.include]
    if not words or all(not t.prefix and t.words[0] in STOP_WORDS for t in words):
        return None
    return ranking


def _quoted_pages(
    cursor: Any, query: Query, document_ids: Sequence[int]
) -> dict[int, tuple[int, str]]:
    """Quotes for a query with a prefix, chosen and marked in Python.

    FTS5 matches a prefix by merging the page lists of every index word that starts with it,
    on every statement, which the per-document statements of `SQLiteBackend.snippets` would
    repeat for every document shown (docs/adr/0006). Here each document's
    first PAGES_COMPARED pages are read in one statement, the page using the words most often
    is chosen (`_best_pages`' rule) and marked by `quotes.Quoter` with FTS5's own index forms.
    A document whose chosen page holds no word to mark gets no quote here.
    """
    marks = ", ".join(["%s"] * len(document_ids))
    cursor.execute(
        "SELECT document_id, number, text FROM repository_page "
        f"WHERE document_id IN ({marks}) AND number <= %s ORDER BY document_id, number",
        [*document_ids, PAGES_COMPARED],
    )
    words = _counted_words(query)
    best: dict[int, tuple[int, int, str]] = {}
    for document_id, number, text in cursor.fetchall():
        uses = _uses(text, words)
        if document_id not in best or uses > best[document_id][0]:
            best[document_id] = (uses, number, text)
    quoter = quotes.Quoter.of(query.terms(), index_words.index_forms)
    found: dict[int, tuple[int, str]] = {}
    for document_id, (_, number, text) in best.items():
        marked = quoter.quote(text, SNIPPET_WORDS)
        if marked is not None:
            found[document_id] = (number, marked)
    return found


def _counted_words(query: Query) -> list[str]:
    """The words and phrases whose occurrences choose the page to quote: every term but a
    single stop word, lower-cased."""
    return list(
        dict.fromkeys(
            " ".join(t.words).lower()
            for t in query.terms()
            if len(t.words) > 1 or t.words[0] not in STOP_WORDS
        )
    )


def _uses(text: str, words: Sequence[str]) -> int:
    """How often a page uses the (lower-case) words, each counted as a substring."""
    lower = text.lower()
    return sum(map(lower.count, words))


def _best_pages(
    cursor: Any, matching: dict[int, list[int]], words: Sequence[str]
) -> dict[int, int]:
    """For each document, the page (id) of its matching ones that uses the words most often;
    the first of them on a tie.

    Counting substrings is rough ("child" also counts "children") but only picks which of a
    shown document's matching pages to quote; FTS5 still decides what matches and what is
    highlighted. A phrase is counted as a whole, so a page with the phrase itself beats one
    with its words scattered. The texts are read in one statement and counted in Python,
    which measured several times cheaper than lower() and replace() per page and word in SQL.
    """
    best = {document_id: pages[0] for document_id, pages in matching.items()}
    compared = [page for pages in matching.values() if len(pages) > 1 for page in pages]
    if not words or not compared:
        return best
    marks = ", ".join(["%s"] * len(compared))
    cursor.execute(f"SELECT id, text FROM repository_page WHERE id IN ({marks})", compared)
    uses = {page: _uses(text, words) for page, text in cursor.fetchall()}
    for document_id, pages in matching.items():
        if len(pages) > 1:
            # max() keeps the first of equal counts; pages are in id order.
            best[document_id] = max(pages, key=lambda page: uses.get(page, -1))
    return best
