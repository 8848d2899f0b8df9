"""A coroner's Prevention of Future Deaths report is read as its own document type (issue 20,
items 13-15): the form's sections with their pages, the deceased's age at death, the bodies the
report is sent to, its date and coroner area, and each matter of concern as an item, never the
form's statutory lead-in. Every report here is fictional, written for these tests."""

from __future__ import annotations

from datetime import date

from casereview.analysis import analyse, pfd, read_document
from tests.analysis.helpers import LIMIT, analyse_text, pdf_bytes, text_document

LEAD_IN = (
    "During the course of the inquest the evidence revealed matters giving rise to concern. In\n"
    "my opinion there is a risk that future deaths will occur unless action is taken. In the\n"
    "circumstances it is my statutory duty to report to you.\n"
    "The MATTERS OF CONCERN are as follows:\n"
)


def report(
    *,
    sent_to: str = "Chief Executive, Eastwold NHS Foundation Trust",
    investigation: str = (
        "On 4 May 2023 I commenced an investigation into the death of Tamsin Reed, aged 15. "
        "The investigation concluded at the end of the inquest on 2 February 2024."
    ),
    circumstances: str = "Tamsin was found unresponsive at her home and could not be revived.",
    concerns: str = LEAD_IN
    + "1. There was no written plan for young people waiting for a second assessment.\n"
    "2. Staff on the ward had not been trained to use the new risk tool.\n",
    tail: str = "",
    page_break_before_concerns: bool = False,
) -> str:
    brk = "\f" if page_break_before_concerns else ""
    return (
        "REGULATION 28 REPORT TO PREVENT FUTURE DEATHS\n\n"
        "Ref: 2024-0001\nDate of report: 12 March 2024\n\n"
        f"THIS REPORT IS BEING SENT TO:\n{sent_to}\n\n"
        "1 CORONER\nI am Alex Hart, Assistant Coroner for the coroner area of Fenmarsh and "
        "Wyle.\n\n"
        "2 CORONER'S LEGAL POWERS\nI make this report under paragraph 7, Schedule 5, of the "
        "Coroners and Justice Act 2009.\n\n"
        f"3 INVESTIGATION and INQUEST\n{investigation}\n\n"
        f"4 CIRCUMSTANCES OF THE DEATH\n{circumstances}\n\n"
        f"{brk}5 CORONER'S CONCERNS\n{concerns}\n{tail}"
    )


def test_the_form_is_read_as_a_pfd_report_of_a_death():
    out = analyse_text(report()).to_json()
    assert out["review_type"] == "PFD" and out["outcome"] == "death"
    assert out["title"] == "REGULATION 28 REPORT TO PREVENT FUTURE DEATHS (Ref: 2024-0001)"
    assert out["report_date"] == "2024-03-12" and out["year_published"] == 2024
    assert out["coroner_area"] == "Fenmarsh and Wyle"
    assert "death of Tamsin Reed" in out["evidence"]["outcome"]["quote"]


def test_each_section_is_kept_with_its_text_and_the_page_its_heading_is_on():
    out = analyse_text(report(page_break_before_concerns=True)).to_json()
    sections = {s["name"]: s for s in out["sections"]}
    assert list(sections) == ["sent_to", "investigation", "circumstances", "concerns"]
    assert sections["circumstances"] == {
        "name": "circumstances",
        "page": 1,
        "text": "Tamsin was found unresponsive at her home and could not be revived.",
    }
    assert sections["concerns"]["page"] == 2
    assert sections["concerns"]["text"].startswith("During the course of the inquest")


def test_action_and_response_sections_end_where_copies_and_publication_begin():
    tail = (
        "6 ACTION SHOULD BE TAKEN\nIn my opinion action should be taken to prevent future "
        "deaths.\n\n7 YOUR RESPONSE\nYou are under a duty to respond to this report within 56 "
        "days of the date of this report.\n\n8 COPIES and PUBLICATION\nI have sent a copy of "
        "my report to the Chief Coroner.\n"
    )
    sections = {s.name: s.text for s in analyse_text(report(tail=tail)).sections}
    assert sections["action"] == "In my opinion action should be taken to prevent future deaths."
    assert sections["response"].endswith("within 56 days of the date of this report.")
    assert "Chief Coroner" not in sections["response"]
    assert "ACTION SHOULD BE TAKEN" not in sections["concerns"]


