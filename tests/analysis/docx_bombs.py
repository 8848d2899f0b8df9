"""Word documents that expand: built by the tests, some with zip headers that lie."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator

import docx

MB = 1024 * 1024


def real_docx_members() -> dict[str, bytes]:
    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src:
        return {name: src.read(name) for name in src.namelist()}


def spaces(total: int) -> Iterator[bytes]:
    chunk = b" " * MB
    for start in range(0, total, MB):
        yield chunk[: min(MB, total - start)]


def docx_with_body_padding(padding: int) -> bytes:
    """A Word document whose body holds `padding` spaces: tiny when compressed."""
    members = real_docx_members()
    body = members.pop("word/document.xml")
    cut = body.index(b"</w:body>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        with zf.open("word/document.xml", "w") as part:
            part.write(body[:cut])
            for chunk in spaces(padding):
                part.write(chunk)
            part.write(body[cut:])
    return buf.getvalue()


def lie_about_sizes(data: bytes, name: str) -> bytes:
    """The same zip with the part's recorded uncompressed size set to its compressed size, in
    both its local header and the central directory: a ratio of 1, a small part, on paper."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    out = bytearray(data)
    local = info.header_offset
    assert out[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", out, local + 22, info.compress_size)
    struct.pack_into("<I", out, central_entry(out, name) + 24, info.compress_size)
    return bytes(out)


def central_entry(zipped: bytearray, name: str) -> int:
    """Where the central directory's entry for `name` starts."""
    encoded = name.encode()
    entry = zipped.index(b"PK\x01\x02")
    while zipped[entry + 46 : entry + 46 + len(encoded)] != encoded:
        entry = zipped.index(b"PK\x01\x02", entry + 4)
    return entry
