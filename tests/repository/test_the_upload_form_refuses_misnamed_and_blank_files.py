"""The repository's upload form refuses at once a file whose name promises another kind of file
than its bytes are (an HTML/PDF polyglot named ``page.html``, a script, a drawing) and a file of
blank space, with a message saying what to do; a file name loses Unicode's bidirectional
controls before it is kept, and so does a corrected title."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casereview.repository.models import Upload
from tests.cases.factories import pdf_bytes
from tests.conftest import Personas, signed_in_client
from tests.hostile_files import POLYGLOT
from tests.repository.conftest import add_document

pytestmark = pytest.mark.django_db


def send(personas: Personas, data: bytes, name: str):
    return signed_in_client(personas.alice).post(
        reverse("repository:upload"),
        {"board": personas.board_a.pk, "document": SimpleUploadedFile(name, data)},
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        pytest.param(
            POLYGLOT,
            "page.html",
            "page.html is a PDF, but its name ends in .html, which is another kind of file. "
            "Rename it to end in .pdf and try again.",
            id="an HTML/PDF polyglot named as a web page",
        ),
        pytest.param(
            b"alert(document.cookie);\n",
            "script.js",
            "script.js is plain text, but its name ends in .js, which is another kind of file. "
            "Rename it to end in .txt and try again.",
            id="a script",
        ),
        pytest.param(
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "drawing.svg",
            "drawing.svg is plain text, but its name ends in .svg",
            id="a drawing",
        ),
        pytest.param(
            b" \r\n\t\n   ",
            "review.txt",
            "The selected file has nothing in it but blank space: choose the document again",
            id="blank space",
        ),
    ],
)
def test_it_refuses_at_once_a_file_that_is_not_what_its_name_says(
    data: bytes, name: str, message: str, personas: Personas
) -> None:
    response = send(personas, data, name)

    assert response.status_code == 400
    assert message in response.content.decode().replace("&#39;", "'")
    assert not Upload.objects.exists()


def test_a_web_page_named_as_text_is_taken(personas: Personas) -> None:
    response = send(personas, b"<p>A short fictional review.</p>", "review.txt")

    assert response.status_code == 302
    assert Upload.objects.get().filename == "review.txt"


def test_it_keeps_the_file_name_without_bidirectional_controls(personas: Personas) -> None:
    response = send(personas, pdf_bytes("A reversed name."), "invoice\u202egpj.pdf")

    assert response.status_code == 302
    assert Upload.objects.get().filename == "invoicegpj.pdf"


def test_a_corrected_title_loses_bidirectional_controls(personas: Personas) -> None:
    document = add_document("A fictional review.", board=personas.board_a)
    url = reverse("repository:check-field", kwargs={"ref": document.sha256[:12], "field": "title"})

    response = signed_in_client(personas.alice).post(
        url, {"decision": "correct", "corrected": "Child\u202e Q\u2069 review", "note": ""}
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Child Q review"
