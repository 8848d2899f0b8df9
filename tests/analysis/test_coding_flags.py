"""Quality flags: names an owner, measurable, has a timescale, traceable to a finding."""

from __future__ import annotations

import pytest

from casereview.analysis.coding import code_recommendation

BARE = "Practitioners should be supported to improve assessments of neglect."


def _flag_words(text: str, flag: str) -> list[str]:
    return [t.words for t in code_recommendation(text).triggers if t.code == flag]


def test_a_bare_recommendation_has_no_flags():
    assert code_recommendation(BARE).flags == ()


@pytest.mark.parametrize(
    ("suffix", "words"),
    [
        (" within six months", "within six months"),
        (" by March 2027", "by March 2027"),
        (" by the end of 2026", "by the end of 2026"),
        (" by 31 March 2027", "by 31 March 2027"),
        (", reporting progress every six months", "every six months"),
        (" and report annually", "annually"),
        (" within three months of publication", "three months of publication"),
    ],
)
def test_a_date_or_period_gives_a_timescale(suffix, words):
    text = BARE[:-1] + suffix + "."
    assert "has_timescale" in code_recommendation(text).flags
    assert words in _flag_words(text, "has_timescale")


@pytest.mark.parametrize(
    ("suffix", "words"),
    [
        (
            " and report to the partnership on the impact of this work",
            "report to the partnership on the impact",
        ),
        (", with compliance tested through a multi-agency audit", "compliance tested"),
        (" and evidence the impact through an audit", "evidence the impact"),
        (", measuring progress through the performance dataset", "measuring progress"),
        (" so that 90% of assessments include the father", "90%"),
        (
            " and provide assurance that this has been completed",
            "assurance that this has been completed",
        ),
    ],
)
def test_a_measure_of_impact_or_completion_makes_it_measurable(suffix, words):
    text = BARE[:-1] + suffix + "."
    assert "measurable" in code_recommendation(text).flags
    assert words in _flag_words(text, "measurable")


def test_auditing_as_the_action_alone_is_not_a_measure_of_it():
    text = "The local authority should audit a sample of cases involving neglect."
    assert "measurable" not in code_recommendation(text).flags


@pytest.mark.parametrize(
    ("suffix", "words"),
    [
        (" (Finding 3)", "Finding 3"),
        (" (see paragraph 4.12)", "paragraph 4.12"),
        (", in response to learning point 2", "learning point 2"),
    ],
)
def test_a_numbered_finding_or_paragraph_makes_it_traceable(suffix, words):
    text = BARE[:-1] + suffix + "."
    assert "traceable" in code_recommendation(text).flags
    assert words in _flag_words(text, "traceable")


def test_learning_from_this_review_in_general_is_not_traceable():
    text = "The Partnership should disseminate the learning from this review."
    assert "traceable" not in code_recommendation(text).flags


def test_an_owner_is_flagged_with_its_name():
    text = "The Partnership should refresh its threshold document."
    assert "has_owner" in code_recommendation(text).flags
    assert _flag_words(text, "has_owner") == ["The Partnership"]


def test_a_named_lead_in_the_text_names_an_owner():
    text = "Training on neglect should be delivered, ensuring that a named lead is identified."
    assert "has_owner" in code_recommendation(text).flags


def test_a_report_to_the_partnership_does_not_make_the_partnership_the_owner():
    text = "Action should be taken to reduce caseloads and report to the partnership."
    coding = code_recommendation(text)
    assert "has_owner" not in coding.flags


def test_flag_triggers_are_verbatim_and_in_flag_order():
    text = "The Board should review caseloads BY MARCH 2027 and report on the impact (Finding 2)."
    coding = code_recommendation(text)
    assert coding.flags == ("has_owner", "measurable", "has_timescale", "traceable")
    for t in coding.triggers:
        assert t.words in text
    assert "BY MARCH 2027" in _flag_words(text, "has_timescale")
