"""Recurrence across the repository: which earlier recommendations say the same thing.

The clustering itself is ``casereview.analysis.recurrence`` (pure), comparing lessons rather
than wordings (``casereview.analysis.lessons.lesson_index``, ADR 0013). Here the clusters are kept
in the database (``Recommendation.cluster``: the id of the cluster's earliest member), and each
newly ingested document's recommendations are added to them incrementally. A process keeps the
index in memory. It loads it from the file in the data folder (``stored_index``) when that file
reflects the groups the database holds now (``_state``) and the model in use; otherwise it
restores it from the rows (featurising every text again) and saves the file for the next
process. Every rebuild and addition saves it too, so the server, the worker and the command
line share one index without a rebuild. ``casereview recluster`` rebuilds everything, which is
needed only when the model changes (the vocabulary file, the threshold, the features' code), and
a model change is noticed: the first process to meet it regroups once, and says so.

Processes take turns to extend or rebuild the clusters (`_clusters_locked`): two ingests at once
would otherwise each put a recommendation they both meet for the first time in a group of its
own, and the two groups would never meet.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet

from casereview.analysis.lessons import lesson_index, model_fingerprint
from casereview.analysis.recurrence import RecurrenceIndex
from casereview.recommendations import corrections
from casereview.recommendations.models import Recommendation
from casereview.recommendations.stored_index import (
    forget_index,
    load_index,
    recorded_model,
    save_index,
)
from casereview.recommendations.why import Why, why

logger = logging.getLogger(__name__)

# The process's index and the state of the stored groups it reflects (`_state`), so rows added,
# re-analysed, moved to another group or rolled back elsewhere are noticed.
_cache: dict[str, Any] = {"index": None, "known": None}
# The model this process regrouped everything for, so it does so at most once.
_regrouped: dict[str, str | None] = {"model": None}
# Held while the process's index is read or extended: a server's threads share it, and a
# lookup must not see an item added half-way.
LOCK = threading.RLock()
# The PostgreSQL advisory lock that processes take turns on to change the clusters: any fixed
# number no other application on the database uses ("clstr" in ASCII).
CLUSTERS_ADVISORY_LOCK = 0x636C737472


def _oldest_first(rows: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    return rows.order_by(
        F("document__year_published").asc(nulls_last=True),
        "document__created_at",
        "document_id",
        "position",
    )


def _save(assigned: dict[str, str]) -> None:
    """Store the clusters: one UPDATE for the recommendations that start their own cluster
    (most new ones: a cluster's id is its earliest member's), one prepared UPDATE run for each
    of the rest (Django's `bulk_update` built a CASE expression per row: 80% of this step's
    time once most new recommendations joined earlier clusters)."""
    own: list[int] = []
    joining: list[tuple[int, int]] = []
    for item_id, cluster_id in assigned.items():
        if item_id == cluster_id:
            own.append(int(item_id))
        else:
            joining.append((int(cluster_id), int(item_id)))
    table = connection.ops.quote_name(Recommendation._meta.db_table)
    with transaction.atomic():
        for start in range(0, len(own), 500):
            Recommendation.objects.filter(pk__in=own[start : start + 500]).update(cluster=F("pk"))
        if joining:
            with connection.cursor() as cursor:
                cursor.executemany(f"UPDATE {table} SET cluster = %s WHERE id = %s", joining)


@contextmanager
def _clusters_locked() -> Iterator[None]:
    """A transaction in which no other process changes the clusters, seeing what the last one
    to do so committed. On SQLite its transactions begin IMMEDIATE (config/settings.py), which
    takes the database's write lock; on PostgreSQL an advisory lock is held to its end."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CLUSTERS_ADVISORY_LOCK])
        yield


