"""PDF pages to text with PDFium (pypdfium2): fast, permissively licensed, reading-order text.

PDFium's text page gives each page's characters in content order with line breaks where the
baseline changes, and marks a hyphen that ended a line (`\\ufffe`) so `layout` can decide
whether to join the word. Pages with no text layer but an image are scanned pages: their text
is left empty (never guessed) and the document is flagged for OCR when most pages are like it.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from casereview.analysis.layout import clean_pages
from casereview.analysis.model import Page, UnreadableDocument

# The end-of-file marker must sit in the last kilobyte (PDF 1.7, 7.5.5); allow twice that for
# writers that pad the end. A file without one was cut short in transfer.
EOF_WINDOW = 2048
# A page with fewer visible characters than this has no usable text layer (a stray page number
# or a scanner's stamp is not a text layer).
MIN_TEXT_CHARS = 20
# When at least half of the pages are scanned images, the document as a whole needs OCR.
NEEDS_OCR_SHARE = 0.5

_DAMAGED = (
    "The PDF is damaged and cannot be opened ({detail}). Please upload a fresh copy of the file."
)


def _open(data: bytes) -> pdfium.PdfDocument:
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise UnreadableDocument(
            "The PDF is incomplete: it stops before its end-of-file marker, so it was probably "
            "cut short while downloading or copying. Please upload the complete file."
        )
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise UnreadableDocument(
                "The PDF is password-protected, so its text cannot be read. Please upload a "
                "copy without a password."
            ) from exc
        raise UnreadableDocument(_DAMAGED.format(detail=str(exc) or "unknown error")) from exc


def _has_image(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))


# Matches at the start of a text holding at least MIN_TEXT_CHARS characters that are not
# white space; stops as soon as it has seen them, where counting them all read the whole page.
_HAS_TEXT = re.compile(rf"(?:\s*\S){{{MIN_TEXT_CHARS}}}")


def _pages_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def read_pdf(data: bytes) -> tuple[list[Page], bool, list[str]]:
    """The pages of a PDF, whether it needs OCR, and warnings; `UnreadableDocument` if unusable."""
    doc = _open(data)
    try:
        count = len(doc)
        if count == 0:
            raise UnreadableDocument("The PDF has no pages.")
        raw: list[str] = []
        scanned: list[int] = []
        failed: list[int] = []
        for index in range(count):
            try:
                page = doc[index]
            except pdfium.PdfiumError:
                failed.append(index + 1)
                raw.append("")
                continue
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
                if not _HAS_TEXT.match(text) and _has_image(page):
                    scanned.append(index + 1)
                    text = ""
            except pdfium.PdfiumError:
                failed.append(index + 1)
                text = ""
            finally:
                page.close()
            raw.append(text)
    finally:
        doc.close()
    if len(failed) == count:
        raise UnreadableDocument(_DAMAGED.format(detail="no page could be read"))
    warnings: list[str] = []
    if failed:
        warnings.append(f"Pages {_pages_list(failed)} could not be read and are left empty.")
    needs_ocr = len(scanned) >= NEEDS_OCR_SHARE * count
    if needs_ocr:
        warnings.append(
            "The PDF is mostly scanned images with no text layer; it needs OCR before its text "
            "can be analysed."
        )
    elif scanned:
        warnings.append(
            f"Pages {_pages_list(scanned)} are scanned images with no text layer; their text is "
            f"missing until OCR is run."
        )
    return clean_pages(raw), needs_ocr, warnings
