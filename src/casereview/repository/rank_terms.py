"""Ranking on SQLite from stored term frequencies (migration 0014): FTS5's bm25, computed from
rows rather than by FTS5.

FTS5's bm25 over the ranking table (title and opening, migration 0006) cost about 3 µs per
ranked document: for each one it reads the document's token counts from the table's size
records. "assessment", in 3,900 openings of 10,000 reports, took 13 ms. Here each document's
title and opening are counted once, at ingest, into `repository_rankterm(term, document_id,
freq, length)`: `freq` is the term's column-weighted count (ten for each use in the title, one
for each in the opening, as `bm25(fts, 10, 1)` weighs them), `length` the document's tokens in
both columns. Ranking a word reads one range of that table's primary key and applies bm25's
formula there, with N and the average length from `repository_ranktotal`:

    score = IDF * freq * (k1 + 1) / (freq + k1 * (1 - b + b * length / avgdl))
    IDF = log((N - n + 0.5) / (n + 0.5)), or 1e-6 where that is not positive

with FTS5's k1 = 1.2 and b = 0.75, n the documents holding the word, and a rank of minus the
sum over the query's words (lower is better, as bm25() returns). A prefix is one phrase, as in
FTS5: its words' counts are added per document and n counts the documents holding any of them.
A test checks the order against FTS5's own bm25().

A word in at least half of the documents gets FTS5's IDF of 1e-6: it changes no order that
another word decides, yet ranking by it would read a row for every document holding it
("child": 9,267 of 10,000 openings). Such a word is left out when it is in at least
`UNRANKED_FROM` documents (below that the cost is small, and in a small library bm25's tiny
weights still put a title match first). Documents that only such words match rank after the
others, in id order, as documents without the words in their opening already do. Prefixes
are always kept.

The terms are FTS5's own index tokens (`phrases.tokens`). The rows are written with the search
text (`services`), rewritten when the title changes, and removed with it (a trigger).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from casereview.repository import phrases
from casereview.repository.search import base as search_base
from casereview.repository.search.base import BODY_WEIGHT, TITLE_WEIGHT

# The part of the body that ranks (migration 0006: substr(body, 1, 4000)).
RANK_CHARS = 4000
# FTS5's bm25 constants.
K1 = 1.2
B = 0.75
# The IDF FTS5 gives a word in at least half of the documents.
MIN_IDF = 1e-6


def index_document(cursor: Any, document_id: int, title: str, body: str) -> None:
    """Write (or rewrite) a document's ranking rows, inside the caller's transaction."""
    cursor.execute("DELETE FROM repository_rankterm WHERE document_id = %s", [document_id])
    in_title = phrases.tokens(title or "")
    in_opening = phrases.tokens((body or "")[:RANK_CHARS])
    freq: dict[str, float] = defaultdict(float)
    for token in in_title:
        freq[token] += TITLE_WEIGHT
    for token in in_opening:
        freq[token] += BODY_WEIGHT
    length = len(in_title) + len(in_opening)
    # Deleted and inserted, not replaced: REPLACE fires no delete trigger, and the totals
    # (`repository_ranktotal`) follow the triggers.
    cursor.execute("DELETE FROM repository_rankdoc WHERE document_id = %s", [document_id])
    cursor.execute(
        "INSERT INTO repository_rankdoc (document_id, length) VALUES (%s, %s)",
        [document_id, length],
    )
    cursor.executemany(
        "INSERT INTO repository_rankterm (term, document_id, freq, length) VALUES (%s, %s, %s, %s)",
        [(term, document_id, f, length) for term, f in freq.items()],
    )


def documents_holding(cursor: Any, token: str) -> int:
    cursor.execute("SELECT count(*) FROM repository_rankterm WHERE term = %s", [token])
    return int(cursor.fetchone()[0])


def ranked(cursor: Any, tokens: Sequence[str], prefixes: Sequence[str]) -> list[int]:
    """The documents holding any of the index tokens, or any token starting with one of the
    prefixes, best first by bm25 (equal scores in id order); documents holding none are left
    out.

    The scores are computed, summed and sorted in SQL, and only the ids come back, as one JSON
    array: fetching 3,900 rows of id, count and length cost Python 7.6 ms ("assessment" at
    10,000 reports), more than FTS5's bm25 did. Each word's IDF needs how many documents hold
    it, counted first (an index-only count).
    """
    if not tokens and not prefixes:
        return []
    cursor.execute("SELECT documents, tokens FROM repository_ranktotal")
    documents, total = cursor.fetchone()
    if not documents:
        return []
    base = K1 * (1 - B)
    scale = K1 * B / (total / documents)  # k1 * b * length / avgdl
    parts: list[str] = []
    params: list[Any] = []
    for token in dict.fromkeys(tokens):
        held = documents_holding(cursor, token)
        if held >= search_base.UNRANKED_FROM and 2 * held >= documents:
            continue  # no weight: see the module docstring
        parts.append(
            "SELECT document_id, %s * freq / (freq + %s + %s * length) AS score "
            "FROM repository_rankterm WHERE term = %s"
        )
        params += [_idf(documents, held), base, scale, token]
    for prefix in dict.fromkeys(prefixes):
        # One phrase, as in FTS5: its words' counts are added per document first.
        cursor.execute(
            "SELECT count(DISTINCT document_id) FROM repository_rankterm "
            "WHERE term >= %s AND term < %s",
            [prefix, prefix + "\U0010ffff"],
        )
        held = int(cursor.fetchone()[0])
        parts.append(
            "SELECT document_id, %s * f / (f + %s + %s * length) AS score FROM ("
            "SELECT document_id, sum(freq) AS f, length FROM repository_rankterm "
            "WHERE term >= %s AND term < %s GROUP BY document_id)"
        )
        params += [_idf(documents, held), base, scale, prefix, prefix + "\U0010ffff"]
    if not parts:
        return []
    if len(parts) == 1:
        ordered = f"SELECT document_id FROM ({parts[0]}) ORDER BY score DESC, document_id"
    else:
        ordered = (
            f"SELECT document_id FROM ({' UNION ALL '.join(parts)}) "
            "GROUP BY document_id ORDER BY sum(score) DESC, document_id"
        )
    cursor.execute(f"SELECT json_group_array(document_id) FROM ({ordered})", params)
    found: list[int] = json.loads(cursor.fetchone()[0])
    return found


def _idf(documents: int, held: int) -> float:
    """bm25's IDF times (k1 + 1), the constant factor of each of the word's scores."""
    return max(math.log((documents - held + 0.5) / (held + 0.5)), MIN_IDF) * (K1 + 1)
