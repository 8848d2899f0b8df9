"""Who may use the national figures (see tests/access.py).

The national panel's timeliness dashboard and its downloads: national panel members only. Board
staff, reviewers, outsiders and administrators get a 404, and nothing takes a POST (405 for the
panel, 404 for everyone else). The national view of recommendations and its downloads are public
statistics (DESIGN §2)."""

from __future__ import annotations

from tests.access import Row, public, restricted

PANEL = {"priya"}

ROWS: dict[str, Row] = {
    "learning:timeliness": restricted(PANEL),
    "learning:timeliness-csv": restricted(PANEL),
    "learning:overdue-csv": restricted(PANEL),
    "learning:recommendations": public(),
    "learning:recommendations-csv": public(),
}
