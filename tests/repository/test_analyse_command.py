"""`casereview analyse FILE... --json` prints exactly the DESIGN §9 object per line, reports
unreadable files on their own line, and fails at the end if any failed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casereview.analysis.record import JSON_KEYS
from casereview.cli import main
from casereview.repository.models import Document

REVIEW = (
    "Local Child Safeguarding Practice Review: Child M\n\n"
    "Published by the Fictional Safeguarding Children Partnership, March 2022.\f"
    "Child M was 3 years old. The review considered neglect."
)


def analyse(capsys: pytest.CaptureFixture[str], *files: Path) -> tuple[int, list[dict]]:
    status = main(["analyse", "--json", *map(str, files)])
    lines = capsys.readouterr().out.splitlines()
    return status, [json.loads(line) for line in lines]


@pytest.mark.django_db
def test_each_file_gives_one_line_with_exactly_the_contract_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "child-m.txt"
    path.write_text(REVIEW)

    status, (line,) = analyse(capsys, path)

    assert status == 0
    assert tuple(line) == JSON_KEYS
    assert line["source"] == str(path)
    assert line["pages"] == 2
    assert set(line["child"]) == {"age_years", "sex"}
    assert set(line["readability"]) == {"flesch_reading_ease", "words", "sentences"}
    assert line["recommendations"] == [] and line["themes"] == []
    for evidence in line["evidence"].values():
        assert set(evidence) == {"quote", "page"}


@pytest.mark.django_db
def test_an_unreadable_file_is_reported_on_its_line_and_the_others_still_analysed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "child-m.txt"
    good.write_text(REVIEW)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")

    status, lines = analyse(capsys, empty, good, tmp_path / "missing.pdf")

    assert status == 1
    assert lines[0] == {"source": str(empty), "error": "The file is empty (0 bytes)."}
    assert lines[1]["source"] == str(good)
    assert set(lines[2]) == {"source", "error"}


@pytest.mark.django_db
def test_analyse_stores_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "child-m.txt"
    path.write_text(REVIEW)

    analyse(capsys, path)

    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_analyse_and_ingest_derive_the_same_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from casereview.repository.services import ingest_file

    path = tmp_path / "child-m.txt"
    path.write_text(REVIEW)
    _, (line,) = analyse(capsys, path)

    document = ingest_file(path).document
    assert document is not None

    values = {f.name: f.machine_value for f in document.fields.all()}
    assert values["title"] == line["title"]
    assert values["year_published"] == line["year_published"]
    assert values["child.age_years"] == line["child"]["age_years"]
    assert (values["abuse_types"] or []) == line["abuse_types"]