def test_each_matter_of_concern_is_an_item_and_the_statutory_lead_in_is_not():
    recs = analyse_text(report()).to_json()["recommendations"]
    assert [(r["number"], r["page"]) for r in recs] == [("1", 1), ("2", 1)]
    assert recs[0]["text"] == (
        "There was no written plan for young people waiting for a second assessment."
    )
    assert all("giving rise to concern" not in r["text"] for r in recs)
    assert all("health.acute" in r["addressees"] or r["addressees"] for r in recs)


def test_a_concern_without_a_list_is_one_item_without_the_lead_in():
    concerns = LEAD_IN + "The crossing had no railings, and pupils crossed from the wrong side.\n"
    recs = analyse_text(report(concerns=concerns)).recommendations
    assert [r.recommendation.text for r in recs] == [
        "The crossing had no railings, and pupils crossed from the wrong side."
    ]


def test_a_lead_in_that_runs_on_into_the_concern_keeps_only_the_concern():
    concerns = (
        "During the course of the investigation my inquiries revealed matters giving rise to "
        "concern,\nnamely that the ambulance service does not triage falls from height as "
        "urgent.\n"
    )
    recs = analyse_text(report(concerns=concerns)).recommendations
    assert [r.recommendation.text for r in recs] == [
        "the ambulance service does not triage falls from height as urgent."
    ]


def test_numbers_misread_or_spaced_by_a_scanner_still_number_the_concerns():
    concerns = LEAD_IN + (
        "(l) The discharge letter did not reach the family doctor.\n"
        "(2 ) Nobody checked whether the follow-up appointment had been kept.\n"
    )
    recs = analyse_text(report(concerns=concerns)).recommendations
    assert [r.recommendation.number for r in recs] == ["1", "2"]


def test_concerns_listed_body_by_body_are_each_an_item_addressed_to_their_body():
    concerns = LEAD_IN + (
        "Chief Constable, Eastwold Police\n"
        "1. Officers did not know the boy was missing from care.\n"
        "2. The call was graded as routine although he was twelve.\n"
        "Director of Children's Services, Eastwold Council\n"
        "1. The placement had no plan for the nights he went missing.\n"
    )
    sent_to = "1. Chief Constable, Eastwold Police 2. Director of Children's Services, Eastwold"
    recs = analyse_text(report(sent_to=sent_to + " Council", concerns=concerns)).recommendations
    assert [r.recommendation.number for r in recs] == ["1", "2", "1"]
    assert recs[0].recommendation.addressees == ("police",)
    assert recs[2].recommendation.addressees == ("childrens_social_care",)
    assert "Eastwold Council" not in recs[1].recommendation.text


def test_addressees_are_one_per_body_with_titles_and_addresses_kept_with_their_body():
    assert pfd.split_addressees(
        "1. Chief Executive, Eastwold NHS Trust 2. Secretary of State for Education 1"
    ) == ["Chief Executive, Eastwold NHS Trust", "Secretary of State for Education"]
    assert pfd.split_addressees("Fenmarsh Council; Wyle Ambulance Service") == [
        "Fenmarsh Council",
        "Wyle Ambulance Service",
    ]
    assert pfd.split_addressees(
        "Ms Jo Bright\nChief Executive\nEastwold Hospital NHS Trust\n14 Mill Lane\nEastwold\n"
        "EW1 2AB"
    ) == ["Ms Jo Bright, Chief Executive, Eastwold Hospital NHS Trust, Eastwold"]
    assert pfd.split_addressees("The Fenmarsh Safety Board; EWPC") == [
        "The Fenmarsh Safety Board",
        "EWPC",
    ]
    assert pfd.split_addressees("1 , Chief Executive, Wyle Care Ltd 1") == [
        "Chief Executive, Wyle Care Ltd"
    ]
    out = analyse_text(report(sent_to="Fenmarsh Council; Wyle Ambulance Service")).to_json()
    assert out["addressees"] == ["Fenmarsh Council", "Wyle Ambulance Service"]


