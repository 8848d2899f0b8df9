"""An upload of a file the repository already holds says only that it is held: it neither names
nor links another board's unpublished document, and links the copy only for someone who may
see it."""

from __future__ import annotations

from django.urls import reverse

from casereview.audit.actors import Actor
from casereview.repository import access as repository_access
from casereview.repository.services import accept_upload, ingest_file, run_upload
from tests.cases.factories import CaseFactory, ReviewerFactory, appoint
from tests.conftest import Personas, signed_in_client
from tests.factories import verified

SECRET = b"Brackenfield draft review.\n\nA fictional unpublished draft of board B."
HELD = "This file is already held in the repository"


def upload_again(personas: Personas, data: bytes) -> str:
    upload = accept_upload(
        data, "mine.txt", board=personas.board_a, actor=Actor(user=personas.alice)
    )
    run_upload(upload.pk)
    response = signed_in_client(personas.alice).get(
        reverse("repository:upload-status", kwargs={"pk": upload.pk})
    )
    assert response.status_code == 200
    return response.content.decode()


def test_it_neither_names_nor_links_another_boards_unpublished_document(
    personas: Personas,
) -> None:
    held = ingest_file(SECRET, "secret.txt", board=personas.board_b).document
    assert held is not None

    page = upload_again(personas, SECRET)

    assert HELD in page
    assert "Brackenfield draft" not in page
    assert held.sha256[:12] not in page


def test_it_links_the_copy_held_when_the_uploader_may_see_it(personas: Personas) -> None:
    held = ingest_file(SECRET, "ours.txt", board=personas.board_a).document
    assert held is not None

    page = upload_again(personas, SECRET)

    assert HELD in page
    assert reverse("repository:document", kwargs={"ref": held.sha256[:12]}) in page


def test_a_final_report_already_held_by_another_board_is_not_linked_to_the_case(
    personas: Personas,
) -> None:
    """The link would open board B's unpublished document to the reviewers of board A's case."""
    held = ingest_file(SECRET, "secret.txt", board=personas.board_b).document
    assert held is not None
    case = CaseFactory(board=personas.board_a)
    appoint(case, ReviewerFactory(user=personas.bob), by=personas.alice)
    upload = accept_upload(
        SECRET, "final.txt", board=personas.board_a, actor=Actor(user=personas.alice), case=case
    )

    run_upload(upload.pk)

    held.refresh_from_db()
    assert held.case_id is None
    assert (
        not repository_access.visible_documents(verified(personas.bob)).filter(pk=held.pk).exists()
    )


def test_a_final_report_already_published_is_not_linked_to_the_case_and_says_why(
    personas: Personas,
) -> None:
    """Linking it would make the case's report public without the check for identifying
    details."""
    held = ingest_file(SECRET, "ours.txt", board=personas.board_a, published=True).document
    assert held is not None
    case = CaseFactory(board=personas.board_a)
    upload = accept_upload(
        SECRET, "final.txt", board=personas.board_a, actor=Actor(user=personas.alice), case=case
    )

    run_upload(upload.pk)

    held.refresh_from_db()
    upload.refresh_from_db()
    assert held.case_id is None
    assert "already published, so it was not linked to the case" in upload.reason
