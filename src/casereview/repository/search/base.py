"""What both search backends share: the Backend protocol, ranking weights and limits, and the
order of ranked and unranked matches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from itertools import filterfalse
from typing import Protocol

from casereview.repository.query import Query, Term

# Words in a quote (FTS5 counts tokens; on PostgreSQL quotes.quote counts words).
SNIPPET_WORDS = 30
# Relative weights of the title and the body in ranking: a word in the title says far more
# about what a review is about than the same word somewhere in sixty pages.
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
# A word in at least half of the documents, and in at least this many, is left out of the
# ranking on SQLite (bm25 gives it no weight; `sqlite._ranking`), and likewise on PostgreSQL
# (`postgres._common_words`). Below this many the small weights still put a title match first.
UNRANKED_FROM = 2000
# Matching pages of a shown document compared to choose the one quoted: the first this many,
# as a common word is on nearly every page of every report shown.
PAGES_COMPARED = 12


class Backend(Protocol):
    def matches(self, query: Query, documents: int = 0) -> list[int]:
        """The ids of every matching document, best first (equal ranks in id order)."""

    def snippets(self, query: Query, document_ids: Sequence[int]) -> dict[int, tuple[int, str]]:
        """For each document with a page matching the query: (page number, marked snippet)."""

    def word_forms(self, words: Iterable[str]) -> Mapping[str, tuple[str, ...]]:
        """Each word's forms as the index holds them (`quotes.Forms`)."""

    def bulk_loading(self) -> AbstractContextManager[None]:
        """Around adding many documents one by one, which `merge_index` then follows."""

    def merge_index(self) -> None:
        """Merge the full-text index after many documents have been added."""


def in_given_order(ids: list[int], ranked: Sequence[int]) -> list[int]:
    """Matching ids, those in `ranked` first in its order, the rest in id order."""
    matched = set(ids)
    first = list(filter(matched.__contains__, ranked))
    placed = set(first)
    return first + sorted(filterfalse(placed.__contains__, ids))


def excluded(query: Query) -> list[Term]:
    return [t for c in query.clauses for t in c.exclude]
