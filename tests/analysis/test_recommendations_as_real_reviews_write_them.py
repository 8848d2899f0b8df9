"""Recommendations laid out as real reviews lay them out (issue 20): labelled lists with no
heading, numbered lead-in paragraphs, and "Lead:" lines or agency sub-headings between items.
The texts are fictional and the project's own."""

from __future__ import annotations

from casereview.analysis.recommendations import extract_recommendations
from tests.analysis.helpers import text_document
from tests.analysis.test_recommendations_layouts import FIRST, PROSE, SECOND, THIRD, pdf, wrapped


def texts(*pages: str) -> list[str]:
    return [r.text for r in extract_recommendations(text_document(*pages))]


def test_recommendation_labels_make_a_list_without_a_recommendations_heading() -> None:
    found = texts(
        PROSE,
        f"Recommendation 1: {FIRST}\nRecommendation 2: {SECOND}\nRecommendation 3: {THIRD}\n"
        "Appendix A: Glossary",
    )
    assert found == [FIRST, SECOND, THIRD]


def test_a_recommendation_label_mentioned_in_prose_opens_no_list() -> None:
    found = texts(
        PROSE + "\nThe panel returned to Recommendation 1 of the earlier review when it met in "
        "March, and found that it had been carried out in full by every agency."
    )
    assert found == []


def test_a_numbered_lead_in_paragraph_is_not_a_recommendation() -> None:
    doc = pdf(
        wrapped(
            PROSE,
            "9. Recommendations",
            "9.1 The following recommendations are made to the Harrowfell Safeguarding Children "
            "Partnership and the agencies that belong to it:",
            f"9.2 {FIRST}",
            f"9.3 {SECOND}",
            "Appendix A: Glossary",
        )
    )
    found = extract_recommendations(doc)
    assert [r.text for r in found] == [FIRST, SECOND]
    assert [r.number for r in found] == ["9.2", "9.3"]


def test_the_panels_announcement_with_lettered_items_gives_the_items() -> None:
    found = texts(
        PROSE,
        "Recommendations\n1. The Panel makes the following recommendations to the partnership:\n"
        f"a) {FIRST}\nb) {SECOND}\nGlossary",
    )
    assert found == [FIRST, SECOND]


def test_a_lead_line_after_a_recommendation_gives_its_addressee_not_its_text() -> None:
    doc = text_document(
        PROSE,
        "Recommendations\n"
        "1. Agencies in Harrowfell should agree one way of recording who lives in a household\n"
        "Lead: Harrowfell Police\n"
        f"2. {THIRD}\n"
        "Lead agency: Harrowfell Hospital Trust\n"
        "Glossary",
    )
    found = extract_recommendations(doc)
    assert [r.text for r in found] == [
        "Agencies in Harrowfell should agree one way of recording who lives in a household",
        THIRD,
    ]
    assert "police" in found[0].addressees


def test_an_agency_sub_heading_between_recommendations_is_not_glued_onto_one() -> None:
    found = texts(
        PROSE,
        "Recommendations\n"
        "1. The partnership should check that its neglect strategy is used in every team\n"
        "Police\n"
        "2. Officers should record the names of every child present at a domestic incident\n"
        "Health\n"
        f"3. {THIRD}\n"
        "Glossary",
    )
    assert found == [
        "The partnership should check that its neglect strategy is used in every team",
        "Officers should record the names of every child present at a domestic incident",
        THIRD,
    ]


def test_recommendations_numbered_in_words_are_read() -> None:
    found = extract_recommendations(
        text_document(
            PROSE,
            f"Recommendation One: {FIRST}\nRecommendation Two: {SECOND}\nGlossary",
        )
    )
    assert [r.text for r in found] == [FIRST, SECOND]
    assert [r.number for r in found] == ["One", "Two"]


def test_an_expected_outcome_line_under_a_recommendation_is_not_part_of_it() -> None:
    found = texts(
        PROSE,
        "Recommendations\n"
        "1. The partnership should check that its neglect strategy is used in every team\n"
        "Expected outcome: children living with neglect are seen sooner\n"
        f"2. {THIRD}\n"
        "Rationale: the audit found the protocol was not followed\n"
        "Glossary",
    )
    assert found == [
        "The partnership should check that its neglect strategy is used in every team",
        THIRD,
    ]


def test_bullets_as_pdf_symbol_fonts_and_web_archives_give_them_mark_items() -> None:
    for bullet in ("\uf0b7", "\uf0a7", "?", "\u2713"):
        found = texts(PROSE, f"Recommendations\n{bullet} {FIRST}\n{bullet} {SECOND}\nGlossary")
        assert found == [FIRST, SECOND], bullet


def test_unmarked_paragraphs_that_ask_a_body_to_act_are_the_items_of_a_headed_section() -> None:
    found = texts(
        PROSE,
        "Recommendations\n\nThis review makes two recommendations to the partnership.\n\n"
        f"{FIRST}\n\n{SECOND}\n\nGlossary",
    )
    assert found == [FIRST, SECOND]


def test_a_paragraph_beside_numbered_items_is_not_one_of_them() -> None:
    found = texts(
        PROSE,
        "Recommendations\n\nEvery agency should read these with the learning brief:\n\n"
        f"1. {FIRST}\n2. {SECOND}\n\nGlossary",
    )
    assert found == [FIRST, SECOND]
