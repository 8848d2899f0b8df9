"""People correct the recurrence groups: take a recommendation out of its group, move it into
another, or merge two groups, each with a reason (ADR 0013, "Corrections by people").

The machine's grouping (`Recommendation.machine_cluster`) and the grouping in force
(`Recommendation.cluster`) are kept apart, as the machine's codes are from a person's. A
correction is stored relative to recommendations, never to group ids (they change at every
rebuild): after `casereview recluster` the corrections are replayed in the order they were made
(`after_rebuild`), and recommendations added later join the groups in force by similarity, as
every process's index notices a change of the stored groups and is restored from them
(``recurrence._state``). Each correction is audited and kept as labelled pairs (same lesson or
not, with both texts) that the machine's grouping is measured against (`evaluation`).

Who may correct: the national panel any recommendation (they see every review); a board's
managers and chair the recommendations of their own board's reviews. The other group of a move
or merge must be one the person may see. Nobody else (lead reviewers, action owners,
administrators as such) corrects groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from casereview.accounts.models import Membership, Role
from casereview.accounts.permissions import may_see_restricted
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.recommendations.models import (
    MAX_REASON_CHARS,
    GroupChange,
    GroupCorrection,
    GroupingLabel,
    Recommendation,
)

# Board roles whose holders correct their own board's groups (as they upload its reports).
CORRECTING_ROLES = frozenset({Role.BOARD_MANAGER, Role.CHAIR})
# The most other groups offered as the place to move or merge into.
CANDIDATE_GROUPS = 5
# Below this many confirmed pairs of either kind the evaluation says it cannot say much.
FEW_PAIRS = 20


class Refused(ValueError):
    """A correction that cannot be made, with the reason in plain English."""


def may_correct(user: Any, rec: Recommendation) -> bool:
    """The national panel, and the managers and chair of the board whose review it is in."""
    if not may_see_restricted(user):
        return False
    if user.is_panel_member:
        return True
    board_id = rec.document.board_id
    return board_id is not None and board_id in _own_boards(user)


def may_correct_any_of(user: Any, board_id: int | None) -> bool:
    """Whether this person may correct the groups of a review of this board (for its page)."""
    if not may_see_restricted(user):
        return False
    return bool(user.is_panel_member) or (board_id is not None and board_id in _own_boards(user))


def correctable(user: Any, members: Iterable[Recommendation]) -> set[int]:
    """Which of these recommendations this person may correct, by primary key."""
    if not may_see_restricted(user):
        return set()
    members = list(members)
    if user.is_panel_member:
        return {m.pk for m in members}
    boards = _own_boards(user)
    return {m.pk for m in members if m.document.board_id in boards}


def may_evaluate(user: Any) -> bool:
    """The evaluation of the grouping: the national panel and administrators."""
    return may_see_restricted(user) and bool(user.is_panel_member or user.is_administrator)


def _own_boards(user: Any) -> set[int]:
    return set(
        Membership.objects.filter(user=user, role__in=CORRECTING_ROLES).values_list(
            "board_id", flat=True
        )
    )


# --- the groups in force ------------------------------------------------------------------------


def _oldest_first(rows: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    """The order groups are built in (``recurrence._oldest_first``): a group's id is its first."""
    return rows.order_by(
        F("document__year_published").asc(nulls_last=True),
        "document__created_at",
        "document_id",
        "position",
    )


def _members(cluster: int | None) -> set[int]:
    if cluster is None:
        return set()
    return set(Recommendation.objects.filter(cluster=cluster).values_list("pk", flat=True))


def _renumber(pks: set[int]) -> None:
    """Make these recommendations one group whose id is its earliest member's, as the index
    names a group when it is restored."""
    if not pks:
        return
    first = _oldest_first(Recommendation.objects.filter(pk__in=pks)).values_list("pk", flat=True)
    Recommendation.objects.filter(pk__in=pks).update(cluster=first[0])


