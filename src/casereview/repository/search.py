"""Search the repository: one interface, an FTS5 backend and a PostgreSQL backend.

`search(text, user=..., filters=...)` parses the text into a safe tree (`query.parse`), asks
the backend for matching documents ranked at document level, then fetches snippets only for
the documents on the page of results shown. Ranking therefore costs one step per matching
document, never one per matching page, and snippets cost one indexed look-up per shown
document (docs/adr/0006-search.md).

Visibility comes from the access module: the public sees published documents only; staff also
see their boards' restricted documents, and such searches are audited.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from markupsafe import Markup

from casereview.accounts import permissions
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.repository.models import Document, DocumentFacet
from casereview.repository.query import (
    STOP_WORDS,
    WORD,
    Query,
    parse,
    to_fts5,
    to_tsquery_sql,
)
from casereview.repository.services import FACET_LABELS, FACET_NAMES

# Characters from Unicode's private use area mark where highlights start and stop: they pass
# through html.escape untouched and are then turned into <mark> tags.
MARK_START = "\ue000"
MARK_END = "\ue001"
# Words of context in a snippet (FTS5 counts tokens; ts_headline counts words).
SNIPPET_WORDS = 30
# Relative weights of the title and the body in ranking: a word in the title says far more
# about what a review is about than the same word somewhere in sixty pages.
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
MAX_LIMIT = 100
# Most index words a prefix is expanded to for choosing and highlighting pages; a shorter
# prefix (``a*``) keeps FTS5's own prefix matching, slower but bounded by this look-up.
MAX_PREFIX_WORDS = 16

FACET_TITLES = {
    "year": "Year published",
    "board": "Board",
    "region": "Region",
    "review_type": "Review type",
    "outcome": "Outcome",
    "abuse_type": "Abuse type",
    "age_band": "Child's age",
}


@dataclass(frozen=True)
class Hit:
    document: Document
    page: int | None
    snippet: Markup


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Results:
    text: str
    query: Query
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    message: str = ""


class Backend(Protocol):
    def matches(self, query: Query) -> tuple[str, list[Any]]:
        """SQL giving (id, rank) of matching documents; a lower rank is a better match."""

    def snippets(self, query: Query, document_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
        """For each document with a page matching the query: (page number, marked snippet)."""


class SQLiteBackend:
    def matches(self, query: Query) -> tuple[str, list[Any]]:
        # The whole text decides what matches; bm25 over the title and the opening of the
        # body (migration 0006) decides the order. bm25 over whole documents read every
        # position of a common word in every matching report: 24 ms of CPU for "neglect" at
        # 10,000 reports. A document whose opening lacks the words ranks after those with it.
        sql = (
            "WITH r AS MATERIALIZED (SELECT rowid AS id, "
            "bm25(repository_rank_fts, %s, %s) AS rank FROM repository_rank_fts "
            "WHERE repository_rank_fts MATCH %s) "
            "SELECT f.rowid AS id, COALESCE(r.rank, 0) AS rank "
            "FROM repository_document_fts f LEFT JOIN r ON r.id = f.rowid "
            "WHERE repository_document_fts MATCH %s"
        )
        return sql, [TITLE_WEIGHT, BODY_WEIGHT, to_fts5(query.any_word()), to_fts5(query)]

    def snippets(self, query: Query, document_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
        found: dict[int, tuple[int, str]] = {}
        if not document_ids:
            return found
        score, score_params = _occurrences_sql(query)
        with connection.cursor() as cursor:
            match = to_fts5(query, _prefix_words(cursor, query))
            marks = ", ".join(["%s"] * len(document_ids))
            cursor.execute(
                "SELECT document_id, MIN(id), MAX(id) FROM repository_page "
                f"WHERE document_id IN ({marks}) GROUP BY document_id",
                list(document_ids),
            )
            spans = cursor.fetchall()
            for document_id, first, last in spans:
                # The rowid range lets FTS5 seek straight to this document's pages; snippet()
                # runs only on the best page (in the ranking query it would run on every one).
                # Pages are compared by how often they use the words, not by bm25(): bm25
                # first counts the pages of the whole library that match, on every call.
                cursor.execute(
                    "SELECT f.rowid FROM repository_page_fts f "
                    "JOIN repository_page p ON p.id = f.rowid "
                    "WHERE repository_page_fts MATCH %s AND f.rowid BETWEEN %s AND %s "
                    f"ORDER BY {score} DESC, f.rowid LIMIT 1",
                    [match, first, last, *score_params],
                )
                best = cursor.fetchone()
                if best is None:
                    continue
                cursor.execute(
                    "SELECT p.number, snippet(repository_page_fts, 0, %s, %s, %s, %s) "
                    "FROM repository_page_fts JOIN repository_page p "
                    "ON p.id = repository_page_fts.rowid "
                    "WHERE repository_page_fts MATCH %s AND repository_page_fts.rowid = %s "
                    "AND p.document_id = %s",
                    [MARK_START, MARK_END, "…", SNIPPET_WORDS, match, best[0], document_id],
                )
                row = cursor.fetchone()
                if row is not None:
                    found[document_id] = (row[0], row[1])
        return found


def _prefix_words(cursor: Any, query: Query) -> dict[str, list[str]]:
    """The indexed page words starting with each one-word prefix of the query.

    Looked up once per search in the FTS5 vocabulary (migration 0006), so the per-document
    snippet statements match plain words: a prefix costs FTS5 a merge of every word's page
    list on every statement (about 10 ms of CPU each for ``assess*`` at 10,000 reports).
    A prefix with very many words keeps the prefix form. Index words are letters and digits
    only; anything else is left unexpanded rather than put into MATCH syntax.
    """
    found: dict[str, list[str]] = {}
    for term in query.terms():
        if not term.prefix or len(term.words) != 1 or term.words[0] in found:
            continue
        prefix = term.words[0]
        cursor.execute(
            "SELECT term FROM repository_page_vocab WHERE term >= %s AND term < %s LIMIT %s",
            [prefix, prefix + "\U0010ffff", MAX_PREFIX_WORDS + 1],
        )
        words = [row[0] for row in cursor.fetchall()]
        if len(words) <= MAX_PREFIX_WORDS and all(WORD.fullmatch(w) for w in words):
            found[prefix] = words
    return found


def _occurrences_sql(query: Query) -> tuple[str, list[Any]]:
    """SQL counting how often page `p` uses the query's words, to choose a page to quote.

    Counting substrings is rough (SQLite lowers ASCII only; "child" also counts "children")
    but only picks which of a shown document's matching pages to quote; FTS5 still decides
    what matches and what is highlighted. Stop words inside phrases are not counted.
    """
    words = dict.fromkeys(w for t in query.terms() for w in t.words if w not in STOP_WORDS)
    if not words:
        return "0", []
    parts, params = [], []
    for word in words:
        parts.append("(length(p.text) - length(replace(lower(p.text), %s, ''))) / %s")
        params += [word, len(word)]
    return "(" + " + ".join(parts) + ")", params


class PostgresBackend:
    def matches(self, query: Query) -> tuple[str, list[Any]]:
        tsquery, params = to_tsquery_sql(query)
        # Documents are ranked by any of the words: ts_rank with a phrase or several words
        # that must all appear was four times slower on long reports (docs/adr/0006-search.md).
        rank_tsquery, rank_params = to_tsquery_sql(query.any_word())
        # ts_rank's weights are for labels {D, C, B, A}: body is D, title is A. The rank reads
        # the short rank_vector (title and the opening of the body, migration 0006), not the
        # whole document's vector, which the GIN index answers the match without reading.
        sql = (
            "SELECT s.document_id AS id, "
            f"-ts_rank(%s::float4[], s.rank_vector, {rank_tsquery}) AS rank "
            f"FROM repository_searchtext s WHERE s.search_vector @@ {tsquery}"
        )
        weights = f"{{{BODY_WEIGHT / TITLE_WEIGHT},0.2,0.4,1.0}}"
        return sql, [weights, *rank_params, *params]

    def snippets(self, query: Query, document_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
        if not document_ids:
            return {}
        tsquery, params = to_tsquery_sql(query)
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, "
            f"MinWords={SNIPPET_WORDS // 2}, MaxFragments=1, FragmentDelimiter=…"
        )
        # The best page per document is chosen first, so ts_headline (slow) runs once each.
        sql = (
            f"WITH q AS (SELECT {tsquery} AS query), "
            "best AS (SELECT DISTINCT ON (p.document_id) p.id FROM repository_page p, q "
            "WHERE p.document_id = ANY(%s) AND p.search_vector @@ q.query "
            "ORDER BY p.document_id, ts_rank(p.search_vector, q.query) DESC, p.number) "
            "SELECT p.document_id, p.number, ts_headline('english', p.text, q.query, %s) "
            "FROM best JOIN repository_page p ON p.id = best.id, q"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, list(document_ids), options])
            return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


def backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SQLiteBackend()


def highlight(marked: str) -> Markup:
    """Escaped text with the backend's highlight marks turned into <mark> elements."""
    text = html.escape(marked.strip(), quote=False)
    text = text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return Markup(text)


