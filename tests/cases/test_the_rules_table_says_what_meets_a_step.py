"""The rules table, not code, says when a date recorded for something else is a step: the
notification date is the SIN because its row declares ``met_by: notified``, with a rationale."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from casereview.cases.case_clocks import case_clocks
from casereview.cases.clocks import RAG
from casereview.cases.models import ClockRule
from casereview.cases.rules import SHIPPED_RULES_FILE, RulesFileError, parse_rules
from tests.cases.dates import d
from tests.cases.factories import CaseFactory
from tests.conftest import Personas, signed_in_client


def sin(case: Any) -> Any:
    return next(c for c in case_clocks(case, d("2026-03-20")) if c.deadline.step == "sin")


def test_the_notification_date_meets_the_sin_because_the_rules_row_says_so(
    personas: Personas,
) -> None:
    case = CaseFactory(
        board=personas.board_a, aware_on=d("2026-03-02"), notified_on=d("2026-03-04")
    )
    row = ClockRule.objects.get(rule_set__is_active=True, regime="CSPR", step="sin")

    assert (row.met_by, bool(row.met_by_rationale)) == ("notified", True)
    assert (sin(case).met_on, sin(case).state) == (d("2026-03-04"), RAG.MET)


def test_without_the_rules_rows_declaration_the_sin_is_not_recorded(personas: Personas) -> None:
    case = CaseFactory(
        board=personas.board_a, aware_on=d("2026-03-02"), notified_on=d("2026-03-04")
    )
    ClockRule.objects.filter(regime="CSPR", step="sin").update(met_by="", met_by_rationale="")

    assert (sin(case).met_on, sin(case).state) == (None, RAG.OVERDUE)


def test_the_rapid_review_is_met_by_no_other_date_in_the_shipped_rules() -> None:
    rows = json.loads(SHIPPED_RULES_FILE.read_text(encoding="utf-8"))["rules"]

    declared = {(row["regime"], row["step"]): row.get("met_by") for row in rows}

    assert declared[("CSPR", "sin")] == "notified"
    assert declared[("CSPR", "rapid_review")] is None
    assert all(row.get("met_by_rationale") for row in rows if row.get("met_by"))


def test_a_met_by_without_its_rationale_or_naming_no_recorded_date_is_refused() -> None:
    document = json.loads(SHIPPED_RULES_FILE.read_text(encoding="utf-8"))
    sin_row = next(row for row in document["rules"] if row["step"] == "sin")
    del sin_row["met_by_rationale"]

    with pytest.raises(RulesFileError, match="met_by_rationale"):
        parse_rules(document)
    sin_row["met_by_rationale"] = "Because."
    sin_row["met_by"] = "aware"
    with pytest.raises(RulesFileError, match="met_by must be one of"):
        parse_rules(document)


def test_the_rules_page_shows_which_recorded_date_meets_the_sin_and_why(
    personas: Personas,
) -> None:
    rule_set = ClockRule.objects.get(rule_set__is_active=True, regime="CSPR", step="sin").rule_set
    url = reverse("cases:rules-set", kwargs={"pk": rule_set.pk})

    page = signed_in_client(personas.alice).get(url).content.decode()

    assert "Met by the recorded date <code>notified</code>" in page
    assert "notifying is the step" in page
    assert "Met only when someone records it as done." in page
