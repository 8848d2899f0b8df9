"""The lesson vocabulary covers the whole of safeguarding practice, not a few topics: bodies,
posts, processes, harms and groups that professionals name in several ways are one concept,
and so are the words for one kind of corrective obligation (widen, revise, put in place).
Fictional texts written for these tests, from public guidance's own terms."""

from __future__ import annotations

import pytest

from casereview.analysis.lessons import (
    CONCEPT_MARK,
    LESSON_THRESHOLD,
    lesson_index,
    lesson_terms,
)
from tests.analysis.test_recurrence_by_meaning import BACKGROUND


def concepts(text: str) -> set[str]:
    return {t for t in lesson_terms(text) if t.startswith(CONCEPT_MARK)}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("looked after children", "children in care"),
        ("the youth offending team", "the youth justice service"),
        ("the clinical commissioning group", "the integrated care board"),
        ("CAMHS", "child and adolescent mental health services"),
        ("modern slavery", "trafficking"),
        ("an early help assessment", "the common assessment framework"),
        ("the LADO", "the local authority designated officer"),
        ("a return home interview", "children who go missing from home"),
        ("harmful sexual behaviour", "sexualised behaviour"),
        ("special guardians", "kinship carers"),
    ],
)
def test_one_body_process_or_harm_named_two_ways_is_one_concept(one: str, other: str) -> None:
    assert concepts(one) and concepts(one) == concepts(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Extend the protocol to siblings.", "Widen the protocol to siblings."),
        ("Update the escalation policy.", "Revise the escalation policy."),
        ("Put in place a protocol for pre-birth work.", "Develop a protocol for pre-birth work."),
    ],
)
def test_one_corrective_obligation_in_other_words_is_one_term(one: str, other: str) -> None:
    assert lesson_terms(one) == lesson_terms(other)


def test_auditing_an_arrangement_and_widening_it_are_told_apart() -> None:
    audit = concepts("Audit the use of the bruising protocol.")
    extend = concepts("Extend the bruising protocol to siblings.")
    assert "~audit" in audit - extend
    assert "~extend" in extend - audit


def test_one_lesson_worded_with_the_bodies_of_two_eras_is_close() -> None:
    first = (
        "The integrated care board should commission more CAMHS capacity for young people "
        "who self-harm."
    )
    second = (
        "Clinical commissioning groups must fund further child and adolescent mental health "
        "services for teenagers who self-harm."
    )
    index = lesson_index()
    index.build((str(n), text) for n, text in enumerate([*BACKGROUND, first, second]))
    assert index.similarity(first, second) >= LESSON_THRESHOLD
    assert index.cluster_of(str(len(BACKGROUND))) == index.cluster_of(str(len(BACKGROUND) + 1))


def test_being_alert_to_signs_is_recognising_them_not_telling_another_agency() -> None:
    alert = lesson_terms("Health visitors should be alert to signs of neglect.")
    assert alert == lesson_terms("Health visitors should recognise signs of neglect.")
    assert "~notify" not in alert