def _eligible(user: Any, filters: Mapping[str, Sequence[str]]) -> QuerySet[Document]:
    documents = permissions.visible_documents(user)
    for name in FACET_NAMES:
        values = [v for v in filters.get(name, ()) if v]
        if values:
            documents = documents.filter(
                Exists(
                    DocumentFacet.objects.filter(
                        document=OuterRef("pk"), name=name, value__in=values
                    )
                )
            )
    return documents


def search(
    text: str,
    *,
    user: Any = None,
    filters: Mapping[str, Sequence[str]] | None = None,
    limit: int = 20,
    offset: int = 0,
    request: Any = None,
) -> Results:
    """Ranked documents for what someone typed, with facet counts, as this user may see them."""
    filters = filters or {}
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    query = parse(text)
    results = Results(text=text, query=query)
    if query.only_exclusions:
        results.message = "Add a word to search for, as well as the words to leave out."
        return results
    eligible = _eligible(user, filters)
    engine = backend()
    if query.is_empty:
        matched = list(
            eligible.order_by("-year_published", "title", "id").values_list("id", flat=True)
        )
    else:
        matched = _ranked(engine, query, eligible)
    results.total = len(matched)
    ids = matched[offset : offset + limit]
    facet_rows = _facet_counts(matched)
    documents = Document.objects.select_related("board").in_bulk(ids)
    snippets = _snippets(engine, query, ids) if not query.is_empty else {}
    results.hits = [
        Hit(documents[i], *snippets.get(i, (None, Markup("")))) for i in ids if i in documents
    ]
    results.facets = _facets(facet_rows, filters)
    if permissions.sees_restricted_documents(user) and text.strip():
        record(
            Action.SEARCHED_RESTRICTED,
            request=request,
            actor=user,
            summary=f"Searched for {text[:200]!r}",
            data={"query": text[:500], "filters": dict(filters), "results": results.total},
        )
    return results


