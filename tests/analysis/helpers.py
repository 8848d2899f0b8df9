"""Small builders for analysis tests: fictional documents written by the tests themselves."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from casereview.analysis import Analysis, Document, analyse, read_document

LIMIT = 10 * 1024 * 1024


def text_document(*pages: str, name: str = "review.txt") -> Document:
    """A plain-text document whose pages are split by form feeds."""
    return read_document("\f".join(pages).encode("utf-8"), name, max_bytes=LIMIT)


def analyse_text(*pages: str) -> Analysis:
    return analyse(text_document(*pages))


def pdf_bytes(pages: list[list[str]], *, header: str = "", footer: str = "", **kw: object) -> bytes:
    """A PDF with one list of lines per page; header/footer may hold {n} and {total}."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, **kw)  # type: ignore[arg-type]
    total = len(pages)
    for n, lines in enumerate(pages, start=1):
        c.setFont("Helvetica", 9)
        if header:
            c.drawString(72, 800, header.format(n=n, total=total))
        c.setFont("Helvetica", 11)
        y = 760
        for line in lines:
            c.drawString(72, y, line)
            y -= 15
        if footer:
            c.setFont("Helvetica", 9)
            c.drawString(260, 40, footer.format(n=n, total=total))
        c.showPage()
    c.save()
    return buf.getvalue()
