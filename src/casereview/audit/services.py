"""Writing audit events. Call ``record`` inside the same transaction as the change it describes.

The audit trail says who did what, when, to which record and which fields changed. It never
copies restricted material: an event about a restricted object (a model whose
``audit_restricted`` is true, such as a case or an unpublished document) keeps no names, titles,
free text or field values, only references. Those stay in the domain's own records, shown only to
the people that domain lets see them; the audit trail's readers (administrators and the national
panel) may not be among them.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.models import Event


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


WITHHELD = "(withheld: kept in the restricted record)"
# Keys of ``data`` that only ever hold references and codes (ids, versions, digests, step, page
# and role keys, field names, the staff emailed), never case content, so an event about
# restricted material may keep them.
REFERENCE_KEYS = frozenset(
    {
        "file",
        "version",
        "sha256",
        "kind",
        "upload",
        "page",
        "step",
        "reviewer",
        "status",
        "field",
        "fields_changed",
        "identity_fields_given",
        "download",
        "role",
        "recipients",
        "document",
    }
)


def is_restricted(obj: models.Model | None) -> bool:
    """Is this object restricted material, which the audit trail must not copy?"""
    return obj is not None and bool(getattr(obj, "audit_restricted", False))


def withhold_changes(changes: Mapping[str, Any]) -> dict[str, list[str]]:
    """Which fields changed, without their values."""
    return {name: [WITHHELD, WITHHELD] for name in changes}


def withhold_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """References kept; anything else (reasons, notes, values, queries) withheld."""
    return {key: value if key in REFERENCE_KEYS else WITHHELD for key, value in data.items()}


def neutral_label(obj: models.Model) -> str:
    """Names a restricted object by its kind and number, never by its title or pseudonym."""
    return f"{obj._meta.verbose_name} {obj.pk}"


def record(
    action: Action,
    *,
    actor: Actor | None = None,
    obj: models.Model | None = None,
    board: Any = None,
    summary: str = "",
    changes: Mapping[str, list[Any]] | None = None,
    data: Mapping[str, Any] | None = None,
) -> Event:
    """Append one event: who made the change (``actor``; none for the system) and to what."""
    user = actor.user if actor is not None else None
    plain_data = {key: _plain(value) for key, value in (data or {}).items()}
    changes = dict(changes or {})
    restricted = is_restricted(obj)
    if restricted:
        assert obj is not None
        summary = f"{Action(action).label}: {neutral_label(obj)}"
        changes = withhold_changes(changes)
        plain_data = withhold_data(plain_data)
    event = Event(
        action=action,
        actor=user,
        actor_label=f"{user} <{user.email}>" if user is not None else "",
        ip_address=actor.ip_address if actor is not None else None,
        board=board,
        summary=summary[:500],
        changes=changes,
        data=plain_data,
    )
    if obj is not None:
        event.object_type = obj._meta.label_lower
        event.object_id = str(obj.pk)
        event.object_label = neutral_label(obj) if restricted else str(obj)[:300]
    event.save()
    return event
