"""Documents on a case (issue 3, item 7): terms of reference, agency reports, drafts and the
final report, each kept in every version it was sent in.

The bytes are checked before anything is stored (a PDF or a Word document that opens safely,
whose name does not promise another kind of file), stored
once under their SHA-256 in the files folder, and the version row and its audit event are
written in one transaction; a refused file leaves nothing behind. Case documents are restricted
like the case itself, and every download is audited. A final report goes on to the national
repository through the same background ingest as any upload (``repository.services``).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from django.conf import settings
from django.db import transaction
from django.db.models import Max

from casereview.accounts.cleaning import clean_filename, clean_line
from casereview.analysis.documents import sniff
from casereview.analysis.model import UnreadableDocument
from casereview.analysis.word import check_zip
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.cases import access
from casereview.cases.models import Case, CaseFile, CaseFileKind, CaseFileVersion
from casereview.cases.services import Refused
from casereview.pages.uploads import is_blank, misnamed
from casereview.repository import services as repository
from casereview.repository.models import Upload

SUFFIXES = {"pdf": ".pdf", "docx": ".docx"}
# What an appointed reviewer may send; the board sends any kind.
REVIEWER_KINDS = frozenset({CaseFileKind.DRAFT, CaseFileKind.FINAL_REPORT, CaseFileKind.OTHER})


def max_bytes() -> int:
    return int(settings.MAX_DOCUMENT_BYTES)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def check_file(data: bytes, filename: str) -> str:
    """The file's format ("pdf" or "docx"), or ``Refused`` saying in plain words what is wrong."""
    name = clean_filename(filename) or "The file"
    if not data:
        raise Refused([f"{name} is empty (0 bytes). Choose the document again."])
    if len(data) > max_bytes():
        raise Refused(
            [f"{name} is {_megabytes(len(data))}, over the {_megabytes(max_bytes())} limit."]
        )
    if is_blank(data):
        raise Refused([f"{name} has nothing in it but blank space. Choose the document again."])
    kind = sniff(data)
    # Only a PDF or a Word document can be refused for its name; anything else is for what it is.
    if kind in SUFFIXES and (wrong_name := misnamed(name, kind)):
        raise Refused([wrong_name])
    if kind == "pdf":
        try:
            pdf = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError:
            raise Refused(
                [
                    f"{name} looks like a PDF but cannot be opened: it may be damaged, cut short "
                    "or protected by a password. Save it again without a password and retry."
                ]
            ) from None
        pages = len(pdf)
        pdf.close()
        if pages == 0:
            raise Refused([f"{name} is a PDF with no pages."])
        return kind
    if kind == "docx":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                package.getinfo("word/document.xml")
        except (zipfile.BadZipFile, KeyError):
            raise Refused(
                [f"{name} looks like a Word document but cannot be opened: it may be damaged."]
            ) from None
        try:
            # Inflates every part in small steps: a zip whose headers lie is refused here.
            check_zip(data)
        except UnreadableDocument as unsafe:
            raise Refused([f"{name}: {unsafe.reason}"]) from None
        return kind
    raise Refused(
        [
            f"{name} is not a PDF or a Word document (.docx): it looks like {kind}. "
            "Save the document as a PDF or .docx and try again."
        ]
    )


@dataclass(frozen=True)
class Added:
    version: CaseFileVersion
    is_new_file: bool


