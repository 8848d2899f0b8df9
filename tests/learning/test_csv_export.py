"""Downloading the national figures and the overdue clocks as CSV: the same filters as the page,
cells a spreadsheet would run as formulas neutralised, and every download recorded."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import Region
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.learning.timeliness import FIGURES_HEADER, OVERDUE_HEADER
from tests.cases.factories import CaseFactory, decided, step_met
from tests.conftest import Personas, signed_in_client
from tests.factories import BoardFactory


@pytest.fixture
def priya(personas: Personas) -> Client:
    return signed_in_client(personas.priya)


def download(client: Client, name: str, header: list[str], **filters: str) -> list[dict[str, str]]:
    response = client.get(reverse(name), filters)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="national-')
    text = b"".join(response.streaming_content).decode()  # type: ignore[arg-type]
    reader = csv.reader(io.StringIO(text))
    assert next(reader) == header
    return [dict(zip(header, row, strict=True)) for row in reader]


def figures(client: Client, **filters: str) -> list[dict[str, str]]:
    return download(client, "learning:timeliness-csv", FIGURES_HEADER, **filters)


def overdue(client: Client, **filters: str) -> list[dict[str, str]]:
    return download(client, "learning:overdue-csv", OVERDUE_HEADER, **filters)


def late_case(board: object, pseudonym: str = "Child Late") -> None:
    on = timezone.localdate() - datetime.timedelta(days=60)
    CaseFactory(board=board, pseudonym=pseudonym, notified_on=on, aware_on=on, incident_on=on)


def test_the_figures_have_a_row_per_board_then_per_region_then_the_country(
    personas: Personas, priya: Client
) -> None:
    late_case(personas.board_a)
    case = CaseFactory(board=personas.board_b, notified_on=datetime.date(2026, 3, 4))
    decided(case, personas.charlie, decided_on=datetime.date(2026, 3, 25))
    step_met(case, "rapid_review", datetime.date(2026, 3, 25), personas.charlie)

    rows = figures(priya)

    assert [row["level"] for row in rows] == ["board"] * 2 + ["region"] * len(Region) + ["national"]
    a, b = rows[0], rows[1]
    assert (a["board"], a["region"], a["local_authority"]) == (
        personas.board_a.name,
        "North West",
        "Ashbourne Vale",
    )
    assert (a["notifications"], a["decisions"], a["open_overdue_clocks"]) == ("1", "0", "1")
    assert (a["rapid_reviews_on_time"], a["rapid_reviews_judged"]) == ("0", "1")
    assert a["rapid_reviews_on_time_percent"] == "0"
    assert a["median_days_to_decision"] == ""
    assert (b["rapid_reviews_on_time_percent"], b["median_days_to_decision"]) == ("100", "21")
    assert rows[-1]["notifications"] == "2"


def test_the_downloads_use_the_pages_filters(personas: Personas, priya: Client) -> None:
    late_case(personas.board_a)
    late_case(personas.board_b, "Child Elsewhere")

    rows = figures(priya, region="south-west")
    late = overdue(priya, region="south-west")

    assert [row["board"] for row in rows if row["level"] == "board"] == [personas.board_b.name]
    assert [row["child"] for row in late] == ["Child Elsewhere"]


def test_the_overdue_clocks_list_each_step_with_its_due_date(
    personas: Personas, priya: Client
) -> None:
    late_case(personas.board_a)

    (row,) = overdue(priya)

    assert row["child"] == "Child Late"
    assert row["board"] == personas.board_a.name
    assert row["regime"] == "CSPR"
    assert row["step"] == "Rapid review sent to the national panel"
    due = datetime.date.fromisoformat(row["due"])
    assert int(row["days_overdue"]) == (timezone.localdate() - due).days > 0


def test_text_a_spreadsheet_would_run_as_a_formula_is_neutralised(
    db: None, personas: Personas, priya: Client
) -> None:
    board = BoardFactory(
        name='=HYPERLINK("http://evil.example")', slug="evil", local_authority="@SUM(A1)"
    )
    late_case(board, pseudonym="+Child Formula")

    (row,) = [row for row in figures(priya) if row["level"] == "board" and "evil" in row["board"]]
    (late,) = overdue(priya)

    assert row["board"] == '\'=HYPERLINK("http://evil.example")'
    assert row["local_authority"] == "'@SUM(A1)"
    assert late["child"] == "'+Child Formula"
    assert late["board"].startswith("'=")


def test_each_download_is_recorded_with_its_filters(personas: Personas, priya: Client) -> None:
    figures(priya, regime="CSPR")
    overdue(priya)

    events = list(Event.objects.filter(action=Action.NATIONAL_EXPORTED).order_by("id"))
    assert [event.data for event in events] == [
        {"filters": {"regime": "CSPR"}, "download": "timeliness"},
        {"filters": {}, "download": "overdue-clocks"},
    ]
    assert {event.actor for event in events} == {personas.priya}


def test_a_download_with_a_filter_that_makes_no_sense_is_refused(priya: Client) -> None:
    response = priya.get(reverse("learning:timeliness-csv"), {"year_from": "next year"})

    assert response.status_code == 400
    assert "The first year must be a year with 4 numbers" in response.content.decode()
    assert not Event.objects.filter(action=Action.NATIONAL_EXPORTED).exists()


@pytest.mark.parametrize("name", ["learning:timeliness-csv", "learning:overdue-csv"])
def test_board_people_cannot_download(personas: Personas, name: str) -> None:
    for person in (personas.alice, personas.charlie):
        assert signed_in_client(person).get(reverse(name)).status_code == 404
