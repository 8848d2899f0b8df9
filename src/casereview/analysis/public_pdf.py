"""The public PDF of a report, written from its redacted text.

Nothing of the original file is carried over: no images, no text layer, no metadata, no
attachments. The redacted pages are read as headings and paragraphs (a short line without a
full stop that stands alone is a heading) and typeset afresh with reportlab, with only the title
given and the generator named in the metadata, and a fixed creation date so the same text always
gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

# A line this short, without a closing full stop, standing alone, reads as a heading.
HEADING_MAX_CHARS: Final = 80


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" or "paragraph"
    text: str


def _is_heading(text: str) -> bool:
    return (
        len(text) <= HEADING_MAX_CHARS
        and not text.endswith((".", ",", ";", ":"))
        and text[:1].isupper() | text[:1].isdigit()
    )


def blocks(pages: Iterable[str]) -> list[Block]:
    """Headings and paragraphs of the pages' text, a paragraph joined across lines (and across
    a page break when the page ends mid-sentence)."""
    found: list[Block] = []
    current: list[str] = []

    def close() -> None:
        if current:
            text = re.sub(r"(?<=\w)-\s+(?=[a-z])", "", " ".join(current))
            found.append(Block("paragraph", " ".join(text.split())))
            current.clear()

    for page in pages:
        for chunk in re.split(r"\n\s*\n", page):
            lines = [line.strip() for line in chunk.splitlines() if line.strip()]
            if not lines:
                continue
            if len(lines) == 1 and not current and _is_heading(lines[0]):
                found.append(Block("heading", lines[0]))
                continue
            current.extend(lines)
            if lines[-1].endswith((".", "!", "?", ":", "”", '"')):
                close()
        close()
    return found


def public_pdf(title: str, pages: Iterable[str]) -> bytes:
    """A PDF of the redacted pages' headings and paragraphs, titled ``title``."""
    out = io.BytesIO()
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=11, leading=15)
    heading = styles["Heading2"]
    story: list[Paragraph | Spacer] = [Paragraph(escape(title), styles["Title"])]
    for block in blocks(pages):
        story.append(Paragraph(escape(block.text), heading if block.kind == "heading" else body))
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        title=title,
        author="",
        subject="",
        creator="casereview",
        producer="casereview",
        keywords="",
        lang="en-GB",
        invariant=True,
    )
    document.build(story)
    return out.getvalue()
