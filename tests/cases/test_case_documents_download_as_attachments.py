"""A case document always downloads as an attachment of the format read from its bytes, with a
file name that survives the header and a policy that lets nothing in it run: a file kept under
a name like ``page.html`` (an HTML/PDF polyglot) cannot run in the service's pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from casereview.cases import case_files
from casereview.cases.models import CaseFileVersion
from tests.cases.factories import CaseFactory, pdf_bytes
from tests.conftest import Personas, signed_in_client
from tests.hostile_files import (
    DOCX_TYPE,
    POLYGLOT,
    attachment_headers,
    safe_attachment,
    word_bytes,
)


def kept_as(case: Any, request: Any, data: bytes, name: str) -> CaseFileVersion:
    """A version stored before names were checked: sent under a fitting name, then given the
    name it really came with."""
    fitting = "file.docx" if data.startswith(b"PK") else "file.pdf"
    added = case_files.add_version(
        request, case, data=data, filename=fitting, kind="draft", title="Draft"
    )
    CaseFileVersion.objects.filter(pk=added.version.pk).update(original_filename=name)
    return added.version


def download_headers(version: CaseFileVersion, as_user: Any) -> dict[str, str]:
    url = reverse("cases:document", kwargs={"pk": version.file.case_id, "version": version.pk})
    return attachment_headers(signed_in_client(as_user).get(url))


@pytest.mark.parametrize(
    ("name", "data", "content_type", "download_name"),
    [
        (
            "script.js",
            pdf_bytes("A fictional draft, as a script."),
            "application/pdf",
            "script.js.pdf",
        ),
        ("page.html", POLYGLOT, "application/pdf", "page.html.pdf"),
        (
            "drawing.svg",
            pdf_bytes("A fictional draft, as a drawing."),
            "application/pdf",
            "drawing.svg.pdf",
        ),
        ("minutes.html", word_bytes(), DOCX_TYPE, "minutes.html.docx"),
        ("minutes.docx", word_bytes(), DOCX_TYPE, "minutes.docx"),
    ],
)
def test_it_sends_a_file_kept_under_any_name_as_an_attachment_of_its_real_format(
    name: str,
    data: bytes,
    content_type: str,
    download_name: str,
    personas: Personas,
    actor_as: Any,
) -> None:
    case = CaseFactory(board=personas.board_a)
    version = kept_as(case, actor_as(personas.alice), data, name)

    headers = download_headers(version, personas.alice)

    assert headers == safe_attachment(content_type, f"v1-{download_name}", f"v1-{download_name}")


def test_it_gives_a_non_ascii_name_both_as_ascii_and_exactly(
    personas: Personas, actor_as: Any
) -> None:
    case = CaseFactory(board=personas.board_a)
    added = case_files.add_version(
        actor_as(personas.alice),
        case,
        data=pdf_bytes("Ein fiktiver Bericht."),
        filename="Überprüfung \u2013 rapport.pdf",
        kind="draft",
        title="Draft",
    )

    headers = download_headers(added.version, personas.alice)

    assert headers == safe_attachment(
        "application/pdf",
        "v1-Uberprufung _ rapport.pdf",
        "v1-%C3%9Cberpr%C3%BCfung%20%E2%80%93%20rapport.pdf",
    )


def test_it_sends_a_name_with_a_quote_and_a_newline_without_breaking_the_header(
    personas: Personas, actor_as: Any
) -> None:
    case = CaseFactory(board=personas.board_a)
    version = kept_as(
        case, actor_as(personas.alice), pdf_bytes("The final one."), 'The "final"\nreport.pdf'
    )

    headers = download_headers(version, personas.alice)

    assert headers == safe_attachment(
        "application/pdf", "v1-The _final_ report.pdf", "v1-The%20%22final%22%20report.pdf"
    )
