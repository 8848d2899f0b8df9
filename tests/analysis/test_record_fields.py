"""Each field of the record comes from the text with its quote and page, or is null."""

from __future__ import annotations

import pytest

from casereview.analysis.textview import collapse
from tests.analysis.helpers import analyse_text, text_document

COVER = (
    "Northmere Safeguarding Children Partnership\n"
    "Local Child Safeguarding Practice Review:\n"
    "Child K\n"
    "Published: March 2022\n"
)


def test_title_joins_the_lines_it_runs_over_and_quotes_page_one():
    a = analyse_text(COVER)
    assert a.title == "Local Child Safeguarding Practice Review: Child K"
    assert a.evidence["title"].page == 1


def test_title_is_null_when_page_one_has_only_sentences():
    a = analyse_text(
        "This note sets out what the partnership learned over the year. It is long enough to be "
        "a sentence rather than a title and it ends with a full stop."
    )
    assert a.title is None and "title" not in a.evidence


def test_board_is_the_full_name_not_the_acronym():
    a = analyse_text("The chair of NSCB wrote to the Northmere Safeguarding Children Board.")
    assert a.board == "Northmere Safeguarding Children Board"


def test_board_in_capitals_is_given_in_title_case():
    a = analyse_text("ASHFORD VALE LOCAL SAFEGUARDING CHILDREN BOARD\nSERIOUS CASE REVIEW")
    assert a.board == "Ashford Vale Local Safeguarding Children Board"
    assert a.evidence["board"].quote == "ASHFORD VALE LOCAL SAFEGUARDING CHILDREN BOARD"


def test_board_is_null_for_a_generic_mention_without_a_place():
    a = analyse_text("Every local safeguarding children board must publish its reviews.")
    assert a.board is None


def test_a_board_named_by_its_kind_takes_the_place_the_sentence_gives():
    a = analyse_text(
        "Statement on Child Q\n\nThe Local Safeguarding Children\u2019s Board (LSCB) brings "
        "together every agency working within Eastwold Vale to keep children safe."
    )
    assert a.board == "Eastwold Vale Local Safeguarding Children Board"
    assert a.evidence["board"].quote.startswith("Local Safeguarding Children\u2019s Board (LSCB)")
    assert a.evidence["board"].quote.endswith("within Eastwold Vale")


@pytest.mark.parametrize(
    "text",
    [
        "Every Local Safeguarding Children Board in England must publish its reviews.",
        "The local safeguarding children board for Eastwold met in May.",
        "The Local Safeguarding Children Board met. In Eastwold the review began.",
    ],
)
def test_a_board_without_a_place_of_its_own_is_not_guessed(text: str) -> None:
    assert analyse_text(text).board is None


def test_year_published_comes_from_a_publication_label():
    assert analyse_text(COVER).year_published == 2022


def test_a_two_digit_published_date_is_read_as_this_century():
    assert analyse_text("Published 03.11.21\nA briefing on practice.").year_published == 2021


def test_the_incident_year_is_not_the_publication_year():
    a = analyse_text(
        "Serious Case Review: Child K\n"
        "Child K died on 4 June 2016 after being admitted to hospital.\n"
        "The review panel met four times."
    )
    assert a.year_published is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This serious case review concerns Child K.", "SCR"),
        ("This local child safeguarding practice review concerns Child K.", "LCSPR"),
        (
            "The rapid review went to the Child Safeguarding Practice Review Panel. "
            "This multi-agency learning review follows.",
            "other",
        ),
        (
            "This national review was commissioned by the Child Safeguarding Practice Review "
            "Panel.",
            "national",
        ),
        ("The partnership commissioned a review of the response to exploitation.", "other"),
    ],
)
def test_review_type_maps_the_reports_own_words(text, expected):
    assert analyse_text(text).review_type == expected


def test_review_type_is_null_without_a_naming():
    assert analyse_text("Notes from a meeting about school attendance.").review_type is None


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("Child K was a six-week-old baby when he died.", 0.11),
        ("Child K was aged 14 months at the time of the incident.", 1.17),
        ("Child K was aged 3 years and 6 months when the incident occurred.", 3.5),
        ("Child K was aged 9 days at the time of the incident.", 0.02),
        ("Child K was a 14-month-old toddler when she was seriously injured.", 1.17),
        ("Child K was born on 1 March 2019 and died on 1 September 2019.", 0.5),
        ("D.O.B: 01/01/2020 D.O.D: 01/07/2020", 0.5),
    ],
)
def test_child_age_in_decimal_years(sentence, years):
    a = analyse_text(sentence)
    assert a.child_age_years == pytest.approx(years, abs=0.01)
    assert a.evidence["child.age_years"].page == 1


