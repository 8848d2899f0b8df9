"""The PostgreSQL backend of search: tsvector columns under GIN indexes (migration 0002), a
ranking vector of each document's title and opening (0006), phrase keys (0010) and pages read
in order (0013); docs/adr/0006-search.md measures why each is there."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from django.db import connection

from casereview.repository import quotes
from casereview.repository.query import Clause, Query, Term, to_tsquery_sql
from casereview.repository.search import base
from casereview.repository.search.base import (
    PAGES_COMPARED,
    SNIPPET_WORDS,
    excluded,
    in_given_order,
)

# The full-text indexes, cleaned after a bulk ingest.
FULL_TEXT = (
    "repository_searchtext_fts",
    "repository_searchtext_rank",
    "repository_searchkey_match",
    "repository_page_fts",
)


class PostgresBackend:
    def matches(self, query: Query, documents: int = 0) -> list[int]:
        with connection.cursor() as cursor:
            match, match_params = _pg_match_sql(cursor, query)
            ranking = _pg_ranking(cursor, query, documents)
            # One array is far cheaper to read than ten thousand rows.
            statements = [f"SELECT array_agg(document_id) FROM ({match}) m"]
            params = list(match_params)
            if ranking is not None:
                statements.append(ranking[0])
                params += ranking[1]
            rows = _without_seqscan(cursor, statements, params)
        ids: list[int] = rows[0][0] or []
        ranked: list[int] = (rows[1][0] or []) if ranking is not None else []
        return in_given_order(ids, ranked)

    def word_forms(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        return _postgres_forms(words)

    def snippets(self, query: Query, document_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
        if not document_ids:
            return {}
        tsquery, params = to_tsquery_sql(query)
        # The best page per document is chosen among the first PAGES_COMPARED matching
        # pages, read in page order from the document's own pages through the (document,
        # number) index, which stops at the last of them. The match is written as the
        # function behind `@@`, ts_match_vq, which no index answers: the planner cannot tell
        # how common the words are, and with `@@` it joined that scan to the GIN index over
        # the pages, which lists every matching page of the library.
        sql = (
            f"WITH q AS MATERIALIZED (SELECT {tsquery} AS query) "
            "SELECT d.id, best.number, best.text "
            "FROM unnest(%s::integer[]) AS d(id) CROSS JOIN q CROSS JOIN LATERAL ("
            "SELECT c.number, c.text FROM (SELECT p.number, p.text, p.search_vector "
            "FROM repository_page p WHERE p.document_id = d.id "
            "AND ts_match_vq(p.search_vector, q.query) ORDER BY p.number LIMIT %s) c "
            "ORDER BY ts_rank(c.search_vector, q.query) DESC, c.number LIMIT 1) best"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, list(document_ids), PAGES_COMPARED])
            rows = cursor.fetchall()
        quoter = quotes.Quoter.of(query.terms(), _postgres_forms)
        return {row[0]: (row[1], _quote(row[2], quoter)) for row in rows}

    @contextmanager
    def bulk_loading(self) -> Iterator[None]:
        """Nothing to change: the GIN indexes take new entries into their pending lists."""
        yield

    def merge_index(self) -> None:
        """The GIN indexes' lists of pending entries are merged and the planner's statistics
        refreshed (`_common_words` reads them)."""
        with connection.cursor() as cursor:
            for name in FULL_TEXT:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
            cursor.execute("ANALYZE repository_searchtext, repository_searchkey, repository_page")


@dataclass(frozen=True)
class _PhraseKey:
    """How the key index (migration 0010) answers a phrase: every key must be present, and a
    phrase of four or more index words is then checked as a whole."""

    keys: tuple[str, ...]
    checked: bool


def _phrase_keys(cursor: Any, query: Query) -> dict[Term, _PhraseKey]:
    """For each phrase of two or more index words (not ending in a prefix): its keys.

    The words and gaps are PostgreSQL's, from to_tsvector of the phrase, and the keys are
    written as `repository_phrase_keys` writes them: two words make one pair key, three one
    triple key, and more their consecutive triples.
    """
    found: dict[Term, _PhraseKey] = {}
    for term in dict.fromkeys(query.terms() + excluded(query)):
        if term.prefix or len(term.words) < 2:
            continue
        words = _phrase_words(cursor, term.words)
        if len(words) < 2:
            continue
        size = min(len(words), 3)
        keys = []
        for start in range(len(words) - size + 1):
            part = words[start : start + size]
            key = "~" + part[0][0]
            for (_, before), (lexeme, position) in pairwise(part):
                key += f" {position - before} {lexeme}"
            keys.append(key)
        found[term] = _PhraseKey(tuple(dict.fromkeys(keys)), checked=len(words) > 3)
    return found


# A phrase's index words and positions, remembered per process (cleared past this many).
_PHRASES: dict[tuple[str, ...], list[tuple[str, int]]] = {}
MAX_REMEMBERED_PHRASES = 10_000


def _phrase_words(cursor: Any, words: tuple[str, ...]) -> list[tuple[str, int]]:
    """The lexemes of a phrase with their positions, as to_tsvector('english') gives them."""
    found = _PHRASES.get(words)
    if found is None:
        cursor.execute(
            "SELECT v.lexeme, w.pos FROM unnest(to_tsvector('english', %s)) AS v "
            "CROSS JOIN LATERAL unnest(v.positions) AS w(pos) ORDER BY w.pos",
            [" ".join(words)],
        )
        found = [(row[0], row[1]) for row in cursor.fetchall()]
        if len(_PHRASES) >= MAX_REMEMBERED_PHRASES:
            _PHRASES.clear()
        _PHRASES[words] = found
    return found


def _tsquery_literal(keys: Sequence[str]) -> str:
    """Keys as a tsquery of lexemes that must all be present (quoted, so no key is parsed)."""
    quoted = ("'" + k.replace("\\", "\\\\").replace("'", "''") + "'" for k in keys)
    return "(" + " & ".join(quoted) + ")"


def _pg_match_sql(cursor: Any, query: Query) -> tuple[str, list[Any]]:
    """SQL giving the ids of the matching documents on PostgreSQL.

    Usually one look-up in the key index (migration 0010): words as they are, phrases as
    their keys. A phrase of four or more index words is then checked whole, which a single
    clause can do as a filter on the few documents holding all its triples. Phrases ending in
    a prefix, and longer phrases under OR or a minus, fall back to PostgreSQL's own phrase
    search over the whole document's vector (exact, but slow with common words, and blind
    past a tsvector's last position, 16,383).
    """
    keys = _phrase_keys(cursor, query)
    checked = [t for t, k in keys.items() if k.checked]
    pending = [t for t in query.terms() + excluded(query) if t.prefix and len(t.words) > 1]
    if pending or (checked and (len(query.clauses) > 1 or excluded(query))):
        tsquery, params = to_tsquery_sql(query)
        return (
            f"SELECT document_id FROM repository_searchtext WHERE search_vector @@ {tsquery}",
            params,
        )
    literals = {t: _tsquery_literal(k.keys) for t, k in keys.items()}
    tsquery, params = to_tsquery_sql(query, literals)
    sql = f"SELECT k.document_id FROM repository_searchkey k WHERE k.match_vector @@ {tsquery}"
    for term in checked:
        # A correlated subquery, so the check runs only on the documents the keys found.
        sql += (
            " AND (SELECT s.search_vector @@ phraseto_tsquery('english', %s) "
            "FROM repository_searchtext s WHERE s.document_id = k.document_id)"
        )
        params.append(" ".join(term.words))
    return sql, params


def _without_seqscan(cursor: Any, statements: Sequence[str], params: Sequence[Any]) -> list[Any]:
    """The first row of each statement, run with sequential scans off, in one round trip.

    When most documents match, PostgreSQL's planner prefers reading the table to the GIN
    index, and so reads (detoasts) every document's whole tsvector to test `@@` (ADR 0006
    measures it). The index answers words, OR, NOT,
    prefixes and keyed phrases exactly, without touching those vectors. The setting is local
    to a transaction: outside one, the statements are sent together, as one implicit
    transaction (Django's client-side binding cursor sends them as one simple query) that
    ends with them; inside one, the setting is put back at once.
    """
    rows = []
    if connection.in_atomic_block:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)"
        )
        before = cursor.fetchone()[0]
        for statement, own in _split_params(statements, params):
            cursor.execute(statement, own)
            rows.append(cursor.fetchone())
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
        return rows
    cursor.execute(
        "SELECT set_config('enable_seqscan', 'off', true); " + "; ".join(statements), params
    )
    for _ in statements:
        cursor.nextset()
        rows.append(cursor.fetchone())
    return rows


def _split_params(statements: Sequence[str], params: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    """Each statement with its own parameters (one per %s placeholder, in order)."""
    out, at = [], 0
    for statement in statements:
        count = statement.count("%s")
        out.append((statement, list(params[at : at + count])))
        at += count
    return out


# ts_rank's weights for the labels D, C, B, A: the opening of the body is D, the title A, as
# on SQLite (base.TITLE_WEIGHT to BODY_WEIGHT).
RANK_WEIGHTS = f"{{{base.BODY_WEIGHT / base.TITLE_WEIGHT},0.2,0.4,1.0}}"


def _pg_ranking(cursor: Any, query: Query, documents: int) -> tuple[str, list[Any]] | None:
    """The statement giving the ids of the documents whose opening holds a query word, best
    first by ts_rank; None when no word ranks.

    Documents are ranked by any of the words (`Query.any_word`): ranking by a phrase or by
    several words that must all appear compared every pair of their positions. The rank is
    ts_rank's over the short ranking vector (title and the opening of the body, migration
    0006), found through its GIN index: ranking whole documents read each matching report's
    whole vector. As on SQLite, a word in at
    least half of the documents, and in at least `UNRANKED_FROM`, is left out of the ranking
    (`_common_words`). Documents without the words in their opening rank after the others.
    """
    common = _common_words(cursor, documents)
    terms = [c.include[0] for c in query.any_word().clauses]
    forms = _postgres_forms(t.words[0] for t in terms if not t.prefix)
    kept = [
        t for t in terms if t.prefix or (forms[t.words[0]] and not set(forms[t.words[0]]) <= common)
    ]
    if not kept:
        return None
    tsquery, params = to_tsquery_sql(Query(tuple(Clause((t,)) for t in kept)))
    return (
        "SELECT array_agg(document_id ORDER BY rank DESC, document_id) FROM ("
        "SELECT s.document_id, ts_rank(%s, s.rank_vector, q.query) AS rank "
        f"FROM repository_searchtext s, (SELECT {tsquery} AS query) q "
        "WHERE s.rank_vector @@ q.query) r",
        [RANK_WEIGHTS, *params],
    )


# The share of ranking vectors holding each of the commonest words, from the planner's
# statistics, remembered per process and database for this long.
_SHARES: dict[str, tuple[float, dict[str, float]]] = {}
SHARES_SECONDS = 600.0


def _common_words(cursor: Any, documents: int) -> frozenset[str]:
    """Index words in at least half of the documents' openings, and in at least
    `UNRANKED_FROM` of them: bm25 gives such words no weight on SQLite, and leaving them out
    here keeps the two databases' orders alike (and spares ranking nearly every document).

    PostgreSQL's ANALYZE keeps the most common lexemes of each tsvector column with the share
    of rows holding them (pg_stats.most_common_elems); before any ANALYZE there are none, and
    every word is ranked.
    """
    if documents < base.UNRANKED_FROM:
        return frozenset()
    key = str(connection.settings_dict.get("NAME"))
    now = time.monotonic()
    found = _SHARES.get(key)
    if found is None or now - found[0] > SHARES_SECONDS:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs "
            "FROM pg_stats WHERE tablename = 'repository_searchtext' "
            "AND attname = 'rank_vector'"
        )
        row = cursor.fetchone()
        shares = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        found = (now, shares)
        _SHARES[key] = found
    threshold = max(0.5, base.UNRANKED_FROM / documents)
    return frozenset(w for w, share in found[1].items() if share >= threshold)


# Index forms of words on PostgreSQL, remembered per process (cleared past this many).
_PG_FORMS: dict[str, tuple[str, ...]] = {}
MAX_REMEMBERED_FORMS = 200_000


def _postgres_forms(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each word's lexemes from to_tsvector('english', word): none for a stop word."""
    wanted = set(words)
    unknown = [w for w in wanted if w not in _PG_FORMS]
    if unknown:
        if len(_PG_FORMS) + len(unknown) > MAX_REMEMBERED_FORMS:
            _PG_FORMS.clear()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT w, ARRAY(SELECT v.lexeme FROM unnest(to_tsvector('english', w)) v "
                "ORDER BY v.positions[1]) FROM unnest(%s::text[]) AS w",
                [unknown],
            )
            for word, lexemes in cursor.fetchall():
                _PG_FORMS[word] = tuple(lexemes)
    return {w: _PG_FORMS.get(w, ()) for w in wanted}


def _quote(text: str, quoter: quotes.Quoter) -> str:
    """The marked quote of a page, or its opening words when no word can be marked."""
    marked = quoter.quote(text, SNIPPET_WORDS)
    if marked is not None:
        return marked
    words = text.split()
    return " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")
