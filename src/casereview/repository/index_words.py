"""Words as SQLite's full-text index holds them: each word's index forms (folded, stemmed),
asked of FTS5 itself through an in-memory table with the same tokenizer, so that a page marks
for a search exactly the words the search matched (`quotes.Quoter`)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable

TOKENIZE = "porter unicode61 remove_diacritics 2"
# Index forms remembered per process; cleared when it grows past this many word forms.
MAX_REMEMBERED = 500_000

_local = threading.local()
_forms: dict[str, tuple[str, ...]] = {}


def _scratch() -> sqlite3.Connection:
    scratch: sqlite3.Connection | None = getattr(_local, "scratch", None)
    if scratch is None:
        scratch = sqlite3.connect(":memory:")
        scratch.execute(f"CREATE VIRTUAL TABLE words USING fts5(w, tokenize='{TOKENIZE}')")
        scratch.execute("CREATE VIRTUAL TABLE forms USING fts5vocab(words, 'instance')")
        _local.scratch = scratch
    return scratch


def index_forms(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each word's tokens as FTS5 indexes them (usually one; none for a word FTS5 drops)."""
    wanted = set(words)
    unknown = [w for w in wanted if w not in _forms]
    if unknown:
        if len(_forms) + len(unknown) > MAX_REMEMBERED:
            _forms.clear()
        scratch = _scratch()
        with scratch:
            scratch.executemany(
                "INSERT INTO words(rowid, w) VALUES (?, ?)", enumerate(unknown, start=1)
            )
            found: dict[int, list[tuple[int, str]]] = {}
            for term, doc, offset in scratch.execute("SELECT term, doc, offset FROM forms"):
                found.setdefault(doc, []).append((offset, term))
            scratch.execute("DELETE FROM words")
        for rowid, word in enumerate(unknown, start=1):
            _forms[word] = tuple(term for _, term in sorted(found.get(rowid, [])))
    return {w: _forms[w] if w in _forms else index_forms_one(w) for w in wanted}


def index_forms_one(word: str) -> tuple[str, ...]:
    """A word's forms after the cache was cleared under it (rare): looked up on its own."""
    if word not in _forms:
        index_forms([word])
    return _forms.get(word, ())
