"""Publication that fails part-way leaves both records as they were: no published report on a
case still awaiting its publication decision, and no published case whose report is not."""

from __future__ import annotations

from typing import Any

import pytest

from casereview.cases import services as case_services
from casereview.cases.lifecycle import State
from casereview.cases.models import CaseMove
from casereview.repository import services as repository_services
from tests.cases.dates import d
from tests.conftest import Personas
from tests.factories import actor_from
from tests.publication.conftest import Ready


class AuditDown(Exception):
    pass


def refuse(*args: Any, **kwargs: Any) -> None:
    raise AuditDown


@pytest.mark.parametrize("failing", [repository_services, case_services])
def test_a_failure_on_either_side_leaves_neither_changed(
    personas: Personas, ready: Ready, monkeypatch: pytest.MonkeyPatch, failing: Any
) -> None:
    monkeypatch.setattr(failing, "record", refuse)

    with pytest.raises(AuditDown):
        case_services.move_case(
            actor_from(personas.alice),
            ready.case,
            State.PUBLISHED,
            {"date": d("2026-09-01"), "document": ready.report},
        )
    ready.case.refresh_from_db()
    ready.report.refresh_from_db()

    assert (ready.case.state, ready.case.published_on) == (State.PUBLICATION_DECISION, None)
    assert (ready.report.is_published, ready.report.published_on) == (False, None)
    assert not CaseMove.objects.exists()
