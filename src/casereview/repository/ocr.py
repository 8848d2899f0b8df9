"""Optical character recognition for image-only PDFs, when Tesseract is installed.

Tesseract is an optional system program (Debian: ``apt-get install tesseract-ocr``), found on the
PATH or at ``CASEREVIEW_TESSERACT``; without it a scanned PDF is stored as "needs OCR" with no
invented text. Each page is rendered with pdfium at ``OCR_DPI`` and read by Tesseract through a
pipe: nothing is downloaded and no temporary files are left behind.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
from typing import Final

import pypdfium2 as pdfium
from django.conf import settings

logger = logging.getLogger(__name__)

OCR_DPI: Final = 200
"""Tesseract reads body text well from 200 dots per inch; 300 costs about twice the time for
little gain on typed reports."""
PAGE_TIMEOUT_SECONDS: Final = 120
LANGUAGE: Final = "eng"


class OcrFailed(Exception):
    """Tesseract could not read a page (it is missing, crashed or took too long)."""


def tesseract() -> str | None:
    """The Tesseract program to run, or None when OCR is not available here."""
    configured = str(getattr(settings, "TESSERACT", "") or "")
    if configured:
        return shutil.which(configured) or None
    return shutil.which("tesseract")


def available() -> bool:
    return tesseract() is not None


def ocr_pdf(data: bytes) -> list[str]:
    """The text of every page of a PDF, read by Tesseract; ``OcrFailed`` if it cannot."""
    program = tesseract()
    if program is None:
        raise OcrFailed("Tesseract is not installed.")
    texts: list[str] = []
    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                image = page.render(scale=OCR_DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
            # Uncompressed PGM: 6 ms to write a page where PNG's compression took 130 ms, for
            # the same text from Tesseract.
            pgm = io.BytesIO()
            image.save(pgm, format="PPM")
            texts.append(_read_image(program, pgm.getvalue(), index + 1))
    finally:
        pdf.close()
    return texts


def _read_image(program: str, image: bytes, number: int) -> str:
    try:
        done = subprocess.run(
            [program, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(OCR_DPI)],
            input=image,
            # One thread per page: Tesseract's OpenMP threads cost far more than they save on
            # pages this size (measured: 2.8 s a page with them, 0.6 s without).
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            capture_output=True,
            timeout=PAGE_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise OcrFailed(f"Tesseract could not read page {number}: {error}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip()[-300:]
        raise OcrFailed(f"Tesseract could not read page {number}: {detail}")
    return done.stdout.decode("utf-8", errors="replace")
