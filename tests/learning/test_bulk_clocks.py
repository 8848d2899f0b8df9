"""The dashboard computes thousands of cases' clocks with the rules read once; it must give the
same clocks as a case's own page (``case_clocks``) whatever stage the case is at."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from casereview.cases.case_clocks import case_clocks
from casereview.cases.lifecycle import State
from casereview.cases.models import Case, RuleSet
from casereview.learning.timeliness import RuleBook, clocks_of
from tests.cases.dates import d
from tests.cases.factories import CaseFactory, decided
from tests.factories import UserFactory

TODAY = d("2026-06-01")

pytestmark = pytest.mark.django_db


def chair() -> Any:
    return UserFactory(email="chair@example.org", full_name="A Chair")


def open_cspr() -> Case:
    return CaseFactory(notified_on=d("2026-03-04"))


def decided_cspr_under_review() -> Case:
    case = decided(CaseFactory(notified_on=d("2026-03-04")), chair(), decided_on=d("2026-03-30"))
    case.initiated_on = d("2026-04-02")
    case.state = State.REVIEWERS_APPOINTED
    case.save()
    return case


def published_cspr() -> Case:
    case = decided_cspr_under_review()
    case.final_on = d("2026-05-01")
    case.panel_copy_sent_on = d("2026-05-05")
    case.published_on = d("2026-05-20")
    case.state = State.PUBLISHED
    case.save()
    return case


def scr_no_review() -> Case:
    case = CaseFactory(notified_on=d("2018-01-31"), aware_on=d("2018-01-25"))
    return decided(
        case,
        chair(),
        outcome="no_review",
        decided_on=d("2018-02-20"),
        sent_to_panel_on=d("2018-03-01"),
    )


def scr_decided_twice() -> Case:
    """The latest decision (a later no review) is the one whose clocks apply."""
    case = decided(
        CaseFactory(notified_on=d("2018-01-31"), aware_on=d("2018-01-25")),
        chair(),
        outcome="initiate_scr",
        decided_on=d("2018-02-10"),
    )
    return decided(case, chair(), outcome="no_review", decided_on=d("2018-02-20"))


def closed_without_decision() -> Case:
    return CaseFactory(notified_on=d("2026-03-04"), state=State.CLOSED)


def late_sin() -> Case:
    return CaseFactory(aware_on=d("2026-01-05"), notified_on=d("2026-03-04"))


@pytest.mark.parametrize(
    "make",
    [
        open_cspr,
        decided_cspr_under_review,
        published_cspr,
        scr_no_review,
        scr_decided_twice,
        closed_without_decision,
        late_sin,
    ],
)
def test_it_gives_the_same_clocks_as_the_case_page(make: Callable[[], Case]) -> None:
    case = Case.objects.get(pk=make().pk)

    expected = case_clocks(case, TODAY)
    got = clocks_of(case, case.latest_decision(), RuleBook(), TODAY)

    assert got == expected
    assert got


def test_it_uses_the_rules_in_force_on_each_events_date() -> None:
    current = RuleSet.objects.get()
    later = RuleSet.objects.create(
        version="later-edition",
        title="A later edition",
        effective_from=d("2026-04-01"),
        digest="x",
    )
    for rule in current.rules.filter(step="rapid_review"):
        rule.pk = None
        rule.rule_set = later
        rule.amount = 20
        rule.save()
    book = RuleBook()

    before = book.deadlines("CSPR", "notified", d("2026-03-04"))
    after = book.deadlines("CSPR", "notified", d("2026-04-06"))

    assert [deadline.rule_set_version for deadline in before] == [current.version]
    assert [(dl.rule_set_version, dl.limit) for dl in after] == [
        ("later-edition", "20 working days after")
    ]
    assert book.in_force(datetime.date(2007, 12, 31)) is None


def test_a_changed_rule_changes_the_deadlines_it_gives_in_the_same_process() -> None:
    notified = d("2026-03-04")
    before = RuleBook().deadlines("CSPR", "notified", notified)
    RuleSet.objects.get().rules.filter(step="rapid_review").update(amount=16)

    after = RuleBook().deadlines("CSPR", "notified", notified)

    assert [deadline.due for deadline in before] == [d("2026-03-25")]
    assert [deadline.due for deadline in after] == [d("2026-03-26")]
