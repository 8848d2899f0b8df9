"""No public page names a folder on the server: not where stored files live, not the data
folder, not where the code is installed, not even in a hidden input or a comment. A path tells
an attacker how the server is laid out and which user runs it."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.urls import reverse

from casereview.audit.actors import Actor
from casereview.repository.bulk import ingest_paths
from casereview.repository.models import Document
from casereview.repository.services import correct_field, ingest_file
from tests.accounts import test_url_sweep
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def server_folders() -> set[str]:
    folders = {Path(settings.FILES_DIR), Path(settings.DATA_DIR), Path(settings.BASE_DIR)}
    return {str(folder.resolve()) for folder in folders} | {str(folder) for folder in folders}


def leaks(html: str) -> list[str]:
    return sorted(folder for folder in server_folders() if folder in html)


@pytest.fixture
def data_folder(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    return Path(settings.DATA_DIR)


@pytest.fixture
def published(personas: Personas, data_folder: Path) -> Document:
    """Bulk-ingested from a folder inside the data folder, as the demo does: the file's name
    arrives with the whole path in front of it."""
    corpus = data_folder / "demo-corpus" / "seed-1"
    corpus.mkdir(parents=True)
    (corpus / "review.txt").write_text(
        "Chapter one sets out the scope of the review.\f"
        "The health visitor saw signs of neglect and overcrowding at home."
    )
    summary = ingest_paths([corpus], board=personas.board_a, published=True)
    assert summary.added == 1
    document = Document.objects.get()
    correct_field(document.fields.get(name="year_published"), 2021, actor=Actor.command_line())
    correct_field(document.fields.get(name="abuse_types"), ["neglect"], actor=Actor.command_line())
    document.refresh_from_db()
    return document


def public_urls(document: Document) -> list[str]:
    ref = document.sha256[:12]
    return [
        *(reverse(name) for name in sorted(test_url_sweep.PUBLIC)),
        reverse("repository:document", kwargs={"ref": ref}),
        reverse("repository:document-page", kwargs={"ref": ref, "number": 1}),
        reverse("repository:document-page", kwargs={"ref": ref, "number": 2}),
        reverse("repository:search") + "?q=overcrowding",
        reverse("repository:search") + "?q=overcrowding&year=2021&abuse=neglect",
        reverse("repository:search") + '?q="unclosed AND (',
        reverse("repository:browse") + "?year=2021",
        "/no/such/page/",
        reverse("repository:document", kwargs={"ref": "0" * 12}),
        reverse("repository:document-page", kwargs={"ref": ref, "number": 99}),
    ]


def test_no_public_page_names_a_server_folder(published: Document) -> None:
    client = Client(raise_request_exception=False)
    for address in public_urls(published):
        response = client.get(address)

        assert response.status_code in {200, 404}, address
        # getvalue() reads a streamed download (the CSV of national figures) as well as a page.
        found = leaks(response.getvalue().decode())
        assert not found, f"{address} shows {found}"


def test_the_migration_drops_the_folders_from_names_stored_before(personas: Personas) -> None:
    document = ingest_file(b"An older fictional review.", "older.txt", published=True).document
    assert document is not None
    Document.objects.filter(pk=document.pk).update(
        original_filename="/srv/casereview/var/demo-corpus/seed-1/older.txt"
    )
    name = "0016_file_names_without_folders"
    migration = importlib.import_module(f"casereview.repository.migrations.{name}")
    historical = MigrationLoader(connection).project_state(("repository", name)).apps

    migration.last_part(historical, None)

    document.refresh_from_db()
    assert document.original_filename == "older.txt"
