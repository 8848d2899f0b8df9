"""The same bytes are stored once, and a failure part-way through ingest leaves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.repository import services
from casereview.repository.models import Document, Page
from casereview.repository.services import ingest_file, stored_path
from tests.repository.conftest import stored_files

TEXT = b"Serious Case Review: Child K\fThe family was known to housing services."


@pytest.mark.django_db
def test_the_same_file_twice_is_already_present_and_stored_once(files_dir: Path) -> None:
    first = ingest_file(TEXT, "child-k.txt")
    second = ingest_file(TEXT, "renamed.txt")

    assert first.outcome == "added"
    assert second.outcome == "already present"
    assert second.document == first.document
    assert Document.objects.count() == 1
    assert len(stored_files(files_dir)) == 1


@pytest.mark.django_db
def test_an_added_document_keeps_its_pages_file_and_audit_event() -> None:
    document = ingest_file(TEXT, "child-k.txt").document
    assert document is not None

    assert document.page_count == 2
    assert list(document.pages.values_list("number", flat=True)) == [1, 2]
    assert stored_path(document).read_bytes() == TEXT
    assert Event.objects.filter(
        action=Action.DOCUMENT_INGESTED, object_id=str(document.pk)
    ).exists()


@pytest.mark.django_db
def test_a_failure_inside_the_transaction_leaves_no_rows_and_no_file(
    files_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk filled up")

    monkeypatch.setattr(services, "record", fail)

    with pytest.raises(RuntimeError):
        ingest_file(TEXT, "child-k.txt")

    assert Document.objects.count() == 0
    assert Page.objects.count() == 0
    assert stored_files(files_dir) == []
