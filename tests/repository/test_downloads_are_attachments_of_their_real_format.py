"""A repository document downloads as an attachment of the format read from its bytes when it
was stored, never typed from its name: a script, a web page, a drawing with a script in it or a
PDF that is also a web page cannot run in the service's pages, and any name survives the
header. Documents here come in through ingest, as from the command line, whose names are kept
as they were."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from casereview.repository.services import ingest_file
from tests.cases.factories import pdf_bytes
from tests.hostile_files import POLYGLOT, attachment_headers, safe_attachment

pytestmark = pytest.mark.django_db

SCRIPT = b"alert(document.cookie); // a fictional script\n"
PAGE = (
    b"<html><body><h1>Review</h1><p>A fictional review of Child Q.</p>"
    b"<script>alert(document.cookie)</script></body></html>"
)
DRAWING = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script>'
    b"<text>A fictional drawing</text></svg>"
)


def download_headers(data: bytes, name: str) -> dict[str, str]:
    result = ingest_file(data, name, published=True)
    assert result.document is not None, result.reason
    url = reverse("repository:download", kwargs={"ref": result.document.sha256[:12]})
    response = Client().get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    return attachment_headers(response)


@pytest.mark.parametrize(
    ("data", "name", "content_type", "download_name"),
    [
        (SCRIPT, "script.js", "text/plain", "script.js.txt"),
        (PAGE, "page.html", "application/octet-stream", "page.html"),
        (DRAWING, "drawing.svg", "text/plain", "drawing.svg.txt"),
        (POLYGLOT, "review.html", "application/pdf", "review.html.pdf"),
    ],
)
def test_it_sends_a_document_as_an_attachment_of_the_format_read_from_its_bytes(
    data: bytes, name: str, content_type: str, download_name: str
) -> None:
    headers = download_headers(data, name)

    assert headers == safe_attachment(content_type, download_name, download_name)


def test_it_gives_a_non_ascii_name_both_as_ascii_and_exactly() -> None:
    headers = download_headers(pdf_bytes("Ein fiktiver Bericht."), "Überprüfung \u2013 rapport.pdf")

    assert headers == safe_attachment(
        "application/pdf",
        "Uberprufung _ rapport.pdf",
        "%C3%9Cberpr%C3%BCfung%20%E2%80%93%20rapport.pdf",
    )


def test_it_sends_a_name_with_a_quote_and_a_newline_without_breaking_the_header() -> None:
    headers = download_headers(pdf_bytes("The final one."), 'The "final"\nreport.pdf')

    assert headers == safe_attachment(
        "application/pdf", "The _final_ report.pdf", "The%20%22final%22%20report.pdf"
    )


def test_it_takes_bidirectional_controls_out_of_the_name() -> None:
    headers = download_headers(pdf_bytes("A reversed name."), "invoice\u202egpj.pdf")

    assert headers == safe_attachment("application/pdf", "invoicegpj.pdf", "invoicegpj.pdf")
