"""A page of text reads as the document's paragraphs: one <p> each, whether the text came from
a PDF's printed lines or a Word document's paragraphs."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.test import Client
from django.urls import reverse
from docx.enum.text import WD_BREAK
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from casereview.repository.models import Document
from casereview.repository.services import ingest_file

pytestmark = pytest.mark.django_db

# Printed lines of a fictional report: a heading, a paragraph of three lines, a paragraph of
# two, and a numbered item.
PRINTED = [
    "Learning from this review",
    "The health visitor saw the family four times in the year before the incident, and",
    "each time recorded that the home was clean and that the parents were engaging with",
    "the plan. None of these visits was unannounced.",
    "The school had noticed that Child S was often hungry and tired on Monday mornings,",
    "but this was not shared with the health visitor.",
    "1. The partnership should make sure that schools share such concerns promptly.",
]


def text_page(document: Document, number: int) -> str:
    url = reverse(
        "repository:document-page", kwargs={"ref": document.sha256[:12], "number": number}
    )
    return Client().get(url).content.decode()


def paragraphs_of(page: str) -> list[str]:
    body = page[page.index('<div class="app-page-text">') :]
    body = body[: body.index("</div>")]
    return [" ".join(p.split()) for p in re.findall(r"<p[^>]*>(.*?)</p>", body, re.S)]


def ingest(data: bytes, name: str) -> Document:
    result = ingest_file(data, name, published=True)
    assert result.document is not None, result.reason
    return result.document


def test_a_pdf_pages_printed_lines_are_read_as_its_paragraphs() -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for n, line in enumerate(PRINTED):
        canvas.drawString(60, 780 - 16 * n, line)
    canvas.showPage()
    canvas.save()
    document = ingest(buf.getvalue(), "review.pdf")

    assert paragraphs_of(text_page(document, 1)) == [
        "Learning from this review",
        " ".join(PRINTED[1:4]),
        " ".join(PRINTED[4:6]),
        PRINTED[6],
    ]


def test_a_word_documents_paragraphs_stay_apart_on_a_page_of_its_own() -> None:
    word = docx.Document()
    word.add_paragraph("Front page of a fictional review")
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    source = ["Learning from this review", " ".join(PRINTED[1:4]), " ".join(PRINTED[4:6])]
    for paragraph in source:
        word.add_paragraph(paragraph)
    buf = io.BytesIO()
    word.save(buf)
    document = ingest(buf.getvalue(), "review.docx")

    assert paragraphs_of(text_page(document, 2)) == source


def test_plain_text_keeps_paragraphs_between_blank_lines_and_joins_their_wrapped_lines() -> None:
    text = "\n".join(PRINTED[1:4]) + "\n\n" + "\n".join(PRINTED[4:6]) + "\n"
    document = ingest(text.encode(), "review.txt")

    assert paragraphs_of(text_page(document, 1)) == [
        " ".join(PRINTED[1:4]),
        " ".join(PRINTED[4:6]),
    ]
