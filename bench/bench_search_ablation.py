"""Ablation of search at scale: the database's own path against it with each structure added.

Issue 18, item 6. For every query of bench_search.py's kinds, repeated --repeat times, each
STEP of a search is timed in each of its VARIANTS on the same query in the same loop: the
plain path (FTS5's bm25() and snippet(); PostgreSQL's ts_rank and ts_headline on the stored
tsvector), the shipped code's, and the plain path with one structure added (the phrase index,
the opening table, the stored rank terms or weights, the facet index, sequential scans off,
the phrase keys, the ranking vector). A configuration's time for a query is the sum of its
variants' step times plus the page's own cost (the web page less `search()`, the median per
query), so the plain path and the plain path plus each structure are compared without
shipping them. The shipped engine is also timed whole, through `search()` and the web page,
to check the sum; the shipped engine with each step's other variants in turn shows what each
structure it keeps is for, and what each one left out would save. A structure whose tables a
database lacks (migration 0018 dropped them) gets a line saying so.

On SQLite matching and ranking are two statements, as the shipped code runs them (so the
plain path reads the MATCH twice: once for the ids, once under ORDER BY bm25); on PostgreSQL
they are one step. CPU time is this process's and, on PostgreSQL, its server process's
(bench_search.cpu_clock): on a busy machine elapsed time is mostly waiting for a core.
Nothing is written to the database. Run on a built library (bench/build_search_db.py):

    CASEREVIEW_DATA_DIR=/tmp/bench10k-new .venv/bin/python bench/bench_search_ablation.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/DB CASEREVIEW_DATA_DIR=/tmp/x \\
        .venv/bin/python bench/bench_search_ablation.py --repeat 10
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import time
import types
from collections.abc import Callable
from typing import Any

from bench_search import FACETED, QUERIES, cpu_clock, p95

DROPPED = "not in this database (dropped by migration 0018)"
SHOWN = 20
Step = Callable[[dict[str, Any]], object]
Sample = tuple[float, float]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.config.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from casereview.config.warmup import warm_up
    from casereview.repository.models import Document, Page
    from casereview.repository.search import search

    print(
        f"{connection.vendor} ({connection.settings_dict['NAME']}): "
        f"{Document.objects.count()} documents, {Page.objects.count()} pages; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; {args.repeat} repeats"
    )
    warm_up()
    steps = sqlite_steps() if connection.vendor == "sqlite" else postgres_steps()
    client = Client(HTTP_HOST="localhost")
    clock = cpu_clock()

    def timed(run: Callable[..., object], *args: Any, **kwargs: Any) -> Sample:
        started, started_cpu = time.perf_counter(), clock()
        run(*args, **kwargs)
        return time.perf_counter() - started, clock() - started_cpu

    def page(text: str, filters: dict[str, list[str]]) -> None:
        response = client.get("/repository/", {"q": text, **filters})
        assert response.status_code == 200, response.status_code

    counts = []
    for kind, texts in QUERIES.items():
        filters = FACETED if kind == "faceted" else {}
        # Samples (elapsed, CPU seconds) per (step, variant) and of the whole search; the
        # page's own cost (the web page less search()), its median per query.
        samples: dict[tuple[str, str], list[Sample]] = {}
        overheads: list[Sample] = []
        for text in texts:
            context = prepare(text, filters)
            own: list[Sample] = []
            for _ in range(args.repeat):
                for step, variants in steps.items():
                    for variant, run in variants.items():
                        if isinstance(run, str):
                            continue
                        try:
                            sample = timed(run, context)
                        except Exception as error:  # a shipped step the old schema lacks
                            variants[variant] = f"failed on this database: {error!r:.100}"
                            continue
                        samples.setdefault((step, variant), []).append(sample)
                whole = timed(search, text, filters=filters, limit=SHOWN)
                web = timed(page, text, filters)
                samples.setdefault(("whole", "search()"), []).append(whole)
                samples.setdefault(("whole", "web page"), []).append(web)
                own.append((web[0] - whole[0], web[1] - whole[1]))
            overheads += [
                (statistics.median(o[0] for o in own), statistics.median(o[1] for o in own))
            ] * args.repeat
            if "phrase count" in context:
                counts.append((text, *context["phrase count"]))
        report(kind, steps, samples, overheads)
    for text, plain, shipped in counts:
        print(f"  phrase {text!r}: plain finds {plain} documents, the shipped engine {shipped}")
    print(f"  load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def report(
    kind: str,
    steps: dict[str, dict[str, Step | str]],
    samples: dict[tuple[str, str], list[Sample]],
    overheads: list[Sample],
) -> None:
    """A kind's configurations (each the sum of its variants' steps plus the page's own cost),
    the shipped engine timed whole, and each step's variants: median and p95, elapsed and
    CPU."""

    def line(label: str, found: list[Sample] | str) -> None:
        if isinstance(found, str):
            print(f"    {label:<44} {found}")
            return
        wall, cpu = [s[0] * 1000 for s in found], [s[1] * 1000 for s in found]
        print(
            f"    {label:<44} median {statistics.median(wall):7.1f} ms  p95 {p95(wall):7.1f} ms"
            f"  | CPU median {statistics.median(cpu):7.1f} ms  p95 {p95(cpu):7.1f} ms"
        )

    def summed(chosen: dict[str, str]) -> list[Sample] | str:
        total = list(overheads)
        for step, variant in chosen.items():
            if isinstance(steps[step][variant], str):
                return str(steps[step][variant])
            found = samples[step, variant]
            total = [(a[0] + b[0], a[1] + b[1]) for a, b in zip(total, found, strict=True)]
        return total

    print(
        f"  {kind} ({len(overheads)} searches; the page's own cost, added to each: median "
        f"{statistics.median(o[0] for o in overheads) * 1000:.1f} ms)"
    )
    plain = {step: next(iter(variants)) for step, variants in steps.items()}
    line("plain path", summed(plain))
    for step, variants in steps.items():
        for variant in list(variants)[1:]:
            label = "as shipped" if variant == "shipped" else variant
            line(f"plain + {step} {label}", summed({**plain, step: variant}))
    shipped = {step: "shipped" if "shipped" in v else plain[step] for step, v in steps.items()}
    line("shipped engine (sum of its steps)", summed(shipped))
    # The shipped engine with one step taken back to plain or given another structure.
    for step, variants in steps.items():
        for variant in variants:
            if "shipped" in variants and variant != "shipped":
                line(f"shipped, {step} {variant}", summed({**shipped, step: variant}))
    line("shipped engine whole, search()", samples["whole", "search()"])
    line("shipped engine whole, web page", samples["whole", "web page"])
    for step, variants in steps.items():
        for variant, run in variants.items():
            line(
                f"  step {step}: {variant}", run if isinstance(run, str) else samples[step, variant]
            )


def prepare(text: str, filters: dict[str, list[str]]) -> dict[str, Any]:
    """What each step starts from, computed once per query by the shipped code (untimed)."""
    from casereview.repository import facet_index
    from casereview.repository.query import parse
    from casereview.repository.search import PUBLIC, _allowed, backend

    query = parse(text)
    index = facet_index.current()
    ordered = backend().matches(query, index.searchable)
    kept = _allowed(PUBLIC, filters, index).intersection(ordered)
    shown = [i for i in ordered if i in kept][:SHOWN]
    context = dict(text=text, filters=filters, query=query, index=index, ids=ordered, kept=kept)
    return {**context, "shown": shown, "rows": index.count(kept)}


def common_steps(plain_facets: Step) -> dict[str, dict[str, Step | str]]:
    """Visibility, facets and the rest of a search (the same on both databases)."""
    from casereview.repository import facet_index
    from casereview.repository.models import Document
    from casereview.repository.query import parse
    from casereview.repository.search import PUBLIC, _eligible, _facets
    from casereview.repository.services import FACET_NAMES

    def visible_sql(c: dict[str, Any]) -> object:
        ids = _eligible(PUBLIC, c["filters"]).order_by().values_list("id", flat=True)
        return set(ids).intersection(c["ids"])

    def visible_index(c: dict[str, Any]) -> object:
        index = facet_index.current()
        allowed = index.public
        chosen = facet_index.restricted_to(index, c["filters"], FACET_NAMES)
        return (allowed if chosen is None else allowed & chosen).intersection(c["ids"])

    def rest(c: dict[str, Any]) -> object:
        parse(c["text"])
        Document.objects.in_bulk(c["shown"])
        return _facets(c["rows"], c["filters"])

    return {
        "visibility": {"plain": visible_sql, "shipped": visible_index},
        "facets": {"plain": plain_facets, "shipped": lambda c: c["index"].count(c["kept"])},
        "rest": {"shipped": rest},
    }


def quoted(snippets: Callable[[Any, list[int]], dict[int, tuple[int, str]]]) -> Step:
    """A quote step: the backend's snippets for the shown documents, as `search` asks them
    (with its fallback to any one term)."""
    from casereview.repository.search import _snippets

    engine = types.SimpleNamespace(snippets=snippets)
    return lambda c: _snippets(engine, c["query"], c["shown"])  # type: ignore[arg-type]


def sql(statement: str, params: Any = ()) -> Any:
    """A new cursor that has run the statement (the connection may have been reopened)."""
    from django.db import connection

    cursor = connection.cursor()
    cursor.execute(statement, params)
    return cursor


# --- SQLite ---------------------------------------------------------------------------------


def sqlite_steps() -> dict[str, dict[str, Step | str]]:
    from django.db import connection

    from casereview.repository import index_words
    from casereview.repository.query import WORD, Clause, Query, to_fts5
    from casereview.repository.quotes import MARK_END, MARK_START
    from casereview.repository.search.base import (
        BODY_WEIGHT,
        SNIPPET_WORDS,
        TITLE_WEIGHT,
        UNRANKED_FROM,
        excluded,
        in_given_order,
    )
    from casereview.repository.search.sqlite import SQLiteBackend, _ranking

    present = set(connection.introspection.table_names())

    def one(statement: str, params: list[Any]) -> Any:
        return sql(statement, params).fetchone()[0]

    def ids_of(statement: str, params: list[Any]) -> list[int]:
        """The ids as one JSON array, as the backends read them (far cheaper than rows)."""
        return json.loads(one(f"SELECT json_group_array(id) FROM ({statement})", params))

    def match_plain(c: dict[str, Any]) -> object:
        return [row[0] for row in sql(WORDS_MATCH, [to_fts5(c["query"])]).fetchall()]

    def match_json(c: dict[str, Any]) -> object:
        return ids_of(WORDS_MATCH, [to_fts5(c["query"])])

    def tokens(text: str) -> list[str]:
        words = WORD.findall(text)
        forms = index_words.index_forms(words)
        return [t for w in words for t in forms[w]]

    def phrase_match(term: Any) -> str | None:
        # The old phrases.phrase_match: a pair token, or the phrase of the triple tokens.
        if term.prefix or len(term.words) < 2:
            return None
        found = tokens(" ".join(term.words))
        if len(found) < 2:
            return None
        if len(found) == 2:
            return f'pairs : "{found[0]}_{found[1]}"'
        triples = zip(found, found[1:], found[2:], strict=False)
        return 'triples : "' + " ".join(map("_".join, triples)) + '"'

    def phrase_sql(term: Any, match: str) -> tuple[str, list[Any]]:
        return (
            "SELECT id FROM (SELECT k.document_id AS id FROM repository_phrase_fts f "
            "JOIN repository_pairkey k ON k.id = f.rowid WHERE repository_phrase_fts MATCH %s "
            "UNION ALL SELECT rowid AS id FROM repository_rank_fts "
            "WHERE repository_rank_fts MATCH %s)",
            [match, 'title : "' + " ".join(term.words) + '"'],
        )

    def clause_sql(clause: Clause) -> tuple[str, list[Any]]:
        # The old search/sqlite.py `_clause_sql`.
        plain = [t for t in clause.include if not phrase_match(t)]
        plain_out = [t for t in clause.exclude if not phrase_match(t)]
        parts, params = [], []
        if plain:
            parts.append(WORDS_MATCH)
            params.append(to_fts5(Query((Clause(tuple(plain), tuple(plain_out)),))))
        for term in clause.include:
            if match := phrase_match(term):
                part, more = phrase_sql(term, match)
                parts.append(part)
                params += more
        statement = " INTERSECT ".join(parts)
        if plain_out and not plain:
            statement += " EXCEPT " + WORDS_MATCH
            params.append(to_fts5(Query(tuple(Clause((t,)) for t in plain_out))))
        for term in clause.exclude:
            if match := phrase_match(term):
                part, more = phrase_sql(term, match)
                statement += " EXCEPT " + part
                params += more
        return statement, params

    def match_phrases(c: dict[str, Any]) -> object:
        query = c["query"]
        if not any(phrase_match(t) for t in query.terms() + excluded(query)):
            return match_json(c)
        clauses, params = [], []
        for clause in query.clauses:
            statement, more = clause_sql(clause)
            clauses.append(f"SELECT id FROM ({statement})")
            params += more
        return list(set(ids_of(" UNION ".join(clauses), params)))

    def by_bm25(table: str, match: str) -> list[int]:
        return ids_of(
            f"SELECT rowid AS id FROM {table} WHERE {table} MATCH %s "
            f"ORDER BY bm25({table}, %s, %s), rowid",
            [match, TITLE_WEIGHT, BODY_WEIGHT],
        )

    def rank_plain(c: dict[str, Any]) -> object:
        ranked = by_bm25("repository_document_fts", to_fts5(c["query"]))
        return in_given_order(list(c["ids"]), ranked)

    def rank_shipped(c: dict[str, Any]) -> object:
        ranking = _ranking(connection.cursor(), c["query"], c["index"].searchable)
        if ranking is None:
            return sorted(c["ids"])
        ranked = by_bm25("repository_document_fts", to_fts5(ranking))
        return in_given_order(list(c["ids"]), ranked)

    def rank_opening(c: dict[str, Any]) -> object:
        ranked = by_bm25("repository_rank_fts", to_fts5(c["query"].any_word()))
        return in_given_order(list(c["ids"]), ranked)

    def rank_terms(c: dict[str, Any]) -> object:
        # The old rank_terms.ranked, with the old search/sqlite.py `_ranking_terms`.
        words, prefixes = [], []
        for clause in c["query"].any_word().clauses:
            (term,) = clause.include
            if term.prefix:
                prefixes.append(term.words[0])
            else:
                words += tokens(term.words[0])
        documents, total = sql("SELECT documents, tokens FROM repository_ranktotal").fetchone()
        base, scale = 1.2 * (1 - 0.75), 1.2 * 0.75 / (total / documents)
        parts: list[str] = []
        params: list[Any] = []

        def idf(held: int) -> float:
            return max(math.log((documents - held + 0.5) / (held + 0.5)), 1e-6) * 2.2

        for token in dict.fromkeys(words):
            held = one("SELECT count(*) FROM repository_rankterm WHERE term = %s", [token])
            if held >= UNRANKED_FROM and 2 * held >= documents:
                continue
            parts.append(
                "SELECT document_id, %s * freq / (freq + %s + %s * length) AS score "
                "FROM repository_rankterm WHERE term = %s"
            )
            params += [idf(held), base, scale, token]
        for prefix in dict.fromkeys(prefixes):
            bounds = [prefix, prefix + "\U0010ffff"]
            held = one(
                "SELECT count(DISTINCT document_id) FROM repository_rankterm "
                "WHERE term >= %s AND term < %s",
                bounds,
            )
            parts.append(
                "SELECT document_id, %s * f / (f + %s + %s * length) AS score FROM ("
                "SELECT document_id, sum(freq) AS f, length FROM repository_rankterm "
                "WHERE term >= %s AND term < %s GROUP BY document_id)"
            )
            params += [idf(held), base, scale, *bounds]
        if not parts:
            return sorted(c["ids"])
        ordered = (
            f"SELECT document_id FROM ({parts[0]}) ORDER BY score DESC, document_id"
            if len(parts) == 1
            else f"SELECT document_id FROM ({' UNION ALL '.join(parts)}) "
            "GROUP BY document_id ORDER BY sum(score) DESC, document_id"
        )
        return in_given_order(
            list(c["ids"]), ids_of(f"SELECT document_id AS id FROM ({ordered})", params)
        )

    def snippets_plain(query: Any, ids: list[int]) -> dict[int, tuple[int, str]]:
        # bm25's choice of page (ORDER BY rank) and snippet() on it, one statement a document.
        found = {}
        match = to_fts5(query)
        marks = ", ".join(["%s"] * len(ids))
        spans = sql(
            "SELECT document_id, MIN(id), MAX(id) FROM repository_page "
            f"WHERE document_id IN ({marks}) GROUP BY document_id",
            ids,
        ).fetchall()
        for document_id, first, last in spans:
            row = sql(
                "SELECT p.number, snippet(repository_page_fts, 0, %s, %s, %s, %s) "
                "FROM repository_page_fts f JOIN repository_page p ON p.id = f.rowid "
                "WHERE repository_page_fts MATCH %s AND f.rowid BETWEEN %s AND %s "
                "ORDER BY rank LIMIT 1",
                [MARK_START, MARK_END, "…", SNIPPET_WORDS, match, first, last],
            ).fetchone()
            if row is not None:
                found[document_id] = (row[0], row[1])
        return found

    def plain_facets(c: dict[str, Any]) -> object:
        return sql(
            "SELECT name, value, COUNT(*) FROM repository_documentfacet WHERE document_id IN "
            "(SELECT value FROM json_each(%s)) GROUP BY name, value",
            [json.dumps(sorted(c["kept"]))],
        ).fetchall()

    old = {"repository_phrase_fts", "repository_pairkey", "repository_rank_fts"} <= present
    steps: dict[str, dict[str, Step | str]] = {
        "match": {
            "plain": match_plain,
            "shipped": match_json,
            "+phrase index": match_phrases if old else DROPPED,
        },
        "rank": {
            "plain": rank_plain,
            "shipped": rank_shipped,
            "+opening table": rank_opening if "repository_rank_fts" in present else DROPPED,
            "+stored rank terms": rank_terms if "repository_rankterm" in present else DROPPED,
        },
        "quote": {"plain": quoted(snippets_plain), "shipped": quoted(SQLiteBackend().snippets)},
    }
    return {**steps, **common_steps(plain_facets)}


WORDS_MATCH = (
    "SELECT rowid AS id FROM repository_document_fts WHERE repository_document_fts MATCH %s"
)


# --- PostgreSQL -----------------------------------------------------------------------------


def postgres_steps() -> dict[str, dict[str, Step | str]]:
    from django.db import connection

    from casereview.repository.query import to_tsquery_sql
    from casereview.repository.quotes import MARK_END, MARK_START
    from casereview.repository.search.base import SNIPPET_WORDS, in_given_order
    from casereview.repository.search.postgres import (
        PostgresBackend,
        _common_words,
        _pg_match_sql,
        _pg_ranking,
        _postgres_forms,
        _split_params,
        _without_seqscan,
    )

    present = set(connection.introspection.table_names())
    weights = "{0.1,0.2,0.4,1.0}"

    def plain(c: dict[str, Any]) -> list[int]:
        tsquery, params = to_tsquery_sql(c["query"])
        rows = sql(
            f"SELECT document_id FROM repository_searchtext WHERE search_vector @@ {tsquery} "
            f"ORDER BY ts_rank(%s, search_vector, {tsquery}) DESC",
            [*params, weights, *params],
        ).fetchall()
        return [row[0] for row in rows]

    def combined(keys: bool, vector: bool, off: bool) -> Step:
        """Match and rank with some of the shipped structures: the phrase keys for the match,
        the ranking vector for the order (else ts_rank over the whole document's vector), and
        sequential scans off (else as the planner chooses)."""

        def step(c: dict[str, Any]) -> object:
            cursor, query = connection.cursor(), c["query"]
            if keys:
                match, params = _pg_match_sql(cursor, query)
            else:
                tsquery, params = to_tsquery_sql(query)
                match = "SELECT document_id FROM repository_searchtext WHERE "
                match += f"search_vector @@ {tsquery}"
            if vector:
                statements = [f"SELECT array_agg(document_id) FROM ({match}) m"]
                ranking = _pg_ranking(cursor, query, c["index"].searchable)
                if ranking is not None:
                    statements.append(ranking[0])
                    params = [*params, *ranking[1]]
            else:
                tsquery, more = to_tsquery_sql(query)
                statements = [
                    "SELECT array_agg(s.document_id ORDER BY "
                    f"ts_rank(%s, s.search_vector, {tsquery}) DESC, s.document_id) "
                    f"FROM repository_searchtext s WHERE s.document_id IN ({match})"
                ]
                params = [weights, *more, *params]
            if off:
                rows = _without_seqscan(cursor, statements, params)
            else:
                rows = [sql(*each).fetchone() for each in _split_params(statements, params)]
            ids = rows[0][0] or []
            ranked = ids if not vector else (rows[1][0] or []) if len(rows) > 1 else []
            return in_given_order(list(ids), ranked)

        return step

    def matched(c: dict[str, Any]) -> list[int]:
        tsquery, params = to_tsquery_sql(c["query"])
        return (
            sql(
                "SELECT array_agg(document_id) FROM repository_searchtext "
                f"WHERE search_vector @@ {tsquery}",
                params,
            ).fetchone()[0]
            or []
        )

    def rank_weights(c: dict[str, Any]) -> object:
        # The old search/postgres.py `_pg_ranking` and `_Ranking.ranks` (migration 0012).
        ids = matched(c)
        common = _common_words(connection.cursor(), c["index"].searchable)
        terms = [cl.include[0] for cl in c["query"].any_word().clauses]
        forms = _postgres_forms(t.words[0] for t in terms if not t.prefix)
        lexemes: set[str] = set()
        parts, params = [], []
        for term in terms:
            word = term.words[0]
            if term.prefix:
                parts.append(
                    "SELECT document_id, weight FROM repository_rankweight "
                    "WHERE lexeme >= %s AND lexeme < %s"
                )
                params += [word, word[:-1] + chr(ord(word[-1]) + 1)]
            elif not (forms[word] and set(forms[word]) <= common):
                lexemes.update(forms[word])
        if lexemes:
            parts.append(
                "SELECT document_id, weight FROM repository_rankweight WHERE lexeme = ANY(%s)"
            )
            params.append(sorted(lexemes))
        if not parts:
            return sorted(ids)
        documents, found = sql(
            "SELECT array_agg(document_id), array_agg(weight) FROM ("
            + " UNION ALL ".join(parts)
            + ") w",
            params,
        ).fetchone()
        ranks: dict[int, float] = {}
        for document_id, weight in zip(documents or [], found or [], strict=True):
            ranks[document_id] = ranks.get(document_id, 0.0) - weight
        # Lower is better; equal ranks in id order, the unranked after them in id order.
        return in_given_order(ids, sorted(ranks, key=lambda d: (ranks[d], d)))

    def snippets_plain(query: Any, ids: list[int]) -> dict[int, tuple[int, str]]:
        # The best matching page by ts_rank, then ts_headline on it.
        tsquery, params = to_tsquery_sql(query)
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=15"
        )
        rows = sql(
            f"WITH q AS MATERIALIZED (SELECT {tsquery} AS query) "
            "SELECT d.id, best.number, ts_headline('english', best.text, q.query, %s) "
            "FROM unnest(%s::integer[]) AS d(id) CROSS JOIN q CROSS JOIN LATERAL ("
            "SELECT p.number, p.text FROM repository_page p WHERE p.document_id = d.id "
            "AND p.search_vector @@ q.query "
            "ORDER BY ts_rank(p.search_vector, q.query) DESC, p.number LIMIT 1) best",
            [*params, options, ids],
        ).fetchall()
        return {row[0]: (row[1], row[2]) for row in rows}

    def plain_facets(c: dict[str, Any]) -> object:
        return sql(
            "SELECT name, value, COUNT(*) FROM repository_documentfacet "
            "WHERE document_id = ANY(%s) GROUP BY name, value",
            [sorted(c["kept"])],
        ).fetchall()

    def counted(run: Step) -> Step:
        """The plain match, noting for a phrase how many documents it finds against the
        shipped engine (a tsvector keeps no position past 16,383)."""

        def step(c: dict[str, Any]) -> object:
            ids = run(c)
            if any(len(t.words) > 1 for t in c["query"].terms()):
                c["phrase count"] = (len(ids), len(c["ids"]))
            return ids

        return step

    engine = PostgresBackend()
    steps: dict[str, dict[str, Step | str]] = {
        "match+rank": {
            "plain": counted(plain),
            "+seqscan off": combined(keys=False, vector=False, off=True),
            "+phrase keys": combined(keys=True, vector=False, off=False),
            "+ranking vector": combined(keys=False, vector=True, off=False),
            "+stored rank weights": (
                rank_weights if "repository_rankweight" in present else DROPPED
            ),
            "shipped": lambda c: engine.matches(c["query"], c["index"].searchable),
            "shipped -seqscan off": combined(keys=True, vector=True, off=False),
            "shipped -phrase keys": combined(keys=False, vector=True, off=True),
            "shipped -ranking vector": combined(keys=True, vector=False, off=True),
        },
        "quote": {"plain": quoted(snippets_plain), "shipped": quoted(engine.snippets)},
    }
    return {**steps, **common_steps(plain_facets)}


if __name__ == "__main__":
    main()
