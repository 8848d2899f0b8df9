"""Why two recommendations are shown together, in words: how close they are ("very close",
"close", "related", never the raw score) and the phrases they share, marked where they stand
in the other recommendation's text. The checker, a review's page and a group's page all say it
the same way (issue 19, item 4)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from casereview.analysis.lessons import LESSON_THRESHOLD, shared_phrases
from casereview.analysis.recurrence import RecurrenceIndex

VERY_CLOSE = 0.7
"""A recommendation this similar says the same in nearly the same words: "very close". From
`LESSON_THRESHOLD` it carries the same lesson ("close"); below, it is "related"."""


def closeness(similarity: float) -> str:
    """The similarity in words, as every page says it."""
    if similarity >= VERY_CLOSE:
        return "very close"
    return "close" if similarity >= LESSON_THRESHOLD else "related"


@dataclass(frozen=True)
class Marked:
    """A text as runs, each a shared phrase (marked) or not; built as data so the page never
    puts a phrase into HTML by replacing strings (the idea of the search's `Snippet`)."""

    parts: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def of(cls, text: str, phrases: Sequence[str]) -> Marked:
        """`text` with every place a phrase stands in it marked, ignoring case and spacing;
        a phrase not found word for word (the lesson's text joins what a frame split) is left
        unmarked."""
        patterns = [
            r"\s+".join(re.escape(word) for word in phrase.split())
            for phrase in sorted(phrases, key=len, reverse=True)
            if phrase.strip()
        ]
        if not patterns:
            return cls(((text, False),) if text else ())
        finder = re.compile("|".join(patterns), re.IGNORECASE)
        parts: list[tuple[str, bool]] = []
        at = 0
        for found in finder.finditer(text):
            if found.start() > at:
                parts.append((text[at : found.start()], False))
            parts.append((found.group(), True))
            at = found.end()
        if at < len(text):
            parts.append((text[at:], False))
        return cls(tuple(parts))

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __str__(self) -> str:
        return "".join(text for text, _ in self.parts)

    def __html__(self) -> str:
        """The one place marked text becomes HTML: every run escaped, shared phrases in <mark>."""
        return "".join(
            f"<mark>{html.escape(text, quote=False)}</mark>"
            if is_mark
            else html.escape(text, quote=False)
            for text, is_mark in self.parts
        )


@dataclass(frozen=True)
class Why:
    """Why `other` is shown beside a recommendation: how close, and the phrases shared."""

    closeness: str
    shared: tuple[str, ...]
    marked: Marked
    """The other recommendation's text with the shared phrases marked."""

    @property
    def is_close(self) -> bool:
        return self.closeness != "related"


def why(text: str, other: str, index: RecurrenceIndex) -> Why:
    """Why `other` is like `text`, by the measure that groups them (`index.similarity`)."""
    shared = tuple(shared_phrases(text, other))
    return Why(closeness(index.similarity(text, other)), shared, Marked.of(other, shared))