def add_version(
    actor: Actor,
    case: Case,
    *,
    data: bytes,
    filename: str,
    kind: str,
    title: str,
    note: str = "",
) -> Added:
    """Store a document on the case: a new file, or the next version of the file with the same
    kind and title. Refused (with nothing stored) for a bad file or someone not allowed."""
    user = actor.signed_in_user
    if not access.may_add_case_file(user, case):
        raise Refused(["Only the board and the case's appointed reviewers may add documents."])
    if kind not in CaseFileKind.values:
        raise Refused(["Choose what kind of document this is."])
    if not access.runs_case(user, case) and kind not in REVIEWER_KINDS:
        raise Refused(
            ["Reviewers add drafts, the final report and other documents; the board adds the rest."]
        )
    title = clean_line(title)[:300]
    if not title:
        raise Refused(["Enter a title for the document."])
    fmt = check_file(data, filename)
    digest = hashlib.sha256(data).hexdigest()
    stored_name = f"case-files/{digest[:2]}/{digest}{SUFFIXES[fmt]}"
    final = Path(settings.FILES_DIR) / stored_name
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=final.parent, prefix=".incoming-")
    placed_here = False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        with transaction.atomic():
            locked = Case.objects.select_for_update().get(pk=case.pk)
            case_file, created = CaseFile.objects.get_or_create(case=locked, kind=kind, title=title)
            latest = case_file.versions.order_by("-number").first()
            if latest is not None and latest.sha256 == digest:
                raise Refused(
                    [
                        f"This file is the same as version {latest.number} of “{title}”, "
                        "so no new version was added."
                    ]
                )
            number = (case_file.versions.aggregate(n=Max("number"))["n"] or 0) + 1
            version = CaseFileVersion.objects.create(
                file=case_file,
                number=number,
                sha256=digest,
                size_bytes=len(data),
                original_filename=clean_filename(filename)[:255] or "document",
                format=fmt,
                stored_name=stored_name,
                note=note.strip(),
                uploaded_by=user,
            )
            record(
                Action.CASE_FILE_ADDED,
                actor=actor,
                obj=case,
                board=case.board,
                summary=f"Added version {number} of “{title}” "
                f"({case_file.get_kind_display().lower()}) to {case.pseudonym}",
                data={"file": case_file.pk, "version": number, "sha256": digest, "kind": kind},
            )
            if not final.exists():
                os.replace(temp_name, final)
                placed_here = True
    except BaseException:
        if placed_here:
            # Only bytes this call placed are removed; a file shared with an older version stays.
            final.unlink(missing_ok=True)
        raise
    finally:
        Path(temp_name).unlink(missing_ok=True)
    return Added(version, created)


def files_of(case: Case) -> list[CaseFile]:
    return list(case.files.prefetch_related("versions__uploaded_by", "versions__repository_upload"))


def repository_copies(files: list[CaseFile]) -> list[int]:
    """The repository's documents these files' versions were sent to (``files_of``'s files)."""
    return [
        v.repository_upload.document_id
        for f in files
        for v in f.versions.all()
        if v.repository_upload and v.repository_upload.document_id is not None
    ]


def get_version_or_none(case: Case, version_id: int) -> CaseFileVersion | None:
    return (
        CaseFileVersion.objects.select_related("file", "uploaded_by")
        .filter(file__case=case, pk=version_id)
        .first()
    )


def read_version(actor: Actor, case: Case, version: CaseFileVersion) -> bytes:
    """The stored bytes, once the download is recorded."""
    data = (Path(settings.FILES_DIR) / version.stored_name).read_bytes()
    record(
        Action.CASE_FILE_DOWNLOADED,
        actor=actor,
        obj=case,
        board=case.board,
        summary=f"Downloaded version {version.number} of “{version.file.title}” of "
        f"{case.pseudonym}",
        data={"file": version.file_id, "version": version.number},
    )
    return data


@transaction.atomic
def send_to_repository(actor: Actor, case: Case, version: CaseFileVersion) -> Upload:
    """Queue a final report version for ingest into the national repository (unpublished, for
    the case's board); the background task reads it like any upload."""
    user = actor.signed_in_user
    if not access.may_send_to_repository(user, case):
        raise Refused(["Only the board manager or independent chair may send the final report."])
    if version.file.kind != CaseFileKind.FINAL_REPORT:
        raise Refused(["Only a final report goes to the national repository."])
    if version.repository_upload_id is not None:
        raise Refused(["This version has already been sent to the repository."])
    data = (Path(settings.FILES_DIR) / version.stored_name).read_bytes()
    upload = repository.accept_upload(
        data, version.original_filename, board=case.board, actor=actor, case=case
    )
    version.repository_upload = upload
    version.save(update_fields=["repository_upload"])
    record(
        Action.CASE_FILE_SENT_TO_REPOSITORY,
        actor=actor,
        obj=case,
        board=case.board,
        summary=f"Sent version {version.number} of “{version.file.title}” of {case.pseudonym} "
        "to the national repository",
        data={"file": version.file_id, "version": version.number, "upload": upload.pk},
    )
    return upload
