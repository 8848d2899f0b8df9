"""The national figures: rapid reviews and SCR decisions in time, medians, overdue clocks, and
the same figures per board, per region and nationally.

Dates: a CSPR case notified on Wednesday 4 March 2026 has its rapid review due on Wednesday 25
March (15 working days, no bank holidays between). An SCR case notified on 31 January 2018 has
its decision due on 28 February 2018 (one calendar month, clamped to the month's end).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from casereview.accounts.models import Board, Region
from casereview.cases.lifecycle import State
from casereview.cases.models import Case
from casereview.learning.filters import Filters
from casereview.learning.timeliness import NationalFigures, Share, Tally, national_figures
from tests.cases.dates import d
from tests.cases.factories import CaseFactory, decided, step_met
from tests.factories import BoardFactory, UserFactory

CSPR_NOTIFIED = d("2026-03-04")
RAPID_REVIEW_DUE = d("2026-03-25")
SCR_NOTIFIED = d("2018-01-31")
SCR_DECISION_DUE = d("2018-02-28")
LATER = d("2026-06-01")

pytestmark = pytest.mark.django_db


def notified(board: Board, on: datetime.date, **fields: Any) -> Case:
    """A case notified on ``on``; the board became aware that day, so the SIN is met."""
    case: Case = CaseFactory(board=board, notified_on=on, aware_on=on, incident_on=on, **fields)
    return case


def decided_on(case: Case, on: datetime.date, outcome: str = "other_learning") -> Case:
    """The decision recorded on ``on``; for a CSPR case the chair also records the rapid review
    as sent to the national panel that day (it is met only when someone records it)."""
    chair = UserFactory(email="chair@example.org", full_name="A Chair")
    if case.regime == "CSPR":
        step_met(case, "rapid_review", on, chair)
    return decided(case, chair, outcome=outcome, decided_on=on)


def figures(today: datetime.date = LATER, **filters: Any) -> NationalFigures:
    return national_figures(Filters(**filters), today)


def board_tally(result: NationalFigures, board: Board) -> Tally:
    return next(item.tally for item in result.boards if item.board == board)


def region_tally(result: NationalFigures, region: Region) -> Tally:
    return next(item.tally for item in result.regions if item.region == region)


@pytest.fixture
def board() -> Board:
    board: Board = BoardFactory(region=Region.LONDON)
    return board


def test_a_rapid_review_sent_on_its_due_date_is_on_time(board: Board) -> None:
    decided_on(notified(board, CSPR_NOTIFIED), RAPID_REVIEW_DUE)

    assert figures().national.rapid_reviews == Share(on_time=1, judged=1)


def test_a_rapid_review_sent_the_day_after_is_late(board: Board) -> None:
    decided_on(notified(board, CSPR_NOTIFIED), RAPID_REVIEW_DUE + datetime.timedelta(days=1))

    assert figures().national.rapid_reviews == Share(on_time=0, judged=1)


def test_a_rapid_review_still_not_sent_after_its_due_date_counts_as_late(board: Board) -> None:
    notified(board, CSPR_NOTIFIED)

    late = figures(today=RAPID_REVIEW_DUE + datetime.timedelta(days=1)).national
    on_the_day = figures(today=RAPID_REVIEW_DUE).national

    assert late.rapid_reviews == Share(on_time=0, judged=1)
    assert late.open_overdue == 1
    # On its due day it is still running, so it is not judged either way yet.
    assert on_the_day.rapid_reviews == Share(on_time=0, judged=0)
    assert on_the_day.open_overdue == 0


def test_a_closed_case_that_never_reached_its_rapid_review_is_not_judged(board: Board) -> None:
    notified(board, CSPR_NOTIFIED, state=State.CLOSED)

    result = figures().national

    assert result.rapid_reviews == Share(on_time=0, judged=0)
    assert result.open_overdue == 0


def test_the_shares_mix_on_time_late_and_overdue(board: Board) -> None:
    decided_on(notified(board, CSPR_NOTIFIED), RAPID_REVIEW_DUE)
    decided_on(notified(board, CSPR_NOTIFIED), RAPID_REVIEW_DUE - datetime.timedelta(days=5))
    decided_on(notified(board, CSPR_NOTIFIED), RAPID_REVIEW_DUE + datetime.timedelta(days=3))
    notified(board, CSPR_NOTIFIED)

    share = figures().national.rapid_reviews

    assert share == Share(on_time=2, judged=4)
    assert str(share) == "50% (2 of 4)"


def test_an_scr_decision_on_the_last_day_of_the_month_is_in_time(board: Board) -> None:
    decided_on(notified(board, SCR_NOTIFIED), SCR_DECISION_DUE)
    decided_on(notified(board, SCR_NOTIFIED), SCR_DECISION_DUE + datetime.timedelta(days=1))

    result = figures().national

    assert result.scr_decisions == Share(on_time=1, judged=2)
    # SCR cases have no rapid review, so they never count towards that share.
    assert result.rapid_reviews == Share(on_time=0, judged=0)


def test_the_median_of_an_odd_number_of_decisions_is_the_middle_one(board: Board) -> None:
    for days in (3, 14, 10):
        decided_on(notified(board, CSPR_NOTIFIED), CSPR_NOTIFIED + datetime.timedelta(days=days))

    result = figures().national

    assert result.median_days == 10
    assert result.median_days_text == "10"


def test_the_median_of_an_even_number_is_halfway_between_the_middle_two(board: Board) -> None:
    for days in (3, 10, 15, 20):
        decided_on(notified(board, CSPR_NOTIFIED), CSPR_NOTIFIED + datetime.timedelta(days=days))
    notified(board, CSPR_NOTIFIED)  # undecided: not part of the median

    result = figures().national

    assert result.median_days == 12.5
    assert result.median_days_text == "12.5"
    assert result.decisions == 4
    assert result.notifications == 5


def test_with_no_cases_every_count_is_zero_and_shares_and_medians_show_a_dash(
    board: Board,
) -> None:
    result = figures()

    national = result.national
    assert (national.notifications, national.decisions, national.open_overdue) == (0, 0, 0)
    assert str(national.rapid_reviews) == "—"
    assert str(national.scr_decisions) == "—"
    assert national.median_days is None
    assert national.median_days_text == "—"
    assert result.overdue == []
    assert result.recent_decisions == []


def test_every_board_has_a_row_even_without_cases(board: Board) -> None:
    quiet = BoardFactory(region=Region.NORTH_EAST)
    notified(board, CSPR_NOTIFIED)

    result = figures()

    assert board_tally(result, quiet).notifications == 0
    assert board_tally(result, board).notifications == 1
    assert [item.region for item in result.regions] == list(Region)


def test_boards_add_up_to_their_region_and_regions_to_the_country(board: Board) -> None:
    neighbour = BoardFactory(region=Region.LONDON)
    northern = BoardFactory(region=Region.NORTH_EAST)
    decided_on(notified(board, CSPR_NOTIFIED), RAPID_REVIEW_DUE)
    notified(neighbour, CSPR_NOTIFIED)
    decided_on(notified(northern, SCR_NOTIFIED), SCR_DECISION_DUE)

    result = figures()

    london = region_tally(result, Region.LONDON)
    assert london.notifications == 2
    assert london.rapid_reviews == Share(on_time=1, judged=2)
    assert london.open_overdue == 1
    assert board_tally(result, neighbour).open_overdue == 1
    assert board_tally(result, board).open_overdue == 0
    assert region_tally(result, Region.NORTH_EAST).scr_decisions == Share(on_time=1, judged=1)
    assert result.national.notifications == 3
    assert result.national.open_overdue == 1


def test_the_overdue_list_names_each_open_clock_most_overdue_first(board: Board) -> None:
    older = notified(board, d("2026-02-02"), pseudonym="Child Older")
    newer = notified(board, CSPR_NOTIFIED, pseudonym="Child Newer")

    overdue = figures().overdue

    assert [(item.case, item.clock.deadline.step) for item in overdue] == [
        (older, "rapid_review"),
        (newer, "rapid_review"),
    ]
    assert overdue[1].clock.due == RAPID_REVIEW_DUE
    assert overdue[1].days_overdue == (LATER - RAPID_REVIEW_DUE).days


def test_overdue_clocks_count_every_step_not_only_the_rapid_review(board: Board) -> None:
    # An SCR decided "no review" must send its reasons to the panel within 14 days.
    case = notified(board, SCR_NOTIFIED)
    decided_on(case, SCR_DECISION_DUE, outcome="no_review")

    result = figures(today=SCR_DECISION_DUE + datetime.timedelta(days=15))

    assert [item.clock.deadline.step for item in result.overdue] == ["no_review_reasons_to_panel"]
    assert result.national.open_overdue == 1


def test_recent_decisions_are_newest_first(board: Board) -> None:
    first = decided_on(notified(board, CSPR_NOTIFIED), d("2026-03-10"))
    second = decided_on(notified(board, CSPR_NOTIFIED), d("2026-03-20"))

    recent = figures().recent_decisions

    assert [decision.case for decision in recent] == [second, first]


@pytest.mark.parametrize(
    ("on_time", "judged", "shown"),
    [(0, 0, "—"), (1, 8, "13% (1 of 8)"), (3, 8, "38% (3 of 8)"), (2, 3, "67% (2 of 3)")],
)
def test_a_share_rounds_half_up_and_states_its_denominator(
    on_time: int, judged: int, shown: str
) -> None:
    assert str(Share(on_time, judged)) == shown


def test_the_number_of_queries_does_not_grow_with_the_number_of_cases(
    board: Board, django_assert_max_num_queries: Any
) -> None:
    for _ in range(3):
        decided_on(notified(board, CSPR_NOTIFIED), RAPID_REVIEW_DUE)
    # Boards, rules sets, rules, cases, decisions and steps recorded as met: one query each.
    with django_assert_max_num_queries(6):
        few = figures()
    for _ in range(20):
        decided_on(notified(board, SCR_NOTIFIED), SCR_DECISION_DUE)
        notified(board, CSPR_NOTIFIED)
    with django_assert_max_num_queries(6):
        many = figures()

    assert (few.national.notifications, many.national.notifications) == (3, 43)


def test_the_latest_of_several_decisions_decides_which_clocks_run(board: Board) -> None:
    case = notified(board, SCR_NOTIFIED)
    decided_on(case, d("2018-02-10"), outcome="initiate_scr")
    decided_on(case, d("2018-02-20"), outcome="no_review")

    result = figures(today=d("2018-03-15"))

    # Reasons for "no review" were due 14 days after the latest decision (6 March).
    assert [(item.clock.deadline.step, item.days_overdue) for item in result.overdue] == [
        ("no_review_reasons_to_panel", 9)
    ]
