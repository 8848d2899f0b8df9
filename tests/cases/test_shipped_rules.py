"""The rules that ship with casereview: loaded by a migration, with DESIGN §3's values, and each
one's due date for a chosen event date worked out by hand."""

from __future__ import annotations

import pytest

from casereview.cases.clocks import deadlines, due_date, rule_set_in_force
from casereview.cases.models import ClockRule, RuleSet
from casereview.cases.rules import SHIPPED_RULES_FILE, read_rules_file
from tests.cases.dates import d

pytestmark = pytest.mark.django_db

# DESIGN §3, row by row: regime, step, counts from, amount, unit, direction, kind.
DESIGN_TABLE = {
    ("SCR", "sin"): ("aware", 5, "working_days", "after", "deadline"),
    ("SCR", "scr_decision"): ("notified", 1, "months", "after", "deadline"),
    ("SCR", "no_review_reasons_to_panel"): ("decided", 14, "calendar_days", "after", "deadline"),
    ("SCR", "review_complete"): ("initiated", 6, "months", "after", "target"),
    ("SCR", "panel_copy_before_publication"): ("published", 1, "weeks", "before", "minimum"),
    ("SCR", "kept_online"): ("published", 12, "months", "after", "minimum"),
    ("CSPR", "sin"): ("aware", 5, "working_days", "after", "deadline"),
    ("CSPR", "rapid_review"): ("notified", 15, "working_days", "after", "deadline"),
    ("CSPR", "rapid_review_templates_sent"): ("notified", 1, "working_days", "after", "target"),
    ("CSPR", "rapid_review_agency_summaries"): ("notified", 10, "working_days", "after", "target"),
    ("CSPR", "rapid_review_panel_meeting"): ("notified", 12, "working_days", "after", "target"),
    ("CSPR", "rapid_review_sign_off"): ("notified", 15, "working_days", "after", "target"),
    ("CSPR", "lcspr_published"): ("initiated", 6, "months", "after", "deadline"),
    ("CSPR", "panel_copy_before_publication"): (
        "published",
        7,
        "working_days",
        "before",
        "minimum",
    ),
    ("CSPR", "kept_online"): ("published", 1, "years", "after", "minimum"),
}

# Each rule's due date for an event date chosen to hit a boundary, worked out by hand.
HAND_WORKED = [
    # Fri 23 Dec 2016; Christmas (Sun) moves to Tue 27, New Year (Sun) to Mon 2 Jan:
    # Wed 28 (1), Thu 29 (2), Fri 30 (3), Tue 3 (4), Wed 4 (5).
    ("SCR", "sin", "2016-12-23", "2017-01-04"),
    ("SCR", "scr_decision", "2015-01-31", "2015-02-28"),  # month end, non-leap
    ("SCR", "no_review_reasons_to_panel", "2016-02-20", "2016-03-05"),  # through 29 Feb
    ("SCR", "review_complete", "2016-08-31", "2017-02-28"),
    ("SCR", "panel_copy_before_publication", "2018-03-06", "2018-02-27"),  # a week earlier
    ("SCR", "kept_online", "2016-02-29", "2017-02-28"),
    # Thu 14 Apr 2022; Good Friday 15, Easter Monday 18: Tue 19 (1) ... Mon 25 (5).
    ("CSPR", "sin", "2022-04-14", "2022-04-25"),
    # Fri 17 Dec 2021: Mon 20 (1) ... Fri 24 (5); Mon 27 and Tue 28 (Christmas) skipped;
    # Wed 29 (6), Thu 30 (7), Fri 31 (8); Mon 3 Jan (New Year) skipped; Tue 4 (9) ... Wed 12 (15).
    ("CSPR", "rapid_review", "2021-12-17", "2022-01-12"),
    ("CSPR", "rapid_review_templates_sent", "2021-12-17", "2021-12-20"),
    ("CSPR", "rapid_review_agency_summaries", "2021-12-17", "2022-01-05"),
    ("CSPR", "rapid_review_panel_meeting", "2021-12-17", "2022-01-07"),
    ("CSPR", "rapid_review_sign_off", "2021-12-17", "2022-01-12"),
    ("CSPR", "lcspr_published", "2023-08-31", "2024-02-29"),  # month end, leap
    # Tue 9 May 2023; Mon 8 (coronation) and Mon 1 (early May) skipped: Fri 5 (1), Thu 4 (2),
    # Wed 3 (3), Tue 2 (4), Fri 28 Apr (5), Thu 27 (6), Wed 26 (7).
    ("CSPR", "panel_copy_before_publication", "2023-05-09", "2023-04-26"),
    ("CSPR", "kept_online", "2020-02-29", "2021-02-28"),
]


def test_the_migration_loads_the_shipped_rules_as_the_active_set() -> None:
    rule_set = RuleSet.objects.get()
    shipped = read_rules_file(SHIPPED_RULES_FILE)
    assert rule_set.version == shipped.version == "wt2018-2023"
    assert rule_set.is_active
    assert rule_set.digest == shipped.digest
    assert rule_set.rules.count() == len(shipped.rules)


def test_the_shipped_rules_carry_design_section_3s_values() -> None:
    rows = {
        (rule.regime, rule.step): (
            rule.counts_from,
            rule.amount,
            rule.unit,
            rule.direction,
            rule.kind,
        )
        for rule in ClockRule.objects.all()
    }
    assert rows == DESIGN_TABLE


def test_every_shipped_rule_has_a_label_and_a_cited_rationale() -> None:
    for rule in ClockRule.objects.all():
        assert rule.label
        assert "Working Together" in rule.rationale or "DESIGN §3" in rule.rationale, rule.step


def test_only_the_rapid_review_plan_is_optional_and_it_belongs_to_the_rapid_review() -> None:
    optional = ClockRule.objects.filter(is_optional=True)
    assert {rule.step for rule in optional} == {
        "rapid_review_templates_sent",
        "rapid_review_agency_summaries",
        "rapid_review_panel_meeting",
        "rapid_review_sign_off",
    }
    assert {rule.parent_step for rule in optional} == {"rapid_review"}
    assert not ClockRule.objects.filter(is_optional=False).exclude(parent_step="").exists()


def test_every_shipped_rule_is_checked_by_hand_below() -> None:
    assert {(regime, step) for regime, step, _, _ in HAND_WORKED} == set(DESIGN_TABLE)


@pytest.mark.parametrize(("regime", "step", "event_date", "due"), HAND_WORKED)
def test_each_shipped_rule_falls_due_on_the_hand_worked_date(
    regime: str, step: str, event_date: str, due: str
) -> None:
    rule = ClockRule.objects.get(regime=regime, step=step)
    assert due_date(rule, d(event_date)) == d(due)
    listed = {item.step: item.due for item in deadlines(regime, rule.counts_from, d(event_date))}
    assert listed[step] == d(due)


def test_the_shipped_rules_are_in_force_for_the_oldest_cases() -> None:
    assert rule_set_in_force(d("2008-01-01")).version == "wt2018-2023"
