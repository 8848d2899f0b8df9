"""The quote shown under a search result: a window of a page with the query's words marked.

The backends choose the page; this module chooses the words. FTS5's snippet() and
PostgreSQL's ts_headline() tokenise and score the whole page again on every call (ts_headline
about 1 ms a page, a fifth of a search's time for 20 results), where here a page is split
once by a regular expression and only the words that could match are looked up. Whether a
word matches is decided by its index form, which the backend supplies (`Forms`): FTS5's own
tokens on SQLite (`repository.phrases.index_forms`), `to_tsvector('english', ...)` on
PostgreSQL. So "assessments" is marked for `assessment` exactly when the index would match it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from casereview.repository.query import Term

# Characters from Unicode's private use area mark where highlights start and stop: they pass
# through html.escape untouched and are then turned into <mark> tags (`search.highlight`).
MARK_START = "\ue000"
MARK_END = "\ue001"
ELLIPSIS = "…"
# Runs of letters and digits: where both FTS5's unicode61 tokenizer and, for ordinary words,
# PostgreSQL's parser split text.
WORD = re.compile(r"[^\W_]+")
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
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def quote(text: str, terms: Sequence[Term], forms: Forms, words: int) -> str | None:
    """`words` words of `text` around the best cluster of matches, marked; None when no word
    of the text matches a term."""
    tokens = [(m.start(), m.end(), folded(m.group())) for m in WORD.finditer(text)]
    patterns = _patterns(terms, forms)
    if not tokens or not patterns:
        return None
    starts = {p[:SHARED_START] for p in _pattern_starts(terms)}
    wanted = {t[2] for t in tokens if t[2][:SHARED_START] in starts}
    if not wanted:
        return None
    known = forms(wanted)
    token_forms = [known.get(t[2], ()) if t[2] in wanted else None for t in tokens]
    matches = _matches(token_forms, patterns)
    if not matches:
        return None
    first, last = _window(matches, len(tokens), words)
    return _render(text, tokens, matches, first, last)


def _pattern_starts(terms: Sequence[Term]) -> set[str]:
    return {folded(w) for t in terms for w in t.words}


def _patterns(terms: Sequence[Term], forms: Forms) -> list[_Pattern]:
    words = {folded(w) for t in terms for w in t.words}
    known = forms(words)
    patterns = []
    for term in terms:
        parts = [folded(w) for w in term.words]
        prefix = parts.pop() if term.prefix else ""
        shapes = tuple(known.get(w, ()) for w in parts)
        if not prefix and not any(shapes):
            continue
        patterns.append(_Pattern(shapes, prefix))
    return patterns


def _matches(
    token_forms: Sequence[tuple[str, ...] | None], patterns: Sequence[_Pattern]
) -> list[tuple[int, int, int]]:
    """(first token, token after the last, pattern number) of every match, in page order."""
    found = []
    count = len(token_forms)
    for number, pattern in enumerate(patterns):
        size = len(pattern.forms) + (1 if pattern.prefix else 0)
        for i in range(count - size + 1):
            if _matches_at(token_forms, i, pattern):
                found.append((i, i + size, number))
    found.sort()
    return found


def _matches_at(token_forms: Sequence[tuple[str, ...] | None], i: int, pattern: _Pattern) -> bool:
    for offset, shape in enumerate(pattern.forms):
        have = token_forms[i + offset]
        if shape and have != shape:
            return False
        if not shape and have:
            # A stop word of the phrase (PostgreSQL drops it): any word that is not indexed.
            return False
    if pattern.prefix:
        have = token_forms[i + len(pattern.forms)]
        return bool(have) and any(f.startswith(pattern.prefix) for f in have or ())
    return True


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
    tokens: Sequence[tuple[int, int, str]],
    matches: Sequence[tuple[int, int, int]],
    first: int,
    last: int,
) -> str:
    start = 0 if first == 0 else tokens[first][0]
    end = len(text) if last == len(tokens) else tokens[last - 1][1]
    pieces = [ELLIPSIS] if first > 0 else []
    at = start
    marked_to = first
    for begin, finish, _ in matches:
        if begin < marked_to or begin < first or finish > last:
            continue
        pieces += [text[at : tokens[begin][0]], MARK_START]
        pieces += [text[tokens[begin][0] : tokens[finish - 1][1]], MARK_END]
        at = tokens[finish - 1][1]
        marked_to = finish
    pieces.append(text[at:end])
    if last < len(tokens):
        pieces.append(ELLIPSIS)
    return re.sub(r"\s+", " ", "".join(pieces)).strip()
