"""Background work for the repository: reading an uploaded file runs in the worker
(`casereview worker`), so the person who sent it gets an answer page at once."""

from __future__ import annotations

from django_tasks import task

from casereview.repository import services


@task()
def ingest_upload(upload_id: int) -> str:
    return services.run_upload(upload_id)
