"""`casereview ingest` publishes the national library's reviews, already public elsewhere. A
review that gives a person's NHS, National Insurance or unique pupil number is kept unpublished
for the publication check instead, and an import never publishes a case's report."""

from __future__ import annotations

from pathlib import Path

import pytest

from casereview.cli import main
from casereview.publication.redaction import redact_every_detail_as_suggested
from casereview.publication.services import publish_from_repository
from casereview.repository.bulk import ingest_paths
from casereview.repository.models import Document
from tests.conftest import Personas
from tests.factories import actor_from
from tests.publication.conftest import REPORT, ready_to_publish

PLAIN = "A fictional review. Agencies did not share what they knew about the family.\n"
NUMBERED = "A fictional review. The child's NHS number was 943 476 5919 in the health notes.\n"


def _folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.txt").write_text(text)
    return folder


@pytest.mark.django_db
def test_a_review_giving_an_nhs_number_is_kept_unpublished_and_the_summary_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, plain=PLAIN, numbered=NUMBERED)

    status = main(["ingest", str(folder)])

    out = capsys.readouterr().out
    assert status == 0
    assert Document.objects.get(original_filename="plain.txt").is_published
    assert not Document.objects.get(original_filename="numbered.txt").is_published
    assert "not published" in out and "numbered.txt" in out and "an NHS number on page 1" in out
    assert "943 476 5919" not in out


@pytest.mark.django_db
def test_a_number_shaped_like_an_example_does_not_hold_a_review_back(tmp_path: Path) -> None:
    example = "A fictional review. A form showed the example number QQ 12 34 56 C.\n"
    folder = _folder(tmp_path, example=example)

    summary = ingest_paths([folder], published=True)

    assert not summary.held_back
    assert Document.objects.get().is_published


@pytest.mark.django_db
def test_an_unpublished_import_publishes_nothing(tmp_path: Path) -> None:
    folder = _folder(tmp_path, plain=PLAIN)

    ingest_paths([folder], published=False)

    assert not Document.objects.get().is_published


def test_importing_a_cases_report_again_leaves_it_to_the_publication_check(
    personas: Personas, tmp_path: Path
) -> None:
    ready = ready_to_publish(personas)
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "child-p-final.txt").write_bytes(REPORT)

    summary = ingest_paths([folder], published=True)

    ready.report.refresh_from_db()
    assert summary.already_present == 1
    assert not ready.report.is_published and ready.report.case == ready.case


def test_a_held_back_review_is_published_through_the_check(
    personas: Personas, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, numbered=NUMBERED)
    ingest_paths([folder], board=personas.board_a, published=True)
    document = Document.objects.get()

    redact_every_detail_as_suggested(actor_from(personas.alice), document)
    publish_from_repository(actor_from(personas.alice), document)

    document.refresh_from_db()
    assert document.is_published
    assert "943 476 5919" not in "".join(document.pages.values_list("text", flat=True))
