"""Cases for tests, at any stage of the lifecycle, without going through the services."""

from __future__ import annotations

import datetime
from typing import Any

import factory

from casereview.accounts.models import User
from casereview.cases.clocks import regime_for
from casereview.cases.lifecycle import DecisionOutcome, State
from casereview.cases.models import (
    Appointment,
    Case,
    CaseFileVersion,
    CaseIdentity,
    Decision,
    Reviewer,
    StepMet,
)
from tests.factories import BoardFactory, UserFactory, actor_from


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    board = factory.SubFactory(BoardFactory)
    pseudonym = factory.Sequence(lambda n: f"Child {chr(65 + n % 26)}{n}")
    aware_on = datetime.date(2026, 3, 2)
    notified_on = datetime.date(2026, 3, 4)
    incident_on = datetime.date(2026, 2, 28)
    regime = factory.LazyAttribute(lambda case: regime_for(case.notified_on).value)
    outcome = "serious_harm"
    abuse_types = factory.LazyFunction(lambda: ["neglect"])
    abuse_certainty = "suspected"
    age_years = 3
    sex = "female"
    disability = "no"
    child_protection_plan = "yes"
    child_in_need = "no"
    looked_after = "no"
    agencies = factory.LazyFunction(lambda: ["Police", "Health visiting"])


class IdentityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseIdentity

    case = factory.SubFactory(CaseFactory)
    legal_name = "Tamsin Example-Fictional"
    family_members = "Mother: Rhiannon Example-Fictional"
    dates_of_birth = "Child: 1 May 2023"
    addresses = "1 Imaginary Row, Nowhere NW0 0AA"
    school = "Nowhere Infant School"


def decided(case: Case, by: User, outcome: str = DecisionOutcome.LCSPR, **fields: Any) -> Case:
    """The case with a recorded decision, as if the chair had recorded it."""
    on = fields.pop("decided_on", case.notified_on + datetime.timedelta(days=14))
    Decision.objects.create(
        case=case,
        decided_by=by,
        decided_on=on,
        options_considered="LCSPR; a single-agency review; no review",
        outcome=outcome,
        reasons="The criteria are met.",
        **fields,
    )
    case.state = State.DECISION_RECORDED
    case.decided_on = on
    case.save()
    return case


def step_met(case: Case, step: str, on: datetime.date, by: User) -> StepMet:
    """A step recorded as done by a person (as on the "record as done" page)."""
    met: StepMet = StepMet.objects.create(case=case, step=step, met_on=on, recorded_by=by)
    return met


class ReviewerFactory(factory.django.DjangoModelFactory):
    """Someone in the reviewer pool (a user of their own unless one is given)."""

    class Meta:
        model = Reviewer

    user = factory.SubFactory(UserFactory)
    expertise = "Neglect; under-fives; health visiting"
    region = "north-west"


def appoint(
    case: Case, reviewer: Reviewer, by: User, role: str = "lead", **fields: Any
) -> Appointment:
    """An appointment made directly (the services check conflicts; tests of access need not)."""
    return Appointment.objects.create(
        case=case,
        reviewer=reviewer,
        role=role,
        appointed_on=fields.pop("appointed_on", case.notified_on + datetime.timedelta(days=30)),
        appointed_by=by,
        **fields,
    )


def pdf_bytes(text: str = "A fictional draft report.") -> bytes:
    """A small real PDF (one page of text), made with reportlab."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def add_file_version(
    case: Case, by: User, *, kind: str = "draft", title: str = "Draft report", text: str = ""
) -> CaseFileVersion:
    """A stored case document version, through the service (so the bytes are really stored)."""
    from casereview.cases.case_files import add_version

    added = add_version(
        actor_from(by),
        case,
        data=pdf_bytes(text or f"{title} for {case.pseudonym}."),
        filename=f"{title.lower().replace(' ', '-')}.pdf",
        kind=kind,
        title=title,
    )
    return added.version
