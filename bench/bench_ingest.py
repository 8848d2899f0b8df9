"""Benchmark ingest with full analysis: pages per second on one core, and peak memory.

Ingests every document in a folder (generate one with `casereview demo-corpus DIR --count N`)
into the database the environment names, through the same `ingest_paths` as `casereview
ingest`, so reading, analysis, the record, the search index and the audit event are all timed.

    .venv/bin/casereview demo-corpus /tmp/corpus --count 1000 --workers 2
    CASEREVIEW_DATA_DIR=/tmp/bench .venv/bin/python bench/bench_ingest.py /tmp/corpus
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.config.settings")
    from casereview.cli import ready

    ready()
    from casereview.repository.bulk import ingest_paths

    started_cpu = time.process_time()
    summary = ingest_paths([args.folder], published=True)
    cpu = time.process_time() - started_cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    ocr_cpu = children.ru_utime + children.ru_stime
    from casereview.repository.models import Document, Status

    ocr_pages = sum(Document.objects.filter(status=Status.OCR).values_list("page_count", flat=True))
    print(summary.report().splitlines()[0])
    print(
        f"{summary.pages} pages in {summary.seconds:.1f} s wall, {cpu:.1f} s CPU: "
        f"{summary.pages / max(cpu, 1e-9):.0f} pages/s per core; peak memory {peak_mb:.0f} MB"
    )
    # Tesseract runs as child processes: its CPU is not in the figure above, its pages are.
    print(
        f"OCR: {ocr_pages} of the pages, {ocr_cpu:.1f} s CPU in Tesseract; counting it, "
        f"{summary.pages / max(cpu + ocr_cpu, 1e-9):.0f} pages/s per core; without the OCR "
        f"pages, {(summary.pages - ocr_pages) / max(cpu, 1e-9):.0f} pages/s per core"
    )


if __name__ == "__main__":
    main()
