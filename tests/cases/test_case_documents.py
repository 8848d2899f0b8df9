"""Documents on a case: real PDF and Word files, versions kept and hashed, restricted to the
board, the panel and the appointed reviewers, every download audited; a refused file leaves
nothing; a final report goes on to the national repository."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import docx
import pytest
from django.conf import settings
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases import case_files
from casereview.cases.lifecycle import State
from casereview.cases.models import CaseFile, CaseFileVersion
from casereview.cases.services import Refused
from casereview.repository.models import Document, UploadStatus
from tests.cases.factories import (
    CaseFactory,
    ReviewerFactory,
    add_file_version,
    appoint,
    decided,
    pdf_bytes,
)
from tests.conftest import Personas, signed_in_client


def stored() -> list[Path]:
    folder = Path(settings.FILES_DIR)
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def word_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add(request: Any, case: Any, data: bytes, name: str = "tor.pdf", **fields: Any) -> Any:
    values = {"kind": "terms_of_reference", "title": "Terms of reference", **fields}
    return case_files.add_version(request, case, data=data, filename=name, **values)


def test_versions_are_numbered_hashed_and_all_kept(personas: Personas, actor_as: Any) -> None:
    case = CaseFactory(board=personas.board_a)
    first, second = pdf_bytes("First terms."), word_bytes("Second terms.")

    one = add(actor_as(personas.alice), case, first)
    two = add(actor_as(personas.alice), case, second, name="tor.docx")

    assert (one.version.number, two.version.number) == (1, 2)
    assert (one.is_new_file, two.is_new_file) == (True, False)
    assert two.version.sha256 == hashlib.sha256(second).hexdigest()
    assert (one.version.format, two.version.format) == ("pdf", "docx")
    assert CaseFile.objects.count() == 1
    assert sorted(p.read_bytes() for p in stored()) == sorted([first, second])
    assert Event.objects.filter(action=Action.CASE_FILE_ADDED).count() == 2


def test_the_same_bytes_again_are_not_a_new_version(personas: Personas, actor_as: Any) -> None:
    case = CaseFactory(board=personas.board_a)
    data = pdf_bytes("Terms.")
    add(actor_as(personas.alice), case, data)

    with pytest.raises(Refused) as refused:
        add(actor_as(personas.alice), case, data)

    assert refused.value.reasons == [
        "This file is the same as version 1 of “Terms of reference”, so no new version was added."
    ]
    assert CaseFileVersion.objects.count() == 1
    assert len(stored()) == 1


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.pdf", "empty.pdf is empty (0 bytes)"),
        (b"%PDF-1.7\n1 0 obj broken", "cut.pdf", "cut.pdf looks like a PDF but cannot be opened"),
        (b"PK\x03\x04word/document.xml", "bad.docx", "bad.docx looks like a Word document"),
        (b"\x89PNG\r\n\x1a\n....", "photo.pdf", "photo.pdf is not a PDF or a Word document"),
        (b"Plain words.", "notes.txt", "notes.txt is not a PDF or a Word document"),
    ],
)
def test_a_refused_file_gets_a_plain_reason_and_leaves_nothing(
    data: bytes, name: str, message: str, personas: Personas, actor_as: Any
) -> None:
    case = CaseFactory(board=personas.board_a)

    with pytest.raises(Refused) as refused:
        add(actor_as(personas.alice), case, data, name=name)

    assert refused.value.reasons[0].startswith(message)
    assert not CaseFile.objects.exists()
    assert not CaseFileVersion.objects.exists()
    assert not Event.objects.filter(action=Action.CASE_FILE_ADDED).exists()
    assert stored() == []


def test_a_file_over_the_limit_is_refused(personas: Personas, actor_as: Any, settings: Any) -> None:
    settings.MAX_DOCUMENT_BYTES = 1000
    case = CaseFactory(board=personas.board_a)

    with pytest.raises(Refused) as refused:
        add(actor_as(personas.alice), case, pdf_bytes("x" * 50) + b" " * 2000)

    assert "over the 0.0 MB limit" in refused.value.reasons[0]
    assert stored() == []


def test_reviewers_add_drafts_but_not_the_boards_documents(
    personas: Personas, actor_as: Any
) -> None:
    case = decided(CaseFactory(board=personas.board_a), personas.alice)
    appoint(case, ReviewerFactory(user=personas.bob), personas.alice)

    draft = add(actor_as(personas.bob), case, pdf_bytes("Draft."), kind="draft", title="Draft")
    with pytest.raises(Refused):
        add(actor_as(personas.bob), case, pdf_bytes("Terms."))
    with pytest.raises(Refused):
        add(actor_as(personas.priya), case, pdf_bytes("Panel."), kind="other", title="Panel")

    assert draft.version.uploaded_by == personas.bob
    assert CaseFileVersion.objects.count() == 1


def test_downloads_are_restricted_and_audited(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a)
    version = add_file_version(case, personas.alice)
    url = reverse("cases:document", kwargs={"pk": case.pk, "version": version.pk})

    response = signed_in_client(personas.priya).get(url)

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]
    event = Event.objects.get(action=Action.CASE_FILE_DOWNLOADED)
    assert (event.actor, event.board) == (personas.priya, personas.board_a)
    for outsider in (personas.charlie, personas.bob, personas.dana, personas.ada):
        assert signed_in_client(outsider).get(url).status_code == 404


def test_a_version_of_another_case_is_not_found_through_this_one(personas: Personas) -> None:
    mine = CaseFactory(board=personas.board_a)
    theirs = CaseFactory(board=personas.board_b)
    version = add_file_version(theirs, personas.charlie)
    url = reverse("cases:document", kwargs={"pk": mine.pk, "version": version.pk})

    assert signed_in_client(personas.alice).get(url).status_code == 404


def test_the_documents_page_uploads_a_file(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a)
    url = reverse("cases:documents", kwargs={"pk": case.pk})
    upload = io.BytesIO(word_bytes("Police agency report text."))
    upload.name = "police.docx"

    response = signed_in_client(personas.alice).post(
        url, {"kind": "agency_report", "title": "Police agency report", "document": upload}
    )
    page = signed_in_client(personas.alice).get(url).content.decode()

    assert response.status_code == 302
    assert "Police agency report" in page
    assert "Version 1" in page


def test_the_documents_page_shows_a_refusal_as_an_error(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a)
    upload = io.BytesIO(b"GIF89a not a report")
    upload.name = "report.pdf"

    response = signed_in_client(personas.alice).post(
        reverse("cases:documents", kwargs={"pk": case.pk}),
        {"kind": "draft", "title": "Draft", "document": upload},
    )

    assert response.status_code == 400
    assert "report.pdf is not a PDF or a Word document" in response.content.decode()
    assert not CaseFile.objects.exists()


@pytest.mark.usefixtures("immediate_tasks")
def test_a_final_report_goes_to_the_repository_unpublished_and_knows_its_case(
    personas: Personas,
) -> None:
    case = CaseFactory(board=personas.board_a, state=State.FINAL)
    version = add_file_version(
        case, personas.alice, kind="final_report", title="Final report", text="The final report."
    )
    url = reverse("cases:document-to-repository", kwargs={"pk": case.pk, "version": version.pk})

    response = signed_in_client(personas.alice).post(url)
    again = signed_in_client(personas.alice).post(url, follow=True)

    assert response.status_code == 302
    version.refresh_from_db()
    assert version.repository_upload is not None
    assert version.repository_upload.status == UploadStatus.ADDED
    document = Document.objects.get()
    assert (document.case, document.board, document.is_published) == (
        case,
        personas.board_a,
        False,
    )
    assert document.sha256 == version.sha256
    assert "already been sent" in again.content.decode()
    assert Event.objects.filter(action=Action.CASE_FILE_SENT_TO_REPOSITORY).count() == 1


def test_only_a_final_report_goes_to_the_repository(personas: Personas, actor_as: Any) -> None:
    case = CaseFactory(board=personas.board_a)
    version = add_file_version(case, personas.alice, kind="draft")

    with pytest.raises(Refused) as refused:
        case_files.send_to_repository(actor_as(personas.alice), case, version)

    assert refused.value.reasons == ["Only a final report goes to the national repository."]
