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
from casereview.audit.actors import Actor
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
            result = ingest_file(path, str(path), board=board, actor=actor, published=published)
            summary.count(result)
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
