"""A Word report's pages are the ones a person would find (issue 20, item 12): a long stretch
with no page break is cut into pages of about a printed page's words, and the record says
which page numbers are estimated. The report here is fictional."""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_BREAK

from casereview.analysis import analyse, read_document
from casereview.analysis.layout import WORDS_PER_PAGE
from tests.analysis.helpers import LIMIT

PARAGRAPH = (
    "The health visitor saw the family in Harrowfell at home on several occasions and recorded "
    "that the home was warm and tidy and that the baby was feeding well and gaining weight. "
) * 3
RECOMMENDATIONS = [
    "The Harrowfell Safeguarding Children Partnership should review how agencies share "
    "information about new adults joining a household.",
    "Harrowfell Police should make sure officers record every child present at a domestic "
    "abuse incident.",
]


def _report(*, long_body: bool) -> bytes:
    d = docx.Document()
    d.add_paragraph("Harrowfell Serious Case Review: Baby R")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for _ in range(40 if long_body else 4):
        d.add_paragraph(PARAGRAPH)
    d.add_paragraph("Recommendations")
    for n, text in enumerate(RECOMMENDATIONS, start=1):
        d.add_paragraph(f"{n}. {text}")
    d.add_paragraph("Glossary")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_long_stretch_without_page_breaks_gets_estimated_pages_and_the_record_says_so():
    doc = read_document(_report(long_body=True), "review.docx", max_bytes=LIMIT)
    assert doc.pages[0].text == "Harrowfell Serious Case Review: Baby R"
    assert not doc.pages[0].estimated
    assert len(doc.pages) > 4
    assert all(p.estimated for p in doc.pages[1:])
    assert all(len(p.text.split()) <= WORDS_PER_PAGE + len(PARAGRAPH.split()) for p in doc.pages)
    a = analyse(doc)
    pages = [r.recommendation.page for r in a.recommendations]
    assert min(pages) > 2 and max(pages) == len(doc.pages)
    assert any("estimated" in w for w in a.warnings)


def test_a_page_between_breaks_that_fits_on_a_page_keeps_the_documents_own_pages():
    doc = read_document(_report(long_body=False), "review.docx", max_bytes=LIMIT)
    assert len(doc.pages) == 2
    assert not any(p.estimated for p in doc.pages)
    assert not any("estimated" in w for w in doc.warnings)
