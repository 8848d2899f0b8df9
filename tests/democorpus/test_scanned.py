"""Scanned-style reports are image-only PDFs with the same pages as their ground truth."""

from __future__ import annotations

import pypdfium2 as pdfium

from casereview.democorpus import build_report, render_report


def test_a_scanned_report_has_no_text_layer() -> None:
    rendered = render_report(build_report(2026, 7, pages=6))
    assert rendered.truth["kind"] == "scanned"
    doc = pdfium.PdfDocument(rendered.data)
    assert len(doc) == rendered.truth["pages"]
    assert all(page.get_textpage().get_text_range().strip() == "" for page in doc)
    assert rendered.truth["recommendations"] or rendered.truth["layout"] == "none"
