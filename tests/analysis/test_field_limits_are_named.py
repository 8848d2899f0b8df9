"""The extractors' cut-offs are named constants, and each holds at its boundary."""

from __future__ import annotations

from casereview.analysis import fields
from casereview.analysis import rules as R
from tests.analysis.helpers import analyse_text


def test_a_two_digit_year_below_the_pivot_is_in_this_century_and_from_it_in_the_last():
    below = fields.TWO_DIGIT_YEAR_PIVOT - 1
    at = fields.TWO_DIGIT_YEAR_PIVOT
    assert fields.parse_date(R.DATE.search(f"14/06/{below:02d}")).year == 2000 + below
    assert fields.parse_date(R.DATE.search(f"14/06/{at:02d}")).year == 1900 + at


def _cover(words: int) -> str:
    title = "Serious Case Review " + " ".join(["about"] * (words - 3)) + "."
    assert len(title.split()) == words
    return title + "\nNorthmere Safeguarding Children Board"


def test_a_cover_line_ending_in_a_full_stop_is_a_title_up_to_the_named_length_only():
    assert analyse_text(_cover(fields.TITLE_SENTENCE_WORDS)).title is not None
    assert analyse_text(_cover(fields.TITLE_SENTENCE_WORDS + 1)).title is None


def test_ages_are_given_to_the_named_number_of_decimals():
    a = analyse_text("Child K died aged 5 weeks. The review is about Child K.")
    assert a.child_age_years == round(5 * 7 / R.DAYS_PER_YEAR, fields.AGE_DECIMALS)
    assert a.child_age_years == 0.1


def test_the_best_age_score_is_a_statement_about_the_child_and_the_incident():
    assert fields.AGE_MIN_SCORE <= fields.AGE_ABOUT_CHILD_SCORE
    assert fields._BEST_AGE_SCORE == fields.AGE_ABOUT_CHILD_SCORE + fields.AGE_INCIDENT_SCORE
