"""Each recommendation gets one mechanism (A1-A11), with the verbatim words that gave it."""

from __future__ import annotations

import pytest

from casereview.analysis.coding import code_recommendation, shipped_rules

# Fictional recommendations, one or more per mechanism, in the phrasing real reports use.
EXAMPLES = [
    (
        "A1",
        "The Partnership should review and update its escalation procedure.",
        "review and update its escalation procedure",
    ),
    (
        "A1",
        "A multi-agency protocol for responding to unexplained injuries should be agreed.",
        "protocol",
    ),
    (
        "A2",
        "All agencies should ensure that frontline staff attend training on coercive control.",
        "training",
    ),
    (
        "A2",
        "Seven-minute briefings on safe sleep should be circulated to all practitioners.",
        "Seven-minute briefings",
    ),
    (
        "A3",
        "Children's Social Care should ensure that reflective supervision is provided monthly.",
        "supervision",
    ),
    ("A3", "The local authority should dip sample open child in need cases.", "dip sample"),
    (
        "A4",
        "Health partners should improve the sharing of information with the school nursing team.",
        "sharing of information",
    ),
    (
        "A4",
        "GP practices should add an alert to the records of children on a protection plan.",
        "alert",
    ),
    (
        "A5",
        "Assessments should weigh the family's history and the cumulative harm to the child.",
        "Assessments",
    ),
    (
        "A6",
        "Agencies should use the escalation route when they disagree with a decision.",
        "escalation",
    ),
    (
        "A6",
        "The police should attend every strategy discussion about a child under one.",
        "strategy discussion",
    ),
    (
        "A7",
        "Practitioners should see the child alone and record the voice of the child.",
        "voice of the child",
    ),
    (
        "A7",
        "The health visiting service should engage with fathers at every contact.",
        "engage with fathers",
    ),
    (
        "A8",
        "The local authority should reduce social work caseloads in the assessment teams.",
        "caseloads",
    ),
    ("A8", "The trust should set out a plan for the recruitment of school nurses.", "recruitment"),
    (
        "A9",
        "Health commissioners should commission a specialist perinatal mental health service.",
        "commission",
    ),
    (
        "A10",
        "The Board should seek assurance that the action plan from this review is implemented.",
        "action plan",
    ),
    ("A10", "The Partnership should review the timeliness of its rapid reviews.", "rapid reviews"),
    (
        "A11",
        "The Department for Education should consider legislation on home education.",
        "legislation",
    ),
    ("A11", "National guidance on bruising in babies should be strengthened.", "National guidance"),
]


@pytest.mark.parametrize(("mechanism", "text", "words"), EXAMPLES)
def test_it_codes_the_mechanism_with_the_words_that_triggered_it(mechanism, text, words):
    coding = code_recommendation(text)
    assert coding.mechanism == mechanism
    triggered = [t.words for t in coding.triggers if t.code == mechanism]
    assert words in triggered
    for w in triggered:
        assert w in text  # verbatim, in the text's own case


def test_every_mechanism_is_exercised_by_an_example():
    assert {m for m, _, _ in EXAMPLES} == {f"A{n}" for n in range(1, 12)}


def test_the_instrument_in_the_verb_phrase_outweighs_the_topic():
    coding = code_recommendation(
        "The Partnership should deliver training on the new procedure for escalation."
    )
    assert coding.mechanism == "A2"


def test_a_national_addressee_makes_any_topic_national_policy():
    coding = code_recommendation("NHS England should consider the training of GP receptionists.")
    assert coding.mechanism == "A11"
    assert coding.addressees == ("national_bodies",)


def test_a_measure_added_after_the_action_does_not_change_the_mechanism():
    plain = code_recommendation("The local authority should reduce social work caseloads.")
    measured = code_recommendation(
        "The local authority should reduce social work caseloads, with progress measured "
        "through the performance dataset and evidenced through an audit."
    )
    assert plain.mechanism == measured.mechanism == "A8"


def test_with_no_words_it_gives_the_documented_default_and_no_trigger():
    coding = code_recommendation("Things should be better.")
    assert coding.mechanism == shipped_rules().default_mechanism
    assert not [t for t in coding.triggers if t.code == coding.mechanism]
    assert coding.scores == ()


def test_scores_list_the_runners_up_best_first():
    coding = code_recommendation(
        "The Partnership should provide training on information sharing and recording."
    )
    codes = [code for code, _ in coding.scores]
    assert codes[0] == coding.mechanism
    assert "A4" in codes
    values = [score for _, score in coding.scores]
    assert values == sorted(values, reverse=True)


def test_hyphens_read_as_question_marks_or_left_out_still_match():
    for text in (
        "The Board should run multi?agency training on neglect.",
        "The Board should run multiagency training on neglect.",
    ):
        coding = code_recommendation(text)
        assert coding.mechanism == "A2"
        assert coding.level == "multi-agency"


def test_an_empty_text_gets_the_default_codes():
    coding = code_recommendation("")
    assert coding.mechanism == shipped_rules().default_mechanism
    assert coding.flags == ()