def _apply(change: str, rec_pk: int, anchor_pk: int | None) -> bool:
    """Change the groups in force as one correction says; False when there is nothing to do
    (the recommendation is already where the correction puts it, or is gone)."""
    clusters = dict(
        Recommendation.objects.filter(pk__in=[rec_pk, anchor_pk or rec_pk]).values_list(
            "pk", "cluster"
        )
    )
    if rec_pk not in clusters:
        return False
    mine = clusters[rec_pk]
    group = _members(mine)
    if change == GroupChange.TAKEN_OUT:
        if group <= {rec_pk}:
            return False
        Recommendation.objects.filter(pk=rec_pk).update(cluster=rec_pk)
        _renumber(group - {rec_pk})
        return True
    target = clusters.get(anchor_pk) if anchor_pk is not None else None
    if target is None or target == mine:
        return False
    joined = _members(target)
    if change == GroupChange.MOVED:
        _renumber(group - {rec_pk})
        _renumber(joined | {rec_pk})
    else:
        _renumber(joined | group)
    return True


# --- making a correction -----------------------------------------------------------------------


def clean_reason(reason: str) -> str:
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise Refused("Say why the group is wrong")
    if len(reason) > MAX_REASON_CHARS:
        raise Refused(f"The reason must be {MAX_REASON_CHARS:,} characters or fewer")
    return reason


def correct(
    change: str,
    rec: Recommendation,
    *,
    anchor: Recommendation | None,
    reason: str,
    actor: Actor,
    visible: QuerySet[Any],
) -> GroupCorrection:
    """Make one correction now, audited, with the pairs it confirms among the recommendations
    the person may see (``visible``: their documents); all of it or nothing."""
    from casereview.recommendations import recurrence

    reason = clean_reason(reason)
    if change != GroupChange.TAKEN_OUT and anchor is None:
        raise Refused("Choose the group it belongs in")
    with recurrence.LOCK, recurrence._clusters_locked():
        for current in (rec, anchor):
            if current is not None:  # as the groups stand now, under the lock
                current.refresh_from_db(fields=["cluster"])
        before = _visible_members(rec.cluster, visible)
        after = _visible_members(anchor.cluster, visible) if anchor is not None else []
        made = GroupCorrection.objects.create(
            change=change,
            recommendation=rec,
            document_id=rec.document_id,
            text=rec.text,
            anchor=anchor,
            anchor_document_id=anchor.document_id if anchor is not None else None,
            anchor_text=anchor.text if anchor is not None else "",
            reason=reason,
            made_by=actor.signed_in_user,
        )
        if not _apply(change, rec.pk, anchor.pk if anchor is not None else None):
            raise Refused(_nothing_to_do(change))
        _label_pairs(made, rec, before, after)
        rec.refresh_from_db(fields=["cluster"])
        _audit(made, rec, actor, before_group=before[0].cluster if before else None)
    return made


def group_to_show(made: GroupCorrection) -> int | None:
    """The group a person sees next: the one taken out of, or the one joined."""
    if made.change == GroupChange.TAKEN_OUT:
        other = made.pairs.exclude(second=None).select_related("second").first()
        if other is not None and other.second is not None:
            return other.second.cluster
    return rec.cluster if (rec := made.recommendation) is not None else None


def _nothing_to_do(change: str) -> str:
    if change == GroupChange.TAKEN_OUT:
        return "It is the only recommendation in its group: there is nothing to take it out of"
    return "It is already in that group"


def _visible_members(cluster: int | None, visible: QuerySet[Any]) -> list[Recommendation]:
    if cluster is None:
        return []
    return list(Recommendation.objects.filter(cluster=cluster, document__in=visible))


def _label_pairs(
    made: GroupCorrection,
    rec: Recommendation,
    before: list[Recommendation],
    after: list[Recommendation],
) -> None:
    """What the person said by this correction, pair by pair: the recommendation (or, merging,
    its whole group) is not the same lesson as the rest of its group, and is the same lesson as
    the members of the group it joins."""
    pairs: list[tuple[Recommendation, Recommendation, bool]] = []
    if made.change == GroupChange.MERGED:
        pairs = [(a, b, True) for a in before for b in after]
    else:
        pairs = [(rec, m, False) for m in before if m.pk != rec.pk]
        pairs += [(rec, m, True) for m in after if m.pk != rec.pk]
    GroupingLabel.objects.bulk_create(
        [
            GroupingLabel(
                correction=made,
                first=a,
                second=b,
                first_text=a.text,
                second_text=b.text,
                same_lesson=same,
                labelled_by=made.made_by,
                labelled_at=made.made_at,
            )
            for a, b, same in pairs
        ],
        batch_size=1000,
    )


