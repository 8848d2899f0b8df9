"""Every change to the repository: ingest, re-analysis, confirming and correcting the record,
publishing. Each is one transaction that also writes its audit event (STYLE habit 8).

Ingest is all or nothing: the document, its pages, its record, its search rows and its audit
event commit together, and the stored file is moved into place inside that transaction and
removed again if it rolls back. A refused file is never written at all.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from casereview.accounts.cleaning import clean_filename
from casereview.accounts.models import Board, Region
from casereview.analysis import Analysis, UnreadableDocument
from casereview.analysis import Document as ReadDocument
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.recommendations.models import Recommendation
from casereview.recommendations.recurrence import cluster_new
from casereview.recommendations.services import store_recommendations
from casereview.repository.models import (
    Decision,
    Document,
    DocumentFacet,
    Page,
    RecordField,
    SearchText,
    Status,
    Upload,
    UploadStatus,
)
from casereview.repository.reading import examine, read_file

logger = logging.getLogger(__name__)

Outcome = Literal["added", "already present", "rejected"]

# Fields of the record with a single value, as named in the analysis evidence.
SINGLE_FIELDS = (
    "title",
    "board",
    "year_published",
    "review_type",
    "review_model",
    "child.age_years",
    "child.sex",
    "outcome",
    "report_date",
    "coroner_area",
)
# Fields whose value is a list, each item with its own evidence under "<field>.<item>" (or, for
# a PFD report's addressees, the sent-to section they were all read from).
LIST_FIELDS = ("abuse_types", "agencies", "addressees")
# Stored only for a coroner's PFD report (ADR 0016): a case review has no such fields.
PFD_FIELDS = ("addressees", "report_date", "coroner_area")

# Age bands of DESIGN §6 (T1), as (upper bound in years, exclusive; label).
AGE_BANDS: tuple[tuple[float, str], ...] = (
    (1, "under 1"),
    (5, "1 to 4"),
    (11, "5 to 10"),
    (16, "11 to 15"),
    (18, "16 to 17"),
)
FACET_NAMES = (
    "year",
    "board",
    "region",
    "review_type",
    "outcome",
    "abuse_type",
    "age_band",
)

SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt"}


@dataclass(frozen=True)
class IngestResult:
    outcome: Outcome
    source: str
    reason: str = ""
    document: Document | None = None


def age_band(years: float | None) -> str | None:
    if years is None:
        return None
    for upper, label in AGE_BANDS:
        if years < upper:
            return label
    return None


def files_dir() -> Path:
    return Path(settings.FILES_DIR)


def stored_path(document: Document) -> Path:
    return files_dir() / document.stored_name


# --- ingest -----------------------------------------------------------------------------------


def ingest_file(
    source: Path | bytes,
    filename: str | None = None,
    *,
    board: Board | None = None,
    actor: Actor | None = None,
    published: bool = False,
) -> IngestResult:
    """Store one document with its text and record, or say why not; never half of either."""
    if isinstance(source, Path):
        filename = filename or source.name
        try:
            data = read_file(source)
        except UnreadableDocument as error:
            return IngestResult("rejected", filename, error.reason)
    else:
        data = source
    name = filename or "upload"
    digest = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(sha256=digest).first()
    if existing is not None:
        return IngestResult("already present", name, ALREADY_HELD, existing)
    try:
        examined = examine(data, name)
    except UnreadableDocument as error:
        return IngestResult("rejected", name, error.reason)
    try:
        document, recommendations = _store(
            data, name, examined.document, examined.analysis, board, actor, published
        )
    except IntegrityError:
        # Someone else stored the same bytes between our check and our commit.
        existing = Document.objects.filter(sha256=digest).first()
        if existing is None:
            raise
        return IngestResult("already present", name, ALREADY_HELD, existing)
    _cluster(recommendations)
    return IngestResult("added", name, document=document)


def _cluster(recommendations: list[Recommendation]) -> None:
    """Add a document's recommendations, as just stored, to the recurrence clusters. A failure
    here leaves the document stored and its recommendations unclustered until `casereview
    recluster`."""
    try:
        cluster_new(recommendations)
    except Exception:
        document = recommendations[0].document_id if recommendations else None
        logger.exception("Clustering the recommendations of document %s failed", document)


# Not the held copy's title: it may be another board's unpublished document, and this message is
# kept on the upload, which its sender reads. IngestResult.document says which copy it is.
ALREADY_HELD = "The same file is already held in the repository."
ALREADY_PUBLISHED = (
    "It is already published, so it was not linked to the case as its final report: a case's "
    "report is published only after the check for identifying details. Send the report's "
    "unpublished final version instead."
)


def _store(
    data: bytes,
    filename: str,
    read: ReadDocument,
    analysis: Analysis,
    board: Board | None,
    actor: Actor | None,
    published: bool,
) -> tuple[Document, list[Recommendation]]:
    stored_name = f"documents/{read.sha256[:2]}/{read.sha256}{SUFFIXES.get(read.format, '')}"
    final = files_dir() / stored_name
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=final.parent, prefix=".incoming-")
    placed = False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        with transaction.atomic():
            if board is None and analysis.board:
                board = Board.objects.filter(name__iexact=analysis.board).first()
            document = Document.objects.create(
                sha256=read.sha256,
                # Only the last part: a bulk ingest names files by their path on the server,
                # and the name is shown on public pages.
                original_filename=clean_filename(filename)[:255] or "document",
                stored_name=stored_name,
                format=read.format,
                size_bytes=len(data),
                page_count=read.page_count,
                status=(
                    Status.NEEDS_OCR
                    if read.needs_ocr
                    else Status.OCR
                    if read.ocr
                    else Status.STORED
                ),
                board=board,
                is_published=published,
            )
            Page.objects.bulk_create(
                Page(
                    document=document,
                    number=p.number,
                    text=p.text,
                    header=p.header,
                    footer=p.footer,
                )
                for p in read.pages
            )
            # A new document has no rows yet to read back, replace or re-title.
            fields = _write_machine_values(document, analysis, new=True)
            recommendations = store_recommendations(document, analysis, new=True)
            # The effective values first, so the search text is written once with its title:
            # changing the title afterwards re-indexes the whole body (the full-text triggers
            # on both databases cannot update only the title).
            refresh_effective_values(document, fields=fields)
            SearchText.objects.create(document=document, title=document.title)
            record(
                Action.DOCUMENT_INGESTED,
                actor=actor,
                obj=document,
                board=board,
                summary=f"Added {filename} ({read.page_count} pages)",
                data={"sha256": read.sha256, "status": document.status},
            )
            os.replace(temp_name, final)
            placed = True
    except BaseException:
        if placed:
            final.unlink(missing_ok=True)
        else:
            Path(temp_name).unlink(missing_ok=True)
        raise
    return document, recommendations


def _write_machine_values(
    document: Document, analysis: Analysis, *, new: bool = False
) -> list[RecordField]:
    """Set the machine's side of every record field; a person's side is left as it is. The
    document's fields are returned; `new` says it has none yet (not read back)."""
    values: dict[str, Any] = {
        "title": analysis.title,
        "board": analysis.board,
        "year_published": analysis.year_published,
        "review_type": analysis.review_type,
        "review_model": analysis.review_model,
        "child.age_years": analysis.child_age_years,
        "child.sex": analysis.child_sex,
        "outcome": analysis.outcome,
        "abuse_types": list(analysis.abuse_types),
        "agencies": list(analysis.agencies),
    }
    if analysis.review_type == "PFD":
        values["addressees"] = list(analysis.addressees)
        values["report_date"] = analysis.report_date
        values["coroner_area"] = analysis.coroner_area
    existing = {} if new else {f.name: f for f in document.fields.all()}
    added: list[RecordField] = []
    for name, value in values.items():
        evidence = analysis.evidence.get(name)
        items: list[dict[str, Any]] = []
        if name in LIST_FIELDS:
            for item in value:
                found = analysis.evidence.get(f"{name}.{item}") or (
                    analysis.evidence.get(name) if name in PFD_FIELDS else None
                )
                items.append(
                    {
                        "value": item,
                        "quote": found.quote if found else "",
                        "page": found.page if found else None,
                    }
                )
            if evidence is None and items:
                evidence = analysis.evidence.get(f"{name}.{value[0]}")
        row = existing.get(name)
        if row is None:
            row = RecordField(document=document, name=name)
            added.append(row)
        row.machine_value = value if value not in (None, []) else None
        row.quote = evidence.quote if evidence else ""
        row.page = evidence.page if evidence else None
        row.items = items
    # One statement each for the new rows and the changed ones, not one per field.
    RecordField.objects.bulk_create(added)
    if existing:
        RecordField.objects.bulk_update(
            existing.values(), ["machine_value", "quote", "page", "items"]
        )
    return [*existing.values(), *added]


