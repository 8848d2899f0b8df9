"""Stored documents, their pages of text, and the structured record derived from them.

A `Document` is stored once per SHA-256; its `Page` rows hold the text a person reads and the
search index is built from. Each value of the structured record is a `RecordField` holding the
machine's value with its evidence beside any value a person confirmed or corrected: re-analysis
rewrites only the machine's side, so corrections survive it, and the effective value prefers
the person's. The effective values are copied onto the document (and into `DocumentFacet`
rows) so search and facets never recompute them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    STORED = "stored", "Stored"
    NEEDS_OCR = "needs_ocr", "Needs OCR (no text layer)"
    OCR = "ocr", "Stored (text read by OCR)"


class Document(models.Model):
    sha256 = models.CharField(max_length=64, unique=True)
    original_filename = models.CharField(max_length=255)
    # Relative to settings.FILES_DIR; named by hash, so the same bytes are never stored twice.
    stored_name = models.CharField(max_length=200)
    format = models.CharField(max_length=16)
    size_bytes = models.PositiveBigIntegerField()
    page_count = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.STORED)
    board = models.ForeignKey(
        "accounts.Board",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    is_published = models.BooleanField(default=False)
    # The case whose final report this is, when it came from a case (cases.CaseFileVersion).
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    published_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Effective values of the record (person over machine), kept in step by services.
    title = models.CharField(max_length=500, blank=True)
    board_name = models.CharField(max_length=300, blank=True)
    year_published = models.PositiveSmallIntegerField(null=True, blank=True)
    review_type = models.CharField(max_length=16, blank=True)
    outcome = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering: ClassVar = ["-year_published", "title", "id"]
        indexes: ClassVar = [models.Index(fields=["is_published", "board"])]

    def __str__(self) -> str:
        return self.title or self.original_filename

    @property
    def audit_restricted(self) -> bool:
        """Until it is published the audit trail keeps references, not its title or values."""
        return not self.is_published

    @property
    def display_title(self) -> str:
        return self.title or self.original_filename

    @property
    def needs_ocr(self) -> bool:
        return self.status == Status.NEEDS_OCR


class Page(models.Model):
    # No index of its own: the (document, number) constraint's index serves every look-up by
    # document, in page order (search reads a document's first matching pages through it).
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="pages", db_index=False
    )
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    header = models.TextField(blank=True)
    footer = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["document", "number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["document", "number"], name="one_page_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.document} page {self.number}"


class SearchText(models.Model):
    """A document's row in the document-level search index: its title, and its body read from
    its pages.

    Triggers index the title with the pages' text (a contentless FTS5 table on SQLite, tsvector
    columns and phrase keys on PostgreSQL; migration 0018 and docs/adr/0006-search.md), so a
    query ranks documents, not pages, and the text is stored once. The pages are written
    first; deleting a page removes the row first.
    """

    document = models.OneToOneField(
        Document, primary_key=True, on_delete=models.CASCADE, related_name="search_text"
    )
    title = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"search text of {self.document_id}"


class SearchState(models.Model):
    """One row whose `token` changes whenever facet values or publication change.

    Database triggers (migration 0007) give it a new random value on every insert, update or
    delete of `DocumentFacet` rows and on documents being added, removed, published or
    withdrawn, whichever code path made the change. Search keeps the facet table in memory and
    reloads it when the token differs (`repository.facet_index`). The token is random, not a
    counter, so a change that was rolled back can never be mistaken for a later one.
    """

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"search state {self.token}"


class Decision(models.TextChoices):
    NONE = "", "Not checked"
    CONFIRMED = "confirmed", "Confirmed by a person"
    CORRECTED = "corrected", "Corrected by a person"


class RecordField(models.Model):
    """One value of the structured record: the machine's, with evidence, and a person's."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="fields")
    name = models.CharField(max_length=64)
    machine_value = models.JSONField(null=True, blank=True)
    quote = models.TextField(blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)
    # Evidence for each item of a list value: [{"value", "quote", "page"}].
    items = models.JSONField(default=list, blank=True)
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)
    person_value = models.JSONField(null=True, blank=True)
    person_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["document", "name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["document", "name"], name="one_record_field_per_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} of {self.document_id}"

    @property
    def value(self) -> Any:
        """The effective value: a person's correction wins over the machine."""
        if self.decision == Decision.CORRECTED:
            return self.person_value
        return self.machine_value

    @property
    def source(self) -> str:
        return "person" if self.decision else "machine"


class DocumentFacet(models.Model):
    """One facet value of a document (a document has several abuse types, say)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=32)
    value = models.CharField(max_length=300)

    class Meta:
        indexes: ClassVar = [models.Index(fields=["name", "value"])]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["document", "name", "value"], name="one_facet_value")
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class UploadStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be read"
    ADDED = "added", "Added to the repository"
    ALREADY_PRESENT = "already present", "Already in the repository"
    REJECTED = "rejected", "Refused"


class Upload(models.Model):
    """A file a board sent from the web, waiting for (or read by) the background ingest task.

    The bytes wait under ``uploads/`` in the files folder and are removed once read, whatever
    the outcome, so a refused upload leaves only this row saying why.
    """

    board = models.ForeignKey("accounts.Board", on_delete=models.PROTECT, related_name="uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(max_length=255)
    size_bytes = models.PositiveBigIntegerField()
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads"
    )
    # Relative to settings.FILES_DIR; empty once the task has read the file.
    pending_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=16, choices=UploadStatus.choices, default=UploadStatus.QUEUED
    )
    reason = models.TextField(blank=True)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Times the worker reading this file stopped part-way (killed, out of memory); the task is
    # tried again up to casereview.worker.recovery.MAX_ATTEMPTS times in all.
    interruptions = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"upload of {self.filename}"

    @property
    def is_finished(self) -> bool:
        return self.status != UploadStatus.QUEUED


class PfdResponse(models.Model):
    """A body's response to a coroner's PFD report, recorded by a person with the file they
    attached (ADR 0016). One per addressee; the addressee is named as the report's record names
    it when the response was recorded. The file is kept like a document, by its hash, under
    ``responses/`` in the files folder; nothing here is derived by the machine."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="responses")
    addressee = models.CharField(max_length=500)
    received_on = models.DateField()
    original_filename = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=200)
    size_bytes = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["document", "addressee"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["document", "addressee"], name="one_response_per_addressee"
            )
        ]

    def __str__(self) -> str:
        return f"response of {self.addressee} to {self.document_id}"
