"""Fixtures for repository tests: stored files go to a temporary folder, documents are built
from fictional text by the tests themselves."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from casereview.accounts.models import Board
from casereview.audit.actors import Actor
from casereview.repository.models import Document
from casereview.repository.services import correct_field, ingest_file


@pytest.fixture(autouse=True)
def files_dir(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    settings.FILES_DIR = folder
    return folder


def stored_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def add_document(
    *pages: str,
    title: str = "",
    board: Board | None = None,
    published: bool = True,
    record: dict[str, Any] | None = None,
    name: str = "review.txt",
) -> Document:
    """Ingest a plain-text document (pages split by form feeds), then set record values as a
    person would, so tests do not depend on what the analyser finds in short texts."""
    text = "\f".join(pages)
    result = ingest_file(text.encode(), name, board=board, published=published)
    assert result.outcome == "added", result.reason
    document = result.document
    assert document is not None
    values = dict(record or {})
    if title:
        values["title"] = title
    for field_name, value in values.items():
        correct_field(document.fields.get(name=field_name), value, actor=Actor.command_line())
    document.refresh_from_db()
    return document


def titles(hits: Sequence[Any]) -> set[str]:
    return {hit.document.title for hit in hits}


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    """Run background tasks as soon as they are queued, as the worker would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
