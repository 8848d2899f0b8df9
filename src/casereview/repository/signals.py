"""What the repository does when other records change, connected in RepositoryConfig.ready
(so accounts imports no domain).

- It follows the board records: a region facet is derived from a board's record
  (services.document_region), so adding, changing or removing a board rewrites the region
  facet of the documents it covers. A bulk `Board.objects.update()` sends no signal;
  `casereview` never changes boards that way.
- A document's search text goes before its pages: the document-level index reads the body
  from the pages to remove the document (migration 0018), and Django would otherwise delete
  the pages first.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete

from casereview.accounts.models import Board
from casereview.repository.models import Document, SearchText


def _board_changed(sender: Any, **kwargs: Any) -> None:
    # Imported here: services imports the search package, which is not ready at app loading.
    from casereview.repository.services import refresh_regions

    if kwargs.get("raw"):
        return
    refresh_regions()


def _document_deleting(sender: Any, instance: Document, **kwargs: Any) -> None:
    SearchText.objects.filter(document=instance).delete()


def connect() -> None:
    pre_delete.connect(
        _document_deleting, sender=Document, dispatch_uid="repository-document-deleting"
    )
    post_save.connect(_board_changed, sender=Board, dispatch_uid="repository-board-saved")
    post_delete.connect(_board_changed, sender=Board, dispatch_uid="repository-board-deleted")
