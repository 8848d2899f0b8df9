"""The SQLite backend of search: FTS5 tables for documents, their openings, pages and phrases
(migrations 0002, 0006, 0008 and 0011)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection

from casereview.repository import phrases, quotes, rank_terms
from casereview.repository.query import STOP_WORDS, WORD, Clause, Query, Term, to_fts5
from casereview.repository.quotes import MARK_END, MARK_START
from casereview.repository.search.base import (
    PAGES_COMPARED,
    SNIPPET_WORDS,
    excluded,
    in_given_order,
)

# Most index words a prefix is expanded to for choosing and highlighting pages; a shorter
# prefix (``a*``) keeps FTS5's own prefix matching, slower but bounded by this look-up.
MAX_PREFIX_WORDS = 16
# FTS5's own setting for how many segments of a level it merges at once, and the one used
# while many documents are added (`bulk_loading`).
AUTOMERGE = 4
BULK_AUTOMERGE = 16
# Pages the write-ahead log may hold before SQLite copies them into the database file, while
# many documents are added (SQLite's default is 1,000 pages, 4 MB): a page that several
# documents change in turn (the index's b-tree, the full-text segments) is copied once.
BULK_WAL_PAGES = 16_000
# The full-text tables, merged after a bulk ingest.
FULL_TEXT = (
    "repository_document_fts",
    "repository_rank_fts",
    "repository_page_fts",
    "repository_phrase_fts",
)


class SQLiteBackend:
    def matches(self, query: Query, documents: int = 0) -> list[int]:
        """`documents` is not needed here: the stored totals of migration 0014 give bm25 the
        number of documents (PostgreSQL uses it, see there)."""
        # The whole text decides what matches; bm25 over the title and the opening of the
        # body (migration 0006) decides the order, computed from stored term counts
        # (`rank_terms`, migration 0014). bm25 over whole documents read every position of a
        # common word in every matching report: 24 ms of CPU for "neglect" at 10,000 reports.
        # A document whose opening lacks the words ranks after those with it. As on
        # PostgreSQL, documents are ranked by any of the query's words, phrases taken apart.
        with connection.cursor() as cursor:
            tokens, prefixes = _ranking_terms(query.any_word())
            ranked = rank_terms.ranked(cursor, tokens, prefixes)
            # The ids come as one JSON array: fetching 10,000 rows one by one cost 8 ms at
            # 10,000 reports ("assessment"), the array and json.loads 4 ms. A set: a phrase's
            # documents come as two lists, body and title, not deduplicated in SQL
            # (`_phrase_sql`).
            sql, params = self._match_sql(query)
            cursor.execute(f"SELECT json_group_array(id) FROM ({sql})", params)
            ids = list(set(json.loads(cursor.fetchone()[0])))
        return in_given_order(ids, ranked)

    def _match_sql(self, query: Query) -> tuple[str, list[Any]]:
        """SQL giving the ids of the matching documents.

        Phrases of two or more words are matched in the phrase table (repository.phrases,
        migrations 0008 and 0011); everything else in the document index. A query without such a
        phrase is one MATCH; with one, each clause is an INTERSECT of the parts and its
        exclusions are EXCEPTs, and the clauses are a UNION.
        """
        if not any(phrase_match_of(t) for t in query.terms() + excluded(query)):
            return _WORDS_MATCH, [to_fts5(query)]
        clauses, params = [], []
        for clause in query.clauses:
            sql, clause_params = _clause_sql(clause)
            clauses.append(f"SELECT id FROM ({sql})")
            params += clause_params
        return " UNION ".join(clauses), params

    def word_forms(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        return phrases.index_forms(words)

    def snippets(self, query: Query, document_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
        found: dict[int, tuple[int, str]] = {}
        if not document_ids:
            return found
        with connection.cursor() as cursor:
            expanded = _prefix_words(cursor, query)
            if any(_unexpanded(term, expanded) for term in query.terms()):
                return _quoted_pages(cursor, query, document_ids)
            match = to_fts5(query, expanded)
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
            # that match, on every call.
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
                # snippet() runs only on the best page (in a ranking query it would run on
                # every one).
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

    @contextmanager
    def bulk_loading(self) -> Iterator[None]:
        """Many documents are about to be added, each in its own transaction, and the index
        merged afterwards (`merge_index`): FTS5 merges its segments 16 at a time meanwhile
        instead of 4, as merging them as they come is work the final merge does again (about a
        fifth of the phrase table's cost per report, 400 reports in), and the write-ahead log
        is copied into the database every `BULK_WAL_PAGES` pages instead of every 1,000 (8% of
        ingest's CPU on 120 reports). The usual settings are put back at the end; a run that is
        killed leaves automerge at 16, which costs nothing but a few more segments until the
        next merge (the log's setting is the connection's own and ends with it)."""
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
        each of them: after merging, "assessment" took 39 ms instead of 50 at 10,000 reports.
        Merging rewrites the index (16 s at that size; searches go on meanwhile)."""
        with connection.cursor() as cursor:
            for name in FULL_TEXT:
                cursor.execute(f"INSERT INTO {name}({name}) VALUES ('optimize')")


def _ranking_terms(ranking: Query) -> tuple[list[str], list[str]]:
    """The index tokens and the prefixes of the words to rank by (`rank_terms.ranked`)."""
    tokens: list[str] = []
    prefixes: list[str] = []
    for clause in ranking.clauses:
        (term,) = clause.include
        if term.prefix:
            prefixes.append(term.words[0])
        else:
            tokens += phrases.tokens(term.words[0])
    return tokens, prefixes


def phrase_match_of(term: Term) -> str | None:
    """The phrase-table query of a phrase it can answer (not one ending in a prefix)."""
    if term.prefix or len(term.words) < 2:
        return None
    return phrases.phrase_match(term.words)


_WORDS_MATCH = (
    "SELECT rowid AS id FROM repository_document_fts WHERE repository_document_fts MATCH %s"
)


def _phrase_sql(term: Term, match: str) -> tuple[str, list[Any]]:
    """Documents with the phrase in the body (phrase table) or in the title (ranking table).

    A document with it in both comes twice: UNION ALL, as deduplicating ten thousand ids cost
    SQLite 3 ms ("domestic abuse" at 10,000 reports); INTERSECT and EXCEPT deduplicate, and
    `SQLiteBackend.matches` makes a set of the rest."""
    return (
        "SELECT id FROM (SELECT k.document_id AS id FROM repository_phrase_fts f "
        "JOIN repository_pairkey k ON k.id = f.rowid WHERE repository_phrase_fts MATCH %s "
        "UNION ALL SELECT rowid AS id FROM repository_rank_fts WHERE repository_rank_fts MATCH %s)",
        [match, 'title : "' + " ".join(term.words) + '"'],
    )


def _clause_sql(clause: Clause) -> tuple[str, list[Any]]:
    plain = [t for t in clause.include if not phrase_match_of(t)]
    plain_out = [t for t in clause.exclude if not phrase_match_of(t)]
    parts: list[str] = []
    params: list[Any] = []
    if plain:
        parts.append(_WORDS_MATCH)
        params.append(to_fts5(Query((Clause(tuple(plain), tuple(plain_out)),))))
    for term in clause.include:
        match = phrase_match_of(term)
        if match:
            sql, more = _phrase_sql(term, match)
            parts.append(sql)
            params += more
    sql = " INTERSECT ".join(parts)
    if plain_out and not plain:
        sql += " EXCEPT " + _WORDS_MATCH
        params.append(to_fts5(Query(tuple(Clause((t,)) for t in plain_out))))
    for term in clause.exclude:
        match = phrase_match_of(term)
        if match:
            more_sql, more = _phrase_sql(term, match)
            sql += " EXCEPT " + more_sql
            params += more
    return sql, params


def _prefix_words(cursor: Any, query: Query) -> dict[str, list[str]]:
    """The indexed page words starting with each one-word prefix of the query.

    Looked up once per search in the list of index words (`repository_term`, migration
    0008), so the per-document snippet statements match plain words: a prefix costs FTS5 a
    merge of every word's page list on every statement (about 10 ms of CPU each for
    ``assess*`` at 10,000 reports). FTS5's own vocabulary table (migration 0006) counts each
    word's pages as it lists them, 20 ms for ``assess*`` at that size, so it is not used.
    A prefix with very many words keeps the prefix form. Index words are letters and digits
    only; anything else is left unexpanded rather than put into MATCH syntax.
    """
    found: dict[str, list[str]] = {}
    for term in query.terms():
        if not term.prefix or len(term.words) != 1 or term.words[0] in found:
            continue
        prefix = term.words[0]
        cursor.execute(
            "SELECT term FROM repository_term WHERE term >= %s AND term < %s LIMIT %s",
            [prefix, prefix + "\U0010ffff", MAX_PREFIX_WORDS + 1],
        )
        words = [row[0] for row in cursor.fetchall()]
        if len(words) <= MAX_PREFIX_WORDS and all(WORD.fullmatch(w) for w in words):
            found[prefix] = words
    return found


def _unexpanded(term: Term, expanded: dict[str, list[str]]) -> bool:
    """Whether a prefix is left for FTS5 to expand: a phrase ending in one, or a word with too
    many index words to be matched as those words."""
    return term.prefix and (len(term.words) > 1 or term.words[0] not in expanded)


def _quoted_pages(
    cursor: Any, query: Query, document_ids: Sequence[int]
) -> dict[int, tuple[int, str]]:
    """Quotes for a query with a prefix FTS5 must expand (`_unexpanded`), chosen and marked in
    Python.

    FTS5 matches a prefix by merging the page lists of every index word that starts with it,
    on every statement: with the hundreds of words of ``con*``, the per-document statements
    of `SQLiteBackend.snippets` took 7 s for 20 results at 10,000 reports, and 4 s for
    ``"child pro"*``. Here each
    document's first PAGES_COMPARED pages are read in one statement, the page using the words
    most often is chosen (`_best_pages`' rule) and marked as on PostgreSQL (`quotes`), with
    FTS5's own index forms. A document whose chosen page holds no word to mark gets no quote
    here.
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
    quoter = quotes.Quoter.of(query.terms(), phrases.index_forms)
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
    with its words scattered. The texts are read in one statement and counted in Python:
    counting in SQL (lower() and replace() per page and word) cost 9 ms of a 20-result page
    for "neglect OR housing" at 10,000 reports, this about 1.
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
