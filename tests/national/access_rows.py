"""Who may use the national panel's dashboard and its downloads (see tests/access.py).

National panel members only: board staff, reviewers, outsiders and administrators get a 404, and
nothing takes a POST (405 for the panel, 404 for everyone else)."""

from __future__ import annotations

from tests.access import Row, restricted

PANEL = {"priya"}

ROWS: dict[str, Row] = {
    "cases:national": restricted(PANEL),
    "cases:national-export": restricted(PANEL),
    "cases:national-overdue-export": restricted(PANEL),
}
