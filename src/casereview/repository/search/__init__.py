"""Search the repository: one interface, an FTS5 backend and a PostgreSQL backend.

`search(text, scope=..., filters=...)` parses the text into a safe tree (`query.parse`), asks
the backend for matching documents ranked at document level, then fetches snippets only for
the documents on the page of results shown. Ranking therefore costs one step per matching
document, never one per matching page, and snippets cost one indexed look-up per shown
document (docs/adr/0006-search.md). The backends are `search.sqlite` and `search.postgres`;
what they share is in `search.base`.

`search()` is a query and nothing more: it takes plain values (the words, the facet filters
chosen, which results, and a `Scope`: the documents the person asking may see) and returns
`Results`, data the web page, the command line and the benchmarks each present in their own way.
It knows nothing of HTTP and writes nothing: the caller builds the scope from its access checks
(`repository.access.visible_documents`) and audits a search of restricted documents. A snippet
is data too (`Snippet`), escaped for HTML in one place, its `__html__`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet

from casereview.repository import facet_index
from casereview.repository.models import Document, DocumentFacet
from casereview.repository.query import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    MIN_PREFIX_CHARS,
    Query,
    parse,
)
from casereview.repository.quotes import MARK_END, MARK_START
from casereview.repository.search.base import Backend
from casereview.repository.search.postgres import PostgresBackend
from casereview.repository.search.sqlite import SQLiteBackend
from casereview.repository.services import AGE_BANDS, FACET_LABELS, FACET_NAMES

MAX_LIMIT = 100
# The child's age bands youngest first, as a person reads them, not by count or name.
AGE_ORDER = {label: number for number, (_, label) in enumerate(AGE_BANDS)}
# Facets listed in an order of their own (years newest first, ages youngest first); the others
# are listed by count.
ORDERED_FACETS = frozenset({"year", "age_band"})

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
class Scope:
    """Who is asking, as the documents they may see."""

    documents: QuerySet[Document] | None = None
    """None: what the public sees, the published documents (``repository.access``'s
    ``visible_documents(None)``), answered from the facet index without a query."""

    def eligible(self) -> QuerySet[Document]:
        if self.documents is None:
            return Document.objects.filter(is_published=True)
        return self.documents


PUBLIC = Scope()


@dataclass(frozen=True)
class Snippet:
    """A quote from a matching page: runs of text, each a search's word or words (marked) or
    not, as the backend marked them."""

    parts: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def from_marked(cls, marked: str) -> Snippet:
        """From text with the backend's highlight marks (`quotes.MARK_START`, `MARK_END`)."""
        parts: list[tuple[str, bool]] = []
        for number, piece in enumerate(marked.strip().split(MARK_START)):
            inside, _, after = piece.partition(MARK_END) if number else ("", "", piece)
            parts.extend((text, is_mark) for text, is_mark in ((inside, True), (after, False)))
        return cls(tuple((text, is_mark) for text, is_mark in parts if text))

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __html__(self) -> str:
        """The one place a snippet becomes HTML: every run escaped (quotes need no escaping
        outside attributes), the marked ones in <mark>."""
        return "".join(
            f"<mark>{html.escape(text, quote=False)}</mark>"
            if is_mark
            else html.escape(text, quote=False)
            for text, is_mark in self.parts
        )

    def bracketed(self) -> str:
        """Plain text on one line with the marked words in [brackets], for the command line."""
        text = "".join(f"[{text}]" if is_mark else text for text, is_mark in self.parts)
        return " ".join(text.split())


@dataclass(frozen=True)
class Hit:
    document: Document
    page: int | None
    snippet: Snippet


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


def backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SQLiteBackend()


def word_forms(words: Iterable[str]) -> Mapping[str, tuple[str, ...]]:
    """Each word's forms as this database's index holds them: what a page marks for a
    search is what the search matched (`quotes.Quoter.spans`)."""
    return backend().word_forms(words)


def bulk_loading() -> AbstractContextManager[None]:
    """Around a bulk ingest, which ends with `merge_index`: see each backend's."""
    return backend().bulk_loading()


