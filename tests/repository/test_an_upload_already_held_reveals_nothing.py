"""An upload of a file the repository already holds says only that it is held: it neither names
nor links another board's unpublished document, and links the copy only for someone who may
see it."""

from __future__ import annotations

from django.urls import reverse

from casereview.repository.services import accept_upload, ingest_file, run_upload
from tests.conftest import Personas, signed_in_client

SECRET = b"Brackenfield draft review.\n\nA fictional unpublished draft of board B."
HELD = "This file is already held in the repository"


def upload_again(personas: Personas, data: bytes) -> str:
    upload = accept_upload(data, "mine.txt", board=personas.board_a, actor=personas.alice)
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
