"""The search page's work apart from HTTP: what a query string asks for (the words, the ticked
filters, the page of results), the search itself among the documents the person may see,
recorded in the audit trail when it could reach restricted ones, and the filters chosen, each
with the link that takes it off.

The search engine is ``repository.search``; this module is what the page asks of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict

from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.repository import access
from casereview.repository.search import FACET_TITLES, Results, Scope, search
from casereview.repository.services import FACET_LABELS, FACET_NAMES

RESULTS_PER_PAGE = 20
# Search result pages reachable by link; deeper pages are better found with a narrower search.
MAX_RESULT_PAGES = 50


def page_number(raw: str | None, last: int) -> int:
    """The page a link asks for, from 1 to ``last``; anything unreadable asks for the first."""
    try:
        number = int(raw or "1")
    except ValueError:
        return 1
    return max(1, min(number, max(last, 1)))


@dataclass(frozen=True)
class AskedSearch:
    """What a search page's query string asks for."""

    text: str
    filters: dict[str, list[str]]
    """The ticked values of each facet that has any."""
    page: int
    """The page of results, up to MAX_RESULT_PAGES."""

    @classmethod
    def from_query(cls, params: QueryDict) -> AskedSearch:
        return cls(
            text=params.get("q", "").strip(),
            filters={name: params.getlist(name) for name in FACET_NAMES if params.get(name)},
            page=page_number(params.get("page"), MAX_RESULT_PAGES),
        )

    @property
    def offset(self) -> int:
        """How many results come before this page's first."""
        return (self.page - 1) * RESULTS_PER_PAGE


def search_for(actor: Actor, asked: AskedSearch, scope: Scope) -> Results:
    """The page of results asked for among the scope's documents. A search by someone whose
    searches can reach unpublished documents is recorded: its words, filters and how many
    documents it found."""
    results = search(
        asked.text,
        scope=scope,
        filters=asked.filters,
        limit=RESULTS_PER_PAGE,
        offset=asked.offset,
    )
    if asked.text and not results.message and access.sees_restricted_documents(actor.user):
        record(
            Action.SEARCHED_RESTRICTED,
            actor=actor,
            summary=f"Searched for {asked.text[:200]!r}",
            data={
                "query": asked.text[:500],
                "filters": dict(asked.filters),
                "results": results.total,
            },
        )
    return results


def last_page(results: Results) -> int:
    """The last page of these results a link reaches."""
    return min(-(-results.total // RESULTS_PER_PAGE), MAX_RESULT_PAGES)


def chosen_filters(params: QueryDict, filters: Mapping[str, Sequence[str]]) -> list[dict[str, str]]:
    """Each ticked value with its facet's title, its label and the query string that takes it
    off (and goes back to the first page of results)."""
    return [
        {
            "title": FACET_TITLES[name],
            "value": FACET_LABELS.get(name, {}).get(value, value),
            "remove": "?"
            + urlencode(
                [
                    (k, v)
                    for k, vs in params.lists()
                    if k != "page"
                    for v in vs
                    if not (k == name and v == value)
                ]
            ),
        }
        for name, values in filters.items()
        for value in values
    ]