def merge_index() -> None:
    """Merge the search index after many documents have been added (`casereview ingest`):
    each backend's `merge_index` says what that does."""
    backend().merge_index()


def _eligible(scope: Scope, filters: Mapping[str, Sequence[str]]) -> QuerySet[Document]:
    documents = scope.eligible()
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
    scope: Scope = PUBLIC,
    filters: Mapping[str, Sequence[str]] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """Ranked documents for what someone typed, with facet counts, among the scope's documents."""
    filters = filters or {}
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    query = parse(text)
    results = Results(text=text, query=query)
    if query.too_long:
        results.message = (
            f"Your search is {len(text):,} characters long, and searches can be up to "
            f"{MAX_QUERY_CHARS}. Keep the words that matter most and search again."
        )
        return results
    if query.too_many_terms:
        results.message = (
            f"Your search has more than {MAX_TERMS} words and phrases. Use up to {MAX_TERMS}: "
            "keep those that matter most and search again."
        )
        return results
    if query.short_prefixes:
        results.message = (
            f"Put at least {MIN_PREFIX_CHARS} letters before a star: "
            f"{', '.join(query.short_prefixes)} would match too many different words. "
            "For example, assess* finds assess, assessed and assessment."
        )
        return results
    if query.only_exclusions:
        results.message = "Add a word to search for, as well as the words to leave out."
        return results
    engine = backend()
    index = facet_index.current()
    if query.is_empty:
        matched: list[int] = list(
            _eligible(scope, filters)
            .order_by("-year_published", "title", "id")
            .values_list("id", flat=True)
        )
        results.total = len(matched)
        ids = matched[offset : offset + limit]
        facet_rows = index.count(set(matched))
    else:
        ordered = engine.matches(query, index.searchable)
        # Sets are intersected in C; only the documents up to the page shown are walked.
        kept = _allowed(scope, filters, index).intersection(ordered)
        results.total = len(kept)
        ids = list(islice((i for i in ordered if i in kept), offset, offset + limit))
        facet_rows = index.count(kept)
    # The results show the board's name as the record holds it, so the board is not joined.
    documents = Document.objects.in_bulk(ids)
    snippets = _snippets(engine, query, ids) if not query.is_empty else {}
    results.hits = [
        Hit(documents[i], *snippets.get(i, (None, Snippet()))) for i in ids if i in documents
    ]
    results.facets = _facets(facet_rows, filters)
    return results


def _allowed(
    scope: Scope, filters: Mapping[str, Sequence[str]], index: facet_index.FacetIndex
) -> set[int] | frozenset[int]:
    """Ids of the documents in the scope that pass the facet filters chosen.

    Visibility and facet filters are applied to the match as sets rather than joined in SQL:
    in a large library the join and its sort cost more than the match (docs/adr/0006).
    """
    allowed: set[int] | frozenset[int]
    if scope.documents is None:
        allowed = index.public
    else:
        visible = scope.documents.order_by().values("id")
        with connection.cursor() as cursor:
            cursor.execute(*visible.query.sql_with_params())
            allowed = {row[0] for row in cursor.fetchall()}
    chosen = facet_index.restricted_to(index, filters, FACET_NAMES)
    return allowed if chosen is None else allowed.intersection(chosen)


def _snippets(engine: Backend, query: Query, ids: list[int]) -> dict[int, tuple[int, Snippet]]:
    found = engine.snippets(query, ids)
    missing = [i for i in ids if i not in found]
    if missing:
        # The document matched as a whole but no single page holds every word: show a page
        # with any of them.
        found.update(engine.snippets(query.any_term(), missing))
    return {i: (page, Snippet.from_marked(text)) for i, (page, text) in found.items()}


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
        elif name == "age_band":
            values.sort(key=lambda v: AGE_ORDER.get(v.value, len(AGE_ORDER)))
        else:
            values.sort(key=lambda v: (-v.count, v.label))
    return facets
