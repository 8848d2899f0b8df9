"""The one filter model of the national figures: which cases or reviews a page of figures counts.

Both pages filter by a range of years and a region; the timeliness figures also by regime, the
recommendation figures also by board and abuse type. ``Filters`` holds every field, blank or None
meaning any; each page's form offers only the fields it reads (``forms``), so a field a page does
not offer is always blank there. The choice filters are rows of ``CHOICE_FILTERS``: a learning
theme joins by adding a row and a field of the same name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from casereview.accounts.models import Region
from casereview.analysis.record import ABUSE_TYPES
from casereview.cases.rules import Regime

ABUSE_TYPE_LABELS: Final = {
    "neglect": "Neglect",
    "physical": "Physical abuse",
    "sexual": "Sexual abuse",
    "emotional": "Emotional abuse",
}


@dataclass(frozen=True)
class ChoiceFilter:
    """A filter chosen from a list."""

    field: str
    """The form field and the ``Filters`` attribute."""
    title: str
    every: str
    """The blank choice, in words: "All regions"."""
    choices: tuple[tuple[str, str], ...]
    """Empty when the page supplies them (the boards named on the documents a reader may see)."""
    facet: str = ""
    """``DocumentFacet.name`` when reviews are filtered by their documents' facet rows."""


BOARD: Final = ChoiceFilter("board", "Board", "All boards", ())
REGION: Final = ChoiceFilter(
    "region", "Region", "All regions", tuple(Region.choices), facet="region"
)
REGIME: Final = ChoiceFilter(
    "regime",
    "Regime",
    "Both regimes",
    (
        (Regime.CSPR.value, "Child safeguarding practice reviews (CSPR)"),
        (Regime.SCR.value, "Serious case reviews (SCR)"),
    ),
)
ABUSE_TYPE: Final = ChoiceFilter(
    "abuse_type",
    "Abuse type",
    "All abuse types",
    tuple((kind, ABUSE_TYPE_LABELS.get(kind, kind.capitalize())) for kind in ABUSE_TYPES),
    facet="abuse_type",
)
CHOICE_FILTERS: Final = (BOARD, REGION, REGIME, ABUSE_TYPE)
FACET_FILTERS: Final = tuple(choice for choice in CHOICE_FILTERS if choice.facet)
"""The filters answered by the documents' facet rows (as search's are)."""


@dataclass(frozen=True)
class Filters:
    """Which cases or reviews count: in a range of years (notified for cases, published for
    reviews), by one board, in one region, under one regime, with one abuse type. Blank or None
    means any."""

    year_from: int | None = None
    year_to: int | None = None
    board: str = ""
    region: str = ""
    regime: str = ""
    abuse_type: str = ""

    def describe(self) -> dict[str, Any]:
        """The filters that were set, for the audit trail."""
        return {name: value for name, value in vars(self).items() if value not in (None, "")}

    def _years(self, verb: str) -> str:
        first, last = self.year_from, self.year_to
        if first is not None and last is not None:
            return f" {verb} in {first}" if first == last else f" {verb} {first} to {last}"
        if first is not None:
            return f" {verb} from {first} onwards"
        if last is not None:
            return f" {verb} up to the end of {last}"
        return ""

    def cases_in_words(self) -> str:
        """Which cases the timeliness figures cover: "Cases from London, notified 2019 to 2021,
        CSPR only"."""
        words = f"Cases from {Region(self.region).label if self.region else 'every region'}"
        years = self._years("notified")
        words += f",{years}" if years else ""
        if self.regime:
            words += f", {self.regime} only"
        return words

    def reviews_in_words(self) -> str:
        """Which reviews the recommendation figures cover: "Reviews published 2019 to 2021, by
        boards in London, with neglect among their abuse types"."""
        words = "Reviews" + self._years("published")
        if self.board:
            words += f", by {self.board}"
        for facet in FACET_FILTERS:
            value = getattr(self, facet.field)
            if value:
                label = dict(facet.choices).get(value, value)
                words += (
                    f", by boards in {label}"
                    if facet.field == "region"
                    else f", with {label.lower()} among their {facet.title.lower()}s"
                )
        return words if words != "Reviews" else "All reviews"
