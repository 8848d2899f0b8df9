"""A final report sent on to the repository links, from the case's documents page, to its
upload's status (for the people who send it) and to the document in the repository (for
those who may see it there)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereview.cases.lifecycle import State
from casereview.repository.models import Document
from tests.cases.factories import CaseFactory, ReviewerFactory, add_file_version, appoint
from tests.conftest import Personas, signed_in_client


@pytest.mark.usefixtures("immediate_tasks")
def test_the_documents_page_links_the_upload_and_the_repositorys_copy(
    personas: Personas,
) -> None:
    case = CaseFactory(board=personas.board_a, state=State.FINAL)
    appoint(case, ReviewerFactory(user=personas.bob), by=personas.alice)
    version = add_file_version(
        case, personas.alice, kind="final_report", title="Final report", text="The final one."
    )
    alice = signed_in_client(personas.alice)
    alice.post(
        reverse("cases:document-to-repository", kwargs={"pk": case.pk, "version": version.pk})
    )
    version.refresh_from_db()
    document = Document.objects.get()
    page_url = reverse("cases:documents", kwargs={"pk": case.pk})
    status = reverse("repository:upload-status", kwargs={"pk": version.repository_upload_id})
    in_repository = reverse("repository:document", kwargs={"ref": document.sha256[:12]})

    for_alice = alice.get(page_url).content.decode()
    for_bob = signed_in_client(personas.bob).get(page_url).content.decode()

    assert status in for_alice and in_repository in for_alice
    # The appointed reviewer sees the document there, but the upload's status is the board's.
    assert in_repository in for_bob and status not in for_bob
