"""Checks on an uploaded file that its format alone does not settle, shared by the case
documents and the repository's upload form.

The format is read from the bytes (``analysis.documents.sniff``), and a file is refused when its
name promises another kind of file: a PDF named ``report.html`` is the shape of an HTML/PDF
polyglot, and a person who meant to send a report never names it so. Refusing it, rather than
storing it under a new name, tells the person at once and keeps every stored name honest.
A file with nothing in it but blank space is refused too: it is a failed save, not a document.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings

from casereview.analysis.documents import FORMAT_NAMES, sniff
from casereview.analysis.plaintext import decode_text
from casereview.pages.downloads import FORMATS

# A web page and plain text are told apart by their contents, which may not agree with an
# honest name (a page with little markup reads as text), so either may bear either's names.
_TEXT_SUFFIXES = (*FORMATS["html"].suffixes, *FORMATS["text"].suffixes)
FITTING_SUFFIXES: dict[str, tuple[str, ...]] = {
    "pdf": FORMATS["pdf"].suffixes,
    "docx": FORMATS["docx"].suffixes,
    "html": _TEXT_SUFFIXES,
    "text": _TEXT_SUFFIXES,
}
_DOCUMENT_FORMATS = ("pdf", "docx")
_DOCUMENT_SUFFIXES = (*FORMATS["pdf"].suffixes, *FORMATS["docx"].suffixes)
# The longest ending read as a kind of file (".xhtml"); a longer one is part of the name.
LONGEST_EXTENSION = 5
# Not text at all: a byte-order mark, and a zero-width space some editors leave behind.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b"))


def extension(filename: str) -> str | None:
    """The ending that names a kind of file (".html", ".js"), lower-cased, or None when the
    name has none: letters and digits after the last dot, at least one a letter, so a name
    like "Minutes 12.03.2024" or "Plan v1.2" has none."""
    suffix = PurePath(filename).suffix.lower()
    ending = suffix[1:]
    if 0 < len(ending) <= LONGEST_EXTENSION and ending.isascii() and ending.isalnum():
        return None if ending.isdigit() else suffix
    return None


def misnamed(filename: str, fmt: str) -> str | None:
    """Why a file whose bytes are `fmt` is refused for its name, or None when the name fits.
    Also None when the bytes are not a format the service reads, or are text named as a PDF or
    Word document: the reader refuses those, saying what they really are (usually a failed
    download), which helps more than a request to rename them."""
    ending = extension(filename)
    fits = FITTING_SUFFIXES.get(fmt)
    if fits is None or ending is None or ending in fits:
        return None
    if ending in _DOCUMENT_SUFFIXES and fmt not in _DOCUMENT_FORMATS:
        return None
    return (
        f"{filename} is {FORMAT_NAMES[fmt]}, but its name ends in {ending}, which is another "
        f"kind of file. Rename it to end in {FORMATS[fmt].suffixes[0]} and try again."
    )


def is_blank(data: bytes) -> bool:
    """The bytes are text with nothing in it but blank space (or nothing at all)."""
    if not data:
        return True
    if sniff(data) not in ("text", "html"):
        return False
    text, _ = decode_text(data)
    return not text.translate(_INVISIBLE).strip()


def refuse_if_too_big(upload: Any) -> None:
    """A form's check of an uploaded file's size against the document limit, before reading it
    (the upload handler stops writing it to disk just past the limit)."""
    limit = int(settings.MAX_DOCUMENT_BYTES)
    if upload.size > limit:
        raise forms.ValidationError(
            f"The selected file must be smaller than {limit // (1024 * 1024)} MB"
        )
