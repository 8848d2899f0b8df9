"""Who may find, read, check, publish and upload documents: the repository's checks of the
access contract.

The contract itself (what a check takes and returns; a 404 for what a person may not see) is in
``accounts.permissions``. Published documents are the public's. Least privilege for unpublished
ones: the board's managers and chair see all of their board's; a lead reviewer sees those of the
reviews they are currently appointed to; the national panel sees every document, including ones
loaded without a board. Action owners see none until action plans attach documents to their
agency's actions.

This module imports ``cases.access`` and ``cases.lifecycle`` (listed in the import contract): a
document may belong to a case, so the case's appointed reviewers see it, and a case's final report
is published by whoever the lifecycle table lets move the case to "Published". Asking the case
checks directly is simpler than a hook the cases app would register, and the dependency already
runs this way (a case sends its report to the repository, never the reverse).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from casereview.accounts.models import Board, Membership, Role
from casereview.accounts.permissions import View, may_see_restricted, restricted_to
from casereview.cases import lifecycle
from casereview.cases.access import CASE_ROLES, appointed_case_ids
from casereview.repository.models import Document, Upload


def sees_what_the_public_sees(user: Any) -> bool:
    """True when this user's documents are the public's: `visible_documents(None)`."""
    return not may_see_restricted(user)


RESTRICTED_DOCUMENT_ROLES = CASE_ROLES


def _restricted_documents(user: Any) -> Q:
    """Which unpublished documents this (verified, non-panel) person's roles open."""
    boards = Membership.objects.filter(user=user, role__in=RESTRICTED_DOCUMENT_ROLES).values(
        "board_id"
    )
    return Q(board_id__in=boards) | Q(case_id__in=appointed_case_ids(user))


def visible_documents(user: Any) -> QuerySet[Document]:
    """Documents this user may find and read: published ones, plus the restricted ones their
    roles open (``_restricted_documents``)."""
    if not may_see_restricted(user):
        return Document.objects.filter(is_published=True)
    if user.is_panel_member:
        return Document.objects.all()
    return Document.objects.filter(Q(is_published=True) | _restricted_documents(user))


def visible_among(user: Any, document_ids: Iterable[int]) -> set[int]:
    """Which of these documents this user may open (``visible_documents``), by id."""
    return set(
        visible_documents(user).filter(pk__in=list(document_ids)).values_list("pk", flat=True)
    )


def sees_restricted_documents(user: Any) -> bool:
    """Whether this user's searches can reach unpublished documents (and so are audited)."""
    if not may_see_restricted(user):
        return False
    return bool(
        user.is_panel_member
        or Membership.objects.filter(user=user, role__in=RESTRICTED_DOCUMENT_ROLES).exists()
        or appointed_case_ids(user).exists()
    )


def get_document_or_404(user: Any, pk: int) -> Document:
    """The document, if this user may see it; otherwise a 404 that reveals nothing."""
    document = visible_documents(user).select_related("board").filter(pk=pk).first()
    if document is None:
        raise Http404("No such document.")
    return document


def may_check_record(user: Any, document: Document) -> bool:
    """The national panel, and whoever may see the document restricted (its board's managers and
    chair, the reviewers appointed to its case), may confirm or correct its record."""
    if not may_see_restricted(user):
        return False
    if user.is_panel_member:
        return True
    return Document.objects.filter(_restricted_documents(user), pk=document.pk).exists()


# A document's permanent address is the start of its SHA-256 (at least this many hex digits);
# a short all-digit reference is its database id.
MIN_SHA_PREFIX = 8


def find_document_or_404(user: Any, ref: str) -> Document:
    """The document a permanent reference names (id or SHA-256 prefix), if this user may see it."""
    documents = visible_documents(user).select_related("board")
    ref = ref.lower()
    if len(ref) >= MIN_SHA_PREFIX and all(c in "0123456789abcdef" for c in ref):
        found = list(documents.filter(sha256__startswith=ref)[:2])
        if len(found) == 1:
            return found[0]
    elif ref.isascii() and ref.isdigit():
        return get_document_or_404(user, int(ref))
    raise Http404("No such document.")


def is_restricted_document(document: Document) -> bool:
    """Views and downloads of an unpublished document are audited."""
    return not document.is_published


def may_publish_document(user: Any, document: Document) -> bool:
    """The chair of the document's board publishes it (through the publication check). A
    case's final report is published with the case's move to "Published", so whoever the
    lifecycle table lets make that move publishes it (whether the case is ready is the
    publication service's to say)."""
    if document.board_id is None or not may_see_restricted(user):
        return False
    roles = PUBLISHES_CASE_REPORTS if document.case_id is not None else {Role.CHAIR}
    return Membership.objects.filter(user=user, board_id=document.board_id, role__in=roles).exists()


PUBLISHES_CASE_REPORTS = next(
    t.roles for t in lifecycle.TRANSITIONS if t.target == lifecycle.State.PUBLISHED
)


# Board managers and chairs send their board's reports into the repository.
UPLOAD_ROLES = frozenset({Role.BOARD_MANAGER, Role.CHAIR})


def upload_boards(user: Any) -> QuerySet[Board]:
    """Boards this person may upload documents for."""
    if not may_see_restricted(user):
        return Board.objects.none()
    return Board.objects.filter(
        memberships__user=user, memberships__role__in=UPLOAD_ROLES
    ).distinct()


def may_record_response(user: Any, document: Document) -> bool:
    """The national panel, and the managers and chair of the board a coroner's PFD report is
    held for, attach the responses of the bodies it was sent to (ADR 0016)."""
    if document.review_type != "PFD" or not may_see_restricted(user):
        return False
    if user.is_panel_member:
        return True
    if document.board_id is None:
        return False
    return Membership.objects.filter(
        user=user, board_id=document.board_id, role__in=UPLOAD_ROLES
    ).exists()


def may_upload(user: Any) -> bool:
    return upload_boards(user).exists()


def get_upload_or_404(user: Any, pk: int) -> Upload:
    """An upload's status, for the people who may upload for its board."""
    upload = (
        Upload.objects.filter(board__in=upload_boards(user))
        .select_related("board", "document")
        .filter(pk=pk)
        .first()
    )
    if upload is None:
        raise Http404("No such upload.")
    return upload


def uploader_view(view: View) -> View:
    """Pages for sending documents into the repository (board managers and chairs)."""
    return restricted_to(may_upload)(view)
