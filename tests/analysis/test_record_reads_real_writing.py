"""The record is read from the ways real authors write, not only from the words of a category.

Each test states one kind of writing found in published reviews (issue 20) in a fictional text
of its own, and what a careful reader takes from it.
"""

from __future__ import annotations

import pytest

from tests.analysis.helpers import analyse_text

# --- abuse types: inferred from what happened to the child -------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Baby R was found to have rib fractures of different ages, caused by his father.",
        "Child M was assaulted by her stepfather in the kitchen of the family home.",
        "In 2019 the stepfather was convicted of the murder of Child M.",
        "Both parents were convicted of causing or allowing serious harm to Baby R.",
        "The bruising to Baby R's face was unexplained.",
    ],
)
def test_physical_abuse_is_inferred_from_inflicted_injuries_an_assault_or_a_conviction(sentence):
    a = analyse_text(f"Harrowfell Serious Case Review\n\n{sentence}")
    assert "physical" in a.abuse_types
    assert a.evidence["abuse_types.physical"].page == 1


def test_an_injury_the_text_does_not_say_was_inflicted_is_not_physical_abuse():
    a = analyse_text("Child M fell from a climbing frame at school and fractured her wrist.")
    assert "physical" not in a.abuse_types


def test_a_parents_own_history_of_abuse_is_not_the_childs():
    a = analyse_text(
        "Child M lived with her mother in Harrowfell. Her mother had been sexually abused as a "
        "child and had been neglected in her own childhood. The stepfather had previous "
        "convictions for assault on former partners."
    )
    assert a.abuse_types == ()


def test_what_a_sibling_went_through_is_not_the_subject_childs():
    a = analyse_text(
        "Child M was four when she died. Her older brother had been sexually abused by a "
        "neighbour two years earlier."
    )
    assert "sexual" not in a.abuse_types


def test_a_parent_who_neglected_the_child_still_gives_neglect():
    a = analyse_text("Child M's mother neglected her over many months.")
    assert a.abuse_types == ("neglect",)


@pytest.mark.parametrize(
    "sentence",
    [
        "When the police visited there was no food in the house and no heating.",
        "Baby R was malnourished when he was admitted.",
        "Child M's untreated dental problems caused her pain for a year.",
    ],
)
def test_neglect_is_inferred_from_basic_needs_left_unmet(sentence):
    a = analyse_text(f"Harrowfell Serious Case Review\n\n{sentence}")
    assert a.abuse_types == ("neglect",)


def test_emotional_abuse_is_inferred_when_the_child_lived_with_domestic_abuse():
    a = analyse_text("Child M was exposed to domestic abuse between the adults at home.")
    assert a.abuse_types == ("emotional",)


# --- outcome: serious harm described rather than named -----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Baby R sustained a fractured skull and bleeding on the brain.",
        "Baby R was admitted to hospital with head and rib injuries.",
        "Child M spent three weeks in paediatric intensive care.",
        "The injuries left Baby R with a permanent disability.",
    ],
)
def test_serious_harm_is_read_from_injuries_hospital_intensive_care_or_lasting_disability(
    sentence,
):
    a = analyse_text(f"Harrowfell Serious Case Review\n\n{sentence}")
    assert a.outcome == "serious harm"


@pytest.mark.parametrize(
    "sentence",
    [
        "Child M passed away at home in Harrowfell.",
        "Child M took her own life in the spring.",
        "The review followed the SUDI of Baby R.",
    ],
)
def test_a_death_told_in_other_words_is_a_death(sentence):
    assert analyse_text(sentence).outcome == "death"


def test_another_persons_admission_to_hospital_is_not_the_childs_harm():
    a = analyse_text("Child M's mother was admitted to hospital with head injuries in May.")
    assert a.outcome is None


def test_a_childs_death_still_outweighs_the_injuries_before_it():
    a = analyse_text("Baby R sustained a fractured skull. He died in hospital two days later.")
    assert a.outcome == "death"


# --- board -------------------------------------------------------------------------------------


def test_a_board_written_as_place_and_acronym_is_named_in_full():
    a = analyse_text("Statement on Child M\n\nHarrowfell LSCB has today published its review.")
    assert a.board == "Harrowfell Local Safeguarding Children Board"
    assert a.evidence["board"].quote == "Harrowfell LSCB"


def test_a_board_named_first_as_place_and_acronym_wins_over_another_spelled_out_later():
    a = analyse_text(
        "Harrowfell LSCB commissioned this review. Child M had lived in Eastwold, and Eastwold "
        "Safeguarding Children Board had known the family."
    )
    assert a.board == "Harrowfell Local Safeguarding Children Board"


def test_a_board_whose_place_stands_on_the_line_above_is_found():
    a = analyse_text("Serious Case Review: Child M\nHarrowfell\nSafeguarding Children Board\n")
    assert a.board == "Harrowfell Safeguarding Children Board"


def test_words_of_a_heading_before_the_place_are_not_part_of_the_board():
    a = analyse_text("News Statement Harrowfell Safeguarding Children Partnership\n")
    assert a.board == "Harrowfell Safeguarding Children Partnership"


