"""Who may use the publication URLs of a case's report (see tests/access.py for the vocabulary).

The sample is board A's case at its publication decision with its unpublished final report.
Its chair (Alice) decides on identifying details and publishes; the national panel (Priya)
reads the details page; everyone else gets a 404 and the public is sent to sign in. A method a
page does not take answers 405 to anyone signed in (it reveals nothing about the report). The
public copy is public once the report is published; before, only those who may publish it
download the preview. The chair alone writes a case's summary of improvements.
"""

from __future__ import annotations

import datetime
from typing import Any

from tests.access import (
    FORM_POST,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    SIGNED_IN,
    TO_SIGN_IN,
    Expected,
    Row,
    answers,
    public,
)
from tests.conftest import PERSONA_NAMES, Personas
from tests.publication.conftest import ready_to_publish


def case_report_on_board_a(personas: Personas) -> dict[str, Any]:
    ready = ready_to_publish(personas, notice_on=datetime.date(2026, 7, 6))
    return {"ref": ready.ref}


def case_on_board_a(personas: Personas) -> dict[str, Any]:
    ready = ready_to_publish(personas, notice_on=datetime.date(2026, 7, 6))
    return {"pk": ready.case.pk}


def _table(allowed: dict[str, Expected], others: Expected) -> dict[str, Expected]:
    table: dict[str, Expected] = {"anonymous": TO_SIGN_IN}
    table.update({name: allowed.get(name, others) for name in SIGNED_IN})
    return table


def page(readers: dict[str, Expected]) -> Row:
    """A page read with GET: POST is not a method it takes."""
    return Row(
        get=_table(readers, NOT_FOUND),
        post=_table({}, NOT_ALLOWED),
        kwargs=case_report_on_board_a,
    )


def action(doers: dict[str, Expected]) -> Row:
    """A form's target, POST only."""
    return Row(
        get=_table({}, NOT_ALLOWED),
        post=_table(doers, NOT_FOUND),
        kwargs=case_report_on_board_a,
    )


ROWS: dict[str, Row] = {
    "publication:redaction": page({"alice": OK, "priya": OK}),
    "publication:decide": action({"alice": answers(302)}),
    "publication:override": action({"alice": answers(302)}),
    "publication:redact-dates": action({"alice": answers(302)}),
    "publication:confirm": Row(
        get=_table({"alice": OK}, NOT_FOUND),
        post=_table({"alice": FORM_POST}, NOT_FOUND),
        kwargs=case_report_on_board_a,
    ),
    "publication:improvements": Row(
        get=_table({"alice": OK}, NOT_FOUND),
        post=_table({"alice": FORM_POST}, NOT_FOUND),
        kwargs=case_on_board_a,
    ),
    "publication:withdrawn": public(),
    "publication:public-copy": Row(
        get={name: OK if name == "alice" else NOT_FOUND for name in PERSONA_NAMES},
        post=dict.fromkeys(PERSONA_NAMES, NOT_ALLOWED),
        kwargs=case_report_on_board_a,
    ),
}
