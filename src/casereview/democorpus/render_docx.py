"""Write a report as DOCX, with explicit page breaks where the layout engine put them.

A DOCX has no fixed pages, so the corpus defines them: the blocks are laid out with splitting
turned off and an explicit page break starts each new page. Page n of the ground truth is the
text after the (n-1)th explicit break. Fonts, sizes and margins follow the PDF style, so Word's
own pagination lands close to the same place. Core-properties dates and zip timestamps are
fixed, so the same report gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from casereview.democorpus.layout import PAGE_HEIGHT, PAGE_STYLES, PAGE_WIDTH, LaidOut, layout
from casereview.democorpus.model import Contents, PageBreak, Para, Report, Table

FIXED_TIME = datetime(2026, 1, 1, 0, 0, 0)
_HEADINGS = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2"}


def layout_docx(report: Report) -> LaidOut:
    return layout(report.blocks, PAGE_STYLES[report.style], allow_split=False)


def render_docx(report: Report, laid: LaidOut) -> bytes:
    style = PAGE_STYLES[report.style]
    doc = Document()
    section = doc.sections[0]
    section.page_width = Pt(PAGE_WIDTH)
    section.page_height = Pt(PAGE_HEIGHT)
    section.left_margin = section.right_margin = Pt(style.margin_x)
    section.top_margin = section.bottom_margin = Pt(style.margin_y)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial" if style.regular == "Helvetica" else "Times New Roman"
    normal.font.size = Pt(style.size)
    section.header.paragraphs[0].text = report.header
    _footer(section.footer.paragraphs[0])
    props = doc.core_properties
    props.title = report.title
    props.author = report.board
    props.last_modified_by = "casereview democorpus"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1

    page = 1
    for i, block in enumerate(report.blocks):
        target = laid.block_pages[i]
        if isinstance(block, PageBreak):
            continue
        if isinstance(block, Table):
            row_pages = laid.row_pages.get(i) or [target] * len(block.rows)
            start = 0
            while start < len(block.rows):
                if row_pages[start] > page:
                    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                    page = row_pages[start]
                end = start
                while end < len(block.rows) and row_pages[end] == row_pages[start]:
                    end += 1
                _table(doc, block, start, end)
                start = end
            continue
        paragraph = doc.add_paragraph()
        if target > page:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
            page = target
        if isinstance(block, Contents):
            for n, (title, anchor) in enumerate(block.entries):
                if n:
                    paragraph = doc.add_paragraph()
                paragraph.add_run(f"{title} {'.' * 12} {laid.anchors.get(anchor, '')}")
            continue
        _para(paragraph, block)
    raw = io.BytesIO()
    doc.save(raw)
    return _fix_zip(raw.getvalue())


def _para(paragraph: Paragraph, block: Para) -> None:
    if block.style in _HEADINGS:
        paragraph.style = _HEADINGS[block.style]
    if block.center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if block.indent or block.label:
        paragraph.paragraph_format.left_indent = Pt(18 * block.indent + (24 if block.label else 0))
        if block.label:
            paragraph.paragraph_format.first_line_indent = Pt(-24)
    if block.label:
        paragraph.add_run(block.label + "\t")
    for run in block.runs:
        r = paragraph.add_run(run.text)
        if run.bold or block.style in ("h1", "h2", "title"):
            r.bold = True
        if run.italic or block.style == "quote":
            r.italic = True


def _table(doc: DocxDocument, block: Table, start: int, end: int) -> None:
    rows = block.rows[start:end]
    table = doc.add_table(rows=len(rows) + 1, cols=len(block.header))
    table.style = "Table Grid"
    # Row by row: table.cell(r, c) recomputes the whole grid on every call.
    grid = table.rows
    for cell, text in zip(grid[0].cells, block.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row, values in zip(grid[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text


def _footer(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _fix_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps, so the bytes do not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