def _ranked(engine: Backend, query: Query, eligible: QuerySet[Document]) -> list[int]:
    """Ids of the matching documents this user may see, best first.

    The full-text match is materialised so that it runs once: joined directly with the
    visibility and facet conditions, SQLite re-ran it for every candidate row.
    """
    match_sql, match_params = engine.matches(query)
    allowed_sql, allowed_params = eligible.order_by().values("id").query.sql_with_params()
    sql = (
        f"WITH m AS MATERIALIZED ({match_sql}) "
        f"SELECT m.id FROM m WHERE m.id IN ({allowed_sql}) ORDER BY m.rank, m.id"
    )
    postgres = connection.vendor == "postgresql"
    # A transaction only on PostgreSQL, for the local setting: SQLite's transactions here
    # begin IMMEDIATE, which would make every search wait for the write lock.
    with transaction.atomic() if postgres else nullcontext(), connection.cursor() as cursor:
        if postgres:
            # When most documents match, PostgreSQL's planner prefers reading the table to the
            # GIN index, and so reads (detoasts) every document's whole tsvector to test `@@`:
            # about 0.05 ms each, 500 ms for "neglect" at 10,000 reports. The index answers
            # words, OR, NOT and prefixes exactly, without touching those vectors. The setting
            # is local to this transaction and put back at once for any enclosing one.
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), "
                "set_config('enable_seqscan', 'off', true)"
            )
            before = cursor.fetchone()[0]
        cursor.execute(sql, [*match_params, *allowed_params])
        ids = [row[0] for row in cursor.fetchall()]
        if postgres:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
        return ids


