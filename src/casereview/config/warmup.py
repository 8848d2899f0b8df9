"""What `casereview serve` does as it starts, so the first requests do not pay for it."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Load the recommendations' recurrence index in the background while the server already
    answers: from the saved file, a tenth of a second at 100,000 recommendations; restored from
    the database when the groups changed since it was saved (seconds); grouped again, once,
    when the model changed (a minute)."""
    from django.db import connection

    from casereview.recommendations.recurrence import current_index

    try:
        current_index()
    except Exception:  # a warm-up only: the first request loads it anyway, and says why not
        logger.exception("The recurrence index could not be loaded")
    connection.close()
