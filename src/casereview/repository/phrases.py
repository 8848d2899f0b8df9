"""Exact phrase search on SQLite through an index of adjacent word pairs and triples
(migrations 0008 and 0011).

FTS5 matches a phrase by walking the position lists of each of its words in every document
that holds them all. For "child protection plan" at 10,000 reports that is every position of
"child" in nearly every report: 30 to 50 ms of CPU whatever else is done. A second FTS5 table,
`repository_phrase_fts`, holds each report's body twice: as the sequence of its adjacent pairs
of index words ("child_protect protect_plan ...") and as the sequence of its triples
("child_protect_plan ..."), with positions. A phrase of two words is one pair token, of three
one triple token, and of n > 3 the phrase of its n - 2 triples: exactly the documents where
the words occur in order, since the token starting at word k sits at position k. Pairs and
triples are far rarer than the words that make them, so their lists are short, and a single
token needs no comparison of positions at all (8 ms for two pairs at 10,000 reports, 3 ms for
one token).

The words are FTS5's own: the text is split where FTS5's unicode61 tokenizer splits it
(runs of letters and digits), and each distinct word is turned into its index form (folded,
stemmed) by FTS5 itself, through an in-memory table with the same tokenizer, so a pair is
made of exactly the tokens the main index holds. Titles are not in the phrase table: a phrase
in a title is found through the small ranking table (`repository_rank_fts`).

The phrase table is contentless and its rowids are keys from `repository_pairkey`, not
document ids: a key row is deleted by a trigger when its document's search text is, so a
document that is removed stops matching at once (its tokens stay behind, unreachable) and a
new document never inherits an old one's.
"""

from __future__ import annotations

import operator
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from itertools import compress, pairwise
from typing import Any, cast

from casereview.repository.quotes import ASCII_FOLD

TOKENIZE = "porter unicode61 remove_diacritics 2"
# Where unicode61 splits text: anything that is not a letter or a digit.
_WORD = re.compile(r"[^\W_]+")
# For `words_of`: quoting's ASCII folding (letters lowered, anything else but digits a space)
# plus the typographic punctuation of report text as a space (no letter or digit is among it).
_FOLD = {
    **ASCII_FOLD,
    **dict.fromkeys(
        map(
            ord,
            "\u00a0\u00ad\u00b7\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019"
            "\u201c\u201d\u2022\u2026\u2212\ufffe",
        ),
        " ",
    ),
}
# Index forms remembered per process; cleared when it grows past this many word forms.
MAX_REMEMBERED = 500_000

_local = threading.local()
_forms: dict[str, tuple[str, ...]] = {}
# The words of `_forms` with exactly one index form, to it: a text of such words is turned
# into its tokens by one lookup per word in C (`tokens`).
_single: dict[str, str] = {}


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
            _single.clear()
        scratch = _scratch()
        with scratch:
            scratch.executemany(
                "INSERT INTO words(rowid, w) VALUES (?, ?)",
                enumerate(unknown, start=1),
            )
            found: dict[int, list[tuple[int, str]]] = {}
            for term, doc, offset in scratch.execute("SELECT term, doc, offset FROM forms"):
                found.setdefault(doc, []).append((offset, term))
            scratch.execute("DELETE FROM words")
        for rowid, word in enumerate(unknown, start=1):
            forms = tuple(term for _, term in sorted(found.get(rowid, [])))
            _forms[word] = forms
            if len(forms) == 1:
                _single[word] = forms[0]
    return {w: _forms.get(w) or index_forms_one(w) for w in wanted}


def index_forms_one(word: str) -> tuple[str, ...]:
    """A word's forms after the cache was cleared under it (rare): looked up on its own."""
    if word not in _forms:
        index_forms([word])
    return _forms.get(word, ())


def words_of(text: str) -> list[str]:
    """The text's words as unicode61 splits it (runs of letters and digits); lower-cased when
    the text is ASCII once common punctuation is taken out (split in C, four times quicker than
    the regular expression), as written otherwise. FTS5 folds case itself."""
    folded = text.translate(_FOLD)
    if folded.isascii():
        return folded.split()
    return _WORD.findall(text)


def tokens(text: str) -> list[str]:
    """The text's tokens in order, as the main FTS5 index holds them."""
    words = words_of(text)
    found = list(map(_single.get, words))
    if None in found:
        # Words not seen before are looked up together, then the text is mapped again.
        index_forms(compress(words, map(operator.not_, found)))
        found = list(map(_single.get, words))
        if None in found:
            # A word FTS5 drops or splits in two (rare): word by word.
            forms = index_forms(words)
            return [token for word in words for token in forms[word]]
    return cast(list[str], found)


def pair_text(text: str) -> str:
    """The text as its adjacent token pairs, one pair token per position."""
    return _pairs(tokens(text))


def _pairs(found: Sequence[str]) -> str:
    return " ".join(map("_".join, pairwise(found)))


def triple_text(found: Sequence[str]) -> str:
    """Tokens as their runs of three, one triple token per position."""
    return " ".join(map("_".join, zip(found, found[1:], found[2:], strict=False)))


def phrase_match(words: Sequence[str]) -> str | None:
    """The FTS5 query of the phrase table for a phrase, or None below two tokens."""
    found = tokens(" ".join(words))
    if len(found) < 2:
        return None
    if len(found) == 2:
        return f'pairs : "{found[0]}_{found[1]}"'
    return f'triples : "{triple_text(found)}"'


def index_document(cursor: Any, document_id: int, body: str) -> None:
    """Add a document's body to the phrase table and its words to the word list (inside the
    caller's transaction)."""
    cursor.execute(
        "INSERT INTO repository_pairkey (document_id) VALUES (%s) RETURNING id", [document_id]
    )
    key = cursor.fetchone()[0]
    found = tokens(body)
    cursor.execute(
        "INSERT INTO repository_phrase_fts (rowid, pairs, triples) VALUES (%s, %s, %s)",
        [key, _pairs(found), triple_text(found)],
    )
    cursor.executemany(
        "INSERT OR IGNORE INTO repository_term (term) VALUES (%s)", [[t] for t in set(found)]
    )
