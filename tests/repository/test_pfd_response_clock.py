"""Each body a coroner's PFD report was sent to has a response clock from the report's date,
with the limit the rules table's PFD row sets (56 calendar days in the shipped Regulation 28
edition); a board's chair or the national panel attaches a body's response, audited; a refused
file leaves nothing; nobody's response counts as received unless a person recorded it (issue 20,
item 17). The reports are fictional."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases.clocks import RAG, deadlines
from casereview.cases.rules import SHIPPED_RULES_FILE
from casereview.cases.services import load_rules
from casereview.repository.models import Document, PfdResponse
from casereview.repository.pfd_responses import response_clocks
from casereview.repository.services import correct_field, ingest_file
from tests.analysis.test_pfd_reports import report
from tests.conftest import Personas, signed_in_client

pytestmark = pytest.mark.django_db

REG28_EDITION = SHIPPED_RULES_FILE.with_name("clock-rules-reg28.json")
TRUST = "Chief Executive, Eastwold NHS Foundation Trust"
COUNCIL = "Director of Children's Services, Fenmarsh County Council"
TODAY = datetime.date(2024, 4, 1)


@pytest.fixture
def pfd(personas: Personas) -> Document:
    text = report(sent_to=f"1. {TRUST}\n2. {COUNCIL}\n")
    result = ingest_file(text.encode(), "pfd.txt", board=personas.board_a)
    assert result.document is not None and result.document.review_type == "PFD"
    return result.document


def url(document: Document) -> str:
    return reverse("repository:pfd-responses", kwargs={"ref": document.sha256[:12]})


def response_file(data: bytes = b"We have written a plan for young people waiting.\n") -> Any:
    return SimpleUploadedFile("trust-response.txt", data, content_type="text/plain")


def send(personas: Personas, document: Document, **fields: Any) -> Any:
    form = {
        "addressee": TRUST,
        "received_on-day": "2",
        "received_on-month": "5",
        "received_on-year": "2024",
        "response": response_file(),
        **fields,
    }
    return signed_in_client(personas.alice).post(url(document), form)


def stored_responses() -> list[Path]:
    folder = Path(settings.FILES_DIR) / "responses"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_regulation_28_edition_gives_56_calendar_days_not_moved_off_a_weekend():
    load_rules(REG28_EDITION)
    # Saturday 16 March 2024 + 56 days = Saturday 11 May 2024, where it stays.
    (step,) = deadlines("PFD", "reported", datetime.date(2024, 3, 16))
    assert (step.step, step.due) == ("pfd_response", datetime.date(2024, 5, 11))
    assert step.rule_set_version == "wt2018-2023-reg28"
    # Case reviews' clocks are the same in the new edition as in the one it was made from.
    (sin,) = deadlines("CSPR", "aware", datetime.date(2022, 4, 14))
    assert sin.due == datetime.date(2022, 4, 25)


def test_each_body_is_due_56_days_from_the_report_date_and_none_has_responded(pfd: Document):
    load_rules(REG28_EDITION)
    clocks = response_clocks(pfd, TODAY)
    assert clocks.report_date == datetime.date(2024, 3, 12)
    assert [(r.addressee, r.due, r.state, r.response) for r in clocks.rows] == [
        (TRUST, datetime.date(2024, 5, 7), RAG.ON_TRACK, None),
        (COUNCIL, datetime.date(2024, 5, 7), RAG.ON_TRACK, None),
    ]
    later = response_clocks(pfd, datetime.date(2024, 5, 8))
    assert {r.state for r in later.rows} == {RAG.OVERDUE}


def test_without_a_rules_edition_that_has_the_limit_no_due_date_is_made_up(pfd: Document):
    clocks = response_clocks(pfd, TODAY)
    assert [r.due for r in clocks.rows] == [None, None]
    assert "no limit for responses" in clocks.missing


def test_a_corrected_report_date_moves_the_clock(personas: Personas, pfd: Document):
    load_rules(REG28_EDITION)
    row = pfd.fields.get(name="report_date")
    correct_field(row, "2024-03-01", actor=Actor(user=personas.alice), note="Date on page 2")
    assert response_clocks(pfd, TODAY).rows[0].due == datetime.date(2024, 4, 26)


def test_the_chair_attaches_a_bodys_response_and_only_that_body_has_responded(
    personas: Personas, pfd: Document
):
    load_rules(REG28_EDITION)
    report_page = reverse("repository:document", kwargs={"ref": pfd.sha256[:12]})
    assert url(pfd) in signed_in_client(personas.alice).get(report_page).content.decode()
    page = signed_in_client(personas.alice).get(url(pfd)).content.decode()
    assert "7 May 2024" in page and page.count("No response recorded") == 2

    assert send(personas, pfd).status_code == 302

    saved = PfdResponse.objects.get(document=pfd)
    assert (saved.addressee, saved.received_on) == (TRUST, datetime.date(2024, 5, 2))
    assert saved.recorded_by == personas.alice
    assert (Path(settings.FILES_DIR) / saved.stored_name).read_bytes().startswith(b"We have")
    event = Event.objects.get(action=Action.PFD_RESPONSE_RECORDED)
    assert event.actor == personas.alice and event.object_id == str(pfd.pk)
    rows = response_clocks(pfd, datetime.date(2024, 6, 1)).rows
    assert [(r.addressee, r.state) for r in rows] == [(TRUST, RAG.MET), (COUNCIL, RAG.OVERDUE)]
    page = signed_in_client(personas.alice).get(url(pfd)).content.decode()
    assert "Received 2 May 2024: trust-response.txt" in page


def test_a_body_already_answered_cannot_be_answered_again(personas: Personas, pfd: Document):
    send(personas, pfd)
    again = send(personas, pfd, response=response_file(b"A second letter.\n"))
    assert again.status_code == 400
    assert PfdResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"response": response_file(b"   \n\n ")}, "nothing in it but blank space"),
        ({"addressee": "Someone the report was not sent to"}, "Select a body"),
        ({"received_on-day": "31", "received_on-month": "2"}, "must be a real date"),
        ({"received_on-year": "2999"}, "today or in the past"),
    ],
)
def test_a_refused_response_leaves_nothing_behind(
    personas: Personas, pfd: Document, fields: dict[str, Any], error: str
):
    answer = send(personas, pfd, **fields)
    assert answer.status_code == 400
    assert error in answer.content.decode().replace("&#39;", "'")
    assert not PfdResponse.objects.exists()
    assert not Event.objects.filter(action=Action.PFD_RESPONSE_RECORDED).exists()
    assert not [p for p in stored_responses() if not p.name.startswith(".")]
    assert not stored_responses()


def test_a_response_larger_than_the_limit_is_refused(personas: Personas, pfd: Document, settings):
    settings.MAX_DOCUMENT_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.txt", b"response text\n" * 80_000)
    answer = send(personas, pfd, response=big)
    assert answer.status_code == 400 and "smaller than 1 MB" in answer.content.decode()
    assert not PfdResponse.objects.exists() and not stored_responses()


def test_a_case_review_has_no_responses_page(personas: Personas):
    result = ingest_file(
        b"Serious Case Review: Child T\n\nText.\n", "scr.txt", board=personas.board_a
    )
    assert result.document is not None
    assert signed_in_client(personas.alice).get(url(result.document)).status_code == 404
    report_page = reverse("repository:document", kwargs={"ref": result.document.sha256[:12]})
    assert "/responses/" not in signed_in_client(personas.alice).get(report_page).content.decode()
