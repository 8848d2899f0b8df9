"""A clock's RAG state, computed from its due date, when it was met and today's date."""

from __future__ import annotations

from casereview.cases.clocks import DUE_SOON_WORKING_DAYS, RAG, clock_state
from tests.cases.dates import d

DUE = d("2024-06-21")  # a Friday


def test_due_soon_starts_a_working_week_before_the_due_date() -> None:
    assert DUE_SOON_WORKING_DAYS == 5
    assert clock_state(DUE, None, d("2024-06-13")) is RAG.ON_TRACK  # six working days left
    assert clock_state(DUE, None, d("2024-06-14")) is RAG.DUE_SOON  # five working days left
    assert clock_state(DUE, None, d("2024-06-15")) is RAG.DUE_SOON  # the weekend before


def test_it_is_due_soon_on_the_due_date_and_overdue_the_day_after() -> None:
    assert clock_state(DUE, None, DUE) is RAG.DUE_SOON
    assert clock_state(DUE, None, d("2024-06-22")) is RAG.OVERDUE


def test_bank_holidays_do_not_count_towards_due_soon() -> None:
    due = d("2024-01-03")
    # 22 December 2023 to 3 January 2024: five working days (25, 26 Dec and 1 Jan are holidays).
    assert clock_state(due, None, d("2023-12-22")) is RAG.DUE_SOON
    assert clock_state(due, None, d("2023-12-21")) is RAG.ON_TRACK


def test_a_clock_met_on_or_before_its_due_date_is_met() -> None:
    assert clock_state(DUE, DUE, d("2024-07-01")) is RAG.MET
    assert clock_state(DUE, d("2024-06-01"), d("2024-06-02")) is RAG.MET


def test_a_clock_met_after_its_due_date_is_met_late() -> None:
    assert clock_state(DUE, d("2024-06-22"), d("2024-07-01")) is RAG.MET_LATE


def test_the_warning_window_can_be_set_per_call() -> None:
    assert clock_state(DUE, None, d("2024-06-14"), soon_days=2) is RAG.ON_TRACK
    assert clock_state(DUE, None, d("2024-06-19"), soon_days=2) is RAG.DUE_SOON


def test_each_state_has_a_label_and_a_rag_colour() -> None:
    assert RAG.ON_TRACK.label == "On track"
    assert RAG.MET_LATE.label == "Met late"
    assert [state.colour for state in RAG] == ["green", "amber", "red", "amber", "green"]