def rebuild() -> int:
    """Cluster every recommendation again, oldest first; the number of clusters."""
    with LOCK, _clusters_locked():
        rows = _oldest_first(Recommendation.objects.all()).values_list("pk", "text")
        index = lesson_index()
        assigned = index.build((str(pk), text) for pk, text in rows.iterator(chunk_size=2000))
        Recommendation.objects.update(cluster=None)
        _save(assigned)
        _cache.update(index=index, known=_state())
        save_index(_model(), _cache["known"], index)  # under the lock: see _regroup_for_model
        corrections.after_rebuild()  # people's corrections, replayed in order
    return len(set(assigned.values()))


# The modulus of `_state`'s mixed sum: a prime below 2**31, so the sum of a million rows'
# remainders stays far inside a 64-bit integer.
_MIX = 2_147_483_647


def _state() -> list[int]:
    """The stored groups in five numbers, one aggregate query read from the index on `cluster`
    alone: how many recommendations are grouped, the highest and the sum of their ids, the sum
    of their group ids and a sum mixing both. A row added, removed or re-analysed (new rows:
    ids are never used again) changes the first three; a recommendation moved to another group
    (a person's correction, a rebuild) changes the sum of group ids, and two swapped between
    groups the mixed sum."""
    table = connection.ops.quote_name(Recommendation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), MAX(id), SUM(id), SUM(cluster), "
            f"SUM((CAST(id AS BIGINT) * cluster) % {_MIX}) FROM {table} "
            "WHERE cluster IS NOT NULL"
        )
        row = cursor.fetchone()
    return [int(value or 0) for value in row]


def _state_after(known: list[int] | None, added: dict[str, str]) -> list[int] | None:
    """`_state` once `added` (item -> group, all new rows) are stored, counted rather than
    asked for; None when `known` is unknown."""
    if known is None:
        return None
    count, top, ids, clusters, mixed = known
    for item, group in added.items():
        pk, cluster = int(item), int(group)
        count, top, ids, clusters = count + 1, max(top, pk), ids + pk, clusters + cluster
        mixed += pk * cluster % _MIX
    return [count, top, ids, clusters, mixed]


def _model() -> str:
    """The fingerprint of the model this process groups by (`lessons.model_fingerprint`)."""
    return model_fingerprint(lesson_index())


def current_index() -> RecurrenceIndex:
    """The process's index: loaded from the saved file or restored from the stored clusters
    when they changed elsewhere, and regrouped once when the model changed."""
    with LOCK:
        return _current_index()


def _current_index() -> RecurrenceIndex:
    known = _state()
    index = _cache["index"]
    if index is not None and known == _cache["known"]:
        return index
    model = _model()
    index = load_index(model, known)
    if index is None:
        made_by = recorded_model()
        if made_by not in (None, model) and _regrouped["model"] != model:
            _regroup_for_model(made_by, model)
            return _current_index()
        index = lesson_index()
        clustered = Recommendation.objects.filter(cluster__isnull=False)
        rows = _oldest_first(clustered).values_list("pk", "text", "cluster")
        index.restore((str(pk), text, str(cluster)) for pk, text, cluster in rows.iterator())
        save_index(model, known, index)
    _cache.update(index=index, known=known)
    return index


def _regroup_for_model(made_by: str | None, model: str) -> None:
    """The stored groups were made by another model: group everything again, once. Under the
    clusters' lock the file is read again: a process that waited there while another regrouped
    finds the new model recorded (`rebuild` saves the file before the lock is released) and
    does nothing."""
    _regrouped["model"] = model
    with _clusters_locked():
        if recorded_model() != made_by:
            return
        logger.warning(
            "The groups of recurring recommendations were made by another model (%s; this one "
            "is %s: its vocabulary, features or threshold changed). Grouping every "
            "recommendation again, once.",
            made_by,
            model,
        )
        started = time.perf_counter()
        groups = rebuild()
    logger.warning(
        "Grouped the recommendations again: %d groups in %.1f s.",
        groups,
        time.perf_counter() - started,
    )


