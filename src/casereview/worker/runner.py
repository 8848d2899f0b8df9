"""`casereview worker`: django-tasks-db's worker, with a heartbeat and recovery of the tasks of
workers that are gone (`casereview.worker.recovery`)."""

from __future__ import annotations

import logging
import os
import socket
import threading

from django.core.management import call_command
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from casereview.worker.models import WorkerBeat
from casereview.worker.recovery import beat_seconds, recover_abandoned

logger = logging.getLogger(__name__)


def new_worker_id() -> str:
    """Host and process first, for whoever reads a task's worker ids; random last, because a
    process id comes round again. django-tasks-db allows 64 characters."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"[-64:]


class Heartbeat:
    """Says every `beat_seconds()` that this worker is alive, and recovers the tasks of those
    that are not. It runs in a thread of its own, so a long task does not silence it."""

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def start(self) -> None:
        WorkerBeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"host": socket.gethostname()[:255], "pid": os.getpid()},
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=beat_seconds() * 2)
        try:
            WorkerBeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            # Left behind, the row goes silent and the next worker's recovery removes it.
            logger.warning("The stopping worker could not remove its heartbeat row.")

    def beat(self) -> None:
        now = timezone.now()
        if not WorkerBeat.objects.filter(worker_id=self.worker_id).update(beaten_at=now):
            # Taken for gone after a long pause (a suspended machine): say so again.
            WorkerBeat.objects.create(
                worker_id=self.worker_id,
                host=socket.gethostname()[:255],
                pid=os.getpid(),
                beaten_at=now,
            )

    def _run(self) -> None:
        try:
            while not self._stop.wait(beat_seconds()):
                try:
                    close_old_connections()
                    self.beat()
                except DatabaseError:
                    # A locked or unreachable database: the next beat tries again, and only a
                    # long run of misses makes others take this worker for gone.
                    logger.warning("The worker's heartbeat could not reach the database.")
                    continue
                try:
                    recover_abandoned()
                except Exception:
                    # Whatever went wrong, the thread must live on: a worker that stops beating
                    # is taken for gone and its task handed to another.
                    logger.exception("Recovering the tasks of stopped workers failed.")
        finally:
            connection.close()


def run_worker(*, interval: float, batch: bool) -> None:
    """Run tasks until stopped (or, with `batch`, until the queue is empty)."""
    worker_id = new_worker_id()
    heartbeat = Heartbeat(worker_id)
    heartbeat.start()
    try:
        recover_abandoned()
        options: dict[str, object] = {"interval": interval, "worker_id": worker_id}
        if batch:
            options.update(batch=True, startup_delay=False)
        call_command("db_worker", reload=False, **options)
    finally:
        heartbeat.stop()
