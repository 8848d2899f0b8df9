"""Uploads written to disk only up to the document size limit.

Django writes an upload too large to hold in memory to a temporary file as it arrives, whatever
its size, before any form sees it. `CappedUploadHandler` stops writing one byte past
``MAX_DOCUMENT_BYTES`` but keeps counting, so the file keeps its real size: each upload form
then refuses it with its own plain-English message, and a huge upload cannot fill the disk.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class CappedUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.written = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        # One byte over the limit is enough for every check that compares a length with it.
        room = int(settings.MAX_DOCUMENT_BYTES) + 1 - self.written
        if room > 0:
            kept = raw_data[:room]
            self.file.write(kept)
            self.written += len(kept)
