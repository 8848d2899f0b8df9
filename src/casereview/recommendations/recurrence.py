"""Recurrence across the repository: which earlier recommendations say the same thing.

The clustering itself is ``casereview.analysis.recurrence`` (pure), comparing lessons rather
than wordings (``casereview.analysis.lessons.lesson_index``, ADR 0013). Here the clusters are kept
in the database (``Recommendation.cluster``: the id of the cluster's earliest member), a process
keeps an index in memory restored from those rows, and each newly ingested document's
recommendations are added to it incrementally. ``casereview recluster`` rebuilds everything.

Processes take turns to extend or rebuild the clusters (`_clusters_locked`): two ingests at once
would otherwise each put a recommendation they both meet for the first time in a group of its
own, and the two groups would never meet.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Max, QuerySet

from casereview.analysis.lessons import lesson_index
from casereview.analysis.recurrence import RecurrenceIndex
from casereview.recommendations.models import Recommendation
from casereview.recommendations.why import Why, why

# The process's index and what it was restored from: the number of clustered rows and the
# highest of their ids, so rows added, re-analysed or rolled back elsewhere are noticed.
_cache: dict[str, Any] = {"index": None, "known": None}
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
        _cache.update(index=index, known=_fingerprint())
    return len(set(assigned.values()))


def _fingerprint() -> tuple[int, int | None]:
    found = Recommendation.objects.filter(cluster__isnull=False).aggregate(
        n=Count("pk"), top=Max("pk")
    )
    return int(found["n"]), found["top"]


def current_index() -> RecurrenceIndex:
    """The process's index, restored from the stored clusters when they changed elsewhere."""
    with LOCK:
        return _current_index()


def _current_index() -> RecurrenceIndex:
    known = _fingerprint()
    index = _cache["index"]
    if index is None or known != _cache["known"]:
        index = lesson_index()
        clustered = Recommendation.objects.filter(cluster__isnull=False)
        rows = _oldest_first(clustered).values_list("pk", "text", "cluster")
        index.restore((str(pk), text, str(cluster)) for pk, text, cluster in rows.iterator())
        _cache.update(index=index, known=known)
    return index


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
        except BaseException:
            # The index may hold items the database does not: restored afresh next time.
            _cache["index"] = None
            raise
        # What the fingerprint now is, counted rather than asked for (two aggregates over
        # every recommendation). Rows another process clusters later are not counted, so the
        # next call finds the fingerprint changed and restores the index with them.
        clustered = [r.pk for r in new if str(r.pk) in changed]
        count, top = _cache["known"]
        _cache["known"] = (count + len(clustered), max([top or 0, *clustered]) or None)


@dataclass(frozen=True)
class Recurrence:
    """What the page says about one recommendation: earlier ones in the same cluster, and why
    each of those it shows (`examples`) is like it."""

    earlier: list[Recommendation]
    reasons: dict[int, Why] = field(default_factory=dict)
    """By the primary key of each example: how close it is and the phrases shared."""

    @property
    def times(self) -> int:
        return len(self.earlier)

    @property
    def reviews(self) -> int:
        return len({r.document_id for r in self.earlier})

    @property
    def since(self) -> int | None:
        years = [r.document.year_published for r in self.earlier if r.document.year_published]
        return min(years) if years else None

    def examples(self, limit: int = 5) -> list[Recommendation]:
        seen: set[int] = set()
        chosen = []
        for r in sorted(self.earlier, key=lambda r: -(r.document.year_published or 0)):
            if r.document_id not in seen:
                seen.add(r.document_id)
                chosen.append(r)
        return chosen[:limit]


def _is_earlier(other: Any, document: Any) -> bool:
    mine, theirs = document.year_published, other.year_published
    if mine and theirs and mine != theirs:
        return bool(theirs < mine)
    return bool(other.created_at < document.created_at)


def recurrences(
    document: Any, recommendations: list[Recommendation], visible: QuerySet[Any]
) -> dict[int, Recurrence]:
    """For each recommendation, the earlier ones like it in documents this person may see."""
    clusters = {r.cluster for r in recommendations if r.cluster is not None}
    if not clusters:
        return {}
    members = (
        Recommendation.objects.filter(cluster__in=clusters, document__in=visible)
        .exclude(document=document)
        .select_related("document")
    )
    by_cluster: dict[int, list[Recommendation]] = defaultdict(list)
    for member in members:
        if member.cluster is not None and _is_earlier(member.document, document):
            by_cluster[member.cluster].append(member)
    found = {
        r.pk: Recurrence(by_cluster[r.cluster])
        for r in recommendations
        if r.cluster is not None and by_cluster.get(r.cluster)
    }
    if not found:
        return {}
    with LOCK:
        index = _current_index()
        for r in recommendations:
            if r.pk in found:
                reasons = found[r.pk].reasons
                for example in found[r.pk].examples():
                    reasons[example.pk] = why(r.text, example.text, index)
    return found


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
        index = _current_index()
        return {m.pk: why(first.text, m.text, index) for m in members[1:]}
