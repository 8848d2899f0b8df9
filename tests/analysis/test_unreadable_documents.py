"""Each kind of file that cannot be read is refused with a reason a person can act on."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from casereview.analysis import UnreadableDocument, read_document
from casereview.analysis.word import DOCX_MAX_RATIO, DOCX_RATIO_MIN_BYTES
from tests.analysis.helpers import LIMIT, pdf_bytes


def reason(data: bytes, name: str, limit: int = LIMIT) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(data, name, max_bytes=limit)
    return caught.value.reason


def test_it_refuses_an_empty_file():
    assert reason(b"", "review.pdf") == "The file is empty (0 bytes)."


def test_it_refuses_a_file_over_the_size_limit_and_says_both_sizes():
    message = reason(b"x" * 3 * 1024 * 1024, "review.txt", limit=2 * 1024 * 1024)
    assert "3.0 MB" in message and "2.0 MB limit" in message


def test_it_accepts_a_file_exactly_at_the_size_limit():
    data = b"A short fictional review." * 10
    assert read_document(data, "review.txt", max_bytes=len(data)).page_count == 1


def test_it_says_what_a_mislabelled_pdf_really_is():
    message = reason(b"<!DOCTYPE html><html><body><p>Not found</p></body></html>", "r.pdf")
    assert "named .pdf" in message and "web page (HTML)" in message


def test_it_refuses_a_password_protected_pdf():
    data = pdf_bytes([["Fictional text on a protected page."]], encrypt="secret")
    assert "password-protected" in reason(data, "review.pdf")


def test_it_refuses_a_truncated_pdf():
    data = pdf_bytes([["Page one of a fictional review."]] * 3)
    assert "incomplete" in reason(data[: len(data) // 2], "review.pdf")


def test_it_refuses_a_pdf_whose_insides_are_garbage():
    data = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
    assert "damaged" in reason(data, "review.pdf")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_it_refuses_a_zip_bomb_docx_before_decompressing_it():
    size = DOCX_RATIO_MIN_BYTES * 4
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * size})
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    assert info.file_size > DOCX_MAX_RATIO * info.compress_size
    assert "zip bomb" in reason(data, "review.docx")


def test_it_refuses_a_docx_with_broken_xml():
    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src:
        members = {n: src.read(n) for n in src.namelist()}
    members["word/document.xml"] = b"<w:document><unclosed>"
    assert "Word document is damaged" in reason(_zip(members), "review.docx")


def test_it_names_an_unsupported_type():
    image = io.BytesIO()
    Image.new("RGB", (4, 4)).save(image, "PNG")
    message = reason(image.getvalue(), "scan.png")
    assert "PNG image" in message and "cannot read" in message


def test_an_image_only_pdf_is_flagged_for_ocr_with_no_invented_text():
    image = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(image, "PNG")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(2):
        c.drawImage(ImageReader(io.BytesIO(image.getvalue())), 72, 300, 400, 400)
        c.showPage()
    c.save()
    doc = read_document(buf.getvalue(), "scan.pdf", max_bytes=LIMIT)
    assert doc.needs_ocr is True
    assert [p.text for p in doc.pages] == ["", ""]
    assert any("OCR" in w for w in doc.warnings)


def test_content_wins_over_the_extension_when_both_are_readable():
    data = pdf_bytes([["A fictional report saved with the wrong name."]])
    doc = read_document(data, "report.txt", max_bytes=LIMIT)
    assert doc.format == "pdf"
    assert "wrong name" in doc.pages[0].text
    assert any("named .txt" in w for w in doc.warnings)
