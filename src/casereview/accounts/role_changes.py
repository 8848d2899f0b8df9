"""Role changes read back from the audit trail, so every administrator sees who gave whom which
power (and took it away) without opening the full trail.

The trail is the only record: a national role change is a user change whose recorded fields
include a national role; a board role is a membership added or removed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from casereview.accounts.models import Role, User
from casereview.accounts.services import NATIONAL_ROLE_FIELDS
from casereview.audit.events import Action
from casereview.audit.models import Event

# Enough to cover a few weeks of ordinary staff changes on one screen; the audit trail has the
# rest.
RECENT_ROLE_CHANGES = 10

NATIONAL_ROLE_NAMES = {
    "is_panel_member": "the national panel role",
    "is_administrator": "the administrator role",
}


@dataclass(frozen=True)
class RoleChange:
    at: datetime.datetime
    text: str


def recent_role_changes(
    person: User | None = None, limit: int = RECENT_ROLE_CHANGES
) -> list[RoleChange]:
    """The latest role changes, newest first; only `person`'s if given."""
    events = Event.objects.filter(
        Q(action__in=[Action.MEMBERSHIP_ADDED, Action.MEMBERSHIP_REMOVED])
        | Q(
            action__in=[Action.USER_CREATED, Action.USER_UPDATED],
            changes__has_any_keys=list(NATIONAL_ROLE_FIELDS),
        )
    )
    if person is not None:
        events = events.filter(object_type="accounts.user", object_id=str(person.pk))
    found: list[RoleChange] = []
    # A new person's event lists their national roles even when they have none; such events are
    # skipped, so read a few more than asked for.
    for event in events.order_by("-at", "-id")[: limit * 3]:
        text = describe(event)
        if text:
            found.append(RoleChange(event.at, text))
        if len(found) == limit:
            break
    return found


def describe(event: Event) -> str:
    """'Grace Admin gave Ada Admin the national panel role', or '' for no change of role."""
    who = _name(event.actor_label) or "An operator at the command line"
    if event.object_type != "accounts.user":
        # Older command-line and demo events name the membership, not the person.
        return f"{who}: {event.get_action_display().lower()} ({event.object_label})"
    whom = event.object_label
    if event.action == Action.MEMBERSHIP_ADDED:
        return f"{who} gave {whom} the role {_membership(event, 1)}"
    if event.action == Action.MEMBERSHIP_REMOVED:
        return f"{who} removed the role {_membership(event, 0)} from {whom}"
    parts = []
    for field, name in NATIONAL_ROLE_NAMES.items():
        before, after = event.changes.get(field, [None, None])
        if bool(before) != bool(after):
            parts.append(f"gave {whom} {name}" if after else f"removed {name} from {whom}")
    return f"{who} {' and '.join(parts)}" if parts else ""


def _membership(event: Event, side: int) -> str:
    """The role and board as recorded, side 0 before the change and 1 after."""
    role = event.changes.get("role", [None, None])[side]
    board = event.changes.get("board", [None, None])[side]
    if role is None or board is None:
        return event.summary
    label = Role(role).label if role in Role.values else str(role)
    agency = event.changes.get("agency", ["", ""])[side]
    return f"{label}{f' ({agency})' if agency else ''} on {board}"


def _name(actor_label: str) -> str:
    """The name from an actor label 'Name <email>'."""
    return actor_label.rsplit(" <", 1)[0]
