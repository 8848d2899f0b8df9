"""casereview's text analysis: a pure library (no Django) used by the CLI, ingest, web and tests.

`read_document` turns a file's bytes into pages of text (or says in plain English why it
cannot); `analyse` derives the structured record of DESIGN section 4, every value with the
quote and page it came from; `Analysis.to_json()` is the `casereview analyse --json` object.

The names below are imported when first used, not with the package: a process that only codes
or checks recommendations (`casereview check-recommendations`) never needs the record's field
rules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casereview.analysis.documents import read_document, sniff
    from casereview.analysis.model import Document, Page, UnreadableDocument
    from casereview.analysis.record import Analysis, Evidence, analyse, error_json

_WHERE = {
    "Analysis": "record",
    "Document": "model",
    "Evidence": "record",
    "Page": "model",
    "UnreadableDocument": "model",
    "analyse": "record",
    "error_json": "record",
    "read_document": "documents",
    "sniff": "documents",
}

__all__ = [
    "Analysis",
    "Document",
    "Evidence",
    "Page",
    "UnreadableDocument",
    "analyse",
    "error_json",
    "read_document",
    "sniff",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
