"""Running an analysis call in a separate process, timing it and tracing its memory, with a
hard stop: a call that went quadratic again fails its test instead of hanging the suite.

The calls are named by the functions below, which import only `casereview.analysis`, so the
spawned worker needs no Django.
"""

from __future__ import annotations

import io
import multiprocessing
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import Pool
from typing import Any

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from casereview.analysis import UnreadableDocument, analyse, read_document
from casereview.analysis.coding import code_recommendation
from casereview.analysis.drafts import coded_drafts

MB = 1024 * 1024
# Larger than any input the tests send, so that no input is refused for its size.
MAX_BYTES = 64 * MB


def read(data: bytes, filename: str) -> None:
    """What ingest does with a file: read it and derive its record, its recommendations found
    and coded."""
    try:
        document = read_document(data, filename, max_bytes=MAX_BYTES)
    except UnreadableDocument:
        return
    analyse(document)


def read_only(data: bytes, filename: str) -> None:
    try:
        read_document(data, filename, max_bytes=MAX_BYTES)
    except UnreadableDocument:
        return


def drafts(data: bytes) -> None:
    """What the checker does with pasted text, in its child process."""
    try:
        coded_drafts(data, "pasted.txt", MAX_BYTES)
    except UnreadableDocument:
        return


def code(data: bytes) -> None:
    """What the coder does with one recommendation's text, however long."""
    code_recommendation(data.decode("utf-8"))


def pdf_of(text: str) -> bytes:
    """A PDF whose pages print `text`, 90 characters a line and 50 lines a page."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    lines = [text[i : i + 90] for i in range(0, len(text), 90)] or [""]
    for first in range(0, len(lines), 50):
        y = 800
        for line in lines[first : first + 50]:
            page.drawString(40, y, line)
            y -= 15
        page.showPage()
    page.save()
    return buf.getvalue()


def docx_of(text: str, cells: int) -> bytes:
    """A Word document with `text` as one paragraph and a table of `cells` empty cells."""
    document = docx.Document()
    document.add_paragraph(text)
    if cells:
        document.add_table(rows=cells, cols=1)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


CALLS: dict[str, Callable[..., None]] = {
    "read": read,
    "read_only": read_only,
    "drafts": drafts,
    "code": code,
}


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_bytes: int


def _measure(name: str, args: tuple[Any, ...]) -> Measured:
    """The call's time, then its memory peak from a second run with Python's allocations
    traced (tracing slows some code several-fold, and unevenly, so it is not timed)."""
    started = time.perf_counter()
    CALLS[name](*args)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        CALLS[name](*args)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return Measured(seconds, peak)


class Worst(str):
    """A hand-picked worst case, shown by its description: Hypothesis prints the examples it
    tries, and these run to megabytes."""

    description: str

    def __new__(cls, text: str, description: str) -> Worst:
        made = super().__new__(cls, text)
        made.description = description
        return made

    def __repr__(self) -> str:
        return f"<{self.description}: {len(self):,} characters>"


class Worker:
    """One spawned process that runs the calls in turn; stopped and replaced on a hang."""

    def __init__(self) -> None:
        self._pool = self._start()

    @staticmethod
    def _start() -> Pool:
        return multiprocessing.get_context("spawn").Pool(1)

    def run(self, name: str, *args: Any, hang_seconds: float) -> Measured | None:
        """The call's time and memory peak, or None if it was still running after
        `hang_seconds` (the worker is then killed)."""
        pending = self._pool.apply_async(_measure, (name, args))
        try:
            return pending.get(timeout=hang_seconds)
        except multiprocessing.TimeoutError:
            self._pool.terminate()
            self._pool = self._start()
            return None

    def close(self) -> None:
        self._pool.terminate()


@contextmanager
def worker() -> Iterator[Worker]:
    running = Worker()
    try:
        yield running
    finally:
        running.close()
