"""Render reports to files and write whole corpora, optionally across worker processes."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from casereview.democorpus import broken
from casereview.democorpus.content import build_report, rng_for
from casereview.democorpus.layout import PAGE_STYLES, LaidOut, layout
from casereview.democorpus.model import Report
from casereview.democorpus.render_docx import layout_docx, render_docx
from casereview.democorpus.render_pdf import render_pdf, render_scanned
from casereview.democorpus.truth import ground_truth


@dataclass(frozen=True)
class RenderedReport:
    """One report's file bytes and ground truth, ready to write."""

    filename: str
    data: bytes
    truth: dict[str, Any]
    pages: int

    @property
    def truth_filename(self) -> str:
        return self.filename.rsplit(".", 1)[0] + ".json"

    def truth_json(self) -> str:
        return json.dumps(self.truth, indent=2, ensure_ascii=False) + "\n"


@dataclass
class CorpusSummary:
    """What `generate_corpus` wrote: counts, bytes (documents and truth files), pages, time."""

    out_dir: Path
    count: int
    seconds: float
    document_bytes: int
    truth_bytes: int
    pages: int
    kinds: dict[str, int] = field(default_factory=dict)
    broken: dict[str, int] = field(default_factory=dict)
    layouts: dict[str, int] = field(default_factory=dict)
    # The document files written, report 0 first.
    files: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return self.document_bytes + self.truth_bytes


def render_report(report: Report) -> RenderedReport:
    """Render a report as its kind says (PDF, DOCX, scanned or broken) with its ground truth."""
    laid: LaidOut | None = None
    if report.kind == "docx":
        laid = layout_docx(report)
        data = render_docx(report, laid)
    elif report.broken == "zero_byte":
        data = b""
    elif report.broken == "zip_bomb_docx":
        data = broken.zip_bomb_docx()
    elif report.broken == "mislabelled_html":
        data = broken.mislabelled_html(report)
    elif report.broken == "mislabelled_text":
        data = broken.mislabelled_text(report)
    else:
        laid = layout(report.blocks, PAGE_STYLES[report.style])
        if report.kind == "scanned":
            data = render_scanned(report, laid)
        elif report.broken == "encrypted_pdf":
            data = render_pdf(report, laid, password=broken.ENCRYPTION_PASSWORD)
        else:
            data = render_pdf(report, laid)
            rng = rng_for(report.seed, report.index, "broken")
            if report.broken == "truncated_pdf":
                data = broken.truncate(data, rng)
            elif report.broken == "corrupt_bytes":
                data = broken.corrupt(data, rng)
    filename = report.stem + report.suffix
    truth = ground_truth(report, laid, filename, data)
    pages = truth["pages"] or 0
    return RenderedReport(filename, data, truth, pages)


def write_report(rendered: RenderedReport, out_dir: Path) -> tuple[int, int]:
    """Write the document and its truth file; returns their sizes in bytes."""
    (out_dir / rendered.filename).write_bytes(rendered.data)
    truth = rendered.truth_json().encode()
    (out_dir / rendered.truth_filename).write_bytes(truth)
    return len(rendered.data), len(truth)


# The libraries whose output is part of the files' bytes.
_RENDERERS = ("reportlab", "python-docx", "Pillow")


def generator_fingerprint() -> str:
    """A digest of everything a report's bytes depend on besides (seed, index): this package's
    source and data files and the versions of the rendering libraries. Files written under
    another fingerprint may differ from what `generate_corpus` writes now."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".psv", ".json", ".txt"}:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for name in _RENDERERS:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()


_Row = tuple[int, str, int, int, int, str, str | None, str]


def _generate_one(job: tuple[Path, int, int]) -> _Row:
    out_dir, seed, index = job
    report = build_report(seed, index)
    rendered = render_report(report)
    doc_bytes, truth_bytes = write_report(rendered, out_dir)
    return (
        index,
        rendered.filename,
        doc_bytes,
        truth_bytes,
        rendered.pages,
        report.kind,
        report.broken,
        report.layout,
    )


def generate_corpus(
    out_dir: Path,
    count: int,
    seed: int = 2026,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> CorpusSummary:
    """Write `count` fictional reports (and a ground-truth JSON beside each) into out_dir.

    Report i depends only on (seed, i): the first 60 of a 1,000-report corpus are the 60 of a
    60-report corpus. With workers > 1 reports are rendered in that many processes.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    jobs = [(out_dir, seed, i) for i in range(count)]
    summary = CorpusSummary(out_dir, count, 0.0, 0, 0, 0)
    kinds: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    layouts: Counter[str] = Counter()
    files: dict[int, str] = {}

    def collect(rows: Iterator[_Row]) -> None:
        for done, row in enumerate(rows, 1):
            index, filename, doc_bytes, truth_bytes, pages, kind, reason, layout_name = row
            files[index] = filename
            summary.document_bytes += doc_bytes
            summary.truth_bytes += truth_bytes
            summary.pages += pages
            kinds[kind] += 1
            if reason:
                reasons[reason] += 1
            else:
                layouts[layout_name] += 1
            if progress is not None:
                progress(done, count)

    if workers <= 1 or count < 2:
        collect(map(_generate_one, jobs))
    else:
        chunk = max(1, min(16, count // (workers * 8)))
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            collect(pool.imap_unordered(_generate_one, jobs, chunksize=chunk))
    summary.kinds = dict(sorted(kinds.items()))
    summary.broken = dict(sorted(reasons.items()))
    summary.layouts = dict(sorted(layouts.items()))
    summary.files = [files[i] for i in range(count)]
    summary.seconds = time.perf_counter() - started
    return summary
