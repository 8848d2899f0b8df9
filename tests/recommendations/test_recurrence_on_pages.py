"""Each recommendation shows how often it has been made before, in which reviews and since
when, from the recurrence clusters; only documents the reader may see are counted."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casereview.recommendations.models import Recommendation
from casereview.recommendations.recurrence import cluster_new, rebuild, recurrences
from casereview.recommendations.services import store_recommendations
from casereview.repository import access
from casereview.repository.services import ingest_file
from tests.recommendations.test_storing_recommendations import Analysed, coded

pytestmark = pytest.mark.django_db

TRAINING = [
    "All staff working with babies should receive training on recognising and responding to "
    "bruising in non-mobile infants.",
    "Training on bruising in non-mobile infants must be delivered to all practitioners working "
    "with babies.",
    "Practitioners working with babies should be trained to recognise and respond to bruising "
    "in non-mobile infants.",
]
OTHERS = [
    "The police should review how domestic abuse notifications are shared with schools.",
    "Housing providers should agree a protocol for escalating concerns about overcrowding.",
    "Commissioners should secure capacity in the perinatal mental health service.",
    "The board should seek assurance that fathers are included in pre-birth assessments.",
    "Health visitors should record the voice of the child at every contact.",
    "GPs should flag repeated missed appointments for children under five.",
]


def review(year: int, texts: list[str], *, published: bool = True, name: str = "") -> Any:
    body = f"A fictional review published in {year}: {name or texts[0][:20]}".encode()
    document = ingest_file(body, f"{year}-{name or len(texts)}.txt", published=published).document
    assert document is not None
    document.year_published = year
    document.save()
    store_recommendations(
        document, Analysed(tuple(coded(str(n), t, 1) for n, t in enumerate(texts, 1)))
    )
    cluster_new(Recommendation.objects.filter(document=document))
    return document


def page_of(document: Any, client: Client | None = None) -> str:
    url = reverse("repository:document", kwargs={"ref": document.sha256[:12]})
    return (client or Client()).get(url).content.decode()


def test_a_repeated_recommendation_says_how_often_and_since_when(files_dir: Any) -> None:
    first = review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    second = review(2019, [TRAINING[1], *OTHERS[3:]], name="second")
    third = review(2023, [TRAINING[2], OTHERS[0]], name="third")

    latest = page_of(third)

    assert "Made 2 times before in 2 reviews since 2016" in latest
    assert first.display_title in latest and second.display_title in latest
    assert "Made 1 time before in 1 review since 2016" in latest  # the police recommendation
    assert "Made" not in page_of(first)


def test_unpublished_reviews_are_not_counted_for_the_public(files_dir: Any) -> None:
    review(2016, [TRAINING[0], *OTHERS[:3]], published=False, name="hidden")
    later = review(2020, [TRAINING[1], *OTHERS[3:]], name="later")

    assert "Made" not in page_of(later)


def test_a_rebuild_clusters_everything_again_keeping_unrelated_ones_apart(
    files_dir: Any,
) -> None:
    review(2016, [TRAINING[0], *OTHERS[:3]], name="a")
    review(2019, [TRAINING[1], *OTHERS[3:]], name="b")
    Recommendation.objects.update(cluster=None)

    groups = rebuild()

    rebuilt = dict(Recommendation.objects.values_list("text", "cluster"))
    assert None not in rebuilt.values()
    assert len({rebuilt[t] for t in OTHERS}) == len(OTHERS)
    assert groups == len(set(rebuilt.values()))


def test_the_recluster_command_says_what_it_did(
    files_dir: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from casereview import cli

    review(2016, [TRAINING[0], *OTHERS[:3]], name="a")

    assert cli.main(["recluster"]) == 0

    assert "Clustered 4 recommendations into 4 groups of near-duplicates" in capsys.readouterr().out


def test_a_group_page_lists_its_members_over_time_for_those_who_may_see_them(
    files_dir: Any,
) -> None:
    review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    review(2018, [TRAINING[1], *OTHERS[3:]], published=False, name="hidden")
    third = review(2023, [TRAINING[2], OTHERS[0]], name="third")
    group = Recommendation.objects.get(document=third, text=TRAINING[2]).cluster
    url = reverse("recommendations:cluster", kwargs={"pk": group})

    page = Client().get(url).content.decode()

    assert "Made 2 times in 2 reviews, 2016 to 2023" in page
    # A later member's shared phrases are marked inside its text.
    words = re.sub(r"</?mark>", "", page)
    assert TRAINING[0] in words and TRAINING[2] in words
    assert TRAINING[1] not in words
    assert url in page_of(third)
    missing = reverse("recommendations:cluster", kwargs={"pk": 999999})
    assert Client().get(missing).status_code == 404


def test_the_process_index_counts_its_own_additions_and_notices_anyone_elses(
    files_dir: Any,
) -> None:
    from casereview.recommendations import recurrence

    review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    review(2019, [TRAINING[1], *OTHERS[3:]], name="second")

    # What the process counted is what the database holds: the index is not restored again.
    assert recurrence._cache["known"] == recurrence._state()
    assert Recommendation.objects.filter(cluster=F("pk")).count() == len(OTHERS) + 1
    # Another process changes the clusters (here: takes one away): the next addition restores
    # the index from the database.
    before = recurrence._cache["index"]
    Recommendation.objects.filter(text=OTHERS[1]).update(cluster=None)
    third = review(2023, [TRAINING[2], OTHERS[0]], name="third")

    assert recurrence._cache["index"] is not before
    assert recurrence._cache["known"] == recurrence._state()
    group = Recommendation.objects.get(document=third, text=TRAINING[2]).cluster
    assert group == Recommendation.objects.get(text=TRAINING[0]).cluster


def test_a_groups_members_are_counted_from_the_index_not_the_rows(files_dir: Any) -> None:
    """The page counts a group's earlier members by reading the index of groups' members (their
    documents and places), not each member's row with its text: at 10,000 reviews reading the rows
    made the count about twice as slow (ADR 0013)."""
    if connection.vendor != "sqlite":
        pytest.skip("the plan asked for is SQLite's; PostgreSQL plans by the table's size")
    review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    latest = review(2019, [TRAINING[1], *OTHERS[3:]], name="second")
    mine = list(Recommendation.objects.filter(document=latest))
    with CaptureQueriesContext(connection) as queries:
        found = recurrences(latest, mine, access.visible_documents(None))
    assert [r.times for r in found.values()] == [1]
    counting = next(q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {counting}")
        plan = " ".join(str(step[-1]) for step in cursor.fetchall())
    assert "COVERING INDEX recommendations_members" in plan, plan
