"""Recommendations found in the repository's documents (DESIGN §5), with their codes.

Each row is one recommendation as the extractor found it: number, verbatim text, page and
section, the machine's codes with the words that triggered each, and the codes in force (a
person's confirmed or corrected codes win over the machine's). People's codings are kept as
labelled data in :class:`CodingLabel`, which is what the automatic coding is evaluated against.
Likewise the recurrence groups: the machine's (`machine_cluster`) and the ones in force
(`cluster`), people's corrections of them (:class:`GroupCorrection`, replayed after every
rebuild) and the pairs those corrections confirm (:class:`GroupingLabel`).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone


class CodingStatus(models.TextChoices):
    MACHINE = "machine", "Coded by the machine"
    CONFIRMED = "confirmed", "Confirmed by a person"
    CORRECTED = "corrected", "Corrected by a person"


class Recommendation(models.Model):
    document = models.ForeignKey(
        "repository.Document", on_delete=models.CASCADE, related_name="recommendations"
    )
    position = models.PositiveIntegerField(help_text="Its order in the document, from 1.")
    number = models.CharField(max_length=32, blank=True)
    text = models.TextField()
    page = models.PositiveIntegerField(null=True, blank=True)
    section = models.CharField(max_length=300, blank=True)
    # The machine's codes and why (each trigger: {"code": ..., "words": ...}).
    machine_mechanism = models.CharField(max_length=8)
    machine_addressees = models.JSONField(default=list)
    machine_level = models.CharField(max_length=32, blank=True)
    machine_flags = models.JSONField(default=list)
    triggers = models.JSONField(default=list)
    # The codes in force: the machine's until a person confirms or corrects them.
    mechanism = models.CharField(max_length=8, db_index=True)
    addressees = models.JSONField(default=list)
    level = models.CharField(max_length=32, blank=True)
    flags = models.JSONField(default=list)
    coding_status = models.CharField(
        max_length=16, choices=CodingStatus.choices, default=CodingStatus.MACHINE
    )
    # The recurrence group in force (near-duplicates across the repository), once clustered:
    # the machine's, as corrected by people (`GroupCorrection`). Its id is its earliest member's.
    cluster = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    # The group the machine put it in (at the last full rebuild, or when it was added since),
    # before any person's correction: what the grouping is evaluated on.
    machine_cluster = models.PositiveIntegerField(null=True, blank=True, db_index=True)

    class Meta:
        ordering: ClassVar = ["document", "position"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["document", "position"], name="recommendations_one_per_position"
            )
        ]
        # A group's members with what a review's page counts them by (`recurrence.recurrences`):
        # read from the index, not the rows (their texts). Position before document, so SQLite
        # walks each group's members rather than probing the group with every visible document.
        indexes: ClassVar = [
            models.Index(fields=["cluster", "position", "document"], name="recommendations_members")
        ]

    def __str__(self) -> str:
        label = f"{self.number}. " if self.number else ""
        return f"{label}{self.text[:80]}"

    @property
    def audit_restricted(self) -> bool:
        """A recommendation of an unpublished document is as restricted as the document."""
        return not self.document.is_published


class CodingLabel(models.Model):
    """A person's coding of one recommendation: the labelled data the machine is measured
    against. The latest label per recommendation is the one in force."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="labels"
    )
    # The text labelled, so a label survives re-analysis when the same text is found again.
    text = models.TextField()
    mechanism = models.CharField(max_length=8)
    addressees = models.JSONField(default=list)
    level = models.CharField(max_length=32, blank=True)
    flags = models.JSONField(default=list)
    agrees_with_machine = models.BooleanField()
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    labelled_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["-labelled_at", "-pk"]

    def __str__(self) -> str:
        return f"Label for {self.recommendation_id}: {self.mechanism}"


class GroupChange(models.TextChoices):
    TAKEN_OUT = "taken_out", "Taken out of its group"
    MOVED = "moved", "Moved to another group"
    MERGED = "merged", "Its group merged with another"


# The longest reason a person may give for a correction.
MAX_REASON_CHARS = 1000


class GroupCorrection(models.Model):
    """A person's correction of the recurrence groups, kept relative to recommendations (group
    ids change at every rebuild): `recommendation` is taken out of its group, moved into the
    group `anchor` is in, or its whole group merged into `anchor`'s. Each document and text is
    kept so the correction finds its recommendations again after a re-analysis."""

    change = models.CharField(max_length=16, choices=GroupChange.choices)
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    document = models.ForeignKey("repository.Document", on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    anchor = models.ForeignKey(
        Recommendation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    anchor_document = models.ForeignKey(
        "repository.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    anchor_text = models.TextField(blank=True)
    reason = models.CharField(max_length=MAX_REASON_CHARS)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["made_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_change_display()}: {self.text[:60]}"


class GroupingLabel(models.Model):
    """Two recommendations a person judged to carry the same lesson or not, by correcting the
    groups: the labelled data the machine's grouping is measured against. The texts are kept
    so the label outlives the rows (a re-analysis makes new ones)."""

    correction = models.ForeignKey(GroupCorrection, on_delete=models.CASCADE, related_name="pairs")
    first = models.ForeignKey(
        Recommendation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    second = models.ForeignKey(
        Recommendation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    first_text = models.TextField()
    second_text = models.TextField()
    same_lesson = models.BooleanField()
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    labelled_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["-labelled_at", "-pk"]

    def __str__(self) -> str:
        said = "Same" if self.same_lesson else "Not the same"
        return f"{said} lesson: {self.first_id}, {self.second_id}"
