"""A small page-layout engine: blocks in, positioned text out, with the page of every anchor.

The corpus uses its own layout rather than reportlab's platypus for two reasons: it is several
times faster (benchmarks generate hundreds of thousands of pages), and because it decides every
line break itself it knows exactly which page each anchored block starts on. The PDF renderer
draws the result, the scanned renderer paints it with Pillow, and the DOCX renderer uses the
same page assignment (with splitting turned off) to place its explicit page breaks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from casereview.democorpus.model import Block, Contents, PageBreak, Para, Run, Table

PAGE_WIDTH = 595.2756
PAGE_HEIGHT = 841.8898
HEADER_SIZE = 8.0
INDENT_STEP = 18.0
TABLE_PAD = 4.0


@dataclass(frozen=True)
class PageStyle:
    """A visual style: font family, body size and leading, and margins (points)."""

    name: str
    regular: str
    bold: str
    italic: str
    size: float
    leading: float
    margin_x: float
    margin_y: float

    def font(self, bold: bool, italic: bool) -> str:
        if bold:
            return self.bold
        return self.italic if italic else self.regular

    def role(self, style: str) -> tuple[float, float, bool]:
        """Size, leading and boldness for a block style."""
        s = self.size
        roles = {
            "title": (s + 14, s + 20, True),
            "subtitle": (s + 3, s + 8, False),
            "h1": (s + 5, s + 9, True),
            "h2": (s + 2, s + 6, True),
            "small": (s - 1.5, self.leading - 2, False),
        }
        return roles.get(style, (s, self.leading, False))


PAGE_STYLES: dict[str, PageStyle] = {
    p.name: p
    for p in (
        PageStyle("arial", "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", 10.5, 14, 72, 72),
        PageStyle("times", "Times-Roman", "Times-Bold", "Times-Italic", 11.5, 14.5, 72, 72),
        PageStyle("compact", "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", 9.5, 12.5, 60, 64),
        PageStyle("large", "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", 12, 16.5, 72, 72),
    )
}


@dataclass(frozen=True)
class TextOp:
    x: float
    y: float
    font: str
    size: float
    text: str


@dataclass(frozen=True)
class LineOp:
    x1: float
    y1: float
    x2: float
    y2: float


Op = TextOp | LineOp


@dataclass
class LaidOut:
    """The result of layout: ops per page, the start page of every anchor and every block."""

    pages: list[list[Op]]
    anchors: dict[str, int]
    block_pages: list[int]
    row_pages: dict[int, list[int]] = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        return len(self.pages)


# Widths of words at 1 pt, per font: a plain dict lookup is most of the layout's inner loop.
_UNIT_WIDTHS: dict[str, dict[str, float]] = {}


def _unit_widths(font: str) -> dict[str, float]:
    widths = _UNIT_WIDTHS.get(font)
    if widths is None:
        widths = _UNIT_WIDTHS[font] = {}
    return widths


def text_width(text: str, font: str, size: float) -> float:
    widths = _unit_widths(font)
    width = widths.get(text)
    if width is None:
        width = stringWidth(text, font, 1.0)
        if len(widths) < 100_000:
            widths[text] = width
    return width * size


Segment = tuple[str, str]  # (font, text)


def wrap(
    runs: list[Run], style: PageStyle, size: float, width: float, bold_all: bool = False
) -> list[list[Segment]]:
    """Greedy word wrap; run boundaries are word boundaries. Returns lines of segments."""
    lines: list[list[Segment]] = []
    line: list[tuple[str, str]] = []
    used = 0.0
    limit = width / size
    for run in runs:
        font = style.font(run.bold or bold_all, run.italic)
        widths = _unit_widths(font)
        space = text_width(" ", font, 1.0)
        for word in run.text.split():
            w = widths.get(word)
            if w is None:
                w = text_width(word, font, 1.0)
            if line and used + space + w > limit:
                lines.append(_segments(line))
                line, used = [], 0.0
            used += space + w if line else w
            line.append((font, word))
    if line:
        lines.append(_segments(line))
    return lines


def _segments(words: list[tuple[str, str]]) -> list[Segment]:
    segments: list[Segment] = []
    for font, word in words:
        if segments and segments[-1][0] == font:
            segments[-1] = (font, segments[-1][1] + " " + word)
        elif segments:
            segments[-1] = (segments[-1][0], segments[-1][1] + " ")
            segments.append((font, word))
        else:
            segments.append((font, word))
    return segments


class _Cursor:
    def __init__(self, style: PageStyle) -> None:
        self.style = style
        self.top = PAGE_HEIGHT - style.margin_y
        self.bottom = style.margin_y
        self.pages: list[list[Op]] = [[]]
        self.y = self.top

    @property
    def page(self) -> int:
        return len(self.pages)

    @property
    def room(self) -> float:
        return self.y - self.bottom

    @property
    def at_top(self) -> bool:
        return self.y >= self.top

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top

    def emit(self, op: Op) -> None:
        self.pages[-1].append(op)


def layout(blocks: list[Block], style: PageStyle, allow_split: bool = True) -> LaidOut:
    """Lay blocks out on A4 pages. With allow_split=False no paragraph crosses a page."""
    cur = _Cursor(style)
    text_w = PAGE_WIDTH - 2 * style.margin_x
    anchors: dict[str, int] = {}
    block_pages: list[int] = []
    row_pages: dict[int, list[int]] = {}
    contents: list[tuple[int, float, Contents, float]] = []
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, PageBreak):
            block_pages.append(cur.page)
            if not cur.at_top:
                cur.new_page()
        elif isinstance(block, Para):
            block_pages.append(_para(cur, block, nxt, text_w, allow_split, anchors))
        elif isinstance(block, Table):
            pages = _table(cur, block, text_w, anchors)
            row_pages[i] = pages
            block_pages.append(pages[0] if pages else cur.page)
        else:
            _, leading, _ = style.role("body")
            height = leading * len(block.entries)
            if height > cur.room and not cur.at_top:
                cur.new_page()
            block_pages.append(cur.page)
            contents.append((cur.page, cur.y, block, text_w))
            cur.y -= height + leading
    for page, y, block, width in contents:
        _contents(cur.pages[page - 1], y, block, width, style, anchors)
    if not cur.pages[-1] and len(cur.pages) > 1:
        cur.pages.pop()
    return LaidOut(cur.pages, anchors, block_pages, row_pages)


def _para(
    cur: _Cursor,
    p: Para,
    nxt: Block | None,
    text_w: float,
    allow_split: bool,
    anchors: dict[str, int],
) -> int:
    style = cur.style
    size, leading, bold_all = style.role(p.style)
    if p.style == "quote":
        runs = [Run(r.text, r.bold, True) for r in p.runs]
        indent = (p.indent + 1) * INDENT_STEP
    else:
        runs = p.runs
        indent = p.indent * INDENT_STEP
    label_font = style.font(bold_all or bool(runs and runs[0].bold), False)
    label_w = 0.0
    if p.label:
        label_w = max(24.0, text_width(p.label, label_font, size) + 6.0)
    width = text_w - indent - label_w
    lines = wrap(runs, style, size, width, bold_all)
    before = p.space_before or (leading * 0.8 if p.style in ("h1", "h2") else 0.0)
    after = leading * 0.45
    need = before + leading * len(lines)
    if p.keep_with_next and isinstance(nxt, Para):
        need += leading * 3
    whole = p.keep or not allow_split or len(lines) <= 2 or p.keep_with_next
    if not cur.at_top and (need > cur.room if whole else before + leading * 2 > cur.room):
        cur.new_page()
    if not cur.at_top:
        cur.y -= before
    start = cur.page
    if p.anchor:
        anchors.setdefault(p.anchor, start)
    x0 = PAGE_WIDTH / 2 if p.center else cur.style.margin_x + indent
    for n, segments in enumerate(lines):
        if leading > cur.room + 0.01:
            cur.new_page()
        cur.y -= leading
        base = cur.y + (leading - size) * 0.6
        if n == 0 and p.label:
            cur.emit(TextOp(x0, base, label_font, size, p.label))
        x = x0 + label_w
        if p.center:
            total = sum(text_width(t, f, size) for f, t in segments)
            x = PAGE_WIDTH / 2 - total / 2
        for font, text in segments:
            cur.emit(TextOp(x, base, font, size, text))
            x += text_width(text, font, size)
    cur.y -= after
    return start


def _table(cur: _Cursor, t: Table, text_w: float, anchors: dict[str, int]) -> list[int]:
    style = cur.style
    size = style.size - 0.5
    leading = style.leading - 1
    widths = [f * text_w for f in t.widths]

    def cells(values: list[str], bold: bool) -> list[list[list[Segment]]]:
        return [
            wrap([Run(v, bold=bold)], style, size, w - 2 * TABLE_PAD) if v else []
            for v, w in zip(values, widths, strict=True)
        ]

    def height(wrapped: list[list[list[Segment]]]) -> float:
        return max(len(c) for c in wrapped) * leading + 2 * TABLE_PAD

    header = cells(t.header, True)
    pages: list[int] = []
    if height(header) + height(cells(t.rows[0], False) if t.rows else header) > cur.room:
        cur.new_page()
    _row(cur, header, widths, leading, size)
    for r, values in enumerate(t.rows):
        wrapped = cells(values, False)
        if height(wrapped) > cur.room:
            cur.new_page()
            _row(cur, header, widths, leading, size)
        anchor = t.anchors[r]
        if anchor:
            anchors.setdefault(anchor, cur.page)
        pages.append(cur.page)
        _row(cur, wrapped, widths, leading, size)
    cur.y -= style.leading * 0.6
    return pages


def _row(
    cur: _Cursor,
    wrapped: list[list[list[Segment]]],
    widths: list[float],
    leading: float,
    size: float,
) -> None:
    h = max(len(c) for c in wrapped) * leading + 2 * TABLE_PAD
    top = cur.y
    x = cur.style.margin_x
    for lines, w in zip(wrapped, widths, strict=True):
        y = top - TABLE_PAD
        for segments in lines:
            y -= leading
            tx = x + TABLE_PAD
            for font, text in segments:
                cur.emit(TextOp(tx, y + (leading - size) * 0.6, font, size, text))
                tx += text_width(text, font, size)
        x += w
    right = cur.style.margin_x + sum(widths)
    cur.emit(LineOp(cur.style.margin_x, top, right, top))
    cur.emit(LineOp(cur.style.margin_x, top - h, right, top - h))
    x = cur.style.margin_x
    for w in [0.0, *widths]:
        x += w
        cur.emit(LineOp(x, top, x, top - h))
    cur.y -= h


def _contents(
    ops: list[Op],
    y: float,
    block: Contents,
    width: float,
    style: PageStyle,
    anchors: dict[str, int],
) -> None:
    size, leading, _ = style.role("body")
    font = style.regular
    dot = text_width(".", font, size)
    for title, anchor in block.entries:
        y -= leading
        number = str(anchors.get(anchor, ""))
        spare = width - text_width(title, font, size) - text_width(number, font, size) - 8
        ops.append(
            TextOp(style.margin_x, y + 3, font, size, f"{title} {'.' * int(spare / dot)} {number}")
        )
