"""Who may use the repository URLs (see tests/access.py for the vocabulary).

Search and browsing are public. A document's pages are public once it is published; the rows
here use an unpublished document on board A, which its chair and the national panel see, and
everyone else (the public, board A's action owner and a reviewer not appointed to its review
included) gets a 404. Uploading is for board managers and
chairs (Alice on board A, Charlie on board B); publishing for the document's board's chair.
The responses to a coroner's PFD report are recorded by its board's chair and the panel.
"""

from __future__ import annotations

from typing import Any

from casereview.audit.actors import Actor
from casereview.repository.models import Upload
from casereview.repository.services import accept_upload, ingest_file
from tests.access import (
    BOARD_A_RESTRICTED_READERS,
    FORM_POST,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    Expected,
    Row,
    answers,
    public,
    restricted,
)
from tests.conftest import PERSONA_NAMES, Personas

UNPUBLISHED_TEXT = b"Access matrix review.\n\nA fictional unpublished document on board A."


def unpublished_on_board_a(personas: Personas) -> dict[str, Any]:
    result = ingest_file(UNPUBLISHED_TEXT, "matrix.txt", board=personas.board_a)
    assert result.document is not None
    return {"ref": result.document.sha256[:12]}


def unpublished_page(personas: Personas) -> dict[str, Any]:
    return {**unpublished_on_board_a(personas), "number": 1}


def unpublished_title(personas: Personas) -> dict[str, Any]:
    return {**unpublished_on_board_a(personas), "field": "title"}


def pfd_report_on_board_a(personas: Personas) -> dict[str, Any]:
    from tests.analysis.test_pfd_reports import report

    result = ingest_file(report().encode(), "pfd-matrix.txt", board=personas.board_a)
    assert result.document is not None and result.document.review_type == "PFD"
    return {"ref": result.document.sha256[:12]}


def upload_on_board_a(personas: Personas) -> dict[str, Any]:
    upload: Upload = accept_upload(
        b"Waiting.", "waiting.txt", board=personas.board_a, actor=Actor(user=personas.alice)
    )
    return {"pk": upload.pk}


def seen_by(people: set[str], *, get: Expected = OK, post: Expected = NOT_ALLOWED) -> Row:
    """A public page about an unpublished document: those who may see it, and 404 for others."""
    return Row(
        get={name: get if name in people else NOT_FOUND for name in PERSONA_NAMES},
        post={name: post if name in people else NOT_FOUND for name in PERSONA_NAMES},
        kwargs=unpublished_on_board_a,
    )


def with_kwargs(row: Row, kwargs: Any) -> Row:
    return Row(get=row.get, post=row.post, kwargs=kwargs)


ROWS: dict[str, Row] = {
    "repository:search": public(),
    "repository:browse": public(),
    "repository:document": seen_by(BOARD_A_RESTRICTED_READERS),
    "repository:document-page": with_kwargs(seen_by(BOARD_A_RESTRICTED_READERS), unpublished_page),
    "repository:download": seen_by(BOARD_A_RESTRICTED_READERS),
    "repository:check-field": restricted(
        BOARD_A_RESTRICTED_READERS, post=FORM_POST, kwargs=unpublished_title
    ),
    "repository:publish": restricted(
        {"alice"}, get=NOT_ALLOWED, post=answers(302), kwargs=unpublished_on_board_a
    ),
    "repository:upload": restricted({"alice", "charlie"}, post=FORM_POST),
    "repository:upload-status": restricted({"alice"}, kwargs=upload_on_board_a),
    # A coroner's report's responses: its board's managers and chair, and the national panel.
    "repository:pfd-responses": restricted(
        BOARD_A_RESTRICTED_READERS, post=FORM_POST, kwargs=pfd_report_on_board_a
    ),
}
