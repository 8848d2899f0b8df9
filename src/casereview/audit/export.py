"""The audit trail as CSV: one header row, then one row per event, written as it is read.

Cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return)
get a leading apostrophe: labels and summaries carry text people typed, and an export is most
often opened in a spreadsheet (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterable, Iterator

from casereview.audit.models import Event

HEADER = [
    "time_utc",
    "actor",
    "ip_address",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "board",
    "summary",
    "changes",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 500


class _Line:
    """A file-like sink that hands back what csv.writer writes, so each row streams out."""

    def write(self, value: str) -> str:
        return value


def _safe(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def row(event: Event) -> list[str]:
    return [
        event.at.astimezone(datetime.UTC).isoformat(),
        _safe(event.actor_label),
        event.ip_address or "",
        event.action,
        event.object_type,
        _safe(event.object_id),
        _safe(event.object_label),
        _safe(event.board.name) if event.board else "",
        _safe(event.summary),
        json.dumps(event.changes, sort_keys=True, ensure_ascii=False) if event.changes else "",
    ]


def csv_lines(events: Iterable[Event]) -> Iterator[str]:
    """The header line, then a line per event."""
    writer = csv.writer(_Line())
    yield writer.writerow(HEADER)
    for event in events:
        yield writer.writerow(row(event))
