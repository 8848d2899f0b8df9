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
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import filterfalse, islice, pairwise
from typing import Any, Protocol

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from markupsafe import Markup

from casereview.accounts import permissions
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.repository import facet_index, phrases, quotes
from casereview.repository.models import Document, DocumentFacet
from casereview.repository.query import (
    STOP_WORDS,
    WORD,
    Clause,
    Query,
    Term,
    parse,
    to_fts5,
    to_tsquery_sql,
)
from casereview.repository.quotes import MARK_END, MARK_START
from casereview.repository.services import FACET_LABELS, FACET_NAMES

# Words in a quote (FTS5 counts tokens; on PostgreSQL quotes.quote counts words).
SNIPPET_WORDS = 30
# Relative weights of the title and the body in ranking: a word in the title says far more
# about what a review is about than the same word somewhere in sixty pages.
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
MAX_LIMIT = 100
# A word in at least half of the ranked documents, and in at least this many, is left out of
# the ranking on SQLite (bm25 gives it no weight; see `_discriminating`).
UNRANKED_FROM = 2000
# Most index words a prefix is expanded to for choosing and highlighting pages; a shorter
# prefix (``a*``) keeps FTS5's own prefix matching, slower but bounded by this look-up.
MAX_PREFIX_WORDS = 16
# Matching pages of a shown document compared to choose the one quoted: the first this many.
# Counting the words on every matching page cost 20 ms of CPU for ``assess*`` at 10,000
# reports (the word is on nearly every page of every report shown).
PAGES_COMPARED = 12

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
    def matches(self, query: Query, documents: int = 0) -> list[int]:
        """The ids of every matching document, best first (equal ranks in id order)."""

    def snippets(self, query: Query, document_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
        """For each document with a page matching the query: (page number, marked snippet)."""


class SQLiteBackend:
    def matches(self, query: Query, documents: int = 0) -> list[int]:
        """`documents`: how many documents have search text, when the caller knows."""
        # The whole text decides what matches; bm25 over the title and the opening of the
        # body (migration 0006) decides the order. bm25 over whole documents read every
        # position of a common word in every matching report: 24 ms of CPU for "neglect" at
        # 10,000 reports. A document whose opening lacks the words ranks after those with it.
        # The ranking keeps phrases whole (PostgreSQL takes them apart, see there): bm25 costs
        # about 1.5 µs per ranked document, and "child" OR "protection" OR "plan" ranks nearly
        # every report (17 ms at 10,000) where the phrase ranks the few that open with it.
        # The two are joined here rather than in SQL, where the join cost more than either.
        with connection.cursor() as cursor:
            ranking = _discriminating(cursor, query.any_term(), documents)
            ranks: dict[int, float] = {}
            if not ranking.is_empty:
                cursor.execute(
                    "SELECT rowid, bm25(repository_rank_fts, %s, %s) FROM repository_rank_fts "
                    "WHERE repository_rank_fts MATCH %s",
                    [TITLE_WEIGHT, BODY_WEIGHT, to_fts5(ranking)],
                )
                ranks = dict(cursor.fetchall())
            cursor.execute(*self._match_sql(query))
            ids = [row[0] for row in cursor.fetchall()]
        return _in_rank_order(ids, ranks)

    def _match_sql(self, query: Query) -> tuple[str, list[Any]]:
        """SQL giving the ids of the matching documents.

        Phrases of two or more words are matched in the phrase table (repository.phrases,
        migrations 0008 and 0011); everything else in the document index. A query without such a
        phrase is one MATCH; with one, each clause is an INTERSECT of the parts and its
        exclusions are EXCEPTs, and the clauses are a UNION.
        """
        if not any(phrase_match_of(t) for t in query.terms() + _excluded(query)):
            return (
                "SELECT rowid FROM repository_document_fts WHERE repository_document_fts MATCH %s",
                [to_fts5(query)],
            )
        clauses, params = [], []
        for clause in query.clauses:
            sql, clause_params = _clause_sql(clause)
            clauses.append(f"SELECT id FROM ({sql})")
            params += clause_params
        return " UNION ".join(clauses), params

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
                # Only the first PAGES_COMPARED matching pages are compared.
                cursor.execute(
                    "SELECT p.id FROM (SELECT rowid FROM repository_page_fts "
                    "WHERE repository_page_fts MATCH %s AND rowid BETWEEN %s AND %s "
                    "ORDER BY rowid LIMIT %s) f JOIN repository_page p ON p.id = f.rowid "
                    f"ORDER BY {score} DESC, p.id LIMIT 1",
                    [match, first, last, PAGES_COMPARED, *score_params],
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


def _in_rank_order(ids: list[int], ranks: Mapping[int, float]) -> list[int]:
    """Matching ids, the ranked first by rank (lower is better), the rest in id order, as a
    rank of 0 would put them: only the documents with a rank are sorted by it."""
    ids.sort()
    if not ranks:
        return ids
    # Sorted by id, then (stably) by rank: ties stay in id order. All the loops are in C.
    ranked = sorted(filter(set(ids).__contains__, ranks))
    ranked.sort(key=ranks.__getitem__)
    return ranked + list(filterfalse(ranks.__contains__, ids))


def _discriminating(cursor: Any, ranking: Query, documents: int) -> Query:
    """The ranking query without the single words that bm25 gives no weight.

    FTS5's bm25 takes a word's IDF as log((N - n + 0.5) / (n + 0.5)) and, where that is not
    positive (the word is in at least half of the N ranked documents), uses 1e-6 instead: such
    a word changes no order that another word decides, yet ranking by it costs about 1.4 µs per
    document holding it ("child": 15 ms at 10,000 reports). Documents that only such words
    match keep rank 0 and are ordered by id, as documents without the words in their opening
    already are. Only words in at least `UNRANKED_FROM` documents are left out: below that the
    cost is small, and in a small library bm25's tiny weights still put a title match first.
    Prefixes and phrases are always kept.
    """
    if documents <= 0:
        return ranking
    kept = []
    for clause in ranking.clauses:
        (term,) = clause.include
        if not term.prefix and len(term.words) == 1:
            tokens = phrases.tokens(term.words[0])
            if len(tokens) == 1:
                cursor.execute("SELECT doc FROM repository_rank_vocab WHERE term = %s", tokens)
                row = cursor.fetchone()
                if row is not None and row[0] >= UNRANKED_FROM and 2 * row[0] >= documents:
                    continue
        kept.append(clause)
    return Query(tuple(kept))


def _excluded(query: Query) -> list[Term]:
    return [t for c in query.clauses for t in c.exclude]


def phrase_match_of(term: Term) -> str | None:
    """The phrase-table query of a phrase it can answer (not one ending in a prefix)."""
    if term.prefix or len(term.words) < 2:
        return None
    return phrases.phrase_match(term.words)


_WORDS_MATCH = (
    "SELECT rowid AS id FROM repository_document_fts WHERE repository_document_fts MATCH %s"
)


def _phrase_sql(term: Term, match: str) -> tuple[str, list[Any]]:
    """Documents with the phrase in the body (phrase table) or in the title (ranking table)."""
    return (
        "SELECT id FROM (SELECT k.document_id AS id FROM repository_phrase_fts f "
        "JOIN repository_pairkey k ON k.id = f.rowid WHERE repository_phrase_fts MATCH %s "
        "UNION SELECT rowid AS id FROM repository_rank_fts WHERE repository_rank_fts MATCH %s)",
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


def _occurrences_sql(query: Query) -> tuple[str, list[Any]]:
    """SQL counting how often page `p` uses the query's words, to choose a page to quote.

    Counting substrings is rough (SQLite lowers ASCII only; "child" also counts "children")
    but only picks which of a shown document's matching pages to quote; FTS5 still decides
    what matches and what is highlighted. A phrase is counted as a whole (one pass over the
    page instead of one per word, and a page with the phrase itself beats one with its words
    scattered); a single stop word is not counted.
    """
    words = dict.fromkeys(
        " ".join(t.words) for t in query.terms() if len(t.words) > 1 or t.words[0] not in STOP_WORDS
    )
    if not words:
        return "0", []
    parts, params = [], []
    for word in words:
        parts.append("(length(p.text) - length(replace(lower(p.text), %s, ''))) / %s")
        params += [word, len(word)]
    return "(" + " + ".join(parts) + ")", params


class PostgresBackend:
    def matches(self, query: Query, documents: int = 0) -> list[int]:
        # A transaction for the local setting (SQLite's would begin IMMEDIATE and make every
        # search wait for the write lock, hence PostgreSQL only).
        with transaction.atomic(), connection.cursor() as cursor:
            # When most documents match, PostgreSQL's planner prefers reading the table to
            # the GIN index, and so reads (detoasts) every document's whole tsvector to test
            # `@@`: about 0.05 ms each, 500 ms for "neglect" at 10,000 reports. The index
            # answers words, OR, NOT, prefixes and keyed phrases exactly, without touching
            # those vectors. The setting is local to this transaction and put back at once
            # for any enclosing one.
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), "
                "set_config('enable_seqscan', 'off', true)"
            )
            before = cursor.fetchone()[0]
            # One array is far cheaper to read than ten thousand rows.
            sql, params = _pg_match_sql(cursor, query)
            cursor.execute(f"SELECT array_agg(document_id) FROM ({sql}) m", params)
            ids: list[int] = cursor.fetchone()[0] or []
            ranks = _pg_ranks(cursor, query, documents)
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
        return _in_rank_order(ids, ranks)

    def snippets(self, query: Query, document_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
        if not document_ids:
            return {}
        tsquery, params = to_tsquery_sql(query)
        # The best page per document is chosen among the first PAGES_COMPARED matching
        # pages, read in page order from the document's own pages (the GIN index would list
        # every matching page of the library for a common word).
        sql = (
            f"WITH q AS MATERIALIZED (SELECT {tsquery} AS query) "
            "SELECT d.id, best.number, best.text "
            "FROM unnest(%s::integer[]) AS d(id) CROSS JOIN q CROSS JOIN LATERAL ("
            "SELECT c.number, c.text FROM (SELECT p.number, p.text, p.search_vector "
            "FROM repository_page p WHERE p.document_id = d.id "
            "AND p.search_vector @@ q.query ORDER BY p.number LIMIT %s) c "
            "ORDER BY ts_rank(c.search_vector, q.query) DESC, c.number LIMIT 1) best"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, list(document_ids), PAGES_COMPARED])
            rows = cursor.fetchall()
        quoter = quotes.Quoter.of(query.terms(), _postgres_forms)
        return {row[0]: (row[1], _quote(row[2], quoter)) for row in rows}


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
    for term in dict.fromkeys(query.terms() + _excluded(query)):
        if term.prefix or len(term.words) < 2:
            continue
        cursor.execute(
            "SELECT v.lexeme, w.pos FROM unnest(to_tsvector('english', %s)) AS v "
            "CROSS JOIN LATERAL unnest(v.positions) AS w(pos) ORDER BY w.pos",
            [" ".join(term.words)],
        )
        words = cursor.fetchall()
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
    pending = [t for t in query.terms() + _excluded(query) if t.prefix and len(t.words) > 1]
    if pending or (checked and (len(query.clauses) > 1 or _excluded(query))):
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


def _pg_ranks(cursor: Any, query: Query, documents: int) -> dict[int, float]:
    """Ranks of the documents whose opening holds a query word (lower is better).

    Documents are ranked by any of the words: ts_rank with a phrase or several words that must
    all appear was four times slower on long reports (docs/adr/0006-search.md). The rank
    reads the short rank_vector (title and the opening of the body, migration 0006), found
    through its own GIN index, so documents without the words in their opening cost nothing;
    they rank after the others, in id order. As on SQLite, a word in at least half of the
    documents, and in at least `UNRANKED_FROM`, is left out of the ranking (`_common_words`).
    ts_rank's weights are for labels {D, C, B, A}: body is D, title is A.
    """
    common = _common_words(cursor, documents)
    ranking = query.any_word()
    if common:
        single = [c.include[0].words[0] for c in ranking.clauses if not c.include[0].prefix]
        forms = _postgres_forms(single)
        unranked = {w for w in single if forms[w] and set(forms[w]) <= common}
        ranking = Query(
            tuple(
                c
                for c in ranking.clauses
                if c.include[0].prefix or c.include[0].words[0] not in unranked
            )
        )
    if ranking.is_empty:
        return {}
    tsquery, params = to_tsquery_sql(ranking)
    weights = f"{{{BODY_WEIGHT / TITLE_WEIGHT},0.2,0.4,1.0}}"
    cursor.execute(
        "SELECT array_agg(s.document_id), "
        "array_agg(-ts_rank(%s::float4[], s.rank_vector, q.query)) "
        f"FROM repository_searchtext s, (SELECT {tsquery} AS query) q "
        "WHERE s.rank_vector @@ q.query",
        [weights, *params],
    )
    ids, ranks = cursor.fetchone()
    return dict(zip(ids or [], ranks or [], strict=True))


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
    if documents < UNRANKED_FROM:
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
    threshold = max(0.5, UNRANKED_FROM / documents)
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


# The full-text tables of each database, merged or cleaned after a bulk ingest.
SQLITE_FULL_TEXT = (
    "repository_document_fts",
    "repository_rank_fts",
    "repository_page_fts",
    "repository_phrase_fts",
)
POSTGRES_FULL_TEXT = (
    "repository_searchtext_fts",
    "repository_searchkey_match",
    "repository_searchtext_rank",
    "repository_page_fts",
)


def merge_index() -> None:
    """Merge the search index after many documents have been added (`casereview ingest`).

    FTS5 adds each document as a small segment and merges segments as it goes, but a library
    ingested one report at a time still holds dozens, and every look-up visits each of them:
    after merging, "assessment" took 39 ms instead of 50 at 10,000 reports. Merging rewrites
    the index (16 s at that size; searches go on meanwhile). On PostgreSQL the GIN indexes'
    lists of pending entries are merged and the planner's statistics refreshed.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in POSTGRES_FULL_TEXT:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
            cursor.execute("ANALYZE repository_searchtext, repository_searchkey, repository_page")
            return
        for name in SQLITE_FULL_TEXT:
            cursor.execute(f"INSERT INTO {name}({name}) VALUES ('optimize')")


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
    engine = backend()
    index = facet_index.current()
    if query.is_empty:
        matched: list[int] = list(
            _eligible(user, filters)
            .order_by("-year_published", "title", "id")
            .values_list("id", flat=True)
        )
        results.total = len(matched)
        ids = matched[offset : offset + limit]
        facet_rows = index.count(set(matched))
    else:
        ordered = engine.matches(query, index.searchable)
        # Sets are intersected in C; only the documents up to the page shown are walked.
        kept = _allowed(user, filters, index).intersection(ordered)
        results.total = len(kept)
        ids = list(islice((i for i in ordered if i in kept), offset, offset + limit))
        facet_rows = index.count(kept)
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


def _allowed(
    user: Any, filters: Mapping[str, Sequence[str]], index: facet_index.FacetIndex
) -> set[int] | frozenset[int]:
    """Ids of the documents this user may see that pass the facet filters chosen.

    Visibility and facet filters are applied to the match as sets rather than joined in SQL:
    at 10,000 reports the join and its sort cost more than the match itself.
    """
    allowed: set[int] | frozenset[int]
    if permissions.sees_what_the_public_sees(user):
        allowed = index.public
    else:
        visible = permissions.visible_documents(user).order_by().values("id")
        with connection.cursor() as cursor:
            cursor.execute(*visible.query.sql_with_params())
            allowed = {row[0] for row in cursor.fetchall()}
    chosen = facet_index.restricted_to(index, filters, FACET_NAMES)
    return allowed if chosen is None else allowed.intersection(chosen)


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