def test_a_childs_designation_before_the_board_is_not_part_of_its_place():
    a = analyse_text("Serious Case Review Child M Harrowfell Safeguarding Children Board\n")
    assert a.board == "Harrowfell Safeguarding Children Board"


def test_another_authority_named_first_is_not_taken_for_the_board():
    a = analyse_text(
        "The family moved to Harrowfell from a neighbouring Eastwold Safeguarding Children Board "
        "area. Harrowfell Safeguarding Children Board commissioned this review, and Harrowfell "
        "Safeguarding Children Board will publish it."
    )
    assert a.board == "Harrowfell Safeguarding Children Board"


# --- year of publication -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "year"),
    [
        ("Serious Case Review\nChild M\nExecutive Summary February 2009\n", 2009),
        ("Serious Case Review: Child M\nDate: 12/03/09\n", 2009),
    ],
)
def test_the_reports_own_date_gives_the_year_in_the_forms_covers_use(opening, year):
    a = analyse_text(opening + "\nIn March 2006 Child M moved to Harrowfell with her mother.")
    assert a.year_published == year


def test_a_web_pages_posting_date_is_its_date_of_publication():
    a = analyse_text("Harrowfell review published\nPosted on 14 December 2016\nThe board met.")
    assert a.year_published == 2016


def test_a_date_in_the_story_of_the_case_is_not_the_year_of_publication():
    a = analyse_text(
        "Serious Case Review: Child M\nIn March 2006 the family moved to Harrowfell and registered "
        "with a GP there."
    )
    assert a.year_published is None


# --- the child's age ---------------------------------------------------------------------------


def test_the_childs_age_now_is_not_the_age_at_the_incident():
    a = analyse_text(
        "Child M, who is now aged 9, was injured at home in Harrowfell. Child M was aged 6 when "
        "she was injured."
    )
    assert a.child_age_years == 6


def test_a_precise_age_is_preferred_to_a_rounded_one():
    a = analyse_text(
        "Child M, a six-year-old girl, was injured at home. Child M was aged 6 years and 6 "
        "months when she was injured."
    )
    assert a.child_age_years == 6.5


def test_an_age_at_an_earlier_event_gives_way_to_the_age_at_the_incident():
    a = analyse_text(
        "At the time of the first referral to children's social care, Child M was aged 2. "
        "Child M was aged 5 when she was injured."
    )
    assert a.child_age_years == 5


def test_a_forms_age_at_death_is_the_childs_age():
    a = analyse_text("Serious Case Review: Child M\nAge at death: 14 months\nThe board met.")
    assert a.child_age_years == round(14 / 12, 2)


def test_an_age_and_a_half_is_read_to_the_half():
    a = analyse_text("Child M was aged three and a half when she died at home.")
    assert a.child_age_years == 3.5


def test_an_age_told_without_aged_or_old_is_read():
    assert analyse_text("Child M was 15 when he died at home.").child_age_years == 15


def test_a_parents_age_when_something_happened_is_not_the_childs():
    a = analyse_text("Child M's mother was 19 when she first met the father in Harrowfell.")
    assert a.child_age_years is None


def test_a_span_of_early_life_gives_the_age_it_reaches():
    a = analyse_text(
        "Baby R was harmed during his first three months, and no agency saw the signs in time."
    )
    assert a.child_age_years == 0.25


# --- the child's sex ---------------------------------------------------------------------------


def test_a_child_called_by_first_name_only_is_the_subject_of_he_and_she():
    a = analyse_text(
        "Harrowfell Serious Case Review\n\nThis review is about Tamsin, who died in 2019. Tamsin "
        "lived with her grandmother. Tamsin was happy at school, where she had friends. The "
        "school saw that Tamsin was often hungry, and she was given breakfast there."
    )
    assert a.child_sex == "female"


def test_sex_is_not_taken_from_a_first_name_alone():
    a = analyse_text("This review is about Tamsin, who died in 2019 in Harrowfell.")
    assert a.child_sex is None


# --- title -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cover", "title"),
    [
        (
            "Serious Case Review\nExecutive Summary\nIn respect of Child M\n"
            "Harrowfell Safeguarding Children Board\n",
            "Serious Case Review Executive Summary In respect of Child M",
        ),
        (
            "Harrowfell Safeguarding Children Board\nSerious Case Review\nOverview Report\nBaby R\n"
            "March 2014\n",
            "Serious Case Review Overview Report Baby R",
        ),
    ],
)
def test_a_cover_title_set_over_several_lines_is_read_whole(cover, title):
    assert analyse_text(cover).title == title


def test_a_line_opening_a_list_is_not_the_title():
    a = analyse_text(
        "Themes the review identified include:\n- neglect\n- missed appointments\n"
        "This review was published by Harrowfell.\n"
    )
    assert a.title is None


def test_a_form_like_opening_gives_the_title_after_its_label():
    a = analyse_text("Title: Learning from the death of Child M\nAuthor: J Marsh\nDate: 2021\n")
    assert a.title == "Learning from the death of Child M"