def cluster_new(recommendations: Iterable[Recommendation]) -> None:
    """Add recommendations that have no cluster yet (a new or re-analysed document)."""
    new = [r for r in recommendations if r.cluster is None]
    if not new:
        return
    with LOCK:
        # Brought up to date before the other processes are kept waiting: restoring the index
        # takes seconds at 100,000 recommendations; under the lock it is then rarely needed.
        _current_index()
        try:
            with _clusters_locked():
                index = _current_index()
                changed = index.add((str(r.pk), r.text) for r in new)
                _save(changed)
                corrections.after_adding(changed)
        except BaseException:
            # The index may hold items the database does not: restored afresh next time.
            _cache["index"] = None
            raise
        # What the state now is, counted rather than asked for (an aggregate over every
        # recommendation). Rows another process clusters later are not counted, so the next
        # call finds the state changed and restores the index with them. Members of merged
        # clusters would move too: then the state is asked for next time.
        ids = {str(r.pk) for r in new}
        after = _state_after(_cache["known"], changed) if ids.issuperset(changed) else None
        _cache["known"] = after
        if after is not None:
            save_index(_model(), after, index)


def forget_texts() -> None:
    """Recommendations' texts were replaced (a report published with details redacted): the
    index's vocabulary holds words of the old texts, so this process's index and the saved file
    are dropped, and the next use restores the index from the rows as they are now."""
    with LOCK:
        _cache.update(index=None, known=None)
        forget_index()


# The most earlier recommendations a review's page shows for one of its own, one per review.
EXAMPLES = 5


@dataclass(frozen=True)
class Recurrence:
    """What the page says about one recommendation: how many earlier ones share its cluster, in
    how many reviews and since when, and the latest few (one per review) with why each is like
    it. Counted in the database: the members themselves are not loaded (a large group has
    thousands)."""

    times: int
    reviews: int
    since: int | None
    latest: list[Recommendation] = field(default_factory=list)
    reasons: dict[int, Why] = field(default_factory=dict)
    """By the primary key of each example: how close it is and the phrases shared."""

    def examples(self, limit: int = EXAMPLES) -> list[Recommendation]:
        """The latest earlier recommendations, one per review, latest first."""
        return self.latest[:limit]


def _earlier_than(document: Any) -> Q:
    """Documents before this one: published in an earlier year, or, when the years are the
    same or either is unknown, added to the repository earlier."""
    added_before = Q(document__created_at__lt=document.created_at)
    year = document.year_published
    if not year:
        return added_before
    same_or_unknown = Q(document__year_published=year) | Q(document__year_published__isnull=True)
    return Q(document__year_published__lt=year) | (same_or_unknown & added_before)


def recurrences(
    document: Any, recommendations: list[Recommendation], visible: QuerySet[Any]
) -> dict[int, Recurrence]:
    """For each recommendation, the earlier ones like it in documents this person may see."""
    clusters = {r.cluster for r in recommendations if r.cluster is not None}
    if not clusters:
        return {}
    earlier = (
        Recommendation.objects.filter(cluster__in=clusters, document__in=visible)
        .exclude(document=document)
        .filter(_earlier_than(document))
        .order_by()
    )
    # Counted by group and year in the database (a few rows), not loaded (thousands).
    by_year: dict[int, list[tuple[int | None, int, int]]] = defaultdict(list)
    for cluster, year, times, reviews in earlier.values_list(
        "cluster", "document__year_published"
    ).annotate(times=Count("pk"), reviews=Count("document", distinct=True)):
        by_year[cluster].append((year, times, reviews))
    if not by_year:
        return {}
    latest = _latest_reviews(earlier, by_year)
    found = {}
    for r in recommendations:
        years = by_year.get(r.cluster) if r.cluster is not None else None
        if years and r.cluster is not None:
            known = [year for year, _, _ in years if year]
            found[r.pk] = Recurrence(
                times=sum(times for _, times, _ in years),
                reviews=sum(reviews for _, _, reviews in years),
                since=min(known) if known else None,
                latest=latest.get(r.cluster, []),
            )
    with LOCK:
        # Only the words' weights are read, so an index a little behind the database is as
        # good: no query to check it (the state is an aggregate over every recommendation).
        index = _cache["index"] or _current_index()
        for r in recommendations:
            if r.pk in found:
                reasons = found[r.pk].reasons
                for example in found[r.pk].examples():
                    reasons[example.pk] = why(r.text, example.text, index)
    return found


