"""Deliberately broken files, each failing the way real uploads fail.

- zero_byte: an empty file.
- truncated_pdf: a real report cut short, as by an interrupted download (no trailer or xref).
- corrupt_bytes: a real report with its header and scattered blocks overwritten with noise.
- mislabelled_html / mislabelled_text: a web page or plain text saved with a .pdf name.
- encrypted_pdf: a real report that needs a password to open.
- zip_bomb_docx: a .docx whose document part inflates about a thousandfold (small on disk).
"""

from __future__ import annotations

import html
import random
import struct
import zlib

from casereview.democorpus.model import Para, Report

ENCRYPTION_PASSWORD = "fictional-demo"
# The zip bomb's inflated size: large enough that a careless reader runs out of patience or
# memory, small enough (about 1 KB on disk per MiB) to write quickly.
BOMB_MEBIBYTES = 256
_MIB = 1 << 20


def truncate(pdf: bytes, rng: random.Random) -> bytes:
    return pdf[: int(len(pdf) * rng.uniform(0.25, 0.8))]


def corrupt(pdf: bytes, rng: random.Random) -> bytes:
    data = bytearray(pdf)
    noise = random.Random(rng.random())
    data[:1024] = bytes(noise.getrandbits(8) for _ in range(min(1024, len(data))))
    for _ in range(max(4, len(data) // 8192)):
        at = noise.randrange(max(1, len(data) - 256))
        data[at : at + 256] = bytes(noise.getrandbits(8) for _ in range(256))
    return bytes(data)


def _paragraphs(report: Report, limit: int = 40) -> list[str]:
    return [b.text for b in report.blocks if isinstance(b, Para) and b.text][:limit]


def mislabelled_html(report: Report) -> bytes:
    body = "\n".join(f"<p>{html.escape(t)}</p>" for t in _paragraphs(report))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        f"<title>{html.escape(report.title)}</title></head>\n<body>\n"
        f"<h1>{html.escape(report.title)}</h1>\n{body}\n</body>\n</html>\n"
    ).encode()


def mislabelled_text(report: Report) -> bytes:
    return ("\n\n".join(_paragraphs(report)) + "\n").encode()


def _deflate(data: bytes, final: bool) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(
        zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH
    )


def zip_bomb_docx(mebibytes: int = BOMB_MEBIBYTES) -> bytes:
    """A DOCX-shaped zip whose document.xml inflates to `mebibytes` MiB.

    One MiB of spaces is deflated once and its (history-free, byte-aligned) blocks repeated,
    so writing the bomb costs a few milliseconds rather than compressing the full size.
    """
    prefix = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:body><w:p><w:r><w:t xml:space="preserve">'
    )
    suffix = b"</w:t></w:r></w:p></w:body></w:document>"
    chunk = b" " * _MIB
    block = _deflate(chunk, final=False)
    body = _deflate(prefix, final=False) + block * mebibytes + _deflate(suffix, final=True)
    crc = zlib.crc32(prefix)
    for _ in range(mebibytes):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + mebibytes * _MIB + len(suffix)
    content_types = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    entries = [
        (
            "[Content_Types].xml",
            _deflate(content_types, True),
            zlib.crc32(content_types),
            len(content_types),
        ),
        ("_rels/.rels", _deflate(rels, True), zlib.crc32(rels), len(rels)),
        ("word/document.xml", body, crc, size),
    ]
    return _zip(entries)


def _zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A plain zip archive from already-deflated members (DOS date fixed at 1980-01-01)."""
    out = bytearray()
    central = bytearray()
    for name, compressed, crc, size in entries:
        offset = len(out)
        raw = name.encode()
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(compressed), size, len(raw), 0
        )
        out += raw + compressed
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(compressed),
            size,
            len(raw),
            0,
            0,
            0,
            0,
            0o644 << 16,
            offset,
        )
        central += raw
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0
    )
    return bytes(out + central + end)