def _audit(made: GroupCorrection, rec: Recommendation, actor: Actor, before_group: Any) -> None:
    what = {
        GroupChange.TAKEN_OUT: "Took recommendation {n} of {title} out of its group",
        GroupChange.MOVED: "Moved recommendation {n} of {title} to another group",
        GroupChange.MERGED: "Merged the group of recommendation {n} of {title} with another",
    }[GroupChange(made.change)]
    record(
        Action.RECOMMENDATION_REGROUPED,
        actor=actor,
        obj=rec,
        board=rec.document.board,
        summary=what.format(n=rec.number or rec.position, title=rec.document.display_title),
        data={
            "document": rec.document_id,
            "correction": made.pk,
            "change": made.change,
            "anchor": made.anchor_id,
            "reason": made.reason,
            "pairs": made.pairs.count(),
        },
        changes={"group": [before_group, rec.cluster]},
    )


# --- keeping corrections through rebuilds and later ingests -------------------------------------


def _find(pk: int | None, document_id: int | None, text: str) -> int | None:
    """A correction's recommendation: the same row, or after a re-analysis the row of the same
    document with the same text."""
    if pk is not None:
        return pk
    if document_id is None:
        return None
    found = Recommendation.objects.filter(document_id=document_id, text=text).values_list(
        "pk", flat=True
    )
    return found.first()


def after_rebuild() -> int:
    """The machine has just grouped everything again: remember its groups, then replay every
    correction in the order it was made; the number that changed something."""
    Recommendation.objects.update(machine_cluster=F("cluster"))
    replayed = 0
    for made in GroupCorrection.objects.order_by("made_at", "pk").iterator():
        rec = _find(made.recommendation_id, made.document_id, made.text)
        anchor = _find(made.anchor_id, made.anchor_document_id, made.anchor_text)
        if rec is not None and _apply(made.change, rec, anchor):
            replayed += 1
    return replayed


def after_adding(assigned: Iterable[str]) -> None:
    """Recommendations just added joined groups in force: that is also the machine's choice.
    When they are a re-analysed review's, the corrections that named its old rows find the new
    ones by their text and are made again, in order (a rebuild replays them all)."""
    pks = [int(pk) for pk in assigned]
    for start in range(0, len(pks), 500):
        Recommendation.objects.filter(
            pk__in=pks[start : start + 500], machine_cluster__isnull=True
        ).update(machine_cluster=F("cluster"))
    documents = set(Recommendation.objects.filter(pk__in=pks).values_list("document_id", flat=True))
    lost = GroupCorrection.objects.filter(
        Q(recommendation=None, document_id__in=documents)
        | Q(anchor=None, anchor_document_id__in=documents, change__in=[*_ANCHORED])
    )
    for made in lost.order_by("made_at", "pk"):
        made.recommendation_id = _find(made.recommendation_id, made.document_id, made.text)
        made.anchor_id = _find(made.anchor_id, made.anchor_document_id, made.anchor_text)
        made.save(update_fields=["recommendation", "anchor"])
        if made.recommendation_id is not None:
            _apply(made.change, made.recommendation_id, made.anchor_id)


# The corrections that name a second recommendation: the group it is in.
_ANCHORED = (GroupChange.MOVED, GroupChange.MERGED)


def group_members(rec: Recommendation, visible: QuerySet[Any]) -> list[Recommendation]:
    """The members of its group in force that the person may see, oldest first."""
    if rec.cluster is None:
        return [rec]
    rows = Recommendation.objects.filter(cluster=rec.cluster, document__in=visible)
    return list(_oldest_first(rows).select_related("document"))


@dataclass(frozen=True)
class Provenance:
    """Which of a group's members a person put there, and how many the machine put there that
    people took out (from the machine's groups, `machine_cluster`)."""

    by_people: set[int]
    taken_out: int


def provenance(members: list[Recommendation], visible: QuerySet[Any]) -> Provenance:
    """Against the machine's group most of the members are in: the members from any other
    were put here by people; that group's members now elsewhere were taken out by people."""
    machine = [m.machine_cluster for m in members if m.machine_cluster is not None]
    if not machine or members[0].cluster is None:
        return Provenance(set(), 0)
    main = max(set(machine), key=lambda g: (machine.count(g), -g))
    taken_out = (
        Recommendation.objects.filter(machine_cluster=main, document__in=visible)
        .exclude(cluster=members[0].cluster)
        .count()
    )
    return Provenance({m.pk for m in members if m.machine_cluster != main}, taken_out)


