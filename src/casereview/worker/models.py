"""The background workers that are running now, each as it last said it was alive.

django-tasks-db records which worker claimed a task but not whether that worker still exists;
these rows answer that (docs/adr/0011-background-workers.md).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class WorkerBeat(models.Model):
    """One running `casereview worker` process; the row goes when it stops cleanly."""

    # The id the worker claims tasks under (django-tasks-db's worker_ids): host, pid, random.
    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    beaten_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"worker {self.pid} on {self.host}"
