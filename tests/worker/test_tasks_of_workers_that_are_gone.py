"""A task left RUNNING by a worker that stopped beating is queued again, or failed with the
reason once its attempts are used up; a task whose worker still beats is left alone. The real
kill -9 journey is tests/repository/test_a_killed_worker_is_retried_then_given_up.py."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from casereview.audit.actors import Actor
from casereview.repository import services
from casereview.repository.models import Upload, UploadStatus
from casereview.repository.tasks import gave_up_reason, ingest_upload
from casereview.worker.models import WorkerBeat
from casereview.worker.recovery import (
    MAX_ATTEMPTS,
    WORKER_STOPPED,
    give_up_message,
    recover_abandoned,
    silence_limit,
)
from tests.conftest import Personas, signed_in_client

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 3, 20, 12, 0))
REPORT = b"Review of Child U.\n\nThe family moved house often and neglect was not recognised."


def queued_upload(personas: Personas) -> tuple[Upload, DBTaskResult]:
    upload = services.accept_upload(
        REPORT, "child-u.txt", board=personas.board_a, actor=Actor(user=personas.alice)
    )
    result = ingest_upload.enqueue(upload.pk)
    return upload, DBTaskResult.objects.get(pk=result.id)


def run_by(task: DBTaskResult, *workers: str, last_beat: datetime.datetime | None) -> None:
    """As if each worker in turn had claimed the task; the last one is running it now."""
    for worker in workers:
        task.claim(worker)
    if last_beat is not None:
        WorkerBeat.objects.create(worker_id=workers[-1], host="h", pid=1, beaten_at=last_beat)


def status_page(personas: Personas, upload: Upload) -> str:
    html = signed_in_client(personas.alice).get(f"/repository/uploads/{upload.pk}/")
    return " ".join(html.content.decode().split())


def test_it_leaves_alone_a_running_task_whose_worker_beat_within_the_limit(
    personas: Personas,
) -> None:
    _, task = queued_upload(personas)
    just_in_time = NOW - silence_limit()
    run_by(task, "w1", last_beat=just_in_time)

    assert recover_abandoned(NOW) == []
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING
    assert WorkerBeat.objects.filter(worker_id="w1").exists()


def test_it_queues_again_a_task_whose_worker_is_silent_and_the_page_says_so(
    personas: Personas,
) -> None:
    upload, task = queued_upload(personas)
    run_by(task, "w1", last_beat=NOW - silence_limit() - datetime.timedelta(seconds=1))

    (abandoned,) = recover_abandoned(NOW)

    assert (abandoned.attempts, abandoned.gave_up) == (1, False)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    upload.refresh_from_db()
    assert (upload.status, upload.interruptions) == (UploadStatus.QUEUED, 1)
    assert not WorkerBeat.objects.exists(), "a worker gone that long is forgotten"
    page = status_page(personas, upload)
    assert "Being read again" in page
    assert f"it is being read again: attempt 2 of {MAX_ATTEMPTS}" in page


def test_a_task_whose_worker_never_beat_is_recovered(personas: Personas) -> None:
    _, task = queued_upload(personas)
    run_by(task, "a-worker-from-before-heartbeats", last_beat=None)

    assert [a.attempts for a in recover_abandoned(NOW)] == [1]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY


def test_it_fails_the_task_on_its_last_attempt_and_refuses_the_upload_with_the_reason(
    personas: Personas, django_capture_on_commit_callbacks
) -> None:
    upload, task = queued_upload(personas)
    held = services.files_dir() / upload.pending_name
    assert held.exists()
    workers = [f"w{n}" for n in range(1, MAX_ATTEMPTS + 1)]
    run_by(task, *workers, last_beat=NOW - silence_limit() - datetime.timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        (abandoned,) = recover_abandoned(NOW)

    assert (abandoned.attempts, abandoned.gave_up) == (MAX_ATTEMPTS, True)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert (task.exception_class_path, task.traceback) == (
        WORKER_STOPPED,
        give_up_message(MAX_ATTEMPTS),
    )
    upload.refresh_from_db()
    assert upload.status == UploadStatus.REJECTED
    assert upload.reason == gave_up_reason(MAX_ATTEMPTS)
    assert upload.pending_name == ""
    assert not held.exists()
    page = status_page(personas, upload)
    assert "Refused" in page
    assert f"The worker stopped while reading this file, {MAX_ATTEMPTS} times" in page


def test_a_task_queued_again_runs_to_the_end_like_any_other(personas: Personas) -> None:
    upload, task = queued_upload(personas)
    run_by(task, "w1", last_beat=None)
    recover_abandoned(NOW)

    services.run_upload(upload.pk)

    upload.refresh_from_db()
    assert (upload.status, upload.interruptions) == (UploadStatus.ADDED, 1)