def test_a_siblings_or_parents_age_is_not_the_childs():
    a = analyse_text(
        "Child K lived with a 19-year-old mother and an older sister, aged 7. "
        "Child K's brother was 4 years old."
    )
    assert a.child_age_years is None


def test_an_age_about_children_in_general_is_not_the_childs():
    assert analyse_text("Services for children aged 5 were reorganised.").child_age_years is None


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("Child K is a girl who lived with her family.", "female"),
        ("Child K was three when he was admitted. His mother stayed with him.", "male"),
        ("The family described their son as lively.", "male"),
    ],
)
def test_sex_from_words_tied_to_the_child(text, sex):
    assert analyse_text(text).child_sex == sex


def test_sex_is_null_when_the_cues_disagree():
    a = analyse_text("Child K is a girl. Child K is a boy.")
    assert a.child_sex is None


def test_sex_of_a_child_the_review_names_rather_than_designates():
    a = analyse_text(
        "An inquiry was held following the death of Amelia Stone. Its report is dedicated to "
        "her memory."
    )
    assert a.child_sex == "female"
    assert "Amelia Stone. Its report is dedicated to her" in a.evidence["child.sex"].quote


def test_a_name_is_not_taken_for_the_child_when_the_review_names_two_people():
    a = analyse_text(
        "The review follows the death of Amelia Stone and the injuries of Oliver Stone. "
        "Her brother was three."
    )
    assert a.child_sex is None


def test_the_mothers_pronouns_do_not_decide_the_childs_sex():
    a = analyse_text("Child K lived at home. The mother said she was tired and her partner left.")
    assert a.child_sex is None


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Child K died in hospital two days later.", "death"),
        ("The review follows the death of Child K.", "death"),
        ("Child K was seriously injured and survived.", "serious harm"),
        ("Child K suffered life-threatening injuries.", "serious harm"),
    ],
)
def test_outcome(text, outcome):
    assert analyse_text(text).outcome == outcome


def test_the_statutory_criteria_and_a_parents_death_are_not_the_outcome():
    a = analyse_text(
        "A review is required when a child dies and abuse or neglect is known or suspected. "
        "Child K's grandmother died in 2015."
    )
    assert a.outcome is None


def test_abuse_types_each_with_evidence():
    a = analyse_text(
        "Agencies knew of concerns about neglect and emotional abuse. "
        "The injuries were later found to be non-accidental injuries."
    )
    assert a.abuse_types == ("neglect", "physical", "emotional")
    assert "non-accidental" in a.evidence["abuse_types.physical"].quote


def test_abuse_or_neglect_as_a_criterion_and_training_advice_are_not_abuse_types():
    a = analyse_text(
        "The case met the criteria because abuse or neglect was suspected. "
        "Practitioners should receive training on sexual abuse."
    )
    assert a.abuse_types == ()


def test_a_contents_line_is_not_evidence_of_anything():
    a = analyse_text("Contents\n1. Introduction\n7. Recommendations\n8. Appendix")
    assert a.to_json()["evidence"] == {}


def test_agencies_and_review_model_are_kept_on_the_record():
    a = analyse_text(
        "The review used the Significant Incident Learning Process (SILP). "
        "The health visitor and the police attended. Child K's school was told."
    )
    assert a.review_model == "SILP"
    assert {"police", "health.health_visiting", "education.schools"} <= set(a.agencies)


def test_every_quote_is_verbatim_page_text_on_its_page():
    doc = text_document(
        COVER,
        "Background\nChild K was aged 2 at the time of the incident. She lived with her "
        "grandparents.\nChild K was seriously injured. Concerns about neglect were known.",
    )
    from casereview.analysis import analyse

    a = analyse(doc)
    assert a.child_age_years == 2.0 and a.child_sex == "female"
    for ev in a.evidence.values():
        page = doc.pages[(ev.page or 1) - 1]
        assert ev.quote in collapse(page.header + "\n" + page.text)
