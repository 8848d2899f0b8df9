"""The facet table in memory, for counting facets over thousands of matching documents.

Counting in SQL visits each matching document's facet rows through an index, one look-up per
matching document (docs/adr/0006 measures it). Here each facet value holds its documents, and a
count is the size of their intersection with the matching documents, done in C.

The sets are loaded once per process and database, and again only when the token in
`SearchState` has changed (triggers change it on every facet or publication change, migration
0007). A token read inside a transaction that changed facets is a new random value, so what
that transaction saw is never reused after a rollback. Without the state row (a test database
flushed between tests) nothing is kept and every call loads afresh.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from casereview.repository import access


@dataclass(frozen=True)
class FacetIndex:
    token: str | None
    documents: Mapping[tuple[str, str], frozenset[int]]
    # Every document with at least one facet value.
    faceted: frozenset[int] = frozenset()
    # The documents the public may see (access.visible_documents of nobody signed in),
    # which depends only on documents being added, removed, published or withdrawn: the
    # changes the token follows.
    public: frozenset[int] = frozenset()
    # How many documents have search text (the rows of SQLite's ranking table), for telling
    # which words are in more than half of them; documents added or removed change the token.
    searchable: int = 0

    # Each value's documents again as the bits of one integer (bit n: document n), for
    # counting: an AND and a count of bits, done in C, where intersecting sets probed each
    # document.
    masks: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def count(self, matched: set[int] | frozenset[int]) -> list[tuple[str, str, int]]:
        """(name, value, count) of every facet value held by at least one matched document.

        When most documents match, each value's count is its size less the non-matching
        documents that hold it, so the mask is built from the fewer documents.
        """
        out = []
        if len(matched) * 2 > len(self.faceted):
            missing = _mask(self.faceted.difference(matched))
            for key, mask in self.masks.items():
                n = mask.bit_count() - (mask & missing).bit_count()
                if n:
                    out.append((*key, n))
            return out
        wanted = _mask(matched)
        for key, mask in self.masks.items():
            n = (mask & wanted).bit_count()
            if n:
                out.append((*key, n))
        return out

    def having(self, name: str, values: Iterable[str]) -> frozenset[int]:
        """The documents with any of `values` for the facet `name`."""
        found: set[int] = set()
        for value in values:
            found.update(self.documents.get((name, value), ()))
        return frozenset(found)


def _mask(ids: Iterable[int]) -> int:
    """The ids as the bits of one integer."""
    ids = list(ids)
    if not ids:
        return 0
    bits = bytearray((max(ids) >> 3) + 1)
    for i in ids:
        bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


_lock = threading.Lock()
_cache: dict[tuple[str, str], FacetIndex] = {}


def _token(cursor: Any) -> str | None:
    cursor.execute("SELECT token FROM repository_searchstate WHERE id = 1")
    row = cursor.fetchone()
    return str(row[0]) if row else None


def current() -> FacetIndex:
    """The facet table as the database holds it now."""
    key = (connection.vendor, str(connection.settings_dict.get("NAME")))
    with connection.cursor() as cursor:
        token = _token(cursor)
        found = _cache.get(key)
        if found is not None and token is not None and found.token == token:
            return found
        cursor.execute("SELECT name, value, document_id FROM repository_documentfacet")
        sets: dict[tuple[str, str], set[int]] = {}
        for name, value, document_id in cursor.fetchall():
            sets.setdefault((name, value), set()).add(document_id)
        public_sql = access.visible_documents(None).order_by().values("id").query
        cursor.execute(*public_sql.sql_with_params())
        public = frozenset(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT COUNT(*) FROM repository_searchtext")
        searchable = int(cursor.fetchone()[0])
        # Kept only if nothing changed while the rows were read.
        unchanged = token is not None and _token(cursor) == token
    faceted = frozenset().union(*sets.values()) if sets else frozenset()
    index = FacetIndex(
        token,
        {k: frozenset(v) for k, v in sets.items()},
        faceted,
        public,
        searchable,
        {k: _mask(v) for k, v in sets.items()},
    )
    if unchanged:
        with _lock:
            _cache[key] = index
    return index


def restricted_to(
    index: FacetIndex, filters: Mapping[str, Sequence[str]], names: Iterable[str]
) -> frozenset[int] | None:
    """The documents passing every facet filter chosen, or None when none is chosen."""
    chosen: frozenset[int] | None = None
    for name in names:
        values = [v for v in filters.get(name, ()) if v]
        if not values:
            continue
        having = index.having(name, values)
        chosen = having if chosen is None else chosen & having
    return chosen
