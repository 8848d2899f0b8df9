"""A PFD form stuffed with what its reader looks for is read in bounded time (issue 20).

Each section of a fictional Regulation 28 form is filled with a long run of one thing the PFD
reader searches (ages, dates of birth, list numbers, the lead-in's words, body names, titles),
and read in a worker process (`bounded`) as ingest reads it: a search that went back to the
start of the text from every match would take minutes here, not seconds.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.analysis.bounded import MB, Worker, worker
from tests.analysis.test_pathological_inputs import HANG_SECONDS, SECONDS

# Each of the four sections gets this much of the run.
RUN_BYTES = MB // 16
RUNS = [
    "aged 5 ",
    "born 1 May 2000 opened an investigation ",
    "1. x\n",
    "Chief Executive\n",
    "matters giving rise to concern ",
    "death of Ann Lee, ",
    "1. A 2. B ",
    "died on on on on ",
    "a; ",
    "(l) ",
    "i) ii) ",
    "x. ",
]


def form(run: str) -> str:
    filled = run * (RUN_BYTES // len(run))
    parts = dict.fromkeys(("sent_to", "investigation", "circumstances", "concerns"), filled)
    return (
        "REGULATION 28 REPORT TO PREVENT FUTURE DEATHS\n"
        f"THIS REPORT IS BEING SENT TO:\n{parts['sent_to']}\n"
        "1 CORONER\nCoroner area: Fenmarsh\n"
        f"3 INVESTIGATION and INQUEST\n{parts['investigation']}\n"
        f"4 CIRCUMSTANCES OF THE DEATH\n{parts['circumstances']}\n"
        f"5 CORONER'S CONCERNS\n{parts['concerns']}\n"
    )


@pytest.fixture(scope="module")
def running() -> Iterator[Worker]:
    with worker() as w:
        yield w


@pytest.mark.parametrize("run", RUNS)
def test_a_pfd_form_full_of_what_its_reader_looks_for_is_read_in_bounded_time(
    running: Worker, run: str
) -> None:
    data = form(run).encode("utf-8")
    measured = running.run("read", data, "pfd.txt", hang_seconds=HANG_SECONDS)
    assert measured is not None, f"{run!r} was still running after {HANG_SECONDS} s"
    assert measured.seconds < SECONDS, f"{run!r} took {measured.seconds:.1f} s"
