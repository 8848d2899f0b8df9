"""A board manager or chair uploads a document; it is read by a background task with a status
page; a refused upload says why and stores nothing; the chair publishes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casereview.accounts.models import Role
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.repository.models import Document, Upload, UploadStatus
from casereview.repository.services import run_upload
from tests.conftest import Personas, signed_in_client
from tests.factories import MembershipFactory, UserFactory
from tests.repository.conftest import stored_files

pytestmark = pytest.mark.django_db

REPORT = b"Review of Child U.\n\nThe family moved house often and neglect was not recognised."


def send(client, personas: Personas, data: bytes = REPORT, name: str = "child-u.txt"):
    return client.post(
        reverse("repository:upload"),
        {"board": personas.board_a.pk, "document": SimpleUploadedFile(name, data)},
    )


@pytest.mark.usefixtures("immediate_tasks")
def test_an_upload_is_ingested_unpublished_for_the_board(personas: Personas) -> None:
    client = signed_in_client(personas.alice)

    response = send(client, personas)
    status = client.get(response["Location"])

    document = Document.objects.get()
    assert document.board == personas.board_a
    assert not document.is_published
    assert "Added to the repository" in status.content.decode()
    assert document.sha256[:12] in status.content.decode()
    assert Event.objects.get(action=Action.DOCUMENT_INGESTED).actor == personas.alice


def test_the_status_page_shows_a_waiting_upload_until_the_task_runs(
    personas: Personas, files_dir: Path
) -> None:
    client = signed_in_client(personas.alice)

    response = send(client, personas)  # the database backend queues it for the worker
    waiting = client.get(response["Location"]).content.decode()
    upload = Upload.objects.get()
    run_upload(upload.pk)
    done = client.get(response["Location"]).content.decode()

    assert "Waiting to be read" in waiting
    assert "Check again" in waiting
    assert "Added to the repository" in done
    assert not (files_dir / "uploads").exists() or not any((files_dir / "uploads").iterdir())


@pytest.mark.usefixtures("immediate_tasks")
def test_a_refused_upload_says_why_and_stores_nothing(personas: Personas, files_dir: Path) -> None:
    client = signed_in_client(personas.alice)

    response = send(client, personas, data=b"<html>not a pdf</html>" * 3, name="report.pdf")
    status = client.get(response["Location"]).content.decode()

    assert "Refused" in status
    assert Upload.objects.get().status == UploadStatus.REJECTED
    assert Upload.objects.get().reason in status.replace("&#39;", "'")
    assert "Nothing from this file was stored" in status
    assert not Document.objects.exists()
    assert stored_files(files_dir) == []


def test_a_file_over_the_size_limit_is_refused_at_once(personas: Personas, settings) -> None:
    settings.MAX_DOCUMENT_BYTES = 10

    response = send(signed_in_client(personas.alice), personas)

    assert response.status_code == 400
    assert "must be smaller than" in response.content.decode()
    assert not Upload.objects.exists()


def test_a_manager_may_not_upload_for_another_board(personas: Personas) -> None:
    response = send(signed_in_client(personas.charlie), personas)

    assert response.status_code == 400
    assert "Select the board" in response.content.decode()
    assert not Upload.objects.exists()


def test_a_board_manager_may_upload_but_a_lead_reviewer_may_not(personas: Personas) -> None:
    mo = UserFactory(email="mo@example.org")
    MembershipFactory(user=mo, board=personas.board_a, role=Role.BOARD_MANAGER)

    assert signed_in_client(mo).get(reverse("repository:upload")).status_code == 200
    assert signed_in_client(personas.bob).get(reverse("repository:upload")).status_code == 404


@pytest.mark.usefixtures("immediate_tasks")
def test_the_chair_publishes_and_the_public_then_finds_it(personas: Personas) -> None:
    from django.test import Client

    chair = signed_in_client(personas.alice)
    send(chair, personas)
    document = Document.objects.get()
    ref = document.sha256[:12]
    before = Client().get(reverse("repository:search"), {"q": "neglect"}).content.decode()

    response = chair.post(reverse("repository:publish", kwargs={"ref": ref}))
    after = Client().get(reverse("repository:search"), {"q": "neglect"}).content.decode()

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_published
    assert ref not in before
    assert ref in after
    assert Event.objects.get(action=Action.DOCUMENT_PUBLISHED).actor == personas.alice


@pytest.mark.usefixtures("immediate_tasks")
def test_only_the_chair_may_publish(personas: Personas) -> None:
    send(signed_in_client(personas.alice), personas)
    ref = Document.objects.get().sha256[:12]

    response = signed_in_client(personas.bob).post(
        reverse("repository:publish", kwargs={"ref": ref})
    )

    assert response.status_code == 404
    assert not Document.objects.get().is_published
