"""Broken files are broken in the way their ground truth says."""

from __future__ import annotations

import io
import zipfile

import pypdfium2 as pdfium
import pytest

from casereview.democorpus import ENCRYPTION_PASSWORD, build_report, render_report
from casereview.democorpus.broken import zip_bomb_docx


def render(reason: str) -> bytes:
    rendered = render_report(build_report(2026, 300, broken=reason))
    assert rendered.truth["kind"] == "broken"
    assert rendered.truth["broken"] == reason
    assert rendered.truth["expected_error"] is True
    return rendered.data


@pytest.mark.parametrize("reason", ["truncated_pdf", "corrupt_bytes", "zero_byte"])
def test_pdfium_cannot_open_a_damaged_pdf(reason: str) -> None:
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(render(reason))


def test_a_truncated_pdf_is_the_start_of_a_real_pdf() -> None:
    data = render("truncated_pdf")
    assert data.startswith(b"%PDF-") and b"%%EOF" not in data


def test_a_zero_byte_file_is_empty() -> None:
    assert render("zero_byte") == b""


def test_an_encrypted_pdf_opens_only_with_its_password() -> None:
    data = render("encrypted_pdf")
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(data)
    doc = pdfium.PdfDocument(data, password=ENCRYPTION_PASSWORD)
    assert len(doc) > 1
    assert "Page 1 of" in doc[0].get_textpage().get_text_range()


def test_mislabelled_files_are_html_or_text_under_a_pdf_name() -> None:
    html_report = render_report(build_report(2026, 300, broken="mislabelled_html"))
    assert html_report.filename.endswith(".pdf")
    assert html_report.data.startswith(b"<!DOCTYPE html>")
    text = render("mislabelled_text")
    assert not text.startswith(b"%PDF") and text.decode("utf-8")


def test_the_zip_bomb_is_small_on_disk_and_huge_inflated() -> None:
    rendered = render_report(build_report(2026, 300, broken="zip_bomb_docx"))
    assert rendered.filename.endswith(".docx")
    data = rendered.data
    assert len(data) < 512 * 1024
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        inflated = sum(info.file_size for info in package.infolist())
    assert inflated > 200 * 1024 * 1024
    assert inflated / len(data) > 500


def test_a_small_zip_bomb_inflates_to_valid_bytes() -> None:
    with zipfile.ZipFile(io.BytesIO(zip_bomb_docx(mebibytes=2))) as package:
        assert package.testzip() is None
        assert package.read("word/document.xml").endswith(b"</w:document>")
