"""With average linkage an item joins a group only when it is, on average, as close as the
threshold to the group's members: a group whose members differ cannot be joined by a text
close to one of them alone, as it can when only the centroid counts."""

from __future__ import annotations

from casereview.analysis.recurrence import RecurrenceIndex, terms

SLEEP_AND_BABIES = "Health visitors should discuss safe sleep with parents of newborn babies."
SLEEP_AND_SMOKING = "Health visitors should discuss safe sleep and smoking with parents."
BABIES_ONLY = "Midwives should discuss newborn babies with parents."
# Between the third text's cosine to the first two's centroid (about 0.40) and its mean
# similarity to them (about 0.37).
THRESHOLD = 0.385


def clusters(average: bool) -> dict[str, str]:
    index = RecurrenceIndex(
        threshold=THRESHOLD, featurise=terms, merge_bridges=False, average_linkage=average
    )
    return index.build(
        [
            ("sleep-babies", SLEEP_AND_BABIES),
            ("sleep-smoking", SLEEP_AND_SMOKING),
            ("babies", BABIES_ONLY),
        ]
    )


def test_a_text_close_to_one_member_alone_does_not_join_with_average_linkage() -> None:
    found = clusters(average=True)
    assert found["sleep-smoking"] == found["sleep-babies"]
    assert found["babies"] != found["sleep-babies"]


def test_the_centroid_alone_lets_it_join() -> None:
    found = clusters(average=False)
    assert found["babies"] == found["sleep-babies"]
