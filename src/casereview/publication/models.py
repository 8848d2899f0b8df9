"""What the board decided about each identifying detail the publication scan found in a report,
the chair's overrides of the gate, and the public copy made from the redacted text.

A decision is stored per detail (its ``key``: one person, one date, one number), so it covers
every place the report writes it and survives a new scan of the same text; the findings
themselves are recomputed from the pages and the identity record whenever they are shown or
the gate is checked (``publication.redaction``). Decisions are the labelled data the scan is
measured against.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone


class Choice(models.TextChoices):
    REDACT = "redact", "Redact"
    KEEP = "keep", "Keep"


class FindingDecision(models.Model):
    document = models.ForeignKey(
        "repository.Document", on_delete=models.CASCADE, related_name="redaction_decisions"
    )
    key = models.CharField(max_length=300)
    kind = models.CharField(max_length=40)
    # The words as the scan first quoted them, for the person reading the decision later.
    quote = models.CharField(max_length=300)
    choice = models.CharField(max_length=8, choices=Choice.choices)
    replacement = models.CharField(max_length=100, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["document", "key"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["document", "key"], name="one_decision_per_detail")
        ]

    # Decisions quote identifying details: the audit trail keeps references only.
    audit_restricted = True

    def __str__(self) -> str:
        return f"{self.choice} {self.kind} in {self.document_id}"


class GateOverride(models.Model):
    """The chair's decision to publish with findings undecided, with the reason the national
    panel sees."""

    document = models.ForeignKey(
        "repository.Document", on_delete=models.CASCADE, related_name="gate_overrides"
    )
    reason = models.TextField()
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    overridden_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["-overridden_at", "-pk"]

    def __str__(self) -> str:
        return f"gate override on {self.document_id}"


class PublicCopy(models.Model):
    """The public PDF made from the redacted text when the report was published."""

    document = models.OneToOneField(
        "repository.Document", on_delete=models.CASCADE, related_name="public_copy"
    )
    # Relative to settings.FILES_DIR, named by the copy's own SHA-256.
    stored_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    made_at = models.DateTimeField(default=timezone.now)
    # The last day the report is public (``publication.retention``), set when it is published;
    # the day it left the public pages once that passed.
    public_until = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"public copy of {self.document_id}"


class ImprovementsSummary(models.Model):
    """The summary of improvements a board publishes instead of a case's report when it decides
    not to publish the report; it goes through the same check for identifying details."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="improvements_summary"
    )
    document = models.OneToOneField(
        "repository.Document", on_delete=models.CASCADE, related_name="improvements_of"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"improvements summary of {self.case_id}"


class DocumentIdentity(models.Model):
    """Who a report that came from no case is about, for the scan: the same restricted fields as
    a case's identity record (``cases.CaseIdentity``). The demo records it for its generated
    reports, whose planted details its generator lists."""

    document = models.OneToOneField(
        "repository.Document", on_delete=models.CASCADE, related_name="identity"
    )
    pseudonym = models.CharField(max_length=100, blank=True)
    legal_name = models.CharField(max_length=200, blank=True)
    family_members = models.TextField(blank=True)
    dates_of_birth = models.TextField(blank=True)
    addresses = models.TextField(blank=True)
    school = models.CharField(max_length=200, blank=True)

    # It names a child: the audit trail keeps references only.
    audit_restricted = True

    def __str__(self) -> str:
        return f"identity record of document {self.document_id}"
