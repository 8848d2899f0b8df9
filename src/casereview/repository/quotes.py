"""The quote shown under a search result: a window of a page with the query's words marked.

The backends choose the page; this module chooses the words. FTS5's snippet() and
PostgreSQL's ts_headline() tokenise and score the whole page again on every call (for
ts_headline most of a search's time, docs/adr/0006), where here a page is split
once by a regular expression and only the words that could match are looked up. Whether a
word matches is decided by its index form, which the backend supplies (`Forms`): FTS5's own
tokens on SQLite (`repository.index_words.index_forms`), `to_tsvector('english', ...)` on
PostgreSQL. So "assessments" is marked for `assessment` exactly when the index would match it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, islice

from casereview.repository.query import Term

# Characters from Unicode's private use area mark where highlights start and stop: they pass
# through html.escape untouched and are then turned into <mark> tags (`search.highlight`).
MARK_START = "\ue000"
MARK_END = "\ue001"
ELLIPSIS = "…"
# Runs of letters and digits: where both FTS5's unicode61 tokenizer and, for ordinary words,
# PostgreSQL's parser split text.
WORD = re.compile(r"[^\W_]+")
# ASCII text folded for splitting: letters lowered, everything but letters and digits a space,
# so that str.split() gives the words (five times quicker than a regular expression's split).
ASCII_FOLD = str.maketrans({c: (c.lower() if c.isalnum() else " ") for c in map(chr, range(128))})
# A page word is looked up only if it starts as a query word does (these many letters,
# diacritics removed): stems keep the start of their word, except a handful of short forms
# such as "dying" / "die", which are then left unmarked.
SHARED_START = 2

Forms = Callable[[Iterable[str]], Mapping[str, tuple[str, ...]]]


@dataclass(frozen=True)
class _Pattern:
    """A term as index forms: one tuple per word (empty for a stop word PostgreSQL drops)."""

    forms: tuple[tuple[str, ...], ...]
    prefix: str


def folded(word: str) -> str:
    """Lower case without diacritics, as both indexes compare words."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    """The text's words, folded, in order (one pass in C for ASCII text; otherwise only the
    words with other letters are folded one by one)."""
    if text.isascii():
        return WORD.findall(text.lower())
    return [w.lower() if w.isascii() else folded(w) for w in WORD.findall(text)]


@dataclass(frozen=True)
class Quoter:
    """What quoting needs of a query, worked out once for all the pages quoted for it."""

    patterns: tuple[_Pattern, ...]
    # The starts a page word must have to be looked up at all.
    starts: frozenset[str]
    forms: Forms

    @classmethod
    def of(cls, terms: Sequence[Term], forms: Forms) -> Quoter:
        starts = frozenset(folded(w)[:SHARED_START] for t in terms for w in t.words)
        return cls(tuple(_patterns(terms, forms)), starts, forms)

    def quote(self, text: str, words: int) -> str | None:
        """`words` words of `text` around the best cluster of matches, marked; None when no
        word of the text matches a term."""
        if not self.patterns:
            return None
        page = text.translate(ASCII_FOLD).split() if text.isascii() else _words(text)
        if not page:
            return None
        wanted = {w for w in set(page) if w[:SHARED_START] in self.starts}
        if not wanted:
            return None
        known = self.forms(wanted)
        matches = _matches(page, {w: known.get(w, ()) for w in wanted}, self.patterns)
        if not matches:
            return None
        first, last = _window(matches, len(page), words)
        # Offsets only for the words shown: the ones before are skipped in C.
        spans = [m.span() for m in islice(WORD.finditer(text), first, last)]
        return _render(text, spans, matches, first, last)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """[start, end) in `text` of every match, in order: the words a page marks for a search
        (the same words its quote under the search result marks)."""
        if not self.patterns:
            return []
        page = text.translate(ASCII_FOLD).split() if text.isascii() else _words(text)
        wanted = {w for w in set(page) if w[:SHARED_START] in self.starts}
        if not wanted:
            return []
        known = self.forms(wanted)
        matches = _matches(page, {w: known.get(w, ()) for w in wanted}, self.patterns)
        if not matches:
            return []
        words = [m.span() for m in WORD.finditer(text)]
        out: list[tuple[int, int]] = []
        for first, last, _ in matches:
            if not out or words[first][0] >= out[-1][1]:
                out.append((words[first][0], words[last - 1][1]))
        return out


def quote(text: str, terms: Sequence[Term], forms: Forms, words: int) -> str | None:
    """One page's quote (`Quoter` when quoting several pages for the same query)."""
    return Quoter.of(terms, forms).quote(text, words)