def age_of(investigation: str, circumstances: str = "He died at the scene.") -> float | None:
    return analyse_text(report(investigation=investigation, circumstances=circumstances)).to_json()[
        "child"
    ]["age_years"]


def test_the_deceased_age_is_read_from_the_ways_coroners_state_it():
    opened = "On 4 May 2023 I commenced an investigation into the death of "
    assert age_of(opened + "Tamsin Reed, aged 15.") == 15.0
    assert age_of(opened + "Owen Lake, 51. The inquest concluded in June.") == 51.0
    assert age_of(opened + "Owen Lake who was 39 years of age when he died.") == 39.0
    assert age_of(opened + "Baby Rose Lake, aged 3 days.") == round(3 / 365.25, 2)
    assert age_of(opened + "Mia Stone.", "Mia was a 14-year-old pupil at Wyle Academy.") == 14.0
    assert age_of(opened + "Sam Doe, aged 2\u00bd years.") == 2.5


def test_an_adults_age_is_their_age_not_null():
    opened = "On 4 May 2023 I commenced an investigation into the death of "
    assert age_of(opened + "Edith Moss, aged 84.") == 84.0


def test_the_age_is_computed_from_dates_of_birth_and_death():
    opened = "On 4 May 2023 I commenced an investigation into the death of "
    lived = (date(2020, 9, 1) - date(1964, 3, 2)).days / 365.25
    assert age_of(opened + "Cal Dunn (DOB 02.03.64 DOD 01.09.20).") == round(lived, 2)
    assert age_of(opened + "Ria Holt, born on 1 June 2008, who died on 1 December 2023.") == 15.5


def test_a_date_of_birth_alone_is_read_against_the_day_the_investigation_opened():
    age = age_of(
        "On 4 May 2023 I commenced an investigation into the death of Ria Holt.",
        "Ria was born in Fenmarsh on 2 May 2008.",
    )
    assert age == 15.0


def test_another_persons_age_or_an_age_in_the_deceaseds_history_is_not_their_age():
    opened = "On 4 May 2023 I commenced an investigation into the death of Ria Holt. "
    assert age_of(opened, "Her mother, aged 42, found her in the morning.") is None
    assert age_of(opened, "Ria had been known to the service since the age of 12.") is None
    assert age_of(opened, "She was first diagnosed aged 13 in 2019.") is None
    assert age_of(opened, "Ria kept a social worker until she reached 18 years old.") is None
    assert age_of(opened, "The driver, a 19-year-old, was not injured.") is None


def test_no_age_is_given_when_the_report_states_none():
    assert age_of("I commenced an investigation into the death of Ria Holt.") is None


def test_a_case_review_that_mentions_the_coroners_report_is_not_one():
    review = (
        "Serious Case Review: Child K\nEastwold Safeguarding Children Board\n\n"
        "The coroner sent a Regulation 28 report to prevent future deaths to the trust.\n"
        "Circumstances of the death\nChild K died at home aged 2.\n"
        "Recommendations\n1. The board should ask the trust how it answered the coroner's "
        "concerns.\n"
    )
    out = analyse_text(review).to_json()
    assert out["review_type"] == "SCR" and out["sections"] == []


def test_the_form_may_be_spread_over_pages_by_the_reader():
    document = text_document(report(), name="pfd.txt")
    read = pfd.read_pfd(document)
    assert read is not None and [s.name for s in read.sections][:2] == ["sent_to", "investigation"]


