"""A coroner's PFD report keeps, with the document, the bodies it was sent to, its date and the
coroner's area (issue 20, item 17), each derived with the words it was read from, and a person
can correct them. A case review has none of these fields. The report is fictional."""

from __future__ import annotations

import pytest

from casereview.repository.forms import CheckFieldForm
from casereview.repository.models import RecordField
from casereview.repository.services import ingest_file
from tests.analysis.test_pfd_reports import report

pytestmark = pytest.mark.django_db

SENT_TO = (
    "1. Chief Executive, Eastwold NHS Foundation Trust\n"
    "2. Director of Children's Services, Fenmarsh County Council\n"
)


def stored(text: str, name: str = "pfd.txt") -> dict[str, RecordField]:
    result = ingest_file(text.encode(), name, published=True)
    assert result.document is not None, result.reason
    return {f.name: f for f in result.document.fields.all()}


def test_the_bodies_sent_the_report_its_date_and_area_are_stored_with_their_evidence():
    fields = stored(report(sent_to=SENT_TO))
    assert fields["addressees"].value == [
        "Chief Executive, Eastwold NHS Foundation Trust",
        "Director of Children's Services, Fenmarsh County Council",
    ]
    assert all("Fenmarsh County Council" in item["quote"] for item in fields["addressees"].items)
    assert all(item["page"] == 1 for item in fields["addressees"].items)
    assert fields["report_date"].value == "2024-03-12"
    assert "12 March 2024" in fields["report_date"].quote
    assert fields["coroner_area"].value == "Fenmarsh and Wyle"
    assert fields["report_date"].source == "machine"


def test_a_case_review_has_no_addressees_report_date_or_coroner_area():
    fields = stored(
        "Serious Case Review: Child T\nEastwold Safeguarding Children Board\nMarch 2014\n\n"
        "Recommendations\n1. The board should check that agencies share information.\n",
        "scr.txt",
    )
    assert not {"addressees", "report_date", "coroner_area"} & set(fields)


def test_a_person_corrects_the_bodies_one_a_line_and_the_date_as_a_date():
    fields = stored(report(sent_to=SENT_TO))
    form = CheckFieldForm(
        {"decision": "correct", "corrected": "Chief Executive, Eastwold NHS Trust\n\nOfsted\n"},
        field_name="addressees",
        has_value=True,
    )
    assert form.is_valid()
    assert form.cleaned_data["parsed"] == ["Chief Executive, Eastwold NHS Trust", "Ofsted"]
    bad = CheckFieldForm(
        {"decision": "correct", "corrected": "the twelfth of March"},
        field_name="report_date",
        has_value=True,
    )
    assert not bad.is_valid()
    assert "year-month-day" in str(bad.errors)
    assert fields["addressees"].decision == ""
