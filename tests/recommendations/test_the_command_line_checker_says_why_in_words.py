"""The command line checker says why an earlier recommendation is listed in the pages' words,
never the raw score, and says plainly when nothing close has been recommended before."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from casereview import cli
from tests.recommendations.test_recurrence_on_pages import OTHERS, TRAINING, review

pytestmark = pytest.mark.django_db


def test_the_command_line_checker_says_how_close_and_what_is_shared(
    files_dir: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review(2016, [TRAINING[0], *OTHERS], name="earlier")
    draft = tmp_path / "draft.txt"
    draft.write_text(f"1. {TRAINING[2]}\n2. Health visitors should ask about domestic abuse.\n")

    assert cli.main(["check-recommendations", str(draft)]) == 0

    out = capsys.readouterr().out
    assert "2016: Very close: shares \u201c" in out
    assert "Nothing close has been recommended before." in out
    assert not re.search(r"\b[01]\.\d\d\b", out)