def effective_values(document: Document, fields: list[RecordField] | None = None) -> dict[str, Any]:
    """The record's effective values, from `fields` when given, else from the database."""
    return {f.name: f.value for f in (document.fields.all() if fields is None else fields)}


def refresh_effective_values(
    document: Document, *, fields: list[RecordField] | None = None
) -> None:
    """Copy the effective record onto the document, its search title and its facet rows.

    `fields` are the document's record fields when it is being stored for the first time:
    they are not read back, and it has no search text or facet rows yet to change."""
    new = fields is not None
    values = effective_values(document, fields)
    document.title = str(values.get("title") or "")[:500]
    board_name = document.board.name if document.board else values.get("board")
    document.board_name = str(board_name or "")[:300]
    year = values.get("year_published")
    document.year_published = int(year) if year is not None else None
    document.review_type = str(values.get("review_type") or "")
    document.outcome = str(values.get("outcome") or "")
    document.save(update_fields=["title", "board_name", "year_published", "review_type", "outcome"])
    # Only a changed title is written: any update of the search text re-indexes the body.
    if not new:
        SearchText.objects.filter(document=document).exclude(title=document.title).update(
            title=document.title
        )
    facets: list[tuple[str, str]] = []
    if document.year_published:
        facets.append(("year", str(document.year_published)))
    if document.board_name:
        facets.append(("board", document.board_name))
    region = document_region(document)
    if region:
        facets.append(("region", region))
    if document.review_type:
        facets.append(("review_type", document.review_type))
    if document.outcome:
        facets.append(("outcome", document.outcome))
    facets.extend(("abuse_type", str(kind)) for kind in values.get("abuse_types") or [])
    band = age_band(values.get("child.age_years"))
    if band:
        facets.append(("age_band", band))
    if not new:
        DocumentFacet.objects.filter(document=document).delete()
    DocumentFacet.objects.bulk_create(
        DocumentFacet(document=document, name=name, value=value[:300])
        for name, value in dict.fromkeys(facets)
    )


