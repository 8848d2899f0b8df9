"""Text extraction helpers for the demo corpus tests: page texts of PDF and DOCX files."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

import pypdfium2 as pdfium

from casereview.democorpus import normalise

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pdf_pages(data: bytes) -> list[str]:
    """Whitespace-normalised text of each page, as pypdfium2 extracts it."""
    doc = pdfium.PdfDocument(data)
    try:
        return [normalise(page.get_textpage().get_text_range()) for page in doc]
    finally:
        doc.close()


def docx_pages(data: bytes) -> list[str]:
    """Whitespace-normalised body text of each page; a page ends at an explicit page break."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = ElementTree.fromstring(package.read("word/document.xml"))
    pages: list[list[str]] = [[]]
    for element in root.iter():
        if element.tag == f"{_W}br" and element.get(f"{_W}type") == "page":
            pages.append([])
        elif element.tag == f"{_W}t" and element.text:
            pages[-1].append(element.text)
        elif element.tag in (f"{_W}tab", f"{_W}p", f"{_W}tc"):
            pages[-1].append(" ")
    return [normalise("".join(parts)) for parts in pages]


def without_furniture(text: str, header: str) -> str:
    text = text.replace(normalise(header), " ")
    return normalise(re.sub(r"Page \d+ of \d+", " ", text))


def starts_on_page(quote: str, pages: list[str], page: int, header: str) -> bool:
    """True if `quote` is on `page`, or starts there and runs on over the following pages."""
    if quote in pages[page - 1]:
        return True
    here = without_furniture(pages[page - 1], header)
    following = without_furniture(" ".join(pages[page - 1 : page + 2]), header)
    at = following.find(quote)
    return 0 <= at < len(here)
