"""What `casereview serve` does as it starts, so the first requests do not pay for it."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Load the recommendations' recurrence index, which takes seconds to build at 100,000
    recommendations, in the background while the server already answers."""
    from django.db import connection

    from casereview.recommendations.recurrence import current_index

    try:
        current_index()
    except Exception:  # a warm-up only: the first request loads it anyway, and says why not
        logger.exception("The recurrence index could not be loaded")
    connection.close()
