"""The filter form above a page of national figures: a range of years and the choice filters the
page offers, giving the one ``Filters`` model. Every field is optional; blank means any."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django import forms

from casereview.accounts.forms import YearRangeForm
from casereview.learning.filters import ABUSE_TYPE, BOARD, REGIME, REGION, ChoiceFilter, Filters
from casereview.repository.forms import EARLIEST_YEAR as EARLIEST_PUBLISHED

EARLIEST_NOTIFIED = 2008
"""Cases go back to 2008 (the rules table starts then); a year before that is a typing mistake."""


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


class FiltersForm(YearRangeForm):
    """A GET form of filters; each page's form names the choice filters it offers."""

    offers: ClassVar[tuple[ChoiceFilter, ...]] = ()

    def __init__(self, data: Any = None, *, boards: Iterable[str] = ()) -> None:
        super().__init__(data)
        names = tuple((name, name) for name in boards)
        for choice in self.offers:
            self.fields[choice.field] = forms.ChoiceField(
                required=False,
                choices=[("", choice.every), *(choice.choices or names)],
                error_messages={
                    "invalid_choice": f"Select {_article(choice.title.lower())} from the list"
                },
            )

    def filters(self) -> Filters:
        """The filters asked for; call only once the form is valid (or unbound: no filters)."""
        if not self.is_bound:
            return Filters()
        data = self.cleaned_data
        return Filters(
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            **{choice.field: data.get(choice.field) or "" for choice in self.offers},
        )

    def problems(self) -> str:
        return "; ".join(str(error) for errors in self.errors.values() for error in errors)


class TimelinessFilterForm(FiltersForm):
    earliest_year = EARLIEST_NOTIFIED
    offers = (REGION, REGIME)


class RecommendationFilterForm(FiltersForm):
    earliest_year = EARLIEST_PUBLISHED
    offers = (BOARD, REGION, ABUSE_TYPE)