FACET_LABELS: dict[str, dict[str, str]] = {"region": dict(Region.choices)}


# --- the region, from the board's record ---------------------------------------------------------

# How a review names its board: "<area> Safeguarding Children Partnership" since Working
# Together 2018, "<area> Local Safeguarding Children Board" (or "LSCB") before. A board's
# record gives its local authority area, so a review of the area's earlier board is placed in
# the same region. Matched without regard to case.
BOARD_NAME_ENDINGS = (
    " local safeguarding children board",
    " safeguarding children board",
    " lscb",
    " safeguarding children partnership",
    " safeguarding partnership",
)


def _area_of(board_name: str) -> str:
    """The local authority area a board's name starts with, or "" when it has no known ending."""
    name = " ".join(board_name.split()).casefold()
    for ending in BOARD_NAME_ENDINGS:
        if name.endswith(ending):
            return name.removesuffix(ending)
    return ""


def _regions_by_name(boards: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Board records (name, local authority, region) as a region for each name a review may
    give: the board's own name and its area's. A name two boards in different regions could
    answer to gives none: the region is never guessed."""
    found: dict[str, set[str]] = {}
    for name, area, region in boards:
        if not region:
            continue
        keys = {" ".join(name.split()).casefold(), _area_of(name)}
        keys.add(" ".join(area.split()).casefold())
        for key in keys - {""}:
            found.setdefault(key, set()).add(region)
    return {key: next(iter(regions)) for key, regions in found.items() if len(regions) == 1}


def _region_from(regions: Mapping[str, str], board_name: str) -> str | None:
    name = " ".join(board_name.split()).casefold()
    if not name:
        return None
    return regions.get(name) or regions.get(_area_of(name))


def region_for_board_name(board_name: str) -> str | None:
    """The region of the board record a review's board name leads to, if exactly one does.

    Every board record is read (a few hundred rows), as `refresh_regions` reads them: a
    narrower query misses a board whose name, not its local authority, gives the area, and the
    second board that makes an area ambiguous, so the region would depend on whether a board
    was saved since the review was read."""
    if not " ".join(board_name.split()):
        return None
    boards = Board.objects.values_list("name", "local_authority", "region")
    return _region_from(_regions_by_name(boards), board_name)


def document_region(document: Document) -> str | None:
    """A document's region: its own board's, or that of the board record its named board
    leads to (region_for_board_name)."""
    if document.board is not None:
        return document.board.region or None
    return region_for_board_name(document.board_name)


@transaction.atomic
def refresh_regions() -> int:
    """Rewrite the region facet of every document from the board records as they are now (a
    board added, renamed or moved to another region); returns how many documents changed.
    The facet table's triggers then tell search (facet_index) to read it again."""
    regions = _regions_by_name(Board.objects.values_list("name", "local_authority", "region"))
    own = dict(Board.objects.values_list("id", "region"))
    held = dict(DocumentFacet.objects.filter(name="region").values_list("document_id", "value"))
    changed: dict[int, str | None] = {}
    for pk, board_id, board_name in Document.objects.values_list("id", "board_id", "board_name"):
        region = (own.get(board_id) or None) if board_id else _region_from(regions, board_name)
        if held.get(pk) != region:
            changed[pk] = region
    if changed:
        ids = list(changed)
        # In slices: SQLite takes a limited number of parameters in one statement.
        for start in range(0, len(ids), 500):
            DocumentFacet.objects.filter(
                name="region", document_id__in=ids[start : start + 500]
            ).delete()
        DocumentFacet.objects.bulk_create(
            DocumentFacet(document_id=pk, name="region", value=region)
            for pk, region in changed.items()
            if region
        )
    return len(changed)


# --- the record, by people ----------------------------------------------------------------------


class RecordError(Exception):
    """A change to the record that cannot be made; the message says why."""


def confirm_field(field: RecordField, *, actor: Actor) -> RecordField:
    """A person agrees with the machine's value."""
    if field.machine_value is None:
        raise RecordError("There is no value to confirm. Correct it instead.")
    with transaction.atomic():
        field.decision = Decision.CONFIRMED
        field.person_value = None
        field.decided_by = actor.user
        field.decided_at = timezone.now()
        field.save()
        refresh_effective_values(field.document)
        record(
            Action.RECORD_CONFIRMED,
            actor=actor,
            obj=field.document,
            board=field.document.board,
            summary=f"Confirmed {field.name}",
            data={"field": field.name, "value": field.machine_value},
        )
    return field


def correct_field(field: RecordField, value: Any, *, actor: Actor, note: str = "") -> RecordField:
    """A person replaces the value; the machine's value and evidence are kept beside it."""
    with transaction.atomic():
        before = field.value
        field.decision = Decision.CORRECTED
        field.person_value = value
        field.person_note = note
        field.decided_by = actor.user
        field.decided_at = timezone.now()
        field.save()
        refresh_effective_values(field.document)
        record(
            Action.RECORD_CORRECTED,
            actor=actor,
            obj=field.document,
            board=field.document.board,
            summary=f"Corrected {field.name}",
            changes={field.name: [before, value]},
            data={"note": note},
        )
    return field


def reanalyse(document: Document, *, actor: Actor | None = None) -> Document:
    """Analyse the stored file again; people's decisions are kept and still win. A report
    published through the publication check is read from its redacted public copy, never the
    original, so no redacted detail comes back."""
    public = getattr(document, "public_copy", None) if document.is_published else None
    path = files_dir() / public.stored_name if public is not None else stored_path(document)
    data = path.read_bytes()
    examined = examine(data, document.original_filename)
    with transaction.atomic():
        _write_machine_values(document, examined.analysis)
        recommendations = store_recommendations(document, examined.analysis)
        refresh_effective_values(document)
        record(
            Action.DOCUMENT_REANALYSED,
            actor=actor,
            obj=document,
            board=document.board,
            summary=f"Re-analysed {document.display_title}",
        )
    _cluster(recommendations)
    return document


def publish_document(document: Document, *, actor: Actor, on: date | None = None) -> Document:
    with transaction.atomic():
        document.is_published = True
        document.published_on = on or timezone.localdate()
        document.save(update_fields=["is_published", "published_on"])
        record(
            Action.DOCUMENT_PUBLISHED,
            actor=actor,
            obj=document,
            board=document.board,
            summary=f"Published {document.display_title}",
        )
    return document


# --- uploads from the web -----------------------------------------------------------------------


def accept_upload(
    data: bytes, filename: str, *, board: Board, actor: Actor, case: Any = None
) -> Upload:
    """Hold an uploaded file until the background task reads it (`run_upload`)."""
    pending_name = f"uploads/{uuid.uuid4().hex}"
    path = files_dir() / pending_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    try:
        return Upload.objects.create(
            board=board,
            uploaded_by=actor.signed_in_user,
            case=case,
            filename=Path(filename).name[:255] or "upload",
            size_bytes=len(data),
            pending_name=pending_name,
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def run_upload(upload_id: int) -> str:
    """Ingest a waiting upload for its board and record the outcome; the held file goes."""
    upload = Upload.objects.select_related("board", "uploaded_by").get(pk=upload_id)
    if upload.is_finished:
        return str(upload.status)
    path = files_dir() / upload.pending_name
    try:
        data = path.read_bytes()
    except OSError:
        result = IngestResult(
            "rejected", upload.filename, "The uploaded file was lost. Send it again."
        )
    else:
        try:
            result = ingest_file(
                data, upload.filename, board=upload.board, actor=Actor.task(upload.uploaded_by)
            )
        except Exception:
            # Ingest is one transaction, so nothing is half-stored; the person gets a plain
            # answer and the details go to the log for whoever runs the service.
            logger.exception("Ingesting upload %s failed", upload.pk)
            result = IngestResult(
                "rejected",
                upload.filename,
                "Something went wrong while reading the file, and nothing was stored. "
                "Try again later.",
            )
    upload.status = {
        "added": UploadStatus.ADDED,
        "already present": UploadStatus.ALREADY_PRESENT,
        "rejected": UploadStatus.REJECTED,
    }[result.outcome]
    upload.reason = result.reason
    upload.document = result.document
    if result.document is not None and upload.case_id and result.document.is_published:
        # Linking it would make a case's report public without the publication check.
        upload.reason = " ".join([result.reason, ALREADY_PUBLISHED]).strip()
    elif (
        result.document is not None
        and upload.case_id
        and result.document.case_id is None
        and result.document.board_id == upload.board_id
    ):
        # A case's final report: the repository's document knows the case it came from. Never
        # another board's copy of the same bytes: the link would open it to this case's reviewers.
        result.document.case_id = upload.case_id
        result.document.save(update_fields=["case"])
    upload.pending_name = ""
    upload.finished_at = timezone.now()
    upload.save()
    path.unlink(missing_ok=True)
    return str(upload.status)
