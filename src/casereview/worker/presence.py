"""Whether a background worker is running now, for the pages of work that waits for one (an
upload's status page): a file queued with no worker running would otherwise wait in silence."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from casereview.worker.models import WorkerBeat
from casereview.worker.recovery import silence_limit


@dataclass(frozen=True)
class WorkerPresence:
    # A worker has beaten within the silence limit (recovery's own test of being alive).
    running: bool
    # Whole minutes (at least one) since the newest beat of a silent worker; None when no beat
    # is on record (no worker has run, or every one stopped cleanly and removed its row).
    silent_minutes: int | None


def worker_presence(now: datetime.datetime | None = None) -> WorkerPresence:
    now = now or timezone.now()
    newest = WorkerBeat.objects.aggregate(newest=Max("beaten_at"))["newest"]
    if newest is None:
        return WorkerPresence(running=False, silent_minutes=None)
    if newest >= now - silence_limit():
        return WorkerPresence(running=True, silent_minutes=None)
    minutes = int((now - newest).total_seconds() // 60)
    return WorkerPresence(running=False, silent_minutes=max(1, minutes))
