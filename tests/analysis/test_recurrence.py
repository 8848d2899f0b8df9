"""Recurrence clusters: fictional near-duplicate recommendations written for these tests."""

from __future__ import annotations

import inspect

import pytest

from casereview.analysis import recurrence
from casereview.analysis.recurrence import (
    SIMILARITY_THRESHOLD,
    RecurrenceIndex,
    features,
    stem,
    terms,
)

# Fictional lessons, each worded with every template: a lesson's items must cluster together
# and apart from the other lessons that share their templates.
TEMPLATES = (
    "{n}. The partnership should ensure that all staff receive training on {topic}.",
    "Multi-agency training on {topic} must be delivered to practitioners.",
    "R{n}: The safeguarding partners should review the procedures on {topic}.",
    "Managers should provide and record oversight of {topic}.",
)
TOPICS = {
    "bruise": "bruising in non-mobile babies",
    "sleep": "safe sleep advice given to new parents",
    "tenancy": "sharing tenancy information with the housing service",
    "absent": "pupils who are repeatedly absent from school",
    "fathers": "involving fathers and male carers in assessments",
    "missing": "return interviews for teenagers who go missing from home",
    "drugs": "parental drug and alcohol misuse",
    "interpret": "using interpreters when families speak little English",
    "disability": "recognising abuse of disabled children",
    "online": "online grooming and sexual exploitation",
    "dogs": "dangerous dogs kept in family homes",
    "cleaning": "cleanliness and hygiene of the home environment",
}
LESSONS = [
    (f"{key}-{k}", template.format(n=k + 1, topic=topic))
    for k, template in enumerate(TEMPLATES)
    for key, topic in TOPICS.items()
]
UNRELATED = [
    ("u1", "The school should keep its admissions register on paper for a year."),
    ("u2", "The police should review how quickly custody records reach the local authority."),
]
EVERYTHING = LESSONS + UNRELATED


def partition(assigned: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for item, cluster in assigned.items():
        groups.setdefault(cluster, set()).add(item)
    return {frozenset(g) for g in groups.values()}


def test_the_threshold_is_a_documented_constant_within_the_cosine_range() -> None:
    assert 0.0 < SIMILARITY_THRESHOLD < 1.0
    source = inspect.getsource(recurrence)
    comment = source.split("SIMILARITY_THRESHOLD =")[0].rsplit("\n\n", 1)[-1]
    assert "precision" in comment and "recall" in comment
    assert "precision" in (RecurrenceIndex.__doc__ or "")


def test_stemming_brings_word_forms_together_without_merging_short_words() -> None:
    assert stem("escalating") == stem("escalation") == stem("escalated")
    assert stem("bruises") == stem("bruising")
    assert stem("babies") == stem("baby")
    assert stem("care") == "care"


def test_terms_drop_labels_numbers_stop_words_and_names_of_places() -> None:
    assert terms("3. The Kelderby Partnership should review GP training by March 2026.") == [
        stem("review"),
        "gp",
        stem("training"),
    ]
    assert terms("(b) Training on X")[0] == stem("training")


def test_features_add_adjacent_pairs() -> None:
    assert features("safe sleep advice") == [
        "safe",
        "sleep",
        stem("advice"),
        "safe sleep",
        f"sleep {stem('advice')}",
    ]


def test_reworded_recommendations_on_one_lesson_cluster_together() -> None:
    groups = partition(RecurrenceIndex().build(EVERYTHING))
    for key in TOPICS:
        assert frozenset(f"{key}-{k}" for k in range(len(TEMPLATES))) in groups


def test_unrelated_recommendations_stay_apart() -> None:
    assigned = RecurrenceIndex().build(EVERYTHING)
    assert assigned["u1"] == "u1"
    assert assigned["u2"] == "u2"
    assert len(set(assigned.values())) == len(TOPICS) + 2


def test_a_cluster_is_named_after_its_earliest_member() -> None:
    assigned = RecurrenceIndex().build(EVERYTHING)
    assert assigned["bruise-3"] == "bruise-0"


def test_adding_items_one_review_at_a_time_gives_the_clusters_of_a_rebuild() -> None:
    rebuilt = RecurrenceIndex().build(EVERYTHING)
    index = RecurrenceIndex()
    index.build(EVERYTHING[:24])
    index.add(EVERYTHING[24:30])
    index.add(EVERYTHING[30:])
    assert index.assignments() == rebuilt


def test_add_reports_the_new_items_and_only_them_when_nothing_merges() -> None:
    index = RecurrenceIndex()
    index.build(EVERYTHING[:36])
    changed = index.add(EVERYTHING[36:38])
    assert changed == {"bruise-3": "bruise-0", "sleep-3": "sleep-0"}


def test_a_bridging_item_merges_the_clusters_it_joins() -> None:
    # Two halves of one lesson, worded too differently to meet, and then an item that says both.
    first = ("x1", "Agencies should improve the escalation of professional disagreements.")
    second = (
        "x2",
        "Agencies should improve how concerns are escalated when professionals "
        "disagree about risk to the child.",
    )
    bridge = (
        "x3",
        "Agencies should improve the escalation of professional disagreements and "
        "of concerns when professionals disagree about risk to the child.",
    )
    index = RecurrenceIndex(threshold=0.6)
    assigned = index.build([first, second])
    assert assigned["x1"] != assigned["x2"]
    changed = index.add([bridge])
    assert changed == {"x2": "x1", "x3": "x1"}
    assert index.clusters() == {"x1": ["x1", "x2", "x3"]}


def test_an_item_already_indexed_is_refused() -> None:
    index = RecurrenceIndex()
    index.build(EVERYTHING)
    with pytest.raises(ValueError, match="already"):
        index.add([EVERYTHING[0]])


def test_nearest_lists_the_closest_items_first_with_their_clusters() -> None:
    index = RecurrenceIndex()
    index.build(EVERYTHING)
    found = index.nearest("Deliver briefings to GPs about bruising in non-mobile babies.", 6)
    assert {n.item_id for n in found[:4]} == {f"bruise-{k}" for k in range(4)}
    assert all(n.cluster_id == "bruise-0" for n in found[:4])
    sims = [n.similarity for n in found]
    assert sims == sorted(sims, reverse=True)
    assert len(found) == 4 or found[4].similarity < found[3].similarity


def test_nearest_of_a_text_with_only_new_words_finds_nothing() -> None:
    index = RecurrenceIndex()
    index.build(EVERYTHING)
    assert index.nearest("Zebras quarrel violently.", 3) == []


def test_restore_reloads_stored_clusters_and_keeps_adding_to_them() -> None:
    index = RecurrenceIndex()
    stored = index.build(EVERYTHING[:36])
    rows = [(i, text, stored[i]) for i, text in EVERYTHING[:36]]
    restored = RecurrenceIndex()
    restored.restore(rows)
    assert restored.assignments() == stored
    assert restored.add(EVERYTHING[36:]) == index.add(EVERYTHING[36:])
