"""The recurrence index kept in a file in the data folder, shared by every process.

Restoring the index from the database means featurising every recommendation's text again: 12 s
of CPU at 100,000 recommendations, paid by every `casereview check-recommendations`, every
worker and every server process. So whoever builds or extends the index (a rebuild, an ingest,
a process that had to restore it) saves it here, and a new process loads it in a tenth of a
second instead (bench/bench_checker.py; ADR 0013).

The file is trusted only as far as it says what it reflects. Its first line holds the format,
the model's fingerprint (`lessons.model_fingerprint`: the vocabulary, the features' version,
the threshold) and the state of the stored groups it was made from (`recurrence._state`: the
rows grouped and the groups they are in). A file made by another model, or from groups that
have since changed in the database (an ingest elsewhere, a person's correction), is not
loaded. It is written to a temporary file and renamed, so a reader sees a whole file or none.

The index itself is pickled, and unpickled allowing only the classes an index is made of: the
file sits beside the database in the data folder, but a file there must still not be able to
run code.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings

from casereview.analysis.recurrence import RecurrenceIndex

# Raised when the file's layout (not the index's) changes.
FORMAT = 1

# What an index is made of: anything else in a file is refused.
_ALLOWED = frozenset(
    {
        ("casereview.analysis.recurrence", "RecurrenceIndex"),
        ("casereview.analysis.recurrence", "_Cluster"),
        ("casereview.analysis.lessons", "lesson_features"),
        ("casereview.analysis.recurrence", "features"),
        ("array", "array"),
        ("array", "_array_reconstructor"),
    }
)
# The longest first line read: the header is a few hundred bytes.
_HEADER_LIMIT = 4096


class _IndexUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of an index")
        return super().find_class(module, name)


def location() -> Path:
    return Path(settings.RECURRENCE_INDEX_FILE)


def _header(stream: io.BufferedReader) -> dict[str, Any] | None:
    line = stream.readline(_HEADER_LIMIT)
    try:
        found = json.loads(line)
    except ValueError:
        return None
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        return None
    return found


def recorded_model() -> str | None:
    """The fingerprint of the model that made the saved index (and so the stored groups it
    reflects), or None when there is no readable file."""
    try:
        with location().open("rb") as stream:
            header = _header(stream)
    except OSError:
        return None
    return str(header["model"]) if header else None


def load_index(model: str, state: list[int]) -> RecurrenceIndex | None:
    """The saved index, if it was made by `model` from the groups in `state`; otherwise None."""
    try:
        with location().open("rb") as stream:
            header = _header(stream)
            if not header or header.get("model") != model or header.get("state") != state:
                return None
            index = _IndexUnpickler(stream).load()
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        return None
    return index if isinstance(index, RecurrenceIndex) else None


def save_index(model: str, state: list[int], index: RecurrenceIndex) -> None:
    """Save `index` as made by `model` from the groups in `state`, replacing any saved one.
    A folder that cannot be written to costs the next process a restore, not this one its work."""
    target = location()
    header = json.dumps({"format": FORMAT, "model": model, "state": state}).encode() + b"\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(header)
            pickle.dump(index, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def forget_index() -> None:
    """Remove the saved index (the groups it reflects were not kept)."""
    with contextlib.suppress(OSError):
        location().unlink()
