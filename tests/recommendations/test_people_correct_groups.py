"""People correct the groups of recurring recommendations (issue 19, item 5): the national panel
and a board's managers and chair take a recommendation out of its group, move it to another or
merge two groups, each with a reason; the correction is audited, kept as labelled pairs, and
stays in force through a full rebuild and later ingests, while the machine's own groups are kept
apart to be measured against those pairs."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview import cli
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.audit.services import WITHHELD
from casereview.recommendations.corrections import evaluation
from casereview.recommendations.models import (
    MAX_REASON_CHARS,
    GroupChange,
    GroupCorrection,
    GroupingLabel,
    Recommendation,
)
from casereview.recommendations.recurrence import cluster_new, rebuild
from casereview.recommendations.services import store_recommendations
from casereview.repository.services import ingest_file
from tests.conftest import Personas, signed_in_client
from tests.recommendations.test_storing_recommendations import Analysed, coded

pytestmark = pytest.mark.django_db

# Each group is worded so that any measure of likeness groups it (one lesson with a word or two
# changed), so that these tests are about people's corrections, not about the machine.
TRAINING = [
    "Practitioners working with babies should be trained to recognise bruising in non-mobile "
    "infants.",
    "Practitioners working with babies must be trained to recognise bruising in non-mobile "
    "infants.",
    "All practitioners working with babies should be trained to recognise bruising in "
    "non-mobile infants.",
]
SLEEP = [
    "Health visitors should give every family with a new baby advice on safe sleep.",
    "Health visitors must give every family with a new baby advice on safe sleep.",
]
# Grouped by the machine, but two lessons: one asks for an audit of the protocol's use, the
# other for it to reach the siblings of an injured child.
PROTOCOL = [
    "The partnership should audit how the bruising protocol is used.",
    "The partnership should audit how the bruising protocol is used for the siblings of "
    "injured children.",
]
PROTOCOL_AGAIN = "The partnership must audit how the bruising protocol is used."
ALONE = "GPs should flag repeated missed appointments for children under five."
LATER_TRAINING = (
    "Every practitioner working with babies should be trained to recognise bruising in "
    "non-mobile infants."
)


def review(year: int, texts: list[str], *, board: Any = None, published: bool = True) -> Any:
    body = f"A fictional review of {year}: {texts[0][:30]}".encode()
    document = ingest_file(body, f"{year}-{texts[0][:8]}.txt", published=published).document
    assert document is not None
    document.year_published, document.board = year, board
    document.save()
    store_recommendations(
        document, Analysed(tuple(coded(str(n), t, 1) for n, t in enumerate(texts, 1)))
    )
    cluster_new(Recommendation.objects.filter(document=document))
    return document


def rec(text: str) -> Recommendation:
    return Recommendation.objects.select_related("document").get(text=text)


def together(*texts: str) -> bool:
    return len({rec(t).cluster for t in texts}) == 1


def correct(client: Client, of: str, change: str, into: str = "", reason: str = "") -> Any:
    form = {"change": change, "reason": reason or "Not the same lesson: the wording misleads."}
    if into:
        form["group"] = str(rec(into).pk)
    return client.post(reverse("recommendations:regroup", kwargs={"pk": rec(of).pk}), form)


@pytest.fixture
def grouped(files_dir: Any, personas: Personas) -> Personas:
    """In board A's published reviews: three wordings of one training lesson, two of safe sleep
    advice, each a group, and two lessons about the bruising protocol grouped as one."""
    review(2016, [TRAINING[0], ALONE], board=personas.board_a)
    review(2017, [TRAINING[1], SLEEP[0], PROTOCOL[0]], board=personas.board_a)
    review(2018, [TRAINING[2], SLEEP[1], PROTOCOL[1]], board=personas.board_a)
    rebuild()  # the machine's groups as a full rebuild makes them
    assert together(*TRAINING) and together(*SLEEP) and together(*PROTOCOL)
    assert not together(TRAINING[0], SLEEP[0]) and not together(TRAINING[0], PROTOCOL[0])
    return personas


def test_a_panel_member_takes_a_recommendation_out_of_its_group(grouped: Personas) -> None:
    machine_group = rec(PROTOCOL[1]).cluster
    reason = "One audits the protocol, the other extends it to siblings."

    response = correct(signed_in_client(grouped.priya), PROTOCOL[1], "taken_out", reason=reason)

    assert response.status_code == 302
    assert not together(*PROTOCOL)
    # The machine's grouping is kept apart from the grouping in force.
    assert {rec(t).machine_cluster for t in PROTOCOL} == {machine_group}
    event = Event.objects.get(action=Action.RECOMMENDATION_REGROUPED)
    assert event.actor == grouped.priya
    assert event.data["reason"] == reason
    assert "out of its group" in event.summary
    label = GroupingLabel.objects.get()
    assert (label.first_text, label.second_text) == (PROTOCOL[1], PROTOCOL[0])
    assert not label.same_lesson and label.labelled_by == grouped.priya


def test_a_recommendation_moves_into_another_group(grouped: Personas) -> None:
    client = signed_in_client(grouped.alice)
    page = client.get(reverse("recommendations:regroup", kwargs={"pk": rec(TRAINING[2]).pk}))
    assert SLEEP[0] in page.content.decode()  # the nearby group is offered

    response = correct(client, TRAINING[2], GroupChange.MOVED, into=SLEEP[0])

    assert response.status_code == 302
    assert together(TRAINING[2], *SLEEP) and together(TRAINING[0], TRAINING[1])
    assert not together(TRAINING[0], TRAINING[2])
    # The group's id stays its earliest member's, as the index names groups when restored.
    assert rec(SLEEP[0]).cluster == rec(SLEEP[0]).pk
    labels = {(p.second_text, p.same_lesson) for p in GroupingLabel.objects.all()}
    assert labels == {
        (TRAINING[0], False),
        (TRAINING[1], False),
        (SLEEP[0], True),
        (SLEEP[1], True),
    }
    assert response["Location"].startswith(
        reverse("recommendations:cluster", kwargs={"pk": rec(SLEEP[0]).cluster})
    )


def test_two_groups_merge_into_one(grouped: Personas) -> None:
    response = correct(
        signed_in_client(grouped.priya), SLEEP[1], GroupChange.MERGED, into=TRAINING[0]
    )

    assert response.status_code == 302
    assert together(*TRAINING, *SLEEP)
    assert rec(SLEEP[0]).cluster == rec(TRAINING[0]).pk  # the earliest member names it
    labels = GroupingLabel.objects.all()
    assert len(labels) == 6 and all(p.same_lesson for p in labels)


def test_a_reason_is_required_and_limited_in_size(grouped: Personas) -> None:
    client = signed_in_client(grouped.priya)
    url = reverse("recommendations:regroup", kwargs={"pk": rec(TRAINING[2]).pk})

    blank = client.post(url, {"change": GroupChange.TAKEN_OUT, "reason": "   "})
    too_long = client.post(
        url, {"change": GroupChange.TAKEN_OUT, "reason": "x" * (MAX_REASON_CHARS + 1)}
    )
    no_group = client.post(url, {"change": GroupChange.MOVED, "reason": "It is about audit."})

    assert blank.status_code == too_long.status_code == no_group.status_code == 400
    assert "Say why the group is wrong" in blank.content.decode()
    assert "1,000 characters or fewer" in too_long.content.decode()
    assert "Choose the group it belongs in" in no_group.content.decode()
    assert together(*TRAINING)
    assert not GroupCorrection.objects.exists()
    assert not Event.objects.filter(action=Action.RECOMMENDATION_REGROUPED).exists()


def test_a_recommendation_alone_cannot_be_taken_out_and_nothing_is_kept(
    grouped: Personas,
) -> None:
    response = correct(signed_in_client(grouped.priya), ALONE, GroupChange.TAKEN_OUT)

    assert response.status_code == 400
    assert "the only recommendation in its group" in response.content.decode()
    assert not GroupCorrection.objects.exists()
    assert not GroupingLabel.objects.exists()


def test_board_staff_correct_only_their_own_boards_recommendations(
    files_dir: Any, personas: Personas
) -> None:
    review(2016, [TRAINING[0]], board=personas.board_a)
    review(2017, [TRAINING[1]], board=personas.board_b)
    review(2018, [TRAINING[2]], board=personas.board_a, published=False)
    rebuild()
    alice, charlie = signed_in_client(personas.alice), signed_in_client(personas.charlie)

    # Alice chairs board A: board B's published recommendation is not hers to correct.
    assert correct(alice, TRAINING[1], GroupChange.TAKEN_OUT).status_code == 404
    # Charlie manages board B: he may not see, nor correct, board A's unpublished review.
    assert correct(charlie, TRAINING[2], GroupChange.TAKEN_OUT).status_code == 404
    # Bob is a lead reviewer of board A, not its manager or chair.
    bob = signed_in_client(personas.bob)
    assert correct(bob, TRAINING[0], GroupChange.TAKEN_OUT).status_code == 404
    assert not GroupCorrection.objects.exists()
    # Charlie corrects his own board's recommendation; Alice hers, unpublished.
    assert correct(charlie, TRAINING[1], GroupChange.TAKEN_OUT).status_code == 302
    assert correct(alice, TRAINING[2], GroupChange.TAKEN_OUT).status_code == 302


def test_pairs_are_labelled_only_with_recommendations_the_person_may_see(
    files_dir: Any, personas: Personas
) -> None:
    review(2016, [TRAINING[0]], board=personas.board_b, published=False)
    review(2017, [TRAINING[1]], board=personas.board_a)
    review(2018, [TRAINING[2]], board=personas.board_a)
    rebuild()

    correct(signed_in_client(personas.alice), TRAINING[2], GroupChange.TAKEN_OUT)

    # Alice cannot see board B's unpublished review: she judged only the pair she saw.
    assert [p.second_text for p in GroupingLabel.objects.all()] == [TRAINING[1]]


def test_the_review_page_and_the_group_page_offer_the_correction_to_those_who_may(
    grouped: Personas,
) -> None:
    document = rec(TRAINING[2]).document
    url = reverse("repository:document", kwargs={"ref": document.sha256[:12]})
    group = reverse("recommendations:cluster", kwargs={"pk": rec(TRAINING[0]).cluster})

    assert "Correct its group" in signed_in_client(grouped.priya).get(url).content.decode()
    assert "Correct its group" in signed_in_client(grouped.alice).get(group).content.decode()
    assert "Correct its group" not in Client().get(url).content.decode()
    assert "Correct its group" not in signed_in_client(grouped.charlie).get(group).content.decode()


def test_corrections_stay_in_force_after_a_full_rebuild(grouped: Personas) -> None:
    priya = signed_in_client(grouped.priya)
    correct(priya, TRAINING[2], GroupChange.TAKEN_OUT)
    correct(priya, SLEEP[1], GroupChange.MERGED, into=TRAINING[0])

    rebuild()

    # The machine groups as it did; the corrections are replayed in the order they were made.
    assert len({rec(t).machine_cluster for t in TRAINING}) == 1
    assert rec(TRAINING[0]).machine_cluster != rec(SLEEP[0]).machine_cluster
    assert together(TRAINING[0], TRAINING[1], *SLEEP)
    assert not together(TRAINING[0], TRAINING[2])
    assert rec(TRAINING[0]).cluster == rec(TRAINING[0]).pk


def test_corrections_stay_in_force_when_reviews_are_added_later(grouped: Personas) -> None:
    correct(signed_in_client(grouped.priya), PROTOCOL[1], GroupChange.TAKEN_OUT)

    review(2020, [LATER_TRAINING, PROTOCOL_AGAIN], board=grouped.board_a)

    # New wordings join groups by similarity, as the groups stand corrected.
    later, again = rec(LATER_TRAINING), rec(PROTOCOL_AGAIN)
    assert together(LATER_TRAINING, *TRAINING)
    assert again.cluster in {rec(PROTOCOL[0]).cluster, rec(PROTOCOL[1]).cluster}
    assert not together(*PROTOCOL)
    assert (later.machine_cluster, again.machine_cluster) == (later.cluster, again.cluster)


def test_a_re_analysed_review_keeps_the_correction(grouped: Personas) -> None:
    correct(signed_in_client(grouped.priya), TRAINING[2], GroupChange.TAKEN_OUT)
    document = rec(TRAINING[2]).document
    store_recommendations(document, Analysed((coded("1", TRAINING[2], 1), coded("2", SLEEP[1], 1))))
    cluster_new(Recommendation.objects.filter(document=document))

    rebuild()

    assert not together(TRAINING[0], TRAINING[2]) and together(TRAINING[0], TRAINING[1])


def test_the_evaluation_measures_the_machines_groups_against_the_pairs(
    grouped: Personas,
) -> None:
    priya = signed_in_client(grouped.priya)
    correct(priya, TRAINING[2], GroupChange.TAKEN_OUT)  # 2 pairs the machine grouped, wrongly
    correct(priya, SLEEP[1], GroupChange.MERGED, into=TRAINING[0])  # 4 it kept apart

    result = evaluation()

    assert (result.same, result.different) == (4, 2)
    assert (result.true_positive, result.false_positive, result.false_negative) == (0, 2, 4)
    assert (result.precision, result.recall) == (0.0, 0.0)
    assert result.too_few
    page = priya.get(reverse("recommendations:group-evaluation")).content.decode()
    assert "Pairs judged the same lesson" in page
    assert "Too few pairs have been judged to say much" in page


def test_the_latest_judgement_of_a_pair_is_the_one_measured(grouped: Personas) -> None:
    priya = signed_in_client(grouped.priya)
    correct(priya, TRAINING[2], GroupChange.TAKEN_OUT)
    correct(priya, TRAINING[2], GroupChange.MOVED, into=TRAINING[0])

    result = evaluation()

    # Both pairs were first judged apart, then the same lesson: the machine had them right.
    assert (result.same, result.different, result.true_positive) == (2, 0, 2)
    assert result.precision == result.recall == 1.0


def test_the_recluster_command_says_it_made_the_corrections_again(
    grouped: Personas, capsys: Any
) -> None:
    correct(signed_in_client(grouped.priya), PROTOCOL[1], GroupChange.TAKEN_OUT)

    assert cli.main(["recluster"]) == 0

    assert "People's 1 correction of the groups made again" in capsys.readouterr().out
    assert not together(*PROTOCOL)


def test_a_recommendation_moves_into_any_group_the_person_may_see_by_its_number(
    grouped: Personas,
) -> None:
    client = signed_in_client(grouped.priya)
    url = reverse("recommendations:regroup", kwargs={"pk": rec(PROTOCOL[1]).pk})
    moved = {"change": GroupChange.MOVED, "reason": "It is about training after all."}

    unknown = client.post(url, {**moved, "number": "99999999"})
    words = client.post(url, {**moved, "number": "the training one"})
    response = client.post(url, {**moved, "number": str(rec(TRAINING[0]).cluster)})

    assert unknown.status_code == words.status_code == 400
    assert "There is no group numbered 99999999 that you may see" in unknown.content.decode()
    assert response.status_code == 302
    assert together(PROTOCOL[1], *TRAINING) and not together(*PROTOCOL)


def test_a_group_of_a_review_the_person_may_not_see_cannot_be_named(
    files_dir: Any, personas: Personas
) -> None:
    review(2016, [TRAINING[0]], board=personas.board_b, published=False)
    review(2017, [ALONE], board=personas.board_a)
    rebuild()
    hidden = rec(TRAINING[0]).cluster

    response = correct(signed_in_client(personas.alice), ALONE, GroupChange.MOVED, "")
    named = signed_in_client(personas.alice).post(
        reverse("recommendations:regroup", kwargs={"pk": rec(ALONE).pk}),
        {"change": GroupChange.MERGED, "number": str(hidden), "reason": "Same lesson."},
    )

    assert response.status_code == named.status_code == 400
    assert f"There is no group numbered {hidden} that you may see" in named.content.decode()
    assert not GroupCorrection.objects.exists()


def test_a_re_analysed_review_keeps_the_correction_without_a_rebuild(grouped: Personas) -> None:
    correct(signed_in_client(grouped.priya), PROTOCOL[1], GroupChange.TAKEN_OUT)
    correct(signed_in_client(grouped.priya), TRAINING[2], GroupChange.MOVED, into=SLEEP[0])
    document = rec(PROTOCOL[1]).document
    texts = [TRAINING[2], SLEEP[1], PROTOCOL[1]]

    store_recommendations(
        document, Analysed(tuple(coded(str(n), t, 1) for n, t in enumerate(texts, 1)))
    )
    cluster_new(Recommendation.objects.filter(document=document))

    # The new rows join groups by similarity, then the corrections about them are made again.
    assert not together(*PROTOCOL)
    assert together(TRAINING[2], SLEEP[0]) and not together(TRAINING[0], TRAINING[2])
    assert GroupCorrection.objects.filter(recommendation=rec(PROTOCOL[1])).exists()


def test_the_codes_evaluation_links_to_the_groups_evaluation_for_those_who_may_see_it(
    personas: Personas,
) -> None:
    url = reverse("recommendations:evaluation")
    link = reverse("recommendations:group-evaluation")

    assert link in signed_in_client(personas.priya).get(url).content.decode()
    assert link in signed_in_client(personas.ada).get(url).content.decode()
    assert link not in signed_in_client(personas.alice).get(url).content.decode()


def test_the_trail_withholds_the_reason_of_a_correction_in_an_unpublished_review(
    files_dir: Any, personas: Personas
) -> None:
    review(2016, [TRAINING[0]], board=personas.board_a, published=False)
    review(2017, [TRAINING[1]], board=personas.board_a, published=False)
    rebuild()

    correct(signed_in_client(personas.alice), TRAINING[1], "taken_out", reason="Not alike.")

    event = Event.objects.get(action=Action.RECOMMENDATION_REGROUPED)
    assert event.data["reason"] == WITHHELD and event.actor == personas.alice
    assert TRAINING[1] not in event.summary
    assert GroupCorrection.objects.get().reason == "Not alike."


def test_a_group_page_says_which_recommendations_people_put_there_or_took_out(
    grouped: Personas,
) -> None:
    priya = signed_in_client(grouped.priya)
    correct(priya, TRAINING[2], GroupChange.TAKEN_OUT)
    correct(priya, SLEEP[1], GroupChange.MOVED, into=TRAINING[0])
    group = reverse("recommendations:cluster", kwargs={"pk": rec(TRAINING[0]).cluster})

    page = Client().get(group).content.decode()

    assert "1 of these recommendations was put here by a person" in page
    assert "1 recommendation was taken out of it" in page
    assert page.count("Put here by a person") == 1
    untouched = reverse("recommendations:cluster", kwargs={"pk": rec(PROTOCOL[0]).cluster})
    assert "People have corrected this group" not in Client().get(untouched).content.decode()
