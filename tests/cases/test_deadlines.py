"""`deadlines()`: every step counting from an event, soonest first, from the rules in force."""

from __future__ import annotations

import pytest

from casereview.cases.clocks import ClockError, deadlines
from casereview.cases.rules import Direction, Kind, Regime
from tests.cases.dates import d

pytestmark = pytest.mark.django_db


def test_it_lists_the_rapid_review_and_its_plan_soonest_first() -> None:
    steps = deadlines(Regime.CSPR, "notified", d("2024-01-05"))
    assert [(step.step, step.due) for step in steps] == [
        ("rapid_review_templates_sent", d("2024-01-08")),
        ("rapid_review_agency_summaries", d("2024-01-19")),
        ("rapid_review_panel_meeting", d("2024-01-23")),
        ("rapid_review", d("2024-01-26")),
        ("rapid_review_sign_off", d("2024-01-26")),
    ]
    assert [step.optional for step in steps] == [True, True, True, False, True]
    assert steps[3].limit == "15 working days after"
    assert steps[3].rule_set_version == "wt2018-2023"


def test_it_leaves_out_the_optional_plan_when_asked() -> None:
    steps = deadlines("CSPR", "notified", d("2024-01-05"), include_optional=False)
    assert [step.step for step in steps] == ["rapid_review"]


def test_before_steps_come_before_the_event_they_count_from() -> None:
    published = d("2024-06-19")
    first, second = deadlines("CSPR", "published", published)
    assert (first.step, first.due, first.direction) == (
        "panel_copy_before_publication",
        d("2024-06-10"),
        Direction.BEFORE,
    )
    assert first.limit == "at least 7 working days before"
    assert (second.step, second.due) == ("kept_online", d("2025-06-19"))
    assert second.kind is Kind.MINIMUM and second.not_before
    assert not first.not_before


def test_an_event_no_step_counts_from_gives_an_empty_list() -> None:
    assert deadlines("CSPR", "decided", d("2024-01-05")) == []


def test_it_explains_when_no_rules_were_in_force() -> None:
    with pytest.raises(ClockError, match="No statutory clock rules were in force on 31 December"):
        deadlines("SCR", "aware", d("2007-12-31"))


def test_it_explains_a_date_it_cannot_count_from() -> None:
    with pytest.raises(ClockError, match="too far"):
        deadlines("SCR", "published", d("9999-12-31"))
