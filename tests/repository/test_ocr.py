"""Image-only PDFs are read by OCR when Tesseract is installed, and stored as "needs OCR" with
no invented text when it is not."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from casereview.repository import ocr
from casereview.repository.models import Document, Status
from casereview.repository.reading import OCR_WARNING, examine
from casereview.repository.services import ingest_file

WORDS = [
    "Serious Case Review: Child W",
    "The health visitor recorded concerns about neglect in March.",
]

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="Tesseract not installed: apt-get install tesseract-ocr",
)


def scanned_pdf(lines: list[str], pages: int = 2) -> bytes:
    """A fictional typed report, printed to images and put back in a PDF with no text layer."""
    typed = io.BytesIO()
    c = canvas.Canvas(typed, pagesize=A4)
    for number in range(1, pages + 1):
        c.setFont("Helvetica", 14)
        for row, line in enumerate([*lines, f"Page {number}"]):
            c.drawString(72, 760 - 24 * row, line)
        c.showPage()
    c.save()
    scanned = io.BytesIO()
    out = canvas.Canvas(scanned, pagesize=A4)
    source = pdfium.PdfDocument(typed.getvalue())
    for page in source:
        image = page.render(scale=150 / 72, grayscale=True).to_pil()
        jpeg = io.BytesIO()
        image.convert("L").save(jpeg, format="JPEG", quality=70)
        jpeg.seek(0)
        out.drawImage(ImageReader(jpeg), 0, 0, *A4)
        out.showPage()
    source.close()
    out.save()
    return scanned.getvalue()


@needs_tesseract
@pytest.mark.django_db
def test_a_scanned_pdf_is_read_by_ocr_and_searchable_text_is_kept(
    settings: Any, files_dir: Path
) -> None:
    settings.TESSERACT = "tesseract"

    result = ingest_file(scanned_pdf(WORDS), "scan.pdf")

    assert result.outcome == "added"
    document = Document.objects.get()
    assert document.status == Status.OCR
    texts = [page.text for page in document.pages.order_by("number")]
    assert len(texts) == 2
    assert all("health visitor recorded concerns about neglect" in t for t in texts)


@needs_tesseract
def test_analyse_says_the_text_came_from_ocr(settings: Any) -> None:
    settings.TESSERACT = "tesseract"

    examined = examine(scanned_pdf(WORDS, pages=1), "scan.pdf")

    assert examined.document.ocr
    assert not examined.document.needs_ocr
    assert OCR_WARNING in examined.document.warnings


@needs_tesseract
@pytest.mark.django_db
def test_blank_scans_give_no_invented_text(settings: Any, files_dir: Path) -> None:
    settings.TESSERACT = "tesseract"

    ingest_file(scanned_pdf([], pages=1), "blank.pdf")

    page = Document.objects.get().pages.get()
    assert "Page 1" in page.text or page.text.strip() == ""
    assert "neglect" not in page.text


@pytest.mark.django_db
def test_without_tesseract_a_scan_is_stored_as_needing_ocr(files_dir: Path) -> None:
    assert not ocr.available()

    ingest_file(scanned_pdf(WORDS), "scan.pdf")

    document = Document.objects.get()
    assert document.status == Status.NEEDS_OCR
    assert [page.text for page in document.pages.all()] == ["", ""]


def test_a_failing_tesseract_leaves_the_document_needing_ocr(settings: Any, tmp_path: Path) -> None:
    broken = tmp_path / "tesseract"
    broken.write_text("#!/bin/sh\necho 'cannot read' >&2\nexit 3\n")
    broken.chmod(0o755)
    settings.TESSERACT = str(broken)

    examined = examine(scanned_pdf(WORDS, pages=1), "scan.pdf")

    assert examined.document.needs_ocr
    assert examined.analysis.title is None
