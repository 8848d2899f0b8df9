"""Recurrence by meaning: one lesson in other words is close, one template with another lesson
is not, and a bridging recommendation cannot join two groups. Fictional texts written for
these tests."""

from __future__ import annotations

from casereview.analysis.lessons import (
    LESSON_THRESHOLD,
    lesson_index,
    lesson_terms,
    lesson_text,
)
from casereview.analysis.recurrence import RecurrenceIndex

# A repository's worth of other lessons, so rarity weights are like a real collection's:
# "staff" and "training" are common there, the subjects of each lesson rare.
BACKGROUND = [
    "The partnership should review its procedures on children missing from home.",
    "Managers should record their oversight of home visits in the case file.",
    "Schools should tell the local authority when a pupil's absence persists.",
    "The board should commission training for staff on online grooming.",
    "All staff should receive training on the escalation procedure.",
    "Staff in housing services should be trained to recognise hoarding.",
    "All staff should receive training on recording ethnicity and language.",
    "Training for staff on working with interpreters should be refreshed.",
    "GPs should send a report when they cannot attend a child protection conference.",
    "The partnership should audit how often strategy discussions include health.",
    "Staff should receive training on the threshold document.",
    "Youth workers should receive training on knife crime.",
]


def built(index: RecurrenceIndex, *extra: str) -> RecurrenceIndex:
    index.build((str(n), text) for n, text in enumerate([*BACKGROUND, *extra]))
    return index


def test_babies_and_infants_worded_differently_are_one_lesson() -> None:
    first = "Train practitioners on bruising in non-mobile babies."
    second = (
        "The Board should make sure every practitioner is trained to recognise bruising in "
        "non-mobile infants within six months."
    )
    index = built(lesson_index(), first, second)
    assert index.similarity(first, second) >= LESSON_THRESHOLD
    assert index.cluster_of(str(len(BACKGROUND))) == index.cluster_of(str(len(BACKGROUND) + 1))


def test_the_same_template_with_a_different_lesson_is_not_close() -> None:
    first = "All staff should receive training on recognising disguised compliance."
    second = "All staff should receive training on giving safe sleep advice."
    index = built(lesson_index(), first, second)
    assert index.similarity(first, second) < LESSON_THRESHOLD
    assert index.cluster_of(str(len(BACKGROUND))) != index.cluster_of(str(len(BACKGROUND) + 1))


def test_one_bridging_recommendation_does_not_join_two_groups() -> None:
    sleep = [
        "Health visitors should give parents safe sleep advice at every contact.",
        "At every contact, health visitors must give safe sleep advice to parents.",
    ]
    compliance = [
        "Social workers should be alert to disguised compliance by parents.",
        "Social workers must recognise disguised compliance in parents.",
    ]
    bridge = (
        "Health visitors and social workers should give safe sleep advice and be alert to "
        "disguised compliance by parents."
    )
    texts = [*sleep, *compliance, bridge]
    first = len(BACKGROUND)
    index = built(lesson_index(), *texts)
    assert index.cluster_of(str(first)) == index.cluster_of(str(first + 1))
    assert index.cluster_of(str(first + 2)) == index.cluster_of(str(first + 3))
    assert index.cluster_of(str(first)) != index.cluster_of(str(first + 2))
    # The same items with bridges allowed to merge: the bridge joins the two lessons, which
    # is what the rule above prevents.
    merging = built(
        RecurrenceIndex(threshold=LESSON_THRESHOLD, featurise=lesson_terms, merge_bridges=True),
        *texts,
    )
    assert merging.cluster_of(str(first)) == merging.cluster_of(str(first + 2))


def test_the_template_is_removed_before_comparing() -> None:
    text = (
        "Recommendation 4: The Safeguarding Partnership should seek assurance from partner "
        "agencies that health visitors ask about safe sleep at every contact, and report "
        "progress to the Board within six months of publication."
    )
    lesson = lesson_text(text)
    assert "Partnership should" not in lesson
    assert "assurance" not in lesson
    assert "six months" not in lesson
    assert "safe sleep" in lesson
    assert "~safesleep" in lesson_terms(text)