def _facet_counts(document_ids: list[int]) -> list[tuple[str, str, int]]:
    """Facet values with their counts over the matching documents.

    Counting visits each counted document's facet rows (about 6 microseconds of CPU each on
    SQLite: 60 ms when "neglect" matches 9,400 of 10,000 reports). When more than half of the
    library matches, the counts are those of the whole library (one pass over the facet
    table, no look-ups) less those of the documents that did not match: the same numbers for
    a fraction of the work. The ids travel as one parameter (a JSON array on SQLite, an array
    on PostgreSQL), so the statement is the same size for ten matches or a hundred thousand,
    and SQLite's limit on bound variables is never reached.
    """
    if not document_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM repository_document")
        if len(document_ids) * 2 <= cursor.fetchone()[0]:
            return _count_facets(cursor, document_ids)
        cursor.execute("SELECT id FROM repository_document")
        others = sorted({row[0] for row in cursor.fetchall()}.difference(document_ids))
        cursor.execute(
            "SELECT name, value, COUNT(*) FROM repository_documentfacet GROUP BY name, value"
        )
        counts = {(name, value): count for name, value, count in cursor.fetchall()}
        for name, value, count in _count_facets(cursor, others) if others else []:
            counts[name, value] -= count
    return [(name, value, count) for (name, value), count in counts.items() if count > 0]


def _count_facets(cursor: Any, document_ids: list[int]) -> list[tuple[str, str, int]]:
    param: list[int] | str = document_ids
    among = "= ANY(%s)"
    if connection.vendor != "postgresql":
        among, param = "IN (SELECT value FROM json_each(%s))", json.dumps(document_ids)
    cursor.execute(
        "SELECT name, value, COUNT(*) FROM repository_documentfacet "
        f"WHERE document_id {among} GROUP BY name, value",
        [param],
    )
    return [(name, value, count) for name, value, count in cursor.fetchall()]


def _snippets(engine: Backend, query: Query, ids: list[int]) -> dict[int, tuple[int, Markup]]:
    found = engine.snippets(query, ids)
    missing = [i for i in ids if i not in found]
    if missing:
        # The document matched as a whole but no single page holds every word: show a page
        # with any of them.
        found.update(engine.snippets(query.any_term(), missing))
    return {i: (page, highlight(text)) for i, (page, text) in found.items()}


def _facets(
    rows: Sequence[tuple[str, str, int]], filters: Mapping[str, Sequence[str]]
) -> dict[str, list[FacetValue]]:
    facets: dict[str, list[FacetValue]] = {name: [] for name in FACET_NAMES}
    for name, value, count in rows:
        if name not in facets:
            continue
        label = FACET_LABELS.get(name, {}).get(value, value)
        facets[name].append(FacetValue(value, label, count, value in filters.get(name, ())))
    for name, values in facets.items():
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label))
    return facets
