"""The one CSV writer of the national figures: streamed a line at a time, and safe to open in a
spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import cast

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from casereview.audit.export import FORMULA_STARTS

CellValue = str | int


class _Echo:
    """A file-like sink that hands back what csv.writer writes (one line at a time)."""

    def write(self, value: str) -> str:
        return value


def _cell(value: CellValue) -> CellValue:
    """Text a spreadsheet would run as a formula gets a leading apostrophe, as in the audit
    export (``audit.export``): board names, pseudonyms and recommendations are text people
    typed."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([_cell(value) for value in row])


def csv_download(
    name: str, header: Sequence[str], rows: Iterable[Sequence[CellValue]]
) -> HttpResponse:
    """The rows as a CSV attachment named ``<name>-<today>.csv``."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    # The access decorators are typed for HttpResponse; Django serves both kinds alike.
    return cast(HttpResponse, response)


def bad_request(message: str) -> HttpResponse:
    """A download refused in words, as plain text (filters that do not check out)."""
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
