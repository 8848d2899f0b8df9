"""Word, HTML and plain text are split into pages the way the document itself says."""

from __future__ import annotations

import io

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK

from casereview.analysis import read_document
from casereview.analysis.layout import WORDS_PER_PAGE
from tests.analysis.helpers import LIMIT


def _docx(build) -> bytes:  # type: ignore[no-untyped-def]
    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_pages_split_at_explicit_page_breaks_and_new_page_sections():
    def build(d):  # type: ignore[no-untyped-def]
        d.add_paragraph("Cover of a fictional review")
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        d.add_paragraph("Second page text")
        d.add_section(WD_SECTION.NEW_PAGE)
        d.add_paragraph("Third page text")
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Agency"
        table.cell(0, 1).text = "Police"

    doc = read_document(_docx(build), "review.docx", max_bytes=LIMIT)
    assert doc.format == "docx"
    assert [p.text for p in doc.pages] == [
        "Cover of a fictional review",
        "Second page text",
        "Third page text\nAgency | Police",
    ]


def test_docx_without_breaks_is_cut_into_pages_of_about_500_words_at_paragraph_ends():
    paragraph = " ".join(["word"] * 120)

    def build(d):  # type: ignore[no-untyped-def]
        for _ in range(10):
            d.add_paragraph(paragraph)

    doc = read_document(_docx(build), "review.docx", max_bytes=LIMIT)
    counts = [len(p.text.split()) for p in doc.pages]
    assert sum(counts) == 1200
    assert all(c <= WORDS_PER_PAGE and c % 120 == 0 for c in counts)


def test_html_drops_scripts_styles_and_navigation_and_breaks_blocks_into_lines():
    html = (
        b"<html><head><title>Site</title><style>p{}</style></head><body>"
        b"<nav>Home | News</nav><h1>Learning Review: Child Q</h1>"
        b"<p>First paragraph &amp; more.</p><script>track()</script><p>Second.</p></body></html>"
    )
    doc = read_document(html, "page.html", max_bytes=LIMIT)
    assert doc.pages[0].text == "Learning Review: Child Q\n\nFirst paragraph & more.\n\nSecond."


def test_plain_text_splits_at_form_feeds_and_falls_back_to_windows_1252():
    data = "Page one\fPage two: caf\u00e9".encode("cp1252")
    doc = read_document(data, "review.txt", max_bytes=LIMIT)
    assert [p.text for p in doc.pages] == ["Page one", "Page two: caf\u00e9"]
    assert [p.number for p in doc.pages] == [1, 2]
    assert any("Windows-1252" in w for w in doc.warnings)
