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


def test_a_childs_death_still_outweighs_the_injuries_before_it():
    a = analyse_text("Baby R sustained a fractured skull. He died in hospital two days later.")
    assert a.outcome == "death"
