"""The checker refuses what is too big to check, in plain English, and stops reading what takes
too long (issue 16): a text that kept a server thread busy for minutes can no longer do so."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casereview.analysis.drafts import MAX_DRAFT_CHARACTERS, MAX_DRAFTS
from casereview.recommendations.checker import MAX_PASTED_CHARS
from tests.conftest import Personas, signed_in_client
from tests.recommendations.test_checker import DRAFT

pytestmark = pytest.mark.django_db


def _check(personas: Personas, data: dict[str, Any]) -> tuple[int, str]:
    response = signed_in_client(personas.bob).post(reverse("recommendations:check"), data)
    return response.status_code, response.content.decode()


def test_it_stops_reading_at_the_time_limit_and_says_to_split_the_text(
    personas: Personas, settings: Any
) -> None:
    # Shorter than the child process takes to start, so that any text runs out of time.
    settings.CHECKER_TIME_LIMIT_SECONDS = 0.01

    status, page = _check(personas, {"drafts": DRAFT})

    assert status == 400
    assert "This took too long to analyse (more than 0.01 seconds) and was stopped." in page
    assert "Split it into smaller parts and check each one." in page


def test_it_reads_drafts_within_the_time_limit_as_before(personas: Personas) -> None:
    status, page = _check(personas, {"drafts": DRAFT})

    assert status == 200
    assert "3 draft recommendations checked" in page


def test_it_refuses_pasted_text_longer_than_it_takes(personas: Personas) -> None:
    status, page = _check(personas, {"drafts": "1. " + "a" * MAX_PASTED_CHARS})

    assert status == 400
    assert (
        f"The pasted text is {MAX_PASTED_CHARS + 3:,} characters long, more than the "
        f"{MAX_PASTED_CHARS:,} the checker takes" in page
    )


def test_it_refuses_an_uploaded_file_over_the_size_limit_before_reading_it(
    personas: Personas, settings: Any
) -> None:
    settings.MAX_DOCUMENT_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("draft.txt", DRAFT.encode() * (1024 * 1024 // len(DRAFT) + 1))

    status, page = _check(personas, {"document": upload})

    assert status == 400
    assert "The selected file must be smaller than 1 MB" in page


def _letters(n: int) -> str:
    return chr(ord("a") + n % 26) + chr(ord("a") + n // 26)


def test_it_refuses_more_drafts_than_it_checks_at_once(personas: Personas) -> None:
    # Each worded differently (lines alike but for numbers would be read as running heads).
    many = "".join(
        f"{n}. The partnership should review the work of team {_letters(n)} by March 2027.\n"
        for n in range(1, MAX_DRAFTS + 2)
    )

    status, page = _check(personas, {"drafts": many})

    assert status == 400
    assert (
        f"This holds {MAX_DRAFTS + 1} recommendations, but the checker takes at most "
        f"{MAX_DRAFTS} at a time. Check them in smaller parts." in page
    )


def test_the_command_line_checker_reads_no_more_than_the_size_limit(tmp_path: Any) -> None:
    env = {
        "CASEREVIEW_DATA_DIR": str(tmp_path / "data"),
        "CASEREVIEW_MAX_DOCUMENT_MB": "1",
        "PATH": "/usr/bin:/bin",
    }

    done = subprocess.run(
        [sys.executable, "-m", "casereview.cli", "check-recommendations", "-"],
        input=DRAFT.encode() * (1024 * 1024 // len(DRAFT) + 1),
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )

    assert done.returncode == 1
    assert done.stderr.decode().strip() == (
        "standard input: This is more than the 1 MB limit; send only the recommendations, or "
        "a smaller copy of the report."
    )


def test_it_refuses_recommendations_longer_in_all_than_it_compares_at_once(
    personas: Personas,
) -> None:
    # Fewer drafts than the limit, but long: comparing them grows with their total length too.
    words = " ".join(f"word{k}" for k in range(250))
    count = MAX_DRAFT_CHARACTERS // len(words) + 10
    long_drafts = "".join(
        f"{n}. The partnership should review the work of team {_letters(n)}: {words}.\n"
        for n in range(1, count + 1)
    )
    upload = SimpleUploadedFile("draft.txt", long_drafts.encode())

    status, page = _check(personas, {"document": upload})

    assert status == 400
    assert f"but the checker takes at most {MAX_DRAFT_CHARACTERS:,} at a time" in page
