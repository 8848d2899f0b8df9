"""Each kind of bad file is refused (or queued for OCR) with a plain-English reason, and a
refused file leaves no Document, no Page and no stored file behind."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from casereview.democorpus import broken
from casereview.repository.models import Document, Page, RecordField, SearchText, Status
from casereview.repository.services import ingest_file
from tests.analysis.helpers import pdf_bytes
from tests.repository.conftest import stored_files

PAGES = [[f"Fictional page {n} of a review about neglect and housing."] for n in range(1, 6)]


def _encrypted() -> bytes:
    return pdf_bytes(PAGES, encrypt="secret")


def _truncated() -> bytes:
    data = pdf_bytes(PAGES)
    return data[: len(data) // 2]


def _corrupt() -> bytes:
    return broken.corrupt(pdf_bytes(PAGES), random.Random(4))


def _mislabelled() -> bytes:
    return b"<!DOCTYPE html><html><body><p>Page not found</p></body></html>"


def _zip_bomb() -> bytes:
    return broken.zip_bomb_docx(mebibytes=16)


BAD = [
    pytest.param(_encrypted, "review.pdf", "password-protected", id="encrypted"),
    pytest.param(_corrupt, "review.pdf", "", id="corrupt"),
    pytest.param(_truncated, "review.pdf", "incomplete", id="truncated"),
    pytest.param(lambda: b"", "review.pdf", "The file is empty (0 bytes).", id="zero-byte"),
    pytest.param(_mislabelled, "review.pdf", "is not a PDF", id="mislabelled"),
    pytest.param(_zip_bomb, "review.docx", "zip bomb", id="zip-bomb-docx"),
]


def assert_nothing_stored(folder: Path) -> None:
    assert Document.objects.count() == 0
    assert Page.objects.count() == 0
    assert RecordField.objects.count() == 0
    assert SearchText.objects.count() == 0
    assert stored_files(folder) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("make", "name", "words"), BAD)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_stored(
    make: Any, name: str, words: str, files_dir: Path
) -> None:
    result = ingest_file(make(), name)

    assert result.outcome == "rejected"
    assert words in result.reason
    assert result.reason.endswith(".")
    assert_nothing_stored(files_dir)


@pytest.mark.django_db
def test_a_corrupt_pdf_is_called_damaged_or_incomplete(files_dir: Path) -> None:
    result = ingest_file(_corrupt(), "review.pdf")

    assert any(word in result.reason for word in ("damaged", "not a PDF", "incomplete"))


@pytest.mark.django_db
def test_a_file_over_the_configured_limit_is_refused_before_it_is_read(
    settings: Any, tmp_path: Path, files_dir: Path
) -> None:
    settings.MAX_DOCUMENT_BYTES = 1024 * 1024
    path = tmp_path / "huge.txt"
    path.write_bytes(b"fictional text " * 100_000)

    result = ingest_file(path)

    assert result.outcome == "rejected"
    assert "1.4 MB" in result.reason and "1.0 MB limit" in result.reason
    assert_nothing_stored(files_dir)


@pytest.mark.django_db
def test_a_file_exactly_at_the_limit_is_accepted(settings: Any, files_dir: Path) -> None:
    data = b"A short fictional review about neglect." * 10
    settings.MAX_DOCUMENT_BYTES = len(data)

    assert ingest_file(data, "review.txt").outcome == "added"


def _image_only_pdf() -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(image, "PNG")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(2):
        c.drawImage(ImageReader(io.BytesIO(image.getvalue())), 72, 300, 400, 400)
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.django_db
def test_an_image_only_pdf_is_stored_as_needing_ocr_with_no_invented_text(
    files_dir: Path,
) -> None:
    result = ingest_file(_image_only_pdf(), "scan.pdf")

    assert result.outcome == "added"
    document = Document.objects.get()
    assert document.status == Status.NEEDS_OCR
    assert [p.text for p in document.pages.all()] == ["", ""]
    assert all(f.machine_value is None for f in document.fields.all())
    assert len(stored_files(files_dir)) == 1
