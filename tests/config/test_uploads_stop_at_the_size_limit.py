"""An upload is written to disk only up to the document size limit, but keeps its real size so
that the form refuses it in plain English (issue 16)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from casereview.config.uploads import CappedUploadHandler


def _upload(handler: CappedUploadHandler, chunks: list[bytes]) -> Any:
    handler.new_file("document", "draft.pdf", "application/pdf", sum(map(len, chunks)))
    start = 0
    for chunk in chunks:
        handler.receive_data_chunk(chunk, start)
        start += len(chunk)
    return handler.file_complete(start)


def test_it_writes_no_more_than_one_byte_past_the_limit_of_a_huge_upload(settings: Any) -> None:
    settings.MAX_DOCUMENT_BYTES = 1000

    upload = _upload(CappedUploadHandler(), [b"x" * 700, b"y" * 700, b"z" * 5000])

    assert upload.size == 6400
    assert len(upload.read()) == 1001


def test_it_keeps_an_upload_within_the_limit_whole(settings: Any) -> None:
    settings.MAX_DOCUMENT_BYTES = 1000

    upload = _upload(CappedUploadHandler(), [b"%PDF-" + b"x" * 495, b"y" * 500])

    assert upload.size == 1000
    assert upload.read() == b"%PDF-" + b"x" * 495 + b"y" * 500


def test_the_site_writes_uploads_through_the_capped_handler() -> None:
    assert "casereview.config.uploads.CappedUploadHandler" in settings.FILE_UPLOAD_HANDLERS
