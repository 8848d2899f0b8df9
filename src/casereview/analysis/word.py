"""Word documents (DOCX) to pages of text, after checking the package is not a zip bomb.

A zip records each part's size, but the record may lie: Python's zipfile inflates a part in one
step of up to a gigabyte before cutting it to the recorded size. So the recorded sizes are
checked first (refusing an honestly huge package before anything is inflated), and then every
part is inflated once in small steps, counting its real size as it goes, and the reading stops at
the first part that holds more than recorded or more than the limits allow. Only then does
python-docx read it. Paragraphs and tables are read in body order. Pages are split where the
document says a page starts: an explicit page break, "page break before", or a section break
that starts a new page; where Word recorded its own layout (`lastRenderedPageBreak`, written on
every save) those breaks are used too. Without Word's layout, a document with no breaks at all,
and any stretch between breaks too long to be one page, is cut into pages of about 500 words at
paragraph ends; those pages are marked estimated and the document's warnings say so.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from casereview.analysis.layout import WORDS_PER_PAGE, clean_pages, paginate
from casereview.analysis.model import Page, UnreadableDocument

# A stretch between two page breaks longer than this is several printed pages (an A4 page holds
# about `WORDS_PER_PAGE` words; the longest pages of generated and real reports run to about
# 800), so where Word recorded no layout of its own it is cut into estimated pages.
SEGMENT_MAX_WORDS = 1200
# A long report with many figures has a few hundred parts; thousands is not a Word document.
DOCX_MAX_MEMBERS = 2000
# Uncompressed total: images are stored already compressed, so a real report expands little;
# 256 MB is about ten times the largest published reports.
DOCX_MAX_TOTAL_BYTES = 256 * 1024 * 1024
# One part: the body of the longest published reports is under 10 MB of XML and a photograph a
# few MB, so a part over 64 MB is not a report's, and python-docx holds each part whole.
DOCX_MAX_PART_BYTES = 64 * 1024 * 1024
# Word's XML compresses about 5-20 times; even very repetitive XML stays under 50; zip bombs
# reach several hundred. Checked only on members large enough to matter.
DOCX_MAX_RATIO = 100
DOCX_RATIO_MIN_BYTES = 1024 * 1024
# Each inflating step yields at most this much, so a lying part costs one step of memory.
INFLATE_STEP_BYTES = 256 * 1024
# Compressed bytes fed to each step; Word's deflate streams are read in pieces this size.
INFLATE_INPUT_BYTES = 64 * 1024
# How Word stores a part: as it is, or deflated; nothing else is a Word document.
_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_LOCAL_HEADER = struct.Struct("<4s22xHH")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
_T, _TAB, _BR, _CR = f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"
_NB_HYPHEN, _RENDERED = f"{_W}noBreakHyphen", f"{_W}lastRenderedPageBreak"
_PPR, _SECTPR, _TYPE, _VAL = f"{_W}pPr", f"{_W}sectPr", f"{_W}type", f"{_W}val"
_BREAK_BEFORE, _DEL = f"{_W}pageBreakBefore", f"{_W}del"
_SKIP = {_MC_FALLBACK, _DEL, f"{_W}rPr", f"{_W}instrText", f"{_W}delText"}

# Events in the body stream: text, an explicit page break, Word's recorded page break.
_EXPLICIT, _RENDERED_BREAK = "\x00explicit", "\x00rendered"

_DAMAGED = "The Word document is damaged and cannot be opened ({detail})."
_UNSAFE = "it was refused as unsafe. Save it again from Word and upload the new copy"


def check_zip(data: bytes) -> None:
    """Refuse a zip that is damaged, encrypted, or would expand to far more than a report,
    whatever its headers say."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise UnreadableDocument(_DAMAGED.format(detail="not a valid zip package")) from exc
    if len(infos) > DOCX_MAX_MEMBERS:
        raise UnreadableDocument(
            f"The Word document has {len(infos)} internal parts, more than the "
            f"{DOCX_MAX_MEMBERS} a real document has; it was refused as unsafe."
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableDocument(
                "The Word document is password-protected, so its text cannot be read. Please "
                "upload a copy without a password."
            )
        if info.compress_type not in _COMPRESSIONS:
            raise UnreadableDocument(
                f"The Word document stores its part {info.filename} in a way Word never does; "
                f"{_UNSAFE}."
            )
        total += info.file_size
        _within_limits(info.filename, info.file_size, info.compress_size, total)
    total = 0
    view = memoryview(data)
    for info in infos:
        total += _real_size(view, info, total)


def _within_limits(part: str, size: int, compressed: int, total: int) -> None:
    """Refuse a part of `size` bytes from `compressed` ones, `total` so far with it."""
    if size > DOCX_MAX_PART_BYTES:
        raise UnreadableDocument(
            f"The Word document would expand to more than {DOCX_MAX_PART_BYTES // 2**20} MB in "
            f"one part ({part}), more than a report holds; {_UNSAFE}."
        )
    if size > DOCX_RATIO_MIN_BYTES and size > DOCX_MAX_RATIO * max(compressed, 1):
        raise UnreadableDocument(
            f"The Word document would expand from {compressed:,} to {size:,} bytes in one part "
            f"({part}), which is how a zip bomb looks; {_UNSAFE}."
        )
    if total > DOCX_MAX_TOTAL_BYTES:
        raise UnreadableDocument(
            f"The Word document would expand to over the {DOCX_MAX_TOTAL_BYTES // 2**20} MB "
            f"limit for a whole document; {_UNSAFE}."
        )


def _real_size(view: memoryview, info: zipfile.ZipInfo, before: int) -> int:
    """The part's size counted while inflating it step by step (nothing kept), refused as soon
    as it passes its recorded size or a limit; `before` is the total of the parts before it."""
    header = bytes(view[info.header_offset : info.header_offset + _LOCAL_HEADER.size])
    if len(header) < _LOCAL_HEADER.size or not header.startswith(b"PK\x03\x04"):
        raise UnreadableDocument(_DAMAGED.format(detail=f"part {info.filename} is missing"))
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[1:]
    start: int = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    if info.compress_type == zipfile.ZIP_STORED:
        # A stored part is its own bytes: it cannot hold more than the file around it.
        size = max(0, min(start + info.compress_size, len(view)) - start)
        _same_as_recorded(info, size)
        _within_limits(info.filename, size, size, before + size)
        return size
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size, position, pending = 0, start, b""
    while not inflater.eof:
        if not pending:
            if position >= len(view):
                raise UnreadableDocument(
                    _DAMAGED.format(detail=f"part {info.filename} is cut short")
                )
            pending = bytes(view[position : position + INFLATE_INPUT_BYTES])
            position += len(pending)
        try:
            size += len(inflater.decompress(pending, INFLATE_STEP_BYTES))
        except zlib.error as exc:
            raise UnreadableDocument(
                _DAMAGED.format(detail=f"part {info.filename} cannot be inflated")
            ) from exc
        pending = inflater.unconsumed_tail
        if size > info.file_size:
            raise UnreadableDocument(
                f"The Word document's part {info.filename} holds more than the "
                f"{info.file_size:,} bytes recorded for it, which is how a zip bomb hides; "
                f"{_UNSAFE}."
            )
        consumed = position - start - len(pending)
        _within_limits(info.filename, size, consumed, before + size)
    _same_as_recorded(info, size)
    return size


def _same_as_recorded(info: zipfile.ZipInfo, size: int) -> None:
    if size != info.file_size:
        raise UnreadableDocument(
            _DAMAGED.format(
                detail=f"part {info.filename} holds {'less' if size < info.file_size else 'more'}"
                f" than the {info.file_size:,} bytes recorded for it"
            )
        )


def _inline(el: Any, out: list[str]) -> None:
    """Append the text of a paragraph's descendants, in order, with page-break events."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append(" ")
        elif tag == _BR:
            kind = child.get(_TYPE)
            if kind == "page":
                out.append(_EXPLICIT)
            elif kind != "column":
                out.append("\n")
        elif tag == _CR:
            out.append("\n")
        elif tag == _NB_HYPHEN:
            out.append("-")
        elif tag == _RENDERED:
            out.append(_RENDERED_BREAK)
        elif tag == _P:
            out.append("\n")
            _inline(child, out)
        else:
            _inline(child, out)


def _cell_text(tc: Any) -> str:
    parts: list[str] = []
    for kind, text in _blocks(tc, in_table=True):
        if kind == "text" and text.strip():
            parts.append(" ".join(text.split()))
    return " ".join(parts)


def _paragraph(p: Any, in_table: bool) -> Iterator[tuple[str, str]]:
    ppr = p.find(_PPR)
    if not in_table and ppr is not None:
        before = ppr.find(_BREAK_BEFORE)
        if before is not None and before.get(_VAL) not in ("0", "false", "off"):
            yield "break", _EXPLICIT
    pieces: list[str] = []
    _inline(p, pieces)
    buf: list[str] = []
    for piece in pieces:
        if piece in (_EXPLICIT, _RENDERED_BREAK):
            if not in_table:
                yield "text", "".join(buf)
                buf = []
                yield "break", piece
        else:
            buf.append(piece)
    yield "text", "".join(buf)
    if not in_table and ppr is not None:
        sect = ppr.find(_SECTPR)
        if sect is not None:
            kind = sect.find(_TYPE)
            if kind is None or kind.get(_VAL) != "continuous":
                yield "break", _EXPLICIT


def _blocks(parent: Any, in_table: bool = False) -> Iterator[tuple[str, str]]:
    """("text", paragraph) and ("break", kind) events for the block content of `parent`."""
    for child in parent:
        tag = child.tag
        if tag == _P:
            yield from _paragraph(child, in_table)
        elif tag == _TBL:
            for tr in child.iter(_TR):
                cells = [_cell_text(tc) for tc in tr.iter(_TC) if tc.getparent() is tr]
                cells = [c for c in cells if c]
                if cells:
                    yield "text", " | ".join(cells)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content, in_table)
        elif tag == _CUSTOM_XML:
            yield from _blocks(child, in_table)


def _pages_from_events(events: list[tuple[str, str]]) -> list[tuple[str, bool]]:
    """The page texts, each with whether its page is estimated rather than the document's."""
    explicit = any(v == _EXPLICIT for k, v in events if k == "break")
    rendered = any(v == _RENDERED_BREAK for k, v in events if k == "break")
    if not explicit and not rendered:
        return [(t, True) for t in paginate([v for k, v in events if k == "text" and v.strip()])]
    pages: list[list[str]] = [[]]
    for kind, value in events:
        if kind == "text":
            if value.strip():
                pages[-1].append(value)
        elif value == _EXPLICIT or pages[-1]:
            # Word records a rendered break right after an explicit one; only one page starts.
            pages.append([])
    while len(pages) > 1 and not pages[-1]:
        pages.pop()
    if len(pages) > 1 and not pages[0]:
        pages.pop(0)
    out: list[tuple[str, bool]] = []
    for page in pages:
        if rendered or sum(len(t.split()) for t in page) <= SEGMENT_MAX_WORDS:
            out.append(("\n".join(page), False))
        else:
            out.extend((text, True) for text in _estimated_pages(page))
    return out


def _estimated_pages(paragraphs: list[str]) -> list[str]:
    """A long stretch between two breaks cut at paragraph ends into pages of about
    `WORDS_PER_PAGE` words, its lines kept as the document gave them."""
    pages: list[list[str]] = [[]]
    words = 0
    for para in paragraphs:
        n = len(para.split())
        if pages[-1] and words + n > WORDS_PER_PAGE:
            pages.append([])
            words = 0
        pages[-1].append(para)
        words += n
    return ["\n".join(p) for p in pages]


def estimated_pages_warning(pages: list[Page]) -> list[str]:
    """A warning naming the pages whose numbers are estimated, if any."""
    estimated = [p.number for p in pages if p.estimated]
    if not estimated:
        return []
    span = f"{estimated[0]}" if len(estimated) == 1 else f"{estimated[0]} to {estimated[-1]}"
    if len(estimated) == len(pages):
        return [
            "The Word document records no page breaks, so its page numbers are estimated: "
            f"pages of about {WORDS_PER_PAGE} words."
        ]
    return [
        f"Page numbers {span} are estimated: the Word document runs on for many pages "
        f"without a page break there, so it was cut into pages of about {WORDS_PER_PAGE} words."
    ]


def _part_text(part: Any) -> str:
    try:
        return "\n".join(p.text for p in part.paragraphs if p.text.strip())
    except (AttributeError, KeyError, ValueError):
        return ""


def read_docx(data: bytes) -> list[Page]:
    """The pages of a DOCX; `UnreadableDocument` if it is unsafe or damaged."""
    check_zip(data)
    # Imported here: python-docx takes about 50 ms to import, which a process that reads no
    # Word document (the web server at start) should not pay.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        events = list(_blocks(body))
        sections = list(document.sections)
        header = _part_text(sections[0].header) if sections else ""
        footer = _part_text(sections[0].footer) if sections else ""
    except PackageNotFoundError as exc:
        raise UnreadableDocument(_DAMAGED.format(detail="it is not a Word package")) from exc
    except ValueError as exc:
        detail = str(exc)
        if "content type" in detail:
            raise UnreadableDocument(
                "The file is an Office package but not a Word document (for example a "
                "macro-enabled .docm or a template); please save it as a .docx or PDF."
            ) from exc
        raise UnreadableDocument(_DAMAGED.format(detail=detail[:200])) from exc
    except (KeyError, zipfile.BadZipFile, EOFError, OSError, SyntaxError) as exc:
        raise UnreadableDocument(_DAMAGED.format(detail=str(exc)[:200] or "bad part")) from exc
    texts = _pages_from_events(events)
    pages = clean_pages([t for t, _ in texts], dehyphenate_lines=False, running_lines=False)
    return [
        Page(
            number=p.number,
            text=p.text,
            header=p.header or header,
            footer=p.footer or footer,
            estimated=estimated,
        )
        for p, (_, estimated) in zip(pages, texts, strict=True)
    ]
