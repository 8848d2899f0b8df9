"""Searchable views of page text, and quoting spans of it back verbatim as evidence.

Each page becomes one line of text with whitespace collapsed (`flat`) and a same-length
matching copy (`low`): lower case, typographic quotes and dashes made plain, and a "?" between
two letters read as a hyphen (a common encoding fault: "co?ordinated"). Patterns run on `low`;
quotes are cut from `flat` at the same offsets, so evidence is always the page's own words.
Page 1 includes its running header, since on a title page that is often the title itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from casereview.analysis.model import Document

# Evidence quotes are a sentence, cut to about this many characters around the match so a
# person can check it at a glance.
MAX_QUOTE_CHARS = 240

_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)
_QMARK_HYPHEN = re.compile(r"(?<=[a-z])\?(?=[a-z])")
_BOUNDARY = re.compile(r"[.!?](?=\s+[^a-z\s])|[•▪●]|\s\|\s")


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@dataclass(frozen=True)
class PageView:
    """One page as a single line of text, its matching copy, and where its lines start."""

    number: int
    flat: str
    low: str
    line_starts: tuple[int, ...]
    body_start: int = 0

    @property
    def lines(self) -> list[str]:
        ends = [*self.line_starts[1:], len(self.flat) + 1]
        return [self.flat[s : e - 1] for s, e in zip(self.line_starts, ends, strict=True)]

    def line_start_before(self, offset: int) -> int:
        """The offset where the line holding `offset` starts."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return self.line_starts[max(i, 0)]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence around [start, end), cut to `MAX_QUOTE_CHARS`."""
        left = 0
        for b in _BOUNDARY.finditer(self.flat, max(0, start - MAX_QUOTE_CHARS), start):
            left = b.end()
        m = _BOUNDARY.search(self.flat, end, end + MAX_QUOTE_CHARS)
        right = m.start() + (1 if self.low[m.start()] in ".!?" else 0) if m else len(self.low)
        if right - left > MAX_QUOTE_CHARS:
            room = max(0, (MAX_QUOTE_CHARS - (end - start)) // 2)
            left = max(left, start - room)
            right = min(right, end + room)
            while left > 0 and left < start and self.flat[left - 1] != " ":
                left += 1
            while right < len(self.flat) and right > end and self.flat[right] != " ":
                right -= 1
        return left, right

    def quote(self, start: int, end: int) -> str:
        """The sentence around a match, verbatim (whitespace already collapsed)."""
        s, e = self.sentence(start, end)
        return self.flat[s:e].strip(" ;,|•")


def page_view(number: int, text: str, header: str = "") -> PageView:
    """The view of a page; a `header` goes first, and `body_start` says where the body begins."""
    if header:
        head = page_view(number, header)
        body = page_view(number, text)
        if not body.flat:
            return PageView(number, head.flat, head.low, head.line_starts, len(head.flat))
        shift = len(head.flat) + 1
        return PageView(
            number,
            head.flat + " " + body.flat,
            head.low + " " + body.low,
            head.line_starts + tuple(s + shift for s in body.line_starts),
            shift,
        )
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        starts.append(pos)
        parts.append(line)
        pos += len(line) + 1
    flat = " ".join(parts)
    low = _lower_same_length(flat)
    # Most pages are plain ASCII without a "?" between letters: skip the passes that would
    # change nothing.
    if not low.isascii():
        low = low.translate(_PLAIN)
    if "?" in low:
        low = _QMARK_HYPHEN.sub("-", low)
    return PageView(number, flat, low, tuple(starts) or (0,))


def views(document: Document) -> list[PageView]:
    """One view per page; page 1 is read with its running header on top."""
    return [page_view(p.number, p.text, p.header if p.number == 1 else "") for p in document.pages]


def collapse(text: str) -> str:
    """Whitespace collapsed, as evidence quotes are compared with page text."""
    return " ".join(text.split())
