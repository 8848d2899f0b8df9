"""The one way a file that a person uploaded is sent back: always as a download, never shown.

A file served from the service's own address runs with the service's rights if a browser renders
it (an HTML page or an SVG with a script, a PDF that is also a web page). So every such response
says exactly what the file is from the format read from its bytes when it was stored, never a
guess from its name; is an attachment whose name ends in that format's extension; forbids the
browser to guess another type (``nosniff``); and carries a policy that lets nothing in it run or
load even if it were shown (``sandbox``). The file name is given twice, as RFC 6266 asks: a plain
ASCII fallback and the exact name encoded as RFC 5987 says, so any name survives the header.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

from casereview.accounts.cleaning import clean_filename

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Nothing in a downloaded file may run, load or be framed, even if a browser did show it.
DOWNLOAD_POLICY = "default-src 'none'; sandbox"
# A name to give a file whose own name is empty once cleaned.
FALLBACK_STEM = "document"


@dataclass(frozen=True)
class StoredFormat:
    """How a stored format is sent: its media type, and the name endings that fit it (the first
    is added to a name that ends otherwise)."""

    content_type: str
    suffixes: tuple[str, ...]


# The repository also keeps web pages and plain text: a web page goes as opaque bytes, since it
# is the one stored format a browser would run.
FORMATS: dict[str, StoredFormat] = {
    "pdf": StoredFormat("application/pdf", (".pdf",)),
    "docx": StoredFormat(DOCX_CONTENT_TYPE, (".docx",)),
    "html": StoredFormat("application/octet-stream", (".html", ".htm", ".xhtml")),
    "text": StoredFormat("text/plain", (".txt", ".text", ".md")),
}
# Anything else stored under an unknown format is sent as bytes to save, named as it was.
UNKNOWN_FORMAT = StoredFormat("application/octet-stream", ())
# Characters a quoted ASCII file name may not hold as they are: the quote and backslash end or
# escape it, and some browsers percent-decode it.
_UNQUOTABLE = frozenset('"\\%')


def download_name(filename: str, stored_format: str) -> str:
    """The name to save the file under: cleaned, ending in an extension of its real format."""
    name = clean_filename(filename) or FALLBACK_STEM
    fmt = FORMATS.get(stored_format, UNKNOWN_FORMAT)
    if fmt.suffixes and Path(name).suffix.lower() not in fmt.suffixes:
        name += fmt.suffixes[0]
    return name


def ascii_fallback(name: str) -> str:
    """The name in plain ASCII for browsers that ignore ``filename*``: accents dropped, any
    other character that cannot be written as it is becomes an underscore."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = (
        c if " " <= c <= "~" and c not in _UNQUOTABLE else "_"
        for c in decomposed
        if not unicodedata.combining(c)
    )
    return "".join(kept)


def attachment(name: str) -> str:
    """A Content-Disposition value that saves the file as `name` (already a download name)."""
    encoded = quote(name, safe="")
    return f"attachment; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{encoded}"


def file_download(content: bytes | Path, *, filename: str, stored_format: str) -> HttpResponse:
    """A response that saves `content` (bytes, or a stored file streamed from disk) as
    `filename`, typed by the format read from its bytes when it was stored."""
    fmt = FORMATS.get(stored_format, UNKNOWN_FORMAT)
    response: HttpResponse
    if isinstance(content, Path):
        # Streamed: a stored document may be a hundred megabytes. The access decorators are
        # typed for HttpResponse; Django serves both kinds alike.
        streamed = FileResponse(content.open("rb"), content_type=fmt.content_type)
        response = cast(HttpResponse, streamed)
    else:
        response = HttpResponse(content, content_type=fmt.content_type)
    response["Content-Disposition"] = attachment(download_name(filename, stored_format))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_POLICY
    # A person's file, often restricted: no cache on the way, or on a shared computer, keeps it.
    response["Cache-Control"] = "no-store"
    return response
