"""`casereview deadlines REGIME EVENT DATE [--json]`, exactly as DESIGN §9 describes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casereview import cli


@pytest.mark.django_db
def test_it_prints_every_step_from_the_event_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["deadlines", "CSPR", "notified", "2021-12-17", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == [
        {
            "step": "rapid_review_templates_sent",
            "label": "Rapid review day 1: SIN copied to the business unit and templates sent "
            "to agencies",
            "due": "2021-12-20",
        },
        {
            "step": "rapid_review_agency_summaries",
            "label": "Rapid review day 10: agency summaries received",
            "due": "2022-01-05",
        },
        {
            "step": "rapid_review_panel_meeting",
            "label": "Rapid review day 12: rapid review meeting held",
            "due": "2022-01-07",
        },
        {
            "step": "rapid_review",
            "label": "Rapid review sent to the national panel",
            "due": "2022-01-12",
        },
        {
            "step": "rapid_review_sign_off",
            "label": "Rapid review day 15: safeguarding partners sign off",
            "due": "2022-01-12",
        },
    ]
    assert captured.err == ""


@pytest.mark.django_db
def test_before_steps_show_the_latest_date_that_satisfies_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["deadlines", "SCR", "published", "2018-03-06", "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)
    assert [(step["step"], step["due"]) for step in steps] == [
        ("panel_copy_before_publication", "2018-02-27"),
        ("kept_online", "2019-03-06"),
    ]


@pytest.mark.django_db
def test_it_prints_a_readable_table_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["deadlines", "scr", "Aware", "2016-12-23"]) == 0
    out = capsys.readouterr().out
    assert "SCR steps counting from aware on Friday 23 December 2016 (rules wt2018-2023):" in out
    assert "2017-01-04 Wed  Serious incident notified to Ofsted and the board" in out
    assert "(deadline: 5 working days after aware)" in out


@pytest.mark.django_db
def test_the_table_marks_the_optional_sub_steps(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["deadlines", "CSPR", "notified", "2021-12-17"]) == 0
    lines = capsys.readouterr().out.splitlines()
    sign_off = next(line for line in lines if "partners sign off" in line)
    rapid_review = next(line for line in lines if "sent to the national panel" in line)
    assert "optional sub-step" in sign_off
    assert "optional sub-step" not in rapid_review


@pytest.mark.django_db
def test_an_event_with_no_steps_gives_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["deadlines", "CSPR", "decided", "2024-01-05", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert cli.main(["deadlines", "CSPR", "decided", "2024-01-05"]) == 0
    assert capsys.readouterr().out == "No CSPR steps count from decided.\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["LSCB", "aware", "2024-01-05"], "'LSCB' is not a review regime; use SCR or CSPR"),
        (
            ["CSPR", "born", "2024-01-05"],
            "'born' is not an event; use one of aware, notified, decided, initiated, published",
        ),
        (["CSPR", "aware", "2024-02-30"], "'2024-02-30' is not a date; write it as YYYY-MM-DD"),
        (["CSPR", "aware", "5/1/2024"], "'5/1/2024' is not a date; write it as YYYY-MM-DD"),
        (["CSPR", "aware", "20240105"], "'20240105' is not a date; write it as YYYY-MM-DD"),
        (["CSPR", "aware"], "the following arguments are required: DATE"),
    ],
)
def test_it_explains_invalid_input_on_stderr_and_prints_nothing_else(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["deadlines", *arguments, "--json"])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


@pytest.mark.django_db
def test_it_explains_a_date_with_no_rules_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["deadlines", "SCR", "aware", "2007-06-01", "--json"]) == 1
    captured = capsys.readouterr()
    assert "No statutory clock rules were in force on 1 June 2007" in captured.err
    assert captured.out == ""


def test_it_runs_as_a_command_on_a_new_data_folder(tmp_path: Path) -> None:
    env = {**os.environ, "CASEREVIEW_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "casereview.cli",
            "deadlines",
            "CSPR",
            "aware",
            "2021-12-24",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "step": "sin",
            "label": "Serious incident notification (SIN) sent to the national panel and Ofsted",
            "due": "2022-01-05",
        }
    ]
