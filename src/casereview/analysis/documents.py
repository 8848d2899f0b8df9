"""Reading a document's bytes into pages of text, or a plain-English reason why not.

`read_document` is the one entry point: it refuses empty, oversized, mislabelled, encrypted,
damaged and unsupported files with `UnreadableDocument`, and otherwise returns a `Document`
whose pages hold normalised text (running headers, footers and page numbers moved aside,
words split across line ends joined). The format is decided by the bytes, not the file name.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath

from casereview.analysis.model import Document, Page, UnreadableDocument
from casereview.analysis.plaintext import decode_text, read_html, read_text
from casereview.analysis.word import estimated_pages_warning, read_docx

__all__ = ["Document", "Page", "UnreadableDocument", "read_document", "sniff"]


FORMAT_NAMES: dict[str, str] = {
    "pdf": "a PDF",
    "docx": "a Word document (DOCX)",
    "html": "a web page (HTML)",
    "text": "plain text",
}

# Extensions that promise a binary format: if the bytes are something else, the upload is almost
# always a failed download (an HTML error page saved as .pdf) and must not be indexed as a review.
_BINARY_EXTENSIONS: dict[str, str] = {".pdf": "pdf", ".docx": "docx"}
_TEXT_EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
}

# The PDF header may follow a little junk; readers accept it within the first kilobyte.
PDF_HEADER_WINDOW = 1024
# How much of the start of a file is sniffed for HTML or binary content.
SNIFF_BYTES = 4096
# Share of control characters above which bytes are treated as binary, not text; real text has
# only tabs, newlines and form feeds, so even 5% is far outside it.
BINARY_CONTROL_SHARE = 0.05

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_ANYWHERE = re.compile(rb"<(html|body|div|p|h1|title|meta)\b[^>]*>", re.I)

# Magic numbers of formats people upload by mistake, with what to call them in a message.
_OTHER_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an older Microsoft Office file (such as a Word 97-2003 "
        ".doc) or a password-protected Office document",
    ),
    (b"{\\rtf", "a Rich Text Format (RTF) file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"%!PS", "a PostScript file"),
)

# Zip packages that are not Word documents, by the part that identifies them.
_ZIP_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"word/document.xml", "docx"),
    (b"xl/workbook.xml", "a spreadsheet (XLSX)"),
    (b"ppt/presentation.xml", "a presentation (PPTX)"),
    (b"application/vnd.oasis.opendocument", "an OpenDocument file (ODT/ODS)"),
    (b"META-INF/container.xml", "an e-book (EPUB)"),
)


def sniff(data: bytes) -> str:
    """What the bytes are: a supported format key, or a phrase naming what they look like."""
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        # Part names sit in the central directory at the end as well as in local headers.
        for marker, kind in _ZIP_KINDS:
            if marker in data[:SNIFF_BYTES] or marker in data[-65536:]:
                return kind
        return "a ZIP archive"
    for magic, kind in _OTHER_SIGNATURES:
        if data.startswith(magic):
            return kind
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text_head = head.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
        return "html" if _HTML_START.search(text_head) else "text"
    if b"\x00" in head:
        return "binary data of an unrecognised kind"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > BINARY_CONTROL_SHARE:
        return "binary data of an unrecognised kind"
    stripped = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.search(stripped) or len(_HTML_ANYWHERE.findall(stripped)) >= 3:
        return "html"
    return "text"


def _describe(kind: str) -> str:
    return FORMAT_NAMES.get(kind, kind)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def read_document(data: bytes, filename: str, *, max_bytes: int) -> Document:
    """Read a document's bytes into pages, or raise `UnreadableDocument` saying why not."""
    if not data:
        raise UnreadableDocument("The file is empty (0 bytes).")
    if len(data) > max_bytes:
        raise UnreadableDocument(
            f"The file is {_size(len(data))}, which is over the {_size(max_bytes)} limit."
        )
    kind = sniff(data)
    ext = PurePath(filename).suffix.lower()
    claimed = _BINARY_EXTENSIONS.get(ext) or _TEXT_EXTENSIONS.get(ext)
    warnings: list[str] = []
    if claimed is not None and claimed != kind:
        if claimed in _BINARY_EXTENSIONS.values() and kind not in ("pdf", "docx"):
            raise UnreadableDocument(
                f"The file is named {ext} but it is not {_describe(claimed)}: its contents look "
                f"like {_describe(kind)}. It may be a failed download; please upload the "
                f"original document."
            )
        if kind in FORMAT_NAMES and not (claimed == "text" and kind == "html"):
            warnings.append(
                f"The file is named {ext} but its contents are {_describe(kind)}; "
                f"it was read as {_describe(kind)}."
            )
    digest = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        # Imported here: loading PDFium takes tens of milliseconds, and most callers of a
        # process that reads text or Word never need it.
        from casereview.analysis.pdf import read_pdf

        pages, needs_ocr, more = read_pdf(data)
    elif kind == "docx":
        pages = read_docx(data)
        needs_ocr, more = False, estimated_pages_warning(pages)
    elif kind == "html":
        text, more = decode_text(data)
        pages, needs_ocr = read_html(text), False
    elif kind == "text":
        text, more = decode_text(data)
        pages, needs_ocr = read_text(text), False
    else:
        raise UnreadableDocument(
            f"This file looks like {kind}, which casereview cannot read. "
            f"Please upload a PDF, a Word document (DOCX), a web page (HTML) or plain text."
        )
    warnings.extend(more)
    if not needs_ocr and not any(p.text.strip() for p in pages):
        warnings.append("The document contains no text.")
    return Document(
        source=filename,
        sha256=digest,
        format=kind,
        pages=tuple(pages),
        needs_ocr=needs_ocr,
        warnings=tuple(warnings),
    )
