"""Plain text and HTML to pages: decoding, form-feed pages, and block-aware HTML text.

Plain text splits into pages at form feeds (what `pdftotext` and print spoolers write between
pages); text without them is cut into pages of about 500 words at paragraph ends. HTML drops
scripts, styles, navigation and other page furniture, turns block elements into line breaks,
and is then paged like plain text.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from casereview.analysis.layout import clean_pages, paginate
from casereview.analysis.model import Page

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Text from bytes: by BOM, then a declared HTML charset, then UTF-8, then Windows-1252."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), []
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
        if name and name not in ("utf-8", "utf8"):
            return data.decode(name, errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return text, ["The text is not UTF-8; it was read as Windows-1252."]


def _split_paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def read_text(text: str, *, running_lines: bool = True) -> list[Page]:
    """Pages of plain text: form feeds split pages, else about 500 words at paragraph ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        raw = text.split("\f")
        while len(raw) > 1 and not raw[-1].strip():
            raw.pop()
    else:
        raw = paginate(_split_paragraphs(text))
    return clean_pages(raw, running_lines=running_lines)


# Elements whose content is never document text: code, styling, navigation and page furniture.
_DROP = frozenset(
    {
        "script",
        "style",
        "nav",
        "noscript",
        "template",
        "svg",
        "head",
        "footer",
        "aside",
        "button",
        "select",
        "iframe",
        "object",
        "canvas",
        "form",
    }
)
# Elements that start a new line (block-level in HTML's rendering model).
_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "thead",
        "tbody",
        "section",
        "article",
        "main",
        "header",
        "blockquote",
        "pre",
        "hr",
        "address",
        "figure",
        "figcaption",
        "details",
        "summary",
        "title",
    }
)
_PARAGRAPH = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "section",
        "article",
        "blockquote",
        "hr",
    }
)
_CELL = frozenset({"td", "th"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping == ["head"] and tag == "body":
            self.dropping.clear()  # a missing </head> is closed by <body>, as browsers do
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.append(tag)
            return
        if tag in _DROP:
            self.dropping.append(tag)
        elif tag in _PARAGRAPH:
            self.parts.append("\n\n")
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag in _CELL:
            self.parts.append(" | ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.dropping and tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag in _PARAGRAPH:
            self.parts.append("\n\n")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line, paragraphs apart."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n(\s*\|\s*)", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def read_html(html: str) -> list[Page]:
    """Pages of an HTML document, paged like plain text."""
    return read_text(html_to_text(html), running_lines=False)
