"""casereview's text analysis: a pure library (no Django) used by the CLI, ingest, web and tests.

`read_document` turns a file's bytes into pages of text (or says in plain English why it
cannot); `analyse` derives the structured record of DESIGN section 4, every value with the
quote and page it came from; `Analysis.to_json()` is the `casereview analyse --json` object.
"""

from casereview.analysis.documents import read_document, sniff
from casereview.analysis.model import Document, Page, UnreadableDocument
from casereview.analysis.record import Analysis, Evidence, analyse, error_json

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
