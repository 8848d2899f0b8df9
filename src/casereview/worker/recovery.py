"""Tasks left "running" by a worker that is gone: tried again, a bounded number of times, then
failed with the reason.

django-tasks-db marks a task RUNNING when a worker claims it and appends that worker's id to the
task's `worker_ids`; a worker killed mid-task (power cut, out of memory, kill -9) never marks it
again. Every `casereview worker` beats in `WorkerBeat`, so a RUNNING task whose last worker has
not beaten for `silence_limit()` belongs to a worker that is gone. Each worker recovers such
tasks when it starts and on every beat after (docs/adr/0011-background-workers.md).

A task that wants to tell someone (the upload's status page, for one) registers a handler with
`when_abandoned`; it runs in the same transaction as the task's own change.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from casereview.worker.models import WorkerBeat

logger = logging.getLogger(__name__)

# Three tries in all: the second covers a worker stopped for reasons of its own (a restart, a
# deployment), the third a coincidence; a task that has stopped its worker three times (too big
# for memory, a file that crashes the reader) would only stop the next one too.
MAX_ATTEMPTS = 3
# A worker is gone once it has missed this many beats in a row. On SQLite a beat can wait for
# the database's 20-second lock timeout behind a long ingest transaction; twelve beats (a minute
# at the default five seconds) is three times that, so a busy worker is never taken for dead.
SILENT_BEATS = 12

# Recorded as the failed task's error: where the task ends up, not an exception anyone raised.
WORKER_STOPPED = "casereview.worker.recovery.WorkerStopped"


class WorkerStopped(Exception):
    """The error class a given-up task is recorded with (see `WORKER_STOPPED`)."""


def beat_seconds() -> float:
    return float(settings.WORKER_BEAT_SECONDS)


def silence_limit() -> datetime.timedelta:
    return datetime.timedelta(seconds=beat_seconds() * SILENT_BEATS)


@dataclass(frozen=True)
class Abandoned:
    """A task whose worker stopped while running it."""

    task_id: str
    task_path: str
    args: list[Any]
    kwargs: dict[str, Any]
    # Attempts made so far, the last of which ended with its worker gone.
    attempts: int
    # True once MAX_ATTEMPTS are used up: the task is failed and will not run again.
    gave_up: bool


Handler = Callable[[Abandoned], None]
_handlers: dict[str, Handler] = {}


def when_abandoned(task: Task[Any, Any]) -> Callable[[Handler], Handler]:
    """Register what else to record when a worker stops while running `task`."""

    def register(handler: Handler) -> Handler:
        _handlers[task.module_path] = handler
        return handler

    return register


def _handler_for(task_path: str) -> Handler | None:
    try:
        # Importing the task's module registers its handler, whoever imported it first.
        import_string(task_path)
    except ImportError:
        return None
    return _handlers.get(task_path)


def _live_workers(now: datetime.datetime) -> set[str]:
    since = now - silence_limit()
    return set(WorkerBeat.objects.filter(beaten_at__gte=since).values_list("worker_id", flat=True))


def _gone(result: DBTaskResult, live: set[str]) -> bool:
    return not result.worker_ids or result.worker_ids[-1] not in live


def give_up_message(attempts: int) -> str:
    return (
        f"The worker stopped while running this task, {attempts} times; "
        "it was not tried again. See the worker's log."
    )


def recover_abandoned(now: datetime.datetime | None = None) -> list[Abandoned]:
    """Put back in the queue, or fail, each RUNNING task whose worker is gone."""
    now = now or timezone.now()
    running = DBTaskResult.objects.running().only("id", "worker_ids")
    live = _live_workers(now)
    suspects = [result.pk for result in running if _gone(result, live)]
    recovered = [found for pk in suspects if (found := _recover(pk, now)) is not None]
    WorkerBeat.objects.filter(beaten_at__lt=now - silence_limit()).delete()
    return recovered


@transaction.atomic
def _recover(pk: Any, now: datetime.datetime) -> Abandoned | None:
    # Looked at again inside the transaction: the task may have finished, or its worker beaten,
    # since the first look.
    result = (
        DBTaskResult.objects.select_for_update()
        .filter(pk=pk, status=TaskResultStatus.RUNNING)
        .first()
    )
    if result is None or not _gone(result, _live_workers(now)):
        return None
    attempts = len(result.worker_ids)
    gave_up = attempts >= MAX_ATTEMPTS
    if gave_up:
        result.status = TaskResultStatus.FAILED
        result.finished_at = now
        result.exception_class_path = WORKER_STOPPED
        result.traceback = give_up_message(attempts)
        result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
    else:
        result.status = TaskResultStatus.READY
        result.save(update_fields=["status"])
    abandoned = Abandoned(
        task_id=str(result.pk),
        task_path=result.task_path,
        args=list(result.args_kwargs.get("args", [])),
        kwargs=dict(result.args_kwargs.get("kwargs", {})),
        attempts=attempts,
        gave_up=gave_up,
    )
    handler = _handler_for(result.task_path)
    if handler is not None:
        handler(abandoned)
    logger.warning(
        "Task %s (%s) lost its worker %s on attempt %d of %d: %s",
        abandoned.task_id,
        abandoned.task_path,
        result.worker_ids[-1] if result.worker_ids else "(none)",
        attempts,
        MAX_ATTEMPTS,
        "given up" if gave_up else "queued again",
    )
    return abandoned
