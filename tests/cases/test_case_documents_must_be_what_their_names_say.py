"""A case document is a PDF or a Word document by its bytes, and its name must not promise
another kind of file (a PDF named ``page.html`` is an HTML/PDF polyglot); a file of blank space
or a Word document that inflates past the limits is refused; names and titles lose Unicode's
bidirectional controls. A refused file leaves nothing behind."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse

from casereview.cases import case_files
from casereview.cases.models import CaseFile, CaseFileVersion
from casereview.cases.services import Refused
from tests.analysis.docx_bombs import MB, docx_with_body_padding, lie_about_sizes
from tests.cases.factories import CaseFactory, pdf_bytes
from tests.conftest import Personas, signed_in_client
from tests.hostile_files import POLYGLOT, word_bytes


def add(request: Any, case: Any, data: bytes, name: str, title: str = "Draft") -> Any:
    return case_files.add_version(
        request, case, data=data, filename=name, kind="draft", title=title
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"alert(document.cookie);\n", "script.js", "script.js is not a PDF or a Word document"),
        (b"<html><script>alert(1)</script></html>", "page.html", "page.html is not a PDF or a"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "drawing.svg", "drawing.svg is not a PDF"),
        (
            pdf_bytes("A draft."),
            "script.js",
            "script.js is a PDF, but its name ends in .js, which is another kind of file. "
            "Rename it to end in .pdf and try again.",
        ),
        (POLYGLOT, "page.html", "page.html is a PDF, but its name ends in .html"),
        (pdf_bytes("A drawing."), "drawing.svg", "drawing.svg is a PDF, but its name ends in .svg"),
        (
            word_bytes(),
            "minutes.doc",
            "minutes.doc is a Word document (DOCX), but its name ends in .doc, which is another "
            "kind of file. Rename it to end in .docx and try again.",
        ),
        (
            b"  \r\n\t \n",
            "blank.pdf",
            "blank.pdf has nothing in it but blank space. Choose the document again.",
        ),
        (
            "\ufeff \n".encode("utf-16"),
            "blank.docx",
            "blank.docx has nothing in it but blank space.",
        ),
    ],
    ids=[
        "a script",
        "a web page",
        "a drawing",
        "a PDF named as a script",
        "an HTML/PDF polyglot named as a web page",
        "a PDF named as a drawing",
        "a DOCX named as an old Word file",
        "blank space",
        "blank space in UTF-16",
    ],
)
def test_it_refuses_a_file_that_is_not_what_its_name_says_and_keeps_nothing(
    data: bytes, name: str, message: str, personas: Personas, actor_as: Any
) -> None:
    case = CaseFactory(board=personas.board_a)

    with pytest.raises(Refused) as refused:
        add(actor_as(personas.alice), case, data, name)

    assert refused.value.reasons[0].startswith(message)
    assert not CaseFileVersion.objects.exists()


def test_it_refuses_a_word_document_whose_zip_headers_lie_about_its_sizes(
    personas: Personas, actor_as: Any
) -> None:
    case = CaseFactory(board=personas.board_a)
    lying = lie_about_sizes(docx_with_body_padding(8 * MB), "word/document.xml")

    with pytest.raises(Refused) as refused:
        add(actor_as(personas.alice), case, lying, "minutes.docx")

    assert refused.value.reasons[0].startswith(
        "minutes.docx: The Word document's part word/document.xml holds more than the"
    )
    assert "refused as unsafe" in refused.value.reasons[0]
    assert not CaseFileVersion.objects.exists()


@pytest.mark.parametrize("name", ["Plan v1.2", "Minutes 12.03.2024", "Agency report"])
def test_it_keeps_a_name_with_no_file_type_at_its_end(
    name: str, personas: Personas, actor_as: Any
) -> None:
    case = CaseFactory(board=personas.board_a)

    added = add(actor_as(personas.alice), case, pdf_bytes(f"{name}."), name)

    assert added.version.original_filename == name


def test_it_takes_bidirectional_controls_and_line_breaks_out_of_the_name_and_title(
    personas: Personas, actor_as: Any
) -> None:
    case = CaseFactory(board=personas.board_a)

    added = add(
        actor_as(personas.alice),
        case,
        pdf_bytes("A reversed name."),
        'The "final"\u202e\nfdp.report.pdf',
        title="Police\u2066 agency\u200f report\u202c",
    )

    assert added.version.original_filename == 'The "final" fdp.report.pdf'
    assert added.version.file.title == "Police agency report"


def test_the_form_asks_for_a_title_when_the_title_is_only_bidirectional_controls(
    personas: Personas,
) -> None:
    case = CaseFactory(board=personas.board_a)
    upload = io.BytesIO(pdf_bytes("A draft."))
    upload.name = "draft.pdf"

    response = signed_in_client(personas.alice).post(
        reverse("cases:documents", kwargs={"pk": case.pk}),
        {"kind": "draft", "title": "\u202e\u200f \u2066", "document": upload},
    )

    assert response.status_code == 400
    assert "Enter a title, for example: Police agency report" in response.content.decode()
    assert not CaseFile.objects.exists()
