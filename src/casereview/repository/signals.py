"""The repository follows the board records: a region facet is derived from a board's record
(services.document_region), so adding, changing or removing a board rewrites the region facet of
the documents it covers. Connected in RepositoryConfig.ready, so accounts imports no domain.

A bulk `Board.objects.update()` sends no signal; `casereview` never changes boards that way.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from casereview.accounts.models import Board


def _board_changed(sender: Any, **kwargs: Any) -> None:
    # Imported here: services imports the search package, which is not ready at app loading.
    from casereview.repository.services import refresh_regions

    if kwargs.get("raw"):
        return
    refresh_regions()


def connect() -> None:
    post_save.connect(_board_changed, sender=Board, dispatch_uid="repository-board-saved")
    post_delete.connect(_board_changed, sender=Board, dispatch_uid="repository-board-deleted")
