"""`casereview analyse` shows a coroner's PFD report as one: its type, the deceased's age, the
report's date, coroner area, the bodies it is sent to and how many concerns it raises (issue 20).
The report is fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casereview.cli import main

PFD = (
    "REGULATION 28 REPORT TO PREVENT FUTURE DEATHS\nRef: 2024-0009\nDate: 3 April 2024\n\n"
    "THIS REPORT IS BEING SENT TO:\nWyle Borough Council; Fenmarsh Ambulance Service\n\n"
    "1 CORONER\nCoroner area: Fenmarsh\n\n"
    "3 INVESTIGATION and INQUEST\nI commenced an investigation into the death of Ben Ash, "
    "aged 16.\n\n4 CIRCUMSTANCES OF THE DEATH\nBen was struck by a car at a crossing.\n\n"
    "5 CORONER'S CONCERNS\nDuring the course of the inquest the evidence revealed matters "
    "giving rise to concern.\n1. The crossing lights fail in heavy rain.\n"
    "2. Repairs took three weeks to arrange.\n"
)


@pytest.mark.django_db
def test_a_pfd_report_is_described_with_its_date_area_addressees_and_concerns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pfd.txt"
    path.write_text(PFD)

    assert main(["analyse", str(path)]) == 0
    out = capsys.readouterr().out

    assert "review type:    PFD" in out and "age 16.0" in out
    assert "report date:    2024-04-03" in out and "coroner area:   Fenmarsh" in out
    assert "sent to:        Wyle Borough Council; Fenmarsh Ambulance Service" in out
    assert "concerns:       2" in out


@pytest.mark.django_db
def test_its_json_line_holds_the_pfd_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "pfd.txt"
    path.write_text(PFD)

    assert main(["analyse", "--json", str(path)]) == 0
    line = json.loads(capsys.readouterr().out)

    assert line["review_type"] == "PFD" and line["outcome"] == "death"
    assert line["child"]["age_years"] == 16.0
    assert line["addressees"] == ["Wyle Borough Council", "Fenmarsh Ambulance Service"]
    assert [s["name"] for s in line["sections"]] == [
        "sent_to",
        "investigation",
        "circumstances",
        "concerns",
    ]
    assert [r["number"] for r in line["recommendations"]] == ["1", "2"]
