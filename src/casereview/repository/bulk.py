"""Ingesting many files at once (`casereview ingest PATH...`): walk folders, ingest each file
in its own transaction, show progress and summarise.

Re-running the same command resumes an interrupted run: files already stored are recognised by
their SHA-256 before they are read, and no file is ever half-stored.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from casereview import console
from casereview.analysis.redaction import join_pages, personal_numbers
from casereview.audit.actors import Actor
from casereview.repository.models import Document
from casereview.repository.search import bulk_loading, merge_index
from casereview.repository.services import IngestResult, ingest_file

# The formats ingest reads, by extension; anything else in a folder (such as the demo corpus's
# ground-truth .json files) is left alone. A file named on the command line is always tried.
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", ".txt"})
# Seconds between progress lines, so a terminal is not flooded.
PROGRESS_EVERY = 0.2


@dataclass
class Summary:
    added: int = 0
    already_present: int = 0
    rejected: list[IngestResult] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # Added, but left unpublished: a bulk import would have published them (``held_back``).
    held_back: list[IngestResult] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0

    def count(self, result: IngestResult) -> None:
        if result.outcome == "added":
            self.added += 1
            self.pages += result.document.page_count if result.document else 0
        elif result.outcome == "already present":
            self.already_present += 1
        else:
            self.rejected.append(result)

    @property
    def done(self) -> int:
        return self.added + self.already_present + len(self.rejected)

    def report(self) -> str:
        lines = [
            f"Added {self.added} ({self.pages} pages), already present {self.already_present}, "
            f"rejected {len(self.rejected)} in {self.seconds:.1f} s."
        ]
        for result in self.rejected:
            lines.append(f"  rejected {result.source}: {result.reason}")
        for result in self.held_back:
            lines.append(f"  not published {result.source}: {result.reason}")
        for path in self.missing:
            lines.append(f"  not found: {path}")
        return "\n".join(lines)


def document_files(paths: Iterable[Path], missing: list[str]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            )
        elif path.is_file():
            yield path
        else:
            missing.append(str(path))


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Let Python's cycle collector run less often during a bulk ingest.

    Each document makes tens of thousands of short-lived objects, which start a collection of
    the youngest generation every 700 allocations and, every so often, one of everything
    alive: the whole Django process and the caches ingest builds up. The objects alive before
    the run are set aside from collection (`gc.freeze`) and the youngest generation collected
    ten times less often (measured: 2% of ingest's CPU). Both are put back afterwards, except
    that objects a server had already frozen at start-up stay frozen.
    """
    threshold = gc.get_threshold()
    already_frozen = gc.get_freeze_count() > 0
    gc.freeze()
    gc.set_threshold(threshold[0] * 10, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not already_frozen:
            gc.unfreeze()


HELD_BACK = (
    "it gives {what} on {pages}, so it was kept unpublished. Decide each identifying "
    "detail on its redaction page and publish it from there."
)


def publish_unless_personal_numbers(document: Document) -> str:
    """Publish a document a bulk import added (the national library's reviews, already public
    elsewhere), unless its text gives a person's NHS, National Insurance or unique pupil number:
    then it stays unpublished, to go through the publication check, and the reason is returned.
    Only a new document with no case comes here: a case's report is never published by an
    import (the same file already held is left as it is)."""
    pages = document.pages.order_by("number").values_list("number", "text")
    found = personal_numbers(join_pages(pages))
    if found:
        kinds = sorted({f.kind for f in found})
        numbers = sorted({f.page for f in found})
        on = ("page " if len(numbers) == 1 else "pages ") + ", ".join(map(str, numbers))
        return HELD_BACK.format(
            what=" and ".join(("an " if k.startswith("NHS") else "a ") + k for k in kinds), pages=on
        )
    Document.objects.filter(pk=document.pk, case=None).update(is_published=True)
    return ""


def ingest_paths(
    paths: Iterable[Path],
    *,
    board: Any = None,
    published: bool = False,
    actor: Actor | None = None,
    progress: TextIO | None = None,
    on_file: Callable[[int, int], None] | None = None,
) -> Summary:
    """Ingest every document file under `paths`; `on_file(done, total)` after each one, for a
    caller that shows progress its own way (`casereview demo`)."""
    summary = Summary()
    started = time.monotonic()
    files = list(document_files(paths, summary.missing))
    shown = 0.0
    with bulk_loading(), _fewer_collections():
        for n, path in enumerate(files, start=1):
            result = ingest_file(path, str(path), board=board, actor=actor)
            summary.count(result)
            if published and result.outcome == "added" and result.document is not None:
                held = publish_unless_personal_numbers(result.document)
                if held:
                    summary.held_back.append(IngestResult("added", result.source, held))
            if on_file is not None:
                on_file(n, len(files))
            now = time.monotonic()
            if progress is not None and (now - shown >= PROGRESS_EVERY or n == len(files)):
                shown = now
                console.update(
                    progress,
                    f"{n}/{len(files)} files: added {summary.added}, already present "
                    f"{summary.already_present}, rejected {len(summary.rejected)}",
                )
    if progress is not None and files:
        console.finish(progress)
    if summary.added:
        if progress is not None:
            progress.write("Merging the search index…\n")
            progress.flush()
        merge_index()
    summary.seconds = time.monotonic() - started
    return summary
