"""The deadlines calculator: the web page gives the same due dates as `casereview deadlines`,
across Christmas, Easter and month ends, and says plainly what is wrong with bad input."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from django.urls import reverse

from casereview import cli
from tests.cases.dates import d
from tests.conftest import Personas, signed_in_client
from tests.rules_admin import date_fields


def calculate(personas: Personas, persona: str = "alice", **query: str) -> tuple[int, str]:
    response = signed_in_client(personas.by_name(persona)).get(reverse("cases:deadlines"), query)
    return response.status_code, response.content.decode()


def table(page: str) -> list[dict[str, str]]:
    """The results table's steps and due dates, as the CLI's JSON has them."""
    body = page[page.index('<tbody class="govuk-table__body">') : page.index("</tbody>")]
    steps = []
    for row in re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', body, re.S):
        label = re.search(r"<th[^>]*>(.*?)</th>", row, re.S)
        assert label is not None
        # Leave out the "Optional sub-step" tag: the command marks those only in its table.
        text = re.sub(r"<[^>]+>", "", re.sub(r"<strong.*?</strong>", "", label[1], flags=re.S))
        due = re.search(r'<time datetime="([0-9-]+)">', row)
        assert due is not None
        steps.append({"label": html.unescape(text).strip(), "due": due[1]})
    return steps


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    assert cli.main(["deadlines", *args, "--json"]) == 0
    return [
        {"label": step["label"], "due": step["due"]} for step in json.loads(capsys.readouterr().out)
    ]


@pytest.mark.parametrize(
    ("regime", "event", "on", "first_due"),
    [
        # Christmas and New Year: Friday 23 December 2016 + 5 working days (26, 27 December and
        # 2 January are bank holidays) is Wednesday 4 January 2017.
        ("SCR", "aware", "2016-12-23", "2017-01-04"),
        # A rapid review over Christmas 2021 (27, 28 December and 3 January are holidays).
        ("CSPR", "notified", "2021-12-17", "2021-12-20"),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April are not working days.
        ("CSPR", "aware", "2026-03-31", "2026-04-09"),
        ("CSPR", "aware", "2026-04-02", "2026-04-13"),
        # Month ends: 31 August + 6 months is 28 February; 31 January 2020 + 1 month is the 29th.
        ("CSPR", "initiated", "2021-08-31", "2022-02-28"),
        ("SCR", "notified", "2020-01-31", "2020-02-29"),
        # "At least" steps either side of publication, and a year later for keeping it online.
        ("CSPR", "published", "2024-02-29", "2024-02-20"),
    ],
)
def test_the_page_agrees_with_the_command(
    personas: Personas,
    capsys: pytest.CaptureFixture[str],
    regime: str,
    event: str,
    on: str,
    first_due: str,
) -> None:
    expected = cli_json(capsys, regime, event, on)

    status, page = calculate(personas, regime=regime, event=event, **date_fields("date", d(on)))

    assert status == 200
    assert table(page) == expected
    assert expected[0]["due"] == first_due


def test_it_shows_the_event_date_and_which_rules_it_used(personas: Personas) -> None:
    _, page = calculate(
        personas, regime="SCR", event="aware", **date_fields("date", d("2016-12-23"))
    )

    assert (
        "SCR steps counting from aware (the board became aware) on "
        '<time datetime="2016-12-23">Friday 23 December 2016</time>' in page
    )
    assert ">wt2018-2023</a>, in force on that date" in page
    assert '<td class="govuk-table__cell">Deadline</td>' in page


def test_every_signed_in_person_may_use_it(personas: Personas) -> None:
    for persona in ("bob", "dana", "charlie", "priya", "ada"):
        status, page = calculate(
            personas, persona, regime="CSPR", event="aware", **date_fields("date", d("2026-03-31"))
        )
        assert status == 200
        assert table(page) == [
            {
                "label": "Serious incident notification (SIN) sent to the national panel "
                "and Ofsted",
                "due": "2026-04-09",
            }
        ]


def test_an_event_with_no_steps_says_so(personas: Personas) -> None:
    _, page = calculate(
        personas, regime="CSPR", event="decided", **date_fields("date", d("2022-05-03"))
    )

    assert "No CSPR steps count from decided." in page


def test_an_empty_page_shows_only_the_form(personas: Personas) -> None:
    status, page = calculate(personas)

    assert status == 200
    assert "<title>Work out deadlines" in page
    assert "govuk-error-summary" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"event": "aware", **date_fields("date", d("2022-05-03"))},
            "Select the review regime, SCR or CSPR",
        ),
        (
            {"regime": "LSCB", "event": "aware", **date_fields("date", d("2022-05-03"))},
            "Select the review regime, SCR or CSPR",
        ),
        (
            {"regime": "SCR", "event": "born", **date_fields("date", d("2022-05-03"))},
            "Select one of the events listed",
        ),
        ({"regime": "SCR", "event": "aware"}, "Enter the date of the event"),
        (
            {
                "regime": "SCR",
                "event": "aware",
                "date-day": "30",
                "date-month": "2",
                "date-year": "2022",
            },
            "The date of the event must be a real date",
        ),
        (
            {
                "regime": "SCR",
                "event": "aware",
                "date-day": "3",
                "date-month": "5",
                "date-year": "",
            },
            "The date of the event must include a year",
        ),
        (
            {"regime": "SCR", "event": "aware", **date_fields("date", d("2007-06-01"))},
            "No statutory clock rules were in force on 1 June 2007",
        ),
    ],
)
def test_bad_input_gets_a_plain_error(
    personas: Personas, query: dict[str, str], message: str
) -> None:
    status, page = calculate(personas, **query)

    assert status == 200
    assert "<title>Error: Work out deadlines" in page
    assert message in page
    assert "govuk-table__body" not in page
