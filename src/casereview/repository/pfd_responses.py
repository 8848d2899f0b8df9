"""Responses to a coroner's Prevention of Future Deaths report (issue 20, item 17; ADR 0016).

Each body a PFD report was sent to must respond within the limit the rules table's PFD row
sets, counted from the report's date. Both come from the report's record (`addressees`,
`report_date`: derived with evidence, correctable by a person), so a correction moves the
clock. The limit is read from the rules in force on the report's date; where those rules have
no PFD row, no due date is shown rather than one made up. A response counts as received only
when a person records it here with the file the body sent; nothing is inferred.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.cases.clocks import RAG, ClockError, clock_state, deadlines
from casereview.cases.rules import Event, Regime
from casereview.repository.models import Document, PfdResponse
from casereview.repository.services import effective_values, files_dir


@dataclass(frozen=True)
class ResponseClock:
    addressee: str
    due: datetime.date | None
    state: RAG | None
    response: PfdResponse | None


@dataclass(frozen=True)
class ResponseClocks:
    report_date: datetime.date | None
    limit: str
    rule_set_version: str
    rows: list[ResponseClock]
    # Why no due dates are shown, in plain English; empty when they are.
    missing: str = ""


def response_clocks(document: Document, today: datetime.date) -> ResponseClocks:
    """The response clock of each body the report was sent to, seen on ``today``."""
    values = effective_values(document)
    addressees = [str(a) for a in values.get("addressees") or []]
    responses = {r.addressee: r for r in document.responses.all()}
    reported = _date(values.get("report_date"))
    steps = []
    missing = "" if reported else "The report's date is not known, so no response is due yet."
    if reported:
        try:
            steps = deadlines(Regime.PFD, Event.REPORTED, reported, include_optional=False)
        except ClockError as error:
            missing = str(error)
        if not steps and not missing:
            missing = (
                "The clock rules in force on the report's date have no limit for responses "
                "to a coroner's report: load a rules edition that has one."
            )
    step = steps[0] if steps else None
    rows = []
    for name in addressees:
        response = responses.get(name)
        met_on = response.received_on if response else None
        state = clock_state(step.due, met_on, today) if step else None
        rows.append(ResponseClock(name, step.due if step else None, state, response))
    return ResponseClocks(
        reported,
        step.limit if step else "",
        step.rule_set_version if step else "",
        rows,
        missing,
    )


def _date(value: object) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def record_response(
    document: Document,
    *,
    addressee: str,
    received_on: datetime.date,
    data: bytes,
    filename: str,
    actor: Actor,
) -> PfdResponse:
    """Attach a body's response: its file stored by hash, the row and its audit event in one
    transaction; if anything fails, neither the row nor the file is left behind."""
    digest = hashlib.sha256(data).hexdigest()
    stored_name = f"responses/{digest}{Path(filename).suffix.lower()[:10]}"
    final = files_dir() / stored_name
    final.parent.mkdir(parents=True, exist_ok=True)
    existed = final.exists()
    handle, temp_name = tempfile.mkstemp(dir=final.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        with transaction.atomic():
            response = PfdResponse.objects.create(
                document=document,
                addressee=addressee,
                received_on=received_on,
                original_filename=filename,
                stored_name=stored_name,
                size_bytes=len(data),
                sha256=digest,
                recorded_by=actor.signed_in_user,
            )
            record(
                Action.PFD_RESPONSE_RECORDED,
                actor=actor,
                obj=document,
                board=document.board,
                summary=f"Recorded the response of {addressee}"[:500],
                data={
                    "received_on": received_on.isoformat(),
                    "sha256": digest,
                    "filename": filename,
                },
            )
            os.replace(temp_name, final)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        if not existed and not PfdResponse.objects.filter(stored_name=stored_name).exists():
            final.unlink(missing_ok=True)
        raise
    return response
