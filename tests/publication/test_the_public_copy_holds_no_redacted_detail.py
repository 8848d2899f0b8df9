"""The public PDF is written from the redacted text: no string in it (its text, its raw and
decompressed streams, its metadata) holds a redacted detail or a variant of it, and the same
check run on its text finds nothing the board redacted."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pypdfium2
from django.conf import settings
from django.urls import reverse

from casereview.analysis.redaction import join_pages, scan_pages
from casereview.publication import redaction
from casereview.publication.models import PublicCopy
from casereview.publication.services import publish_from_repository
from tests.conftest import Personas, signed_in_client
from tests.factories import actor_from
from tests.publication.planted import PLANTED, named_ready
from tests.publication.test_publication_waits_for_every_identifying_detail import decide_all


def every_string(data: bytes) -> str:
    """The PDF's extracted text, metadata, and every stream, raw and inflated."""
    pdf = pypdfium2.PdfDocument(data)
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    texts += [str(v) for v in pdf.get_metadata_dict().values()]
    raw = [data.decode("latin-1")]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
        try:
            raw.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            raw.append(stream.decode("latin-1"))
    return "\n".join(texts + raw)


def published(personas: Personas):  # type: ignore[no-untyped-def]
    ready = named_ready(personas)
    decide_all(personas, ready)
    publish_from_repository(actor_from(personas.alice), ready.report)
    copy = PublicCopy.objects.get(document=ready.report)
    return ready, (Path(settings.FILES_DIR) / copy.stored_name).read_bytes()


def test_no_redacted_detail_is_anywhere_in_the_public_pdf(personas: Personas) -> None:
    _, data = published(personas)

    strings = every_string(data).lower()

    for detail in PLANTED:
        assert detail.lower() not in strings, detail
    assert "child p" in strings and "the mother" in strings


def test_the_check_finds_nothing_redacted_in_the_public_text(personas: Personas) -> None:
    ready, data = published(personas)
    pdf = pypdfium2.PdfDocument(data)
    public = [(i + 1, pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]

    again = scan_pages(join_pages(public), redaction.identity_of(ready.report))
    redacted = {d.key for d in redaction.details(ready.report) if d.decision.choice == "redact"}

    assert [f for f in again if f.key in redacted] == []


def test_the_public_keeps_the_reports_headings_and_paragraphs(personas: Personas) -> None:
    _, data = published(personas)
    pdf = pypdfium2.PdfDocument(data)
    text = pdf[0].get_textpage().get_text_range()

    assert "Background" in text
    assert "Agencies did not share what they knew." in text


def test_the_public_downloads_the_public_copy_once_published(personas: Personas) -> None:
    ready, data = published(personas)

    response = signed_in_client(None).get(
        reverse("publication:public-copy", kwargs={"ref": ready.ref})
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data  # type: ignore[attr-defined]
