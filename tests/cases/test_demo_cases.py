"""The demo loads a handful of fictional cases at different stages, once."""

from __future__ import annotations

import pytest

from casereview.cases.models import Case
from casereview.demo import DEMO_CASES, load_demo_cases, load_people_and_boards


@pytest.mark.django_db
def test_the_demo_cases_load_at_different_stages_and_only_once() -> None:
    report = load_people_and_boards()

    assert load_demo_cases(report) == len(DEMO_CASES)
    assert load_demo_cases(report) == 0

    assert Case.objects.count() == len(DEMO_CASES)
    assert len(set(Case.objects.values_list("state", flat=True))) >= 4


@pytest.mark.django_db
def test_a_demo_rapid_review_is_met_only_where_its_story_records_each_step() -> None:
    from django.utils import timezone

    from casereview.accounts.models import Role
    from casereview.cases.case_clocks import case_clocks

    load_demo_cases(load_people_and_boards())
    today = timezone.localdate()

    def met(pseudonym: str) -> dict[str, bool]:
        case = Case.objects.get(pseudonym=pseudonym)
        clocks = case_clocks(case, today, include_optional=True)
        return {c.deadline.step: c.met_on is not None for c in clocks}

    decided = met("Child C")
    assert decided["rapid_review"] and decided["rapid_review_sign_off"]
    stalled = met("Child B")
    assert stalled["rapid_review_templates_sent"]
    assert not stalled["rapid_review_agency_summaries"]
    assert not stalled["rapid_review"]
    # Recorded by a person who may record them: the board's manager.
    child_c = Case.objects.get(pseudonym="Child C")
    for row in child_c.steps_met.all():
        assert row.recorded_by.memberships.filter(
            board=child_c.board, role=Role.BOARD_MANAGER
        ).exists()
