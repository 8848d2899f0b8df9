"""Take restricted values out of audit events written before the audit trail stopped copying them.

Events about a case, an unpublished document or a recommendation of one used to copy the
pseudonym, titles, texts, reasons, notes and field values into their summary, label, changes and
data, where administrators could read them. This keeps each event (who, when, what kind of change, which fields, references) and
replaces those values with a marker, then appends one event saying how many were changed. The
append-only triggers are lifted for this one migration and put back before it ends.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.db import migrations

# Copies of the constants in casereview.audit.services as they were when this was written.
WITHHELD = "(withheld: kept in the restricted record)"
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
LABELS = {
    "cases.case": "case",
    "repository.document": "document",
    "recommendations.recommendation": "recommendation",
}


def _triggers(name: str, schema_editor: Any) -> None:
    append_only = importlib.import_module("casereview.audit.migrations.0002_append_only")
    getattr(append_only, name)(None, schema_editor)


def withhold(apps: Any, schema_editor: Any) -> None:
    Event = apps.get_model("audit", "Event")
    Document = apps.get_model("repository", "Document")
    Recommendation = apps.get_model("recommendations", "Recommendation")
    unpublished = {
        "repository.document": {
            str(pk) for pk in Document.objects.filter(is_published=False).values_list("pk", flat=True)
        },
        "recommendations.recommendation": {
            str(pk)
            for pk in Recommendation.objects.filter(document__is_published=False).values_list(
                "pk", flat=True
            )
        },
    }
    events = Event.objects.filter(object_type__in=list(LABELS)).order_by("pk")
    changed = 0
    _triggers("uninstall", schema_editor)
    for event in events.iterator():
        if event.object_type in unpublished and event.object_id not in unpublished[event.object_type]:
            continue
        label = f"{LABELS[event.object_type]} {event.object_id}"
        event.summary = f"{event.get_action_display()}: {label}"
        event.object_label = label
        event.changes = {name: [WITHHELD, WITHHELD] for name in event.changes or {}}
        event.data = {
            key: value if key in REFERENCE_KEYS else WITHHELD
            for key, value in (event.data or {}).items()
        }
        event.save(update_fields=["summary", "object_label", "changes", "data"])
        changed += 1
    _triggers("install", schema_editor)
    if changed:
        Event.objects.create(
            action="audit.values_withheld",
            summary=f"Withheld restricted values that {changed} earlier events had copied",
            data={"events": changed},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0008_withheld_values_action"),
        ("cases", "0004_reviewers_files_reminders"),
        ("repository", "0014_rank_terms"),
        ("recommendations", "0001_initial"),
    ]

    operations = [migrations.RunPython(withhold, migrations.RunPython.noop, elidable=False)]
