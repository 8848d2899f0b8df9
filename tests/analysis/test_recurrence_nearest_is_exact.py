"""`nearest` skips most of the repository yet lists the neighbours that scoring every item
would list: the same items, in the same order, with the same similarities."""

from __future__ import annotations

import inspect
import math
import random
from collections import Counter

import pytest

from casereview.analysis import recurrence
from casereview.analysis.recurrence import (
    NEAREST_FLOOR,
    SIMILARITY_THRESHOLD,
    Neighbour,
    RecurrenceIndex,
    features,
)
from tests.analysis.test_recurrence_clusters_are_exact import reference_vectors, synthetic_items

# Item weights are kept in single precision: similarities agree to about 1e-7.
CLOSE = 2e-6


def queries(items: list[tuple[str, str]], seed: int) -> list[str]:
    """Texts held, halves of two texts joined (partly like many), and short texts made of the
    commonest words or of words never seen (like almost nothing)."""
    rng = random.Random(seed)
    texts = [text for _, text in items]
    mixed = []
    for _ in range(12):
        first, second = (t.split() for t in rng.sample(texts, 2))
        mixed.append(" ".join(first[: len(first) // 2] + second[len(second) // 2 :]))
    short = [
        "Ensure that staff receive training.",
        "The partnership should report to the board.",
        "Practitioners.",
        "Zebras quarrel violently about training.",
        "Zebras quarrel violently.",
    ]
    return rng.sample(texts, 12) + mixed + short


class ByHand:
    """Every item's similarity to a query, from vectors weighted as the index weighs them."""

    def __init__(self, items: list[tuple[str, str]], built: int) -> None:
        self.ids = [item_id for item_id, _ in items]
        texts = [text for _, text in items]
        self.vectors = reference_vectors(texts, built)
        self.df: Counter[str] = Counter()
        for text in texts:
            self.df.update(set(features(text)))

    def query(self, text: str) -> dict[str, float]:
        n, df = len(self.ids), self.df

        def idf(word: str) -> float:
            # A word never seen weighs the most of all: it matches nothing but counts in the norm.
            return math.log((1 + n) / (1 + df[word])) + 1.0 if df[word] else math.log(1 + n) + 1

        raw = {word: tf * idf(word) for word, tf in Counter(features(text)).items()}
        norm = math.sqrt(sum(w * w for w in raw.values()))
        return {word: w / norm for word, w in raw.items() if df[word]} if norm else {}

    def scores(self, text: str) -> list[tuple[float, int, str]]:
        """Best first; ties: the earlier item first."""
        asked = self.query(text)
        scores = [
            (sum(w * vec.get(word, 0.0) for word, w in asked.items()), pos, self.ids[pos])
            for pos, vec in enumerate(self.vectors)
        ]
        return sorted(scores, key=lambda s: (-s[0], s[1]))


def assert_same_neighbours(
    found: list[Neighbour], everyone: list[tuple[float, int, str]], k: int
) -> None:
    expected = [s for s in everyone if s[0] >= NEAREST_FLOOR][:k]
    assert len(found) == len(expected)
    assert [n.similarity for n in found] == pytest.approx([s[0] for s in expected], abs=CLOSE)
    truth = {item_id: score for score, _, item_id in everyone}
    for neighbour in found:
        assert truth[neighbour.item_id] == pytest.approx(neighbour.similarity, abs=CLOSE)
    # Items tied with the last one listed (within rounding) may stand in for each other.
    if expected:
        clear = {item_id for score, _, item_id in expected if score > expected[-1][0] + CLOSE}
        assert clear <= {n.item_id for n in found}


@pytest.mark.parametrize("k", (1, 5, 25, 200))
def test_nearest_lists_what_scoring_every_item_lists(k: int) -> None:
    items = synthetic_items(1500, seed=3)
    index = RecurrenceIndex()
    index.build(items)
    by_hand = ByHand(items, len(items))

    for query in queries(items, seed=k):
        assert_same_neighbours(index.nearest(query, k), by_hand.scores(query), k)


def test_nearest_lists_what_scoring_every_item_lists_after_additions() -> None:
    # Short additions weigh the common words more than anything built had: bounds learnt by
    # earlier queries must take them in.
    items = synthetic_items(800, seed=5)
    index = RecurrenceIndex()
    index.build(items)
    asked = queries(items, seed=5)
    for query in asked:
        index.nearest(query, 10)
    added = [
        ("a1", "Training."),
        ("a2", "Staff training."),
        ("a3", "The partnership should audit."),
        ("a4", "Practitioners should report."),
    ]
    index.add(added)
    by_hand = ByHand(items + added, len(items))

    for query in asked:
        assert_same_neighbours(index.nearest(query, 10), by_hand.scores(query), 10)


def test_ties_list_the_earlier_item_first() -> None:
    text = "Agencies should audit strategy discussions."
    index = RecurrenceIndex()
    index.build([("z", text), ("m", "Other words entirely."), ("a", text)])

    found = index.nearest(text, 2)

    assert [n.item_id for n in found] == ["z", "a"]
    assert found[0].similarity == found[1].similarity


def test_nearest_lists_nothing_below_the_floor() -> None:
    items = synthetic_items(400, seed=9)
    index = RecurrenceIndex()
    index.build(items)
    query = "Zebras quarrel violently about training."
    best = ByHand(items, len(items)).scores(query)[0][0]
    assert 0 < best < NEAREST_FLOOR  # it shares a word, but hardly anything more

    assert index.nearest(query, 5) == []


def test_the_floor_is_a_documented_constant_well_below_the_threshold() -> None:
    assert 0.0 < NEAREST_FLOOR < SIMILARITY_THRESHOLD / 2
    source = inspect.getsource(recurrence)
    comment = source.split("NEAREST_FLOOR =")[0].rsplit("\n\n", 1)[-1]
    assert "mislead" in comment


def test_asking_for_no_neighbours_or_with_no_known_words_finds_none() -> None:
    index = RecurrenceIndex()
    index.build(synthetic_items(50, seed=1))

    assert index.nearest("Ensure staff receive training on safe sleep.", 0) == []
    assert features("1. (a)") == []
    assert index.nearest("1. (a)", 5) == []
