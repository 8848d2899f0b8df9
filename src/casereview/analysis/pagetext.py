"""A page's stored text made readable: its paragraphs, and where a quote stands on it.

Stored page text keeps the lines the reader found. What a line is depends on the format:

- PDF and plain text (`wrapped`): printed lines, wrapped where the page ran out of width. A
  paragraph's end is inferred: a blank line, a line that stops well short of the page's width,
  or a next line that opens a list item. Its lines are read as one run of text.
- Word and web pages (not `wrapped`): each line is a paragraph of the source (or, between
  blank lines, a paragraph with line breaks of its own).

`find_quote` finds an evidence quote on a page although the two may differ in white space,
line breaks, hyphens at line ends and typographic quotes or dashes: both are compared as their
letters and digits alone. Everything here is linear in the length of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A printed line shorter than this share of the page's full line width ends its paragraph.
# Justified or ragged prose fills 85-100% of the width; the last line of a paragraph usually
# stops well short of it, and a heading is short.
SHORT_LINE_SHARE = 0.75
# The page's full line width is read at this quantile of its lines' lengths, so one overlong
# line (a URL, a table row) does not make every other line look short.
WIDTH_QUANTILE = 0.9
# A page whose longest lines are shorter than this holds no wrapped prose (a contents page, a
# list, a table): each of its lines stands alone.
MIN_PROSE_WIDTH = 40
# A quote found only in part (it runs on to the next page) must share at least this many
# letters and digits with the end of the page to count as found.
MIN_PARTIAL_CHARS = 12

_BLANK = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"[^\n]+")
# A line that opens a list item: a bullet, "1.", "1)", "(a)", "a)", "iv.", "Recommendation 3".
_LIST_ITEM = re.compile(
    r"\s*(?:[•▪●◦‣∙·*\-\u2013\u2014]\s|\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]\s|recommendation\s+\d)",
    re.IGNORECASE,
)
# A contents line ("Findings ........ 8") or a table row as the readers write them ("a | b").
# Four dots, not "four or more": a search for the same thing, but one that cannot backtrack
# through a long run of dots from every dot in it (quadratic in the run's length).
_STANDS_ALONE = re.compile(r"\.{4}\s*\d+\s*$|\s\|\s")
_KEY_CHAR = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as spans [start, end) of the page's text, one per line."""

    lines: tuple[tuple[int, int], ...]
    # True: the lines are printed lines, read as one run of text (joined by a space).
    # False: each line break is the source's own.
    wrapped: bool


@dataclass(frozen=True)
class Found:
    """Where a quote stands on a page: [start, end) of the page's text."""

    start: int
    end: int
    # "whole"; "start" when only the quote's opening words are on this page, at its end (the
    # quote runs on to the next page); "end" when only its closing words are, at its start.
    part: str = "whole"


def paragraphs(text: str, *, wrapped: bool) -> list[Paragraph]:
    """The paragraphs of one page's stored text, in order."""
    gaps = list(_BLANK.finditer(text))
    if not wrapped and not gaps:
        # No blank lines at all: the reader wrote one paragraph of the source per line.
        return [Paragraph((m.span(),), wrapped=False) for m in _lines(text, 0, len(text))]
    out: list[Paragraph] = []
    start = 0
    for gap in [*gaps, None]:
        end = gap.start() if gap else len(text)
        lines = [m.span() for m in _lines(text, start, end)]
        if lines:
            if wrapped:
                out += _wrapped_paragraphs(text, lines)
            else:
                out.append(Paragraph(tuple(lines), wrapped=False))
        start = gap.end() if gap else end
    return out


def _lines(text: str, start: int, end: int) -> list[re.Match[str]]:
    return [m for m in _LINE.finditer(text, start, end) if not m.group().isspace()]


def _wrapped_paragraphs(text: str, lines: list[tuple[int, int]]) -> list[Paragraph]:
    lengths = sorted(len(text[s:e].strip()) for s, e in lines)
    width = lengths[int(WIDTH_QUANTILE * (len(lengths) - 1))]
    out: list[Paragraph] = []
    current: list[tuple[int, int]] = []
    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        if current and (_LIST_ITEM.match(line) or _STANDS_ALONE.search(line)):
            out.append(Paragraph(tuple(current), wrapped=True))
            current = []
        current.append((start, end))
        last = number == len(lines) - 1
        if (
            last
            or width < MIN_PROSE_WIDTH
            or len(line.strip()) < SHORT_LINE_SHARE * width
            or _STANDS_ALONE.search(line)
        ):
            out.append(Paragraph(tuple(current), wrapped=True))
            current = []
    return out


def _key(text: str) -> tuple[str, list[int]]:
    """The text's letters and digits, lower case, and the offset in `text` of each of them."""
    offsets = [m.start() for m in _KEY_CHAR.finditer(text)]
    key = "".join(text[i] for i in offsets).lower()
    if len(key) != len(offsets):
        # A letter whose lower case is longer ("İ"): keep one character per offset.
        key = "".join(text[i].lower()[:1] for i in offsets)
    return key, offsets


def find_quote(text: str, quote: str) -> Found | None:
    """Where `quote` first stands in `text`, comparing letters and digits only; if the whole
    quote is not there, its opening words at the very end of the page (a quote that runs on
    to the next page), else its closing words at the very start. None if none of these."""
    wanted, _ = _key(quote)
    if not wanted:
        return None
    page, offsets = _key(text)
    # CPython's search is linear for long needles (two-way) and bounded by 100 comparisons a
    # character for short ones.
    at = page.find(wanted)
    if at >= 0:
        start, end = offsets[at], offsets[at + len(wanted) - 1] + 1
        return Found(*_widened(text, quote, start, end))
    shared = _overlap(page, wanted)
    if shared >= MIN_PARTIAL_CHARS:
        start, end = offsets[len(page) - shared], offsets[-1] + 1
        return Found(_widened(text, quote, start, end)[0], end, "start")
    shared = _overlap(page[::-1], wanted[::-1])
    if shared >= MIN_PARTIAL_CHARS:
        start, end = offsets[0], offsets[shared - 1] + 1
        return Found(start, _widened(text, quote, start, end)[1], "end")
    return None


def _widened(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) grown over the punctuation the quote has before its first letter or digit
    and after its last (an opening bracket, a closing full stop), where the page has some."""
    quote = quote.strip()
    first = _KEY_CHAR.search(quote)
    lead = first.start() if first else 0
    last = len(quote)
    while last and not _KEY_CHAR.match(quote[last - 1]):
        last -= 1
    trail = len(quote) - last
    while lead and start > 0 and _punctuation(text[start - 1]):
        start -= 1
        lead -= 1
    while trail and end < len(text) and _punctuation(text[end]):
        end += 1
        trail -= 1
    return start, end


def _punctuation(char: str) -> bool:
    return not char.isspace() and not _KEY_CHAR.match(char)


def _overlap(page: str, quote: str) -> int:
    """The length of the longest end of `page` that is a start of `quote` (Knuth-Morris-Pratt's
    failure function over the quote, then one pass over the page: linear)."""
    fail = [0] * len(quote)
    k = 0
    for i in range(1, len(quote)):
        while k and quote[i] != quote[k]:
            k = fail[k - 1]
        if quote[i] == quote[k]:
            k += 1
        fail[i] = k
    k = 0
    for c in page[-len(quote) :]:
        while k and (k == len(quote) or c != quote[k]):
            k = fail[k - 1]
        if k < len(quote) and c == quote[k]:
            k += 1
    return k
