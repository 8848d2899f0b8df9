"""Writing audit events. Call ``record`` inside the same transaction as the change it describes."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.http import HttpRequest

from casereview.audit.events import Action
from casereview.audit.models import Event


def client_address(request: HttpRequest | None) -> str | None:
    """The address the request came from (REMOTE_ADDR; a trusted proxy must set it correctly)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _plain(value: Any) -> Any:
    """Turn a field value into something JSON can hold and a person can read."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of some fields of a record, ready to diff after a change."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Field-level changes between two snapshots: {field: [old, new]} for fields that differ."""
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def record(
    action: Action,
    *,
    request: HttpRequest | None = None,
    actor: Any = None,
    obj: models.Model | None = None,
    board: Any = None,
    summary: str = "",
    changes: Mapping[str, list[Any]] | None = None,
    data: Mapping[str, Any] | None = None,
) -> Event:
    """Append one event. ``actor`` defaults to the request's signed-in user."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    event = Event(
        action=action,
        actor=actor,
        actor_label=f"{actor} <{actor.email}>" if actor is not None else "",
        ip_address=client_address(request),
        board=board,
        summary=summary[:500],
        changes=dict(changes or {}),
        data={key: _plain(value) for key, value in (data or {}).items()},
    )
    if obj is not None:
        event.object_type = obj._meta.label_lower
        event.object_id = str(obj.pk)
        event.object_label = str(obj)[:300]
    event.save()
    return event
