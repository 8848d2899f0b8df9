"""Background work for the repository: reading an uploaded file runs in the worker
(`casereview worker`), so the person who sent it gets an answer page at once.

Reading an upload is safe to run again after its worker stopped part-way: ingest stores all of a
document or none of it, and a finished upload is not read twice (`services.run_upload`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from casereview.repository import services
from casereview.repository.models import Upload, UploadStatus
from casereview.worker.recovery import Abandoned, when_abandoned


@task()
def ingest_upload(upload_id: int) -> str:
    return services.run_upload(upload_id)


def gave_up_reason(attempts: int) -> str:
    return (
        f"The worker stopped while reading this file, {attempts} times, so it was not read and "
        "nothing from it was stored. The file may be too large or damaged: check that it "
        "opens, then send it again. If the same happens again, ask whoever runs casereview to "
        "look at the worker's log."
    )


@when_abandoned(ingest_upload)
def upload_interrupted(abandoned: Abandoned) -> None:
    """Say on the upload's status page that its reading stopped: tried again, or given up."""
    upload = Upload.objects.select_for_update().filter(pk=abandoned.args[0]).first()
    if upload is None or upload.is_finished:
        return
    upload.interruptions = abandoned.attempts
    if abandoned.gave_up:
        upload.status = UploadStatus.REJECTED
        upload.reason = gave_up_reason(abandoned.attempts)
        upload.finished_at = timezone.now()
        held = services.files_dir() / upload.pending_name if upload.pending_name else None
        upload.pending_name = ""
        if held is not None:
            # As after any reading, the held file goes; only once the refusal is stored.
            transaction.on_commit(lambda: held.unlink(missing_ok=True))
    upload.save()
