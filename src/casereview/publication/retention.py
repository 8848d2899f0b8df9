"""How long a published report stays public, and its withdrawal once that time has passed.

The national library keeps a published review public for five years from its publication
date. Publishing through the check records the last public day on the report's public copy
(``PublicCopy.public_until``); ``casereview withdraw-expired`` (run daily, as ``remind`` is)
withdraws each report whose day has passed: it leaves the public pages, search and downloads
(it is no longer published; the board still holds it), and the public keeps its catalogue
record (title, board, year, when it was published and when it was withdrawn) on the list of
withdrawn reviews. A withdrawn report is not published again.
"""

from __future__ import annotations

import datetime
from typing import Final

from django.db import transaction
from django.db.models import QuerySet

from casereview.publication.models import PublicCopy
from casereview.repository.models import Document

PUBLIC_YEARS: Final = 5


def public_until(published_on: datetime.date) -> datetime.date:
    """The last day a report published on ``published_on`` is public: the day before the same
    date five years on (29 February gives 28 February)."""
    year = published_on.year + PUBLIC_YEARS
    try:
        anniversary = published_on.replace(year=year)
    except ValueError:
        anniversary = datetime.date(year, 3, 1)
    return anniversary - datetime.timedelta(days=1)


def set_public_period(document: Document, published_on: datetime.date) -> None:
    """Record the report's last public day on its public copy (inside the publication)."""
    PublicCopy.objects.filter(document=document).update(
        public_until=public_until(published_on), withdrawn_on=None
    )


def withdrawal_refusal(document: Document) -> str:
    """Why the document may not be published again, when it was withdrawn; else empty."""
    copy = PublicCopy.objects.filter(document=document, withdrawn_on__isnull=False).first()
    if copy is None or copy.withdrawn_on is None:
        return ""
    return (
        f"“{document.display_title}” was withdrawn from the public pages on "
        f"{copy.withdrawn_on.day} {copy.withdrawn_on:%B %Y}, after its {PUBLIC_YEARS} years. "
        "A withdrawn report is not published again."
    )


def withdraw_expired(today: datetime.date) -> list[Document]:
    """Withdraw every published report whose last public day is before ``today``, each in its
    own transaction; the reports withdrawn. Safe to run again: each is withdrawn once."""
    due = PublicCopy.objects.filter(
        public_until__lt=today, withdrawn_on__isnull=True, document__is_published=True
    ).values_list("document_id", flat=True)
    withdrawn = []
    for document_id in list(due):
        with transaction.atomic():
            document = Document.objects.select_for_update().get(pk=document_id)
            copy = PublicCopy.objects.select_for_update().get(document=document)
            if copy.withdrawn_on is not None or not document.is_published:
                continue
            document.is_published = False
            document.save(update_fields=["is_published"])
            copy.withdrawn_on = today
            copy.save(update_fields=["withdrawn_on"])
        withdrawn.append(document)
    return withdrawn


def withdrawn_catalogue() -> QuerySet[PublicCopy]:
    """The catalogue records of withdrawn reports, latest withdrawn first."""
    return (
        PublicCopy.objects.filter(withdrawn_on__isnull=False)
        .select_related("document", "document__board")
        .order_by("-withdrawn_on", "-pk")
    )
