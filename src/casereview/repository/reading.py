"""The one path from a file's bytes to its text and structured record, shared by ingest and
`casereview analyse`, so the command line shows exactly what ingest would store."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from casereview.analysis import (
    Analysis,
    Document,
    UnreadableDocument,
    analyse,
    error_json,
    read_document,
)
from casereview.analysis.layout import clean_pages
from casereview.repository import ocr

logger = logging.getLogger(__name__)

OCR_WARNING = "The text was read from scanned images by OCR (Tesseract) and may contain errors."


@dataclass(frozen=True)
class Examined:
    document: Document
    analysis: Analysis


def max_document_bytes() -> int:
    return int(settings.MAX_DOCUMENT_BYTES)


def examine(data: bytes, filename: str) -> Examined:
    """Read and analyse a document, or raise `UnreadableDocument` with a plain-English reason."""
    document = read_document(data, filename, max_bytes=max_document_bytes())
    if document.needs_ocr and document.format == "pdf" and ocr.available():
        document = _with_ocr_text(document, data)
    return Examined(document, analyse(document))


def _with_ocr_text(document: Document, data: bytes) -> Document:
    """The document with its pages read by OCR, or as it was (needing OCR) if OCR fails."""
    try:
        texts = ocr.ocr_pdf(data)
    except ocr.OcrFailed:
        logger.exception("OCR of %s failed; storing it as needing OCR", document.source)
        return document
    warnings = [w for w in document.warnings if "OCR" not in w]
    return dataclasses.replace(
        document,
        pages=tuple(clean_pages(texts)),
        needs_ocr=False,
        ocr=True,
        warnings=(*warnings, OCR_WARNING),
    )


def read_file(path: Path) -> bytes:
    """A file's bytes; one over the size limit is refused before it is read into memory."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnreadableDocument(f"The file cannot be opened: {error.strerror}.") from None
    limit = max_document_bytes()
    if size > limit:
        raise UnreadableDocument(
            f"The file is {_megabytes(size)}, which is over the {_megabytes(limit)} limit."
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(f"The file cannot be read: {error.strerror}.") from None


def analyse_json(path: Path) -> dict[str, Any]:
    """The `casereview analyse --json` line for one file: its record, or why it cannot be read."""
    source = str(path)
    try:
        examined = examine(read_file(path), source)
    except UnreadableDocument as error:
        return error_json(source, error.reason)
    return examined.analysis.to_json()


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
