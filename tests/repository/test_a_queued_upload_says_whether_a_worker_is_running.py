"""A queued upload's status page says what is happening: waiting its turn when a worker is
running, and in plain English that no worker is reading files (and who should start one) when
none has beaten lately."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from casereview.audit.actors import Actor
from casereview.repository.services import accept_upload
from casereview.worker.models import WorkerBeat
from casereview.worker.recovery import silence_limit
from tests.conftest import Personas, signed_in_client

WAITING = "The file is waiting to be read. This usually takes less than a minute."
START_ONE = "Whoever runs casereview should start <code>casereview worker</code>."


def status_page(personas: Personas) -> str:
    upload = accept_upload(
        b"A fictional review.",
        "review.txt",
        board=personas.board_a,
        actor=Actor(user=personas.alice),
    )
    response = signed_in_client(personas.alice).get(
        reverse("repository:upload-status", kwargs={"pk": upload.pk})
    )
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def beat(ago: datetime.timedelta) -> None:
    WorkerBeat.objects.create(
        worker_id="host-1-abcdefgh", host="host", pid=1, beaten_at=timezone.now() - ago
    )


def test_it_says_no_worker_is_running_when_none_has_beaten(personas: Personas) -> None:
    page = status_page(personas)

    assert "Waiting for the background worker: none is running" in page
    assert START_ONE in page
    assert WAITING not in page


def test_it_says_how_long_since_a_silent_worker_was_last_seen(personas: Personas) -> None:
    beat(datetime.timedelta(minutes=10, seconds=30))

    page = status_page(personas)

    assert "Waiting for the background worker: none has been seen for 10 minutes." in page
    assert START_ONE in page
    assert WAITING not in page


def test_a_worker_silent_just_past_the_limit_is_seen_a_minute_ago_at_least(
    personas: Personas,
) -> None:
    beat(silence_limit() + datetime.timedelta(seconds=1))

    page = status_page(personas)

    assert "none has been seen for 1 minute." in page


def test_it_says_the_file_is_waiting_when_a_worker_beat_recently(personas: Personas) -> None:
    beat(datetime.timedelta(seconds=1))

    page = status_page(personas)

    assert WAITING in page
    assert "background worker" not in page
