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


# A line break with the white space after it, and a table row's leading cell separator if one
# comes next. Each run of white space is read once: the expressions this replaces retried the
# run from each of its characters, so a page of 800 KB of empty table rows took minutes.
_BREAK_AND_SEPARATOR = re.compile(r"\n\s*(\|\s*)?")
_BLANK_LINES = re.compile(r"\n{3,}")


def _strip_line_ends(text: str) -> str:
    """Spaces and tabs next to a line break removed."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    inner = [line.strip(" \t") for line in lines[1:-1]]
    return "\n".join([lines[0].rstrip(" \t"), *inner, lines[-1].lstrip(" \t")])


def _drop_row_separator(m: re.Match[str]) -> str:
    """A line's leading " | " (and the white space round it) goes; other breaks stay as they are."""
    return "\n" if m.group(1) is not None else m.group(0)


def _closed_markup(html: str) -> str:
    """The page with each "<" after its last ">" written as "&lt;".

    Tags, comments and declarations end with ">", so Python's HTML parser gives what follows
    the last one as text anyway (bar a tag cut short by a stray control character); but it gets
    there by reading from each "<" to the end of the page first, which takes time growing with
    the square of the page's length.
    """
    end = html.rfind(">") + 1
    tail = html[end:]
    return html[:end] + tail.replace("<", "&lt;") if "<" in tail else html


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line, paragraphs apart."""
    parser = _TextExtractor()
    parser.feed(_closed_markup(html))
    parser.close()
    text = _strip_line_ends("".join(parser.parts))
    text = _BREAK_AND_SEPARATOR.sub(_drop_row_separator, text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def read_html(html: str) -> list[Page]:
    """Pages of an HTML document, paged like plain text."""
    return read_text(html_to_text(html), running_lines=False)
