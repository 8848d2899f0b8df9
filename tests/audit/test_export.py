"""Downloading the audit trail as CSV: the same events as the page, and itself audited."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.export import HEADER
from casereview.audit.models import Event
from tests.audit.conftest import MakeEvent
from tests.conftest import Personas, signed_in_client


@pytest.fixture
def priya(personas: Personas) -> Client:
    return signed_in_client(personas.priya)


def download(client: Client, **filters: str) -> list[dict[str, str]]:
    response = client.get(reverse("audit:export"), filters)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    text = b"".join(response.streaming_content).decode()  # type: ignore[arg-type]
    reader = csv.reader(io.StringIO(text))
    assert next(reader) == HEADER
    return [dict(zip(HEADER, row, strict=True)) for row in reader]


def test_it_starts_with_a_header_row(priya: Client) -> None:
    assert HEADER == [
        "time_utc",
        "actor",
        "ip_address",
        "action",
        "object_type",
        "object_id",
        "object_label",
        "board",
        "summary",
        "changes",
    ]


def test_each_row_holds_the_whole_event_with_the_time_in_utc(
    priya: Client, personas: Personas, make_event: MakeEvent
) -> None:
    make_event(
        Action.BOARD_UPDATED,
        actor=personas.ada,
        at=datetime.datetime(2026, 7, 1, 9, 30, tzinfo=datetime.UTC),
        ip_address="192.0.2.7",
        object_type="accounts.board",
        object_id=str(personas.board_a.pk),
        object_label=personas.board_a.name,
        board=personas.board_a,
        summary="Renamed the board",
        changes={"name": ["Old name", "New name"]},
    )

    (row,) = download(priya, action=Action.BOARD_UPDATED)

    assert row == {
        "time_utc": "2026-07-01T09:30:00+00:00",
        "actor": "Ada Admin <ada@example.org>",
        "ip_address": "192.0.2.7",
        "action": "board.updated",
        "object_type": "accounts.board",
        "object_id": str(personas.board_a.pk),
        "object_label": personas.board_a.name,
        "board": personas.board_a.name,
        "summary": "Renamed the board",
        "changes": "{" + '"name": ["Old name", "New name"]' + "}",
    }
    assert json.loads(row["changes"]) == {"name": ["Old name", "New name"]}


def test_it_holds_only_the_filtered_events(
    priya: Client, personas: Personas, make_event: MakeEvent
) -> None:
    make_event(Action.SIGNED_IN, actor=personas.alice, summary="alice signed in")
    make_event(Action.SIGNED_IN, actor=personas.bob, summary="bob signed in")

    rows = download(priya, who="bob@", action=Action.SIGNED_IN)

    assert [row["summary"] for row in rows] == ["bob signed in"]


def test_it_records_the_download_with_its_filters(priya: Client, personas: Personas) -> None:
    download(priya, board=personas.board_a.slug)

    exported = Event.objects.get(action=Action.AUDIT_EXPORTED)
    assert exported.actor == personas.priya
    assert exported.data == {"filters": {"board": personas.board_a.name}}


def test_it_defuses_text_a_spreadsheet_would_run_as_a_formula(
    priya: Client, make_event: MakeEvent
) -> None:
    make_event(Action.USER_UPDATED, object_label='=HYPERLINK("http://evil")', summary="+1")

    (row,) = download(priya, action=Action.USER_UPDATED)

    assert row["object_label"] == '\'=HYPERLINK("http://evil")'
    assert row["summary"] == "'+1"


def test_it_refuses_a_download_with_an_invalid_filter_rather_than_widening_it(
    priya: Client,
) -> None:
    response = priya.get(
        reverse("audit:export"), {"from_day": "31", "from_month": "2", "from_year": "2026"}
    )

    assert response.status_code == 400
    assert "Date from must be a real date" in response.content.decode()
    assert not Event.objects.filter(action=Action.AUDIT_EXPORTED).exists()


def test_it_is_not_found_for_a_board_manager(personas: Personas) -> None:
    response = signed_in_client(personas.charlie).get(reverse("audit:export"))

    assert response.status_code == 404
