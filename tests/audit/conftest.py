"""Helpers for the audit tests: events written at chosen times, as the services would write them."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from casereview.audit.events import Action
from casereview.audit.models import Event

MakeEvent = Callable[..., Event]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Every persona gets a password; production-strength hashing would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_event(db: None) -> MakeEvent:
    def make(
        action: Action = Action.BOARD_VIEWED,
        *,
        actor: Any = None,
        at: datetime.datetime | None = None,
        **fields: Any,
    ) -> Event:
        event = Event(
            action=action,
            actor=actor,
            actor_label=f"{actor} <{actor.email}>" if actor is not None else "",
            **fields,
        )
        if at is not None:
            event.at = at
        event.save()
        return event

    return make