# --- where a recommendation may go -------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """Another group a recommendation may be moved into (or merged with): `anchor` is its
    earliest member the person may see, and names the group in the correction."""

    anchor: Recommendation
    size: int


def group_anchor(cluster: int, visible: QuerySet[Any]) -> Recommendation | None:
    """The earliest member the person may see of the group with this id, if any."""
    rows = Recommendation.objects.filter(cluster=cluster, document__in=visible)
    return _oldest_first(rows).select_related("document").first()


def candidate_groups(rec: Recommendation, visible: QuerySet[Any]) -> list[Candidate]:
    """The other groups with a member close to this recommendation, closest first."""
    from casereview.recommendations import recurrence

    index = recurrence.current_index()
    with recurrence.LOCK:
        near = [int(n.item_id) for n in index.nearest(rec.text, k=30)]
    clusters = dict(
        Recommendation.objects.filter(pk__in=near, document__in=visible)
        .exclude(cluster=None)
        .exclude(cluster=rec.cluster)
        .values_list("pk", "cluster")
    )
    order: list[int] = []
    for pk in near:
        group = clusters.get(pk)
        if group is not None and group not in order:
            order.append(group)
    order = order[:CANDIDATE_GROUPS]
    members = _oldest_first(
        Recommendation.objects.filter(cluster__in=order, document__in=visible)
    ).select_related("document")
    by_group: dict[int, list[Recommendation]] = {}
    for m in members:
        by_group.setdefault(m.cluster or 0, []).append(m)
    return [Candidate(by_group[c][0], len(by_group[c])) for c in order if c in by_group]


# --- evaluation against people's pairs ----------------------------------------------------------


@dataclass(frozen=True)
class GroupingEvaluation:
    """The machine's grouping against the latest label of each pair people judged."""

    same: int
    different: int
    true_positive: int
    false_positive: int
    false_negative: int
    not_found: int
    """Labelled pairs whose recommendations are no longer in the repository."""

    @property
    def precision(self) -> float | None:
        grouped = self.true_positive + self.false_positive
        return self.true_positive / grouped if grouped else None

    @property
    def recall(self) -> float | None:
        return self.true_positive / self.same if self.same else None

    @property
    def too_few(self) -> bool:
        return self.same < FEW_PAIRS or self.different < FEW_PAIRS


def _key(first: str, second: str) -> tuple[str, str]:
    a, b = (" ".join(t.split()).casefold() for t in (first, second))
    return (a, b) if a <= b else (b, a)


def evaluation() -> GroupingEvaluation:
    """Pairwise precision and recall of the machine's groups (`machine_cluster`): of the
    confirmed pairs the machine put in one group, the share people said carry the same lesson;
    of the pairs people said carry the same lesson, the share the machine put in one group."""
    latest: dict[tuple[str, str], GroupingLabel] = {}
    for label in GroupingLabel.objects.order_by("-labelled_at", "-pk").iterator():
        latest.setdefault(_key(label.first_text, label.second_text), label)
    labels = list(latest.values())
    ids = {pk for label in labels for pk in (label.first_id, label.second_id) if pk}
    machine = dict(Recommendation.objects.filter(pk__in=ids).values_list("pk", "machine_cluster"))
    by_text = _machine_groups_by_text(
        [label.first_text for label in labels if label.first_id is None]
        + [label.second_text for label in labels if label.second_id is None]
    )
    tp = fp = fn = same = different = gone = 0
    for label in labels:
        groups = [
            machine.get(pk) if pk is not None else by_text.get(text)
            for pk, text in (
                (label.first_id, label.first_text),
                (label.second_id, label.second_text),
            )
        ]
        if None in groups:
            gone += 1
            continue
        together = groups[0] == groups[1]
        same += label.same_lesson
        different += not label.same_lesson
        tp += together and label.same_lesson
        fp += together and not label.same_lesson
        fn += label.same_lesson and not together
    return GroupingEvaluation(same, different, tp, fp, fn, gone)


def _machine_groups_by_text(texts: list[str]) -> dict[str, int | None]:
    if not texts:
        return {}
    found: dict[str, int | None] = {}
    rows = Recommendation.objects.filter(text__in=set(texts), machine_cluster__isnull=False)
    for text, group in rows.values_list("text", "machine_cluster"):
        found.setdefault(text, group)
    return found
