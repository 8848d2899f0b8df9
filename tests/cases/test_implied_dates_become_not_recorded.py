"""The data migration of issue 17: a panel-copy date that the move to "Publication decision" had
copied from its own date becomes "not recorded", with an audit event about the case that names
the step but no values; a date recorded some other way is kept; one summary event counts the
cases whose rapid review no longer counts as met on the decision date."""

from __future__ import annotations

import importlib
from typing import Any

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases.lifecycle import State
from casereview.cases.models import CaseMove
from tests.cases.dates import d
from tests.cases.factories import CaseFactory, decided
from tests.conftest import Personas

NAME = "0005_steps_met_only_when_recorded"


def at_publication_decision(personas: Personas, moved_on: Any, panel_copy: Any) -> Any:
    case = decided(CaseFactory(board=personas.board_a), personas.alice)
    case.state, case.panel_copy_sent_on = State.PUBLICATION_DECISION, panel_copy
    case.save()
    CaseMove.objects.create(
        case=case,
        source=State.FINAL,
        target=State.PUBLICATION_DECISION,
        happened_on=moved_on,
        moved_by=personas.alice,
    )
    return case


def migrate() -> None:
    migration = importlib.import_module(f"casereview.cases.migrations.{NAME}")
    historical = MigrationLoader(connection).project_state(("cases", NAME)).apps
    migration.unrecord_implied_dates(historical, None)


def test_a_panel_copy_date_copied_from_the_move_becomes_not_recorded(personas: Personas) -> None:
    copied = at_publication_decision(personas, d("2026-08-10"), d("2026-08-10"))
    own = at_publication_decision(personas, d("2026-08-10"), d("2026-08-05"))

    migrate()
    copied.refresh_from_db()
    own.refresh_from_db()

    assert copied.panel_copy_sent_on is None
    assert own.panel_copy_sent_on == d("2026-08-05")
    event = Event.objects.get(action=Action.CASE_STEP_UNRECORDED, object_id=str(copied.pk))
    assert (event.object_type, event.board) == ("cases.case", personas.board_a)
    assert event.data["step"] == "panel_copy_before_publication"
    assert copied.pseudonym not in event.summary + event.object_label
    assert not Event.objects.filter(
        action=Action.CASE_STEP_UNRECORDED, object_id=str(own.pk)
    ).exists()


def test_one_summary_event_counts_rapid_reviews_no_longer_met_by_the_decision(
    personas: Personas,
) -> None:
    decided(CaseFactory(board=personas.board_a), personas.alice)
    decided(CaseFactory(board=personas.board_a), personas.alice)

    migrate()

    summary = Event.objects.get(action=Action.CASE_STEP_UNRECORDED, object_type="")
    assert summary.data["cases"] == 2
    assert "rapid_review" in summary.data["steps"]
