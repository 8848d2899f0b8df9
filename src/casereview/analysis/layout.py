"""Cleaning extracted page text: whitespace, words split across line ends, running heads.

Every reader hands its raw page texts to `clean_pages`, which
- normalises whitespace line by line (tabs, no-break spaces and runs of spaces become one
  space; blank lines collapse to one),
- joins words hyphenated across line ends, keeping the hyphen when it belongs to the word,
- moves running headers and footers (lines repeated at the top or bottom of many pages, with
  page numbers allowed to vary) and bare page numbers off the body into `Page.header/footer`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from casereview.analysis.model import Page

# Running heads and feet occupy at most the first or last three printed lines of a page.
EDGE_ZONE_LINES = 3
# A line must repeat on at least three pages before it can be told apart from coincidence.
REPEAT_MIN_PAGES = 3
# Alternating odd/even running heads each appear on about half the pages, so 40% catches both.
REPEAT_MIN_SHARE = 0.4
# A repeated line must carry words; bare numbers are left to the page-number pattern.
REPEAT_MIN_LETTERS = 3

# Prefixes whose hyphen belongs to the word ("multi-agency", "non-mobile", "pre-birth"); a
# line-end split after one of them keeps its hyphen unless the document spells the word joined.
HYPHEN_PREFIXES: frozenset[str] = frozenset(
    {
        "multi",
        "non",
        "co",
        "pre",
        "post",
        "self",
        "well",
        "inter",
        "cross",
        "anti",
        "ex",
        "semi",
        "sub",
        "over",
        "under",
        "re",
        "step",
        "half",
        "great",
        "grand",
        "long",
        "short",
        "full",
        "part",
        "cut",
        "follow",
        "face",
        "child",
        "family",
        "front",
        "high",
        "low",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "year",
        "month",
        "week",
        "day",
        "age",
        "mid",
        "out",
        "in",
        "on",
        "off",
        "up",
        "down",
        "all",
        "extra",
        "intra",
        "socio",
        "ante",
        "peri",
        "neo",
        "de",
        "far",
        "single",
        "joint",
    }
)

# Markers PDFium puts where a hyphen ended a line (it also removes the line break there).
_PDFIUM_HYPHEN = "\ufffe\x02"

_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# A split word is read from the start of its first part only: tried from every letter of a long
# run of letters, these took time growing with the square of the run's length.
_SPLIT_MARKER = re.compile(r"(?<![A-Za-z])([A-Za-z]+)[\ufffe\x02][ \n]*+([A-Za-z]+)")
_SPLIT_LINE_END = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-\n([a-z][A-Za-z]*)([^\n]*)")
_DIGITS = re.compile(r"\d+")
# `REPEAT_MIN_LETTERS` letters anywhere in a line (found without listing every letter).
_ENOUGH_LETTERS = re.compile("[A-Za-z]" + "[^A-Za-z]*[A-Za-z]" * (REPEAT_MIN_LETTERS - 1))
# "3", "Page 3", "page 3 of 28", "3 / 28", "- 3 -", "iv", "[3]", "• 3"
PAGE_NUMBER = re.compile(
    r"^[\s\-\u2013\u2014\u2022\u00b7|\[(]*(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,7})"
    r"(?:\s*(?:of|/)\s*\d{1,4})?[\s\-\u2013\u2014\u2022\u00b7|\])]*$",
    re.IGNORECASE,
)


def normalise_lines(text: str) -> list[str]:
    """Lines of text with whitespace normalised; runs of blank lines become one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = _ZERO_WIDTH.sub("", text)
    out: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


class Vocabulary:
    """The words and hyphenated compounds a document uses, for deciding line-end hyphens.

    Built on first use, since most pages of most documents have no split words at all.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._words: set[str] | None = None
        self.compounds: set[str] = set()

    @property
    def words(self) -> set[str]:
        if self._words is None:
            self._words = set()
            for text in self._texts:
                for w in set(_WORD.findall(text.lower())):
                    if "-" in w:
                        self.compounds.add(w)
                        self._words.update(w.split("-"))
                    else:
                        self._words.add(w)
        return self._words

    def join(self, left: str, right: str) -> str:
        """`left` and `right` were split by a line-end hyphen: join them or keep the hyphen."""
        lw, rw = left.lower(), right.lower()
        if right[:1].isupper():
            return f"{left}-{right}"
        words = self.words
        if f"{lw}-{rw}" in self.compounds:
            return f"{left}-{right}"
        if lw + rw in words:
            return left + right
        if lw in HYPHEN_PREFIXES:
            return f"{left}-{right}"
        return left + right


def dehyphenate(text: str, vocab: Vocabulary) -> str:
    """Join words split across line ends in one page's text (PDFium markers and "-\\n")."""
    if any(m in text for m in _PDFIUM_HYPHEN):
        text = _SPLIT_MARKER.sub(lambda m: vocab.join(m.group(1), m.group(2)), text)
        text = text.replace("\ufffe", "-").replace("\x02", "-")
    if "-\n" in text:

        def line_end(m: re.Match[str]) -> str:
            joined = vocab.join(m.group(1), m.group(2))
            rest = m.group(3).lstrip()
            return f"{joined}\n{rest}" if rest else joined

        text = _SPLIT_LINE_END.sub(line_end, text)
    return text


