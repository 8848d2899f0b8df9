"""A case at its publication decision with its final report in the repository, unpublished."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from casereview.cases.lifecycle import State
from casereview.cases.models import Case
from casereview.repository.models import Document
from casereview.repository.services import ingest_file
from tests.cases.factories import CaseFactory, decided
from tests.conftest import Personas

REPORT = (
    b"Local child safeguarding practice review: Child P.\n\n"
    b"A fictional final report. Agencies did not share what they knew about the family."
)


@dataclass
class Ready:
    case: Case
    report: Document

    @property
    def ref(self) -> str:
        return self.report.sha256[:12]


def ready_to_publish(
    personas: Personas, notice_on: datetime.date | None = None, data: bytes = REPORT
) -> Ready:
    case = decided(CaseFactory(board=personas.board_a), personas.alice)
    case.state = State.PUBLICATION_DECISION
    case.initiated_on = datetime.date(2026, 4, 1)
    case.final_on = datetime.date(2026, 7, 1)
    case.panel_copy_sent_on = notice_on
    case.save()
    document = ingest_file(data, "child-p-final.txt", board=personas.board_a).document
    assert document is not None
    document.case = case
    document.save(update_fields=["case"])
    return Ready(case, document)


@pytest.fixture
def ready(personas: Personas) -> Ready:
    """Notice recorded long enough ago for publication today."""
    return ready_to_publish(personas, notice_on=datetime.date(2026, 7, 6))