def test_a_list_run_into_the_lead_in_paragraph_is_still_one_item_per_number():
    concerns = (
        "During the course of the inquest the evidence revealed matters giving rise to concern. "
        "In the circumstances it is my statutory duty to report to you; the MATTERS OF CONCERN "
        "as follows. \u2013 1. The ward had no plan for missing patients. 2. Nobody rang the "
        "family when she left. 3. The police were told two hours later.\n"
    )
    recs = analyse_text(report(concerns=concerns)).recommendations
    assert [(r.recommendation.number, r.recommendation.text) for r in recs] == [
        ("1", "The ward had no plan for missing patients."),
        ("2", "Nobody rang the family when she left."),
        ("3", "The police were told two hours later."),
    ]


def test_a_list_number_left_alone_on_its_line_stays_with_its_item():
    concerns = LEAD_IN + (
        "\u2013 1.\n\nThe ward had no plan for missing patients.\n\n2.\n\n"
        "Nobody rang the family when she left.\n"
    )
    recs = analyse_text(report(concerns=concerns)).recommendations
    assert [r.recommendation.number for r in recs] == ["1", "2"]
    assert recs[1].recommendation.text == "Nobody rang the family when she left."


def test_the_newer_wording_of_the_lead_in_is_not_a_concern_either():
    concerns = (
        "During the course of the inquest the evidence revealed matters giving rise to concern "
        "that circumstances creating a risk of other deaths will occur, or will continue to "
        "exist, in the future.\n1. The school had no plan for pupils with allergies.\n"
        "2. Staff had not been shown how to use the pen.\n"
    )
    recs = analyse_text(report(concerns=concerns)).recommendations
    assert [r.recommendation.number for r in recs] == ["1", "2"]


def test_the_report_date_is_read_from_the_signature_when_the_top_has_none():
    text = report(
        tail="8 COPIES and PUBLICATION\nI have sent a copy to the family.\n"
        "9 Dated: 14 March 2024\nAlex Hart\n"
    )
    text = text.replace("Date of report: 12 March 2024\n", "")
    out = analyse_text(text).to_json()
    assert out["report_date"] == "2024-03-14" and out["year_published"] == 2024


def test_a_pdf_of_the_form_with_its_numbers_above_the_headings_is_read_by_section():
    lines = [
        "REGULATION 28 REPORT TO PREVENT FUTURE DEATHS",
        "THIS REPORT IS BEING SENT TO:",
        "Chief Executive, Wyle Hospital NHS Trust",
        "1",
        "CORONER",
        "I am Alex Hart, Senior Coroner for the area of Fenmarsh.",
        "3",
        "INVESTIGATION and INQUEST",
        "I commenced an investigation into the death of Joe Lane, aged 17.",
        "4",
        "CIRCUMSTANCES OF THE DEATH",
        "Joe fell from a bridge on his way home.",
        "5",
        "CORONER'S CONCERNS",
        "1. The bridge has no barrier on its east side.",
        "2. The path is not lit after dark.",
    ]
    document = read_document(pdf_bytes([lines]), "pfd.pdf", max_bytes=LIMIT)
    out = analyse(document).to_json()
    sections = {s["name"]: s["text"] for s in out["sections"]}
    assert sections["circumstances"] == "Joe fell from a bridge on his way home."
    assert out["child"]["age_years"] == 17.0 and out["coroner_area"] == "Fenmarsh"
    assert [r["number"] for r in out["recommendations"]] == ["1", "2"]


def test_concerns_numbered_in_roman_numerals_are_one_item_each():
    concerns = LEAD_IN + (
        "i) The gate to the river path was left unlocked at night.\n"
        "ii) There was no sign warning of deep water. iii) The nearest lifebelt was missing.\n"
    )
    recs = analyse_text(report(concerns=concerns)).recommendations
    assert [(r.recommendation.number, r.recommendation.text) for r in recs] == [
        ("i", "The gate to the river path was left unlocked at night."),
        ("ii", "There was no sign warning of deep water."),
        ("iii", "The nearest lifebelt was missing."),
    ]
