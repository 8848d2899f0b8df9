"""A Word document is a zip whose headers may lie about its sizes: the real sizes are counted
while each part is inflated, and the reading stops at the first limit, with little memory."""

from __future__ import annotations

import io
import os
import struct
import tracemalloc
import zipfile

import docx
import pytest

from casereview.analysis import UnreadableDocument, read_document
from casereview.analysis.word import (
    DOCX_MAX_PART_BYTES,
    DOCX_MAX_RATIO,
    DOCX_MAX_TOTAL_BYTES,
    DOCX_RATIO_MIN_BYTES,
    check_zip,
)
from tests.analysis.docx_bombs import (
    MB,
    central_entry,
    docx_with_body_padding,
    lie_about_sizes,
    real_docx_members,
)

LIMIT = 1024 * 1024 * 1024
# Far more than the reading needs, far less than inflating the hidden part would take.
PEAK_MEMORY_BOUND = 64 * MB


def _reason(data: bytes) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(data, "review.docx", max_bytes=LIMIT)
    return caught.value.reason


def _peak_while(data: bytes) -> tuple[str, int]:
    tracemalloc.start()
    try:
        message = _reason(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return message, peak


def test_it_refuses_a_docx_whose_headers_understate_a_huge_part_without_inflating_it():
    honest = docx_with_body_padding(512 * MB)
    lying = lie_about_sizes(honest, "word/document.xml")
    declared = zipfile.ZipFile(io.BytesIO(lying)).getinfo("word/document.xml")
    assert declared.file_size == declared.compress_size < MB

    message, peak = _peak_while(lying)

    assert peak < PEAK_MEMORY_BOUND
    assert "word/document.xml" in message
    assert "more than" in message and "refused as unsafe" in message


def test_it_refuses_a_docx_whose_headers_overstate_a_part():
    data = docx_with_body_padding(0)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    out = bytearray(data)
    struct.pack_into("<I", out, central_entry(out, "word/document.xml") + 24, info.file_size + 1)

    assert "less than" in _reason(bytes(out))


def test_it_refuses_an_honestly_huge_part_from_its_headers_alone():
    data = docx_with_body_padding(DOCX_MAX_PART_BYTES + MB)

    message, peak = _peak_while(data)

    assert "in one part (word/document.xml)" in message and "refused as unsafe" in message
    assert peak < PEAK_MEMORY_BOUND


def test_it_refuses_an_honestly_huge_docx_whose_parts_are_each_within_the_part_limit():
    members = real_docx_members()
    photo = os.urandom(DOCX_MAX_PART_BYTES)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for n in range(DOCX_MAX_TOTAL_BYTES // DOCX_MAX_PART_BYTES + 1):
            zf.writestr(f"word/media/image{n}.bin", photo)
    del photo

    message, peak = _peak_while(buf.getvalue())

    assert f"over the {DOCX_MAX_TOTAL_BYTES // MB} MB limit for a whole document" in message
    assert peak < PEAK_MEMORY_BOUND


def test_it_refuses_a_part_over_the_part_limit_even_when_it_does_not_compress():
    members = real_docx_members()
    members["word/media/image1.bin"] = os.urandom(DOCX_MAX_PART_BYTES + 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)

    message = _reason(buf.getvalue())

    assert "word/media/image1.bin" in message and "one part" in message


def test_it_accepts_a_part_exactly_at_the_part_limit():
    members = real_docx_members()
    members["word/media/image1.bin"] = os.urandom(DOCX_MAX_PART_BYTES)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)

    check_zip(buf.getvalue())


def test_it_refuses_a_lying_part_that_compresses_past_the_ratio_limit():
    padding = DOCX_RATIO_MIN_BYTES * 8
    lying = lie_about_sizes(docx_with_body_padding(padding), "word/document.xml")
    real = zipfile.ZipFile(io.BytesIO(docx_with_body_padding(padding))).getinfo("word/document.xml")
    assert real.file_size > DOCX_MAX_RATIO * real.compress_size

    assert "refused as unsafe" in _reason(lying)


def test_a_real_word_document_still_reads():
    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("A fictional review, read after its sizes were counted.")
    document.save(buf)

    read = read_document(buf.getvalue(), "review.docx", max_bytes=LIMIT)

    assert "sizes were counted" in read.pages[0].text
