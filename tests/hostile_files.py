"""Files an attacker might send, and what a safe download of any file looks like: shared by the
case-document and repository tests of uploads and downloads."""

from __future__ import annotations

import io
from typing import Any

import docx

from tests.cases.factories import pdf_bytes

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A real PDF whose bytes also hold a web page with a script: harmless as a PDF, dangerous if a
# browser is told it is HTML.
POLYGLOT = pdf_bytes("A fictional draft.") + b"<html><script>alert(document.cookie)</script></html>"
ATTACHMENT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "X-Content-Type-Options",
    "Content-Security-Policy",
)


def word_bytes(text: str = "Fictional minutes.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def attachment_headers(response: Any) -> dict[str, str]:
    """The headers that decide how a browser treats a download (and that no cache keeps it)."""
    assert response.status_code == 200
    # The middleware may add more directives for a signed-in person.
    assert "no-store" in response["Cache-Control"]
    return {name: response[name] for name in ATTACHMENT_HEADERS}


def safe_attachment(content_type: str, fallback: str, encoded: str) -> dict[str, str]:
    return {
        "Content-Type": content_type,
        "Content-Disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }
