"""A board manager or chair notifies a serious incident, which opens a case on their board."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.audit.services import WITHHELD
from casereview.cases.models import Case, CaseIdentity
from tests.conftest import Personas, signed_in_client

TODAY = datetime.date.today()


def date_fields(name: str, on: datetime.date) -> dict[str, str]:
    return {
        f"{name}-day": str(on.day),
        f"{name}-month": str(on.month),
        f"{name}-year": str(on.year),
    }


def notification(**overrides: Any) -> dict[str, Any]:
    notified = overrides.pop("notified", TODAY - datetime.timedelta(days=3))
    aware = overrides.pop("aware", notified - datetime.timedelta(days=2))
    form = {
        "pseudonym": "Child T",
        "sex": "female",
        "disability": "no",
        "child_protection_plan": "yes",
        "child_in_need": "no",
        "looked_after": "not_known",
        "outcome": "serious_harm",
        "abuse_types": ["neglect", "physical"],
        "abuse_certainty": "suspected",
        "age_years": "2",
        "agencies": "Police\nHealth visiting\n",
        "legal_name": "Tamsin Fictional",
        "school": "Nowhere Nursery",
        **date_fields("incident_on", aware - datetime.timedelta(days=1)),
        **date_fields("aware_on", aware),
        **date_fields("notified_on", notified),
    }
    form.update(overrides)
    return form


def test_a_board_manager_notifies_a_case_and_its_regime_follows_the_date(
    personas: Personas, mo: Any
) -> None:
    response = signed_in_client(mo).post(
        reverse("cases:notify", kwargs={"slug": personas.board_a.slug}), notification()
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", kwargs={"pk": case.pk})
    assert (case.board, case.pseudonym, case.state, case.regime) == (
        personas.board_a,
        "Child T",
        "notified",
        "CSPR",
    )
    assert not case.regime_set_explicitly
    assert case.abuse_types == ["neglect", "physical"]
    assert case.agencies == ["Police", "Health visiting"]
    assert CaseIdentity.objects.get(case=case).legal_name == "Tamsin Fictional"


def test_the_chair_may_set_the_regime_explicitly_for_an_early_adopter(
    personas: Personas,
) -> None:
    signed_in_client(personas.alice).post(
        reverse("cases:notify", kwargs={"slug": personas.board_a.slug}),
        notification(notified=datetime.date(2019, 1, 10), regime="CSPR"),
    )

    case = Case.objects.get()
    assert (case.regime, case.regime_set_explicitly) == ("CSPR", True)


def test_notifying_is_audited_without_the_childs_identity(personas: Personas) -> None:
    signed_in_client(personas.alice).post(
        reverse("cases:notify", kwargs={"slug": personas.board_a.slug}), notification()
    )

    event = Event.objects.get(action=Action.CASE_NOTIFIED)
    assert event.board == personas.board_a
    assert event.changes["pseudonym"] == [WITHHELD, WITHHELD]
    assert "Child T" not in event.summary + event.object_label
    assert "Tamsin" not in str(event.changes) + str(event.data)
    assert event.data["identity_fields_given"] == ["legal_name", "school"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"pseudonym": ""}, "pseudonym", "Enter the name every screen will use for the child"),
        ({"abuse_types": []}, "abuse_types", "Select at least one kind of abuse or neglect"),
        ({"notified_on-day": "31", "notified_on-month": "2"}, "notified_on-day", "real date"),
        ({"age_years": "18"}, "age_years", "age must be 17 or less"),
    ],
)
def test_a_notification_with_a_problem_is_shown_again_with_the_reason(
    personas: Personas, overrides: dict[str, Any], field: str, message: str
) -> None:
    response = signed_in_client(personas.alice).post(
        reverse("cases:notify", kwargs={"slug": personas.board_a.slug}), notification(**overrides)
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f'href="#{field}"' in page
    assert message in page
    assert not Case.objects.exists()


def test_the_date_notified_cannot_come_before_the_board_became_aware(personas: Personas) -> None:
    notified = TODAY - datetime.timedelta(days=10)
    response = signed_in_client(personas.alice).post(
        reverse("cases:notify", kwargs={"slug": personas.board_a.slug}),
        notification(notified=notified, aware=notified + datetime.timedelta(days=1)),
    )

    assert "must be the same as or after the date the board became aware" in (
        response.content.decode()
    )
    assert not Case.objects.exists()


@pytest.mark.parametrize("persona", ["bob", "dana", "priya", "charlie", "ada"])
def test_only_the_boards_managers_and_chair_may_notify(persona: str, personas: Personas) -> None:
    response = signed_in_client(personas.by_name(persona)).post(
        reverse("cases:notify", kwargs={"slug": personas.board_a.slug}), notification()
    )

    assert response.status_code == 404
    assert not Case.objects.exists()