def _latest_reviews(
    earlier: QuerySet[Recommendation], by_year: dict[int, list[tuple[int | None, int, int]]]
) -> dict[int, list[Recommendation]]:
    """The first recommendation of each of the `EXAMPLES` latest reviews in each group, latest
    first (by year, then the review added last). Only the members of each group's latest years
    that hold that many reviews are read."""
    wanted = Q()
    for cluster, years in by_year.items():
        dated = sorted((y for y in years if y[0]), key=lambda y: -(y[0] or 0))
        reviews, since = 0, None
        for year, _, count in dated:
            reviews, since = reviews + count, year
            if reviews >= EXAMPLES:
                break
        if reviews >= EXAMPLES:
            wanted |= Q(cluster=cluster, document__year_published__gte=since)
        else:  # every review, the undated ones last
            wanted |= Q(cluster=cluster)
    rows = earlier.filter(wanted).values_list(
        "cluster", "document__year_published", "document_id", "position", "pk"
    )
    first: dict[tuple[int, int], tuple[int | None, int, int]] = {}
    for group, year, review, position, pk in rows:
        held = first.get((group or 0, review))
        if held is None or position < held[1]:
            first[(group or 0, review)] = (year, position, pk)
    ranked: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for (cluster, review), (year, _, pk) in first.items():
        ranked[cluster].append((year or 0, review, pk))
    chosen = {
        cluster: [pk for _, _, pk in sorted(reviews, reverse=True)[:EXAMPLES]]
        for cluster, reviews in ranked.items()
    }
    objects = Recommendation.objects.select_related("document").in_bulk(
        [pk for pks in chosen.values() for pk in pks]
    )
    return {cluster: [objects[pk] for pk in pks] for cluster, pks in chosen.items()}


# The longest label of a group: the start of its earliest member's text.
LABEL_CHARS = 120


@dataclass(frozen=True)
class Group:
    """A group of recommendations carrying one lesson, oldest first, as a reader may see it."""

    id: int
    members: list[Recommendation]

    @property
    def label(self) -> str:
        """The earliest member's text, cut at a word (a derived label, not anyone's title)."""
        text = " ".join(self.members[0].text.split())
        if len(text) <= LABEL_CHARS:
            return text
        return text[:LABEL_CHARS].rsplit(" ", 1)[0] + "\u2026"


def groups(visible: QuerySet[Any]) -> list[Group]:
    """Every group with two or more recommendations in documents the reader may see, largest
    first (ties: the oldest group first)."""
    shared = (
        Recommendation.objects.filter(cluster__isnull=False, document__in=visible)
        .values("cluster")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .values_list("cluster", flat=True)
    )
    rows = _oldest_first(
        Recommendation.objects.filter(cluster__in=shared, document__in=visible)
    ).select_related("document")
    by_cluster: dict[int, list[Recommendation]] = defaultdict(list)
    for r in rows.iterator(chunk_size=2000):
        if r.cluster is not None:
            by_cluster[r.cluster].append(r)
    found = [Group(cluster, members) for cluster, members in by_cluster.items()]
    return sorted(found, key=lambda g: (-len(g.members), g.id))


def reasons_in_group(members: list[Recommendation]) -> dict[int, Why]:
    """Why each member after the first (the oldest the reader may see) is in its group: how
    close it is to the first, and the phrases they share, by primary key."""
    if len(members) < 2:
        return {}
    first = members[0]
    with LOCK:
        index = _cache["index"] or _current_index()  # only words' weights: see `recurrences`
        return {m.pk: why(first.text, m.text, index) for m in members[1:]}