def _key(line: str) -> str | None:
    """The form of a line compared across pages: case and numbers ignored; None if wordless."""
    if not _ENOUGH_LETTERS.search(line):
        return None
    return _DIGITS.sub("#", line.lower())


def _edge(lines: Sequence[str], top: bool) -> list[str]:
    content = [ln for ln in lines if ln]
    return content[:EDGE_ZONE_LINES] if top else content[-EDGE_ZONE_LINES:]


def _repeated(pages: Sequence[Sequence[str]], top: bool) -> set[str]:
    counts: Counter[str] = Counter()
    for lines in pages:
        keys = {_key(ln) for ln in _edge(lines, top)}
        counts.update(k for k in keys if k)
    need = max(REPEAT_MIN_PAGES, math.ceil(REPEAT_MIN_SHARE * len(pages)))
    return {k for k, n in counts.items() if n >= need}


def _peel(lines: list[str], repeated: set[str], top: bool) -> tuple[list[str], list[str]]:
    """Split `lines` into (running lines at the edge, the rest)."""
    order = lines if top else lines[::-1]
    taken: list[str] = []
    keys: set[str | None] = set()
    seen = 0
    i = 0
    while i < len(order) and seen < EDGE_ZONE_LINES:
        line = order[i]
        if not line:
            i += 1
            continue
        key = _key(line)
        # A running line prints once per page; the same words again are the page's own (a
        # cover repeats the running title as its title).
        if (key in repeated and key not in keys) or (key is None and PAGE_NUMBER.match(line)):
            keys.add(key)
            taken.append(line)
            seen += 1
            i += 1
            continue
        break
    rest = order[i:]
    while rest and not rest[0]:
        rest = rest[1:]
    if top:
        return taken, rest
    return taken[::-1], rest[::-1]


def clean_pages(
    raw_pages: Sequence[str], *, dehyphenate_lines: bool = True, running_lines: bool = True
) -> list[Page]:
    """Turn raw page texts into `Page`s: normalised, de-hyphenated, running lines set aside.

    `running_lines=False` for formats that keep headers apart from the body (DOCX, HTML).
    """
    vocab = Vocabulary(raw_pages) if dehyphenate_lines else None
    pages_lines: list[list[str]] = []
    for raw in raw_pages:
        text = dehyphenate(raw.replace("\r\n", "\n"), vocab) if vocab else raw
        pages_lines.append(normalise_lines(text))
    top = _repeated(pages_lines, True) if len(pages_lines) >= REPEAT_MIN_PAGES else set()
    bottom = _repeated(pages_lines, False) if len(pages_lines) >= REPEAT_MIN_PAGES else set()
    many = running_lines and len(pages_lines) > 1
    out: list[Page] = []
    for number, lines in enumerate(pages_lines, start=1):
        header: list[str] = []
        footer: list[str] = []
        if many:
            header, lines = _peel(lines, top, True)
            footer, lines = _peel(lines, bottom, False)
        out.append(
            Page(
                number=number,
                text="\n".join(lines),
                header="\n".join(header),
                footer="\n".join(footer),
            )
        )
    return out


# A printed A4 page of report prose holds roughly 450-550 words, so text without page breaks is
# cut into pages of about this many words, always at a paragraph (or line, or sentence) boundary.
WORDS_PER_PAGE = 500

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def _units(paragraph: str) -> list[str]:
    """A paragraph, or its lines or sentences if it alone would overflow a page."""
    if len(paragraph.split()) <= WORDS_PER_PAGE:
        return [paragraph]
    out: list[str] = []
    for line in paragraph.split("\n"):
        if len(line.split()) <= WORDS_PER_PAGE:
            out.append(line)
        else:
            out.extend(_SENTENCE_END.split(line))
    return out


def paginate(paragraphs: Sequence[str]) -> list[str]:
    """Group paragraphs into page texts of about `WORDS_PER_PAGE` words (paragraphs kept whole)."""
    pages: list[str] = []
    current: list[str] = []
    words = 0
    for para in paragraphs:
        for unit in _units(para):
            n = len(unit.split())
            if current and words + n > WORDS_PER_PAGE:
                pages.append("\n\n".join(current))
                current, words = [], 0
            current.append(unit)
            words += n
    if current:
        pages.append("\n\n".join(current))
    return pages or [""]
