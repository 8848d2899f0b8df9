"""What `casereview serve` does as it starts, so the first requests do not pay for it."""

from __future__ import annotations

import gc
import logging

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Load the long-lived indexes, then leave them out of the garbage collector's full passes.

    The recommendations' recurrence index takes seconds to build at 100,000 recommendations,
    and the search facet table a few hundred milliseconds at 10,000 reports. Once they and
    Django's own tables are loaded, a full collection walks all of them: 60 to 80 ms at 10,000
    reports, every so many requests, in the middle of one of them. `gc.freeze()` moves the
    objects alive now out of those passes (they live as long as the process).
    """
    from django.db import connection

    from casereview.recommendations.recurrence import current_index
    from casereview.repository import facet_index

    for name, load in (("recurrence", current_index), ("search facet", facet_index.current)):
        try:
            load()
        except Exception:  # a warm-up only: the first request loads it anyway, and says why not
            logger.exception("The %s index could not be loaded", name)
    connection.close()
    gc.collect()
    gc.freeze()