def _patterns(terms: Sequence[Term], forms: Forms) -> list[_Pattern]:
    words = {folded(w) for t in terms for w in t.words}
    known = forms(words)
    patterns = []
    for term in terms:
        parts = [folded(w) for w in term.words]
        prefix = parts.pop() if term.prefix else ""
        shapes = [known.get(w, ()) for w in parts]
        # Stop words at either end are not part of the match on PostgreSQL.
        while shapes and not shapes[0]:
            shapes.pop(0)
        while shapes and not shapes[-1] and not prefix:
            shapes.pop()
        if shapes or prefix:
            patterns.append(_Pattern(tuple(shapes), prefix))
    return patterns


def _fits(shape: tuple[str, ...], have: tuple[str, ...] | None, prefix: str) -> bool:
    """Whether a page word with index forms `have` (None: not looked up, so not a query
    word's) stands where a query word with forms `shape` does."""
    if prefix:
        return bool(have) and any(f.startswith(prefix) for f in have or ())
    if not shape:
        # A stop word of the phrase (PostgreSQL drops it): any word that is not indexed.
        return not have
    return have == shape


def _matches(
    page: Sequence[str], known: Mapping[str, tuple[str, ...]], patterns: Sequence[_Pattern]
) -> list[tuple[int, int, int]]:
    """(first word, word after the last, pattern number) of every match, in page order."""
    found = []
    for number, pattern in enumerate(patterns):
        steps = [(shape, "") for shape in pattern.forms]
        if pattern.prefix:
            steps.append(((), pattern.prefix))
        shape, prefix = steps[0]
        # The words that can start a match: looked up once each, not once per position.
        openers = {w for w, have in known.items() if _fits(shape, have, prefix)}
        size = len(steps)
        # Where they stand, found in C: most of a page's words open nothing.
        starts = compress(range(len(page) - size + 1), map(openers.__contains__, page))
        for i in starts:
            if all(_fits(s, known.get(page[i + k]), p) for k, (s, p) in enumerate(steps[1:], 1)):
                found.append((i, i + size, number))
    found.sort()
    return found


def _window(matches: Sequence[tuple[int, int, int]], count: int, words: int) -> tuple[int, int]:
    """The run of `words` tokens holding the most different terms, then the most matches;
    it starts a few words before its first match."""
    best = (-1, -1, 0)
    lead = words // 4
    for anchor, _, _ in matches:
        first = max(0, min(anchor - lead, count - words))
        last = first + words
        inside = [m for m in matches if m[0] >= first and m[1] <= last]
        score = (len({m[2] for m in inside}), len(inside), -first)
        if score > best:
            best = score
    first = -best[2]
    return first, min(count, first + words)


def _render(
    text: str,
    spans: Sequence[tuple[int, int]],
    matches: Sequence[tuple[int, int, int]],
    first: int,
    last: int,
) -> str:
    """`spans`: the offsets of words `first` to `last` - 1."""
    start = 0 if first == 0 else spans[0][0]
    end = spans[-1][1]
    complete = WORD.search(text, end) is None
    if complete:
        end = len(text)
    pieces = [ELLIPSIS] if first > 0 else []
    at = start
    marked_to = first
    for begin, finish, _ in matches:
        if begin < marked_to or begin < first or finish > last:
            continue
        opening, closing = spans[begin - first][0], spans[finish - 1 - first][1]
        pieces += [text[at:opening], MARK_START, text[opening:closing], MARK_END]
        at = closing
        marked_to = finish
    pieces.append(text[at:end])
    if not complete:
        pieces.append(ELLIPSIS)
    return re.sub(r"\s+", " ", "".join(pieces)).strip()
