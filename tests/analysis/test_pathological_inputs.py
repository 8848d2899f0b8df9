"""Pathological inputs are read in bounded time and memory by every reader (issue 16).

Hypothesis builds texts from long runs of what made the readers slow before (spaces, pipes,
line breaks, "\\n |", full stops, letters, repeated phrases, tags), mixed; hand-picked worst
cases of a megabyte or more are always tried too. Each call runs in a worker process
(`bounded`), timed, then run again with Python's allocations traced for its memory peak: a call
that went quadratic again fails here instead of hanging the suite. The bounds are generous on
purpose: each of these inputs is read in well under the bound, and the defects took minutes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.analysis.bounded import MB, Worker, Worst, docx_of, pdf_of, worker

# The time bound for inputs of up to a few megabytes.
SECONDS = 10
# Past this the call is taken to hang, and the worker is stopped.
HANG_SECONDS = 60
# Python's own allocations: a fixed allowance plus a multiple of the input. Pages, their views
# and the lines of recommendations each hold a copy or two of the text (10 to 70 bytes a byte);
# the most is Python's HTML parser matching one tag of 200,000 attributes ("<a b=" repeated),
# about 200 bytes a byte, for the expression's state.
MEMORY_ALLOWANCE = 64 * MB
MEMORY_PER_INPUT_BYTE = 256
# Generated inputs are cut to this; the worst cases below are larger.
GENERATED_MAX_CHARS = 64 * 1024

RUNS = [
    " ",
    "\t",
    "\n",
    "|",
    " |",
    "\n |",
    "\n \n",
    "\r\n",
    "\f",
    "\xa0",
    ".",
    ". ",
    "a",
    "A",
    "1",
    "1. ",
    "- ",
    "-\n",
    "(",
    "&",
    "\ufffe",
    "©",
    "recommendation ",
    "Recommendations\n",
    "copyright ",
    "The police should ",
    "public ",
    "hybrid ",
    "number ",
    "information sharing ",
    "<div>",
    "</div>",
    "<td> </td>",
    "<tr> </tr>",
    "<br>",
    "<a b=",
    "<!--",
]

texts = st.lists(
    st.tuples(st.sampled_from(RUNS), st.integers(min_value=1, max_value=40_000)),
    min_size=1,
    max_size=4,
).map(lambda runs: "".join(run * n for run, n in runs)[:GENERATED_MAX_CHARS])

# Each run that was slow before, as large as the time bound allows when every allocation is
# traced: lines cost most ("\n |" is a line per three characters), long lines least.
WORST_TEXT = [
    Worst("\n |" * (MB // 12), "'\\n |' repeated"),
    Worst(" " * (2 * MB) + "x", "2 MB of spaces"),
    Worst("\n" * (2 * MB) + "x", "2 MB of line breaks"),
    Worst("a" * MB, "1 MB of one letter"),
    Worst("." * MB, "1 MB of full stops"),
    Worst("copyright " * (MB // 10), "'copyright ' repeated"),
    Worst("public " * (MB // 7), "'public ' repeated"),
    Worst("information sharing " * (MB // 20), "'information sharing ' repeated"),
    Worst(
        ("1. The police should " + " " * 500 + "|" * 500 + "\n" * 500) * (MB // 1520),
        "a numbered line, spaces, pipes and line breaks, repeated",
    ),
]
WORST_PAGE = [
    Worst("<tr> </tr>" * (MB // 10), "a table of empty rows"),
    Worst("<a b=" * (MB // 5), "an unclosed tag repeated"),
    Worst("<!--" * (MB // 4), "an unclosed comment repeated"),
]

SETTINGS = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def running() -> Iterator[Worker]:
    with worker() as w:
        yield w


def assert_bounded(running: Worker, call: str, data: bytes, *rest: object) -> None:
    measured = running.run(call, data, *rest, hang_seconds=HANG_SECONDS)
    size = f"{len(data):,} bytes starting {data[:40]!r}"
    assert measured is not None, f"{call} of {size} was still running after {HANG_SECONDS} s"
    assert measured.seconds < SECONDS, f"{call} of {size} took {measured.seconds:.1f} s"
    memory = MEMORY_ALLOWANCE + MEMORY_PER_INPUT_BYTE * len(data)
    assert measured.peak_bytes < memory, f"{call} of {size} used {measured.peak_bytes:,} bytes"


@SETTINGS
@given(text=texts)
@example(text=WORST_TEXT[0])
@example(text=WORST_TEXT[1])
@example(text=WORST_TEXT[2])
@example(text=WORST_TEXT[3])
@example(text=WORST_TEXT[4])
@example(text=WORST_TEXT[5])
@example(text=WORST_TEXT[6])
@example(text=WORST_TEXT[7])
@example(text=WORST_TEXT[8])
def test_plain_text_is_read_analysed_and_its_recommendations_coded_in_bounded_time(
    running: Worker, text: str
) -> None:
    assert_bounded(running, "read", text.encode("utf-8"), "review.txt")


@SETTINGS
@given(text=texts, depth=st.integers(min_value=0, max_value=20_000))
@example(text=WORST_PAGE[0], depth=0)
@example(text=WORST_PAGE[1], depth=0)
@example(text=WORST_PAGE[2], depth=0)
@example(text=WORST_TEXT[0], depth=10_000)
@example(text="x", depth=200_000)
def test_a_web_page_is_read_analysed_and_its_recommendations_coded_in_bounded_time(
    running: Worker, text: str, depth: int
) -> None:
    page = "<html><body>" + "<div>" * depth + text + "</div>" * depth + "</body></html>"
    assert_bounded(running, "read", page.encode("utf-8"), "review.html")


def test_a_16_mb_single_line_is_read_in_bounded_time(running: Worker) -> None:
    line = ("The police should share information | " * (16 * MB // 39)).encode("ascii")

    assert_bounded(running, "read_only", line, "review.txt")
    assert_bounded(running, "read_only", b"<p>" + line + b"</p>", "review.html")


@settings(SETTINGS, max_examples=4)
@given(text=texts.map(lambda t: t[:16_000]))
@example(text=Worst("\n |" * 5000, "'\\n |' repeated"))
def test_a_pdf_of_such_text_is_read_in_bounded_time(running: Worker, text: str) -> None:
    assert_bounded(running, "read", pdf_of(text), "review.pdf")


@settings(SETTINGS, max_examples=4)
@given(text=texts, cells=st.integers(min_value=0, max_value=2_000))
@example(text=WORST_TEXT[0], cells=0)
@example(text="x", cells=20_000)
def test_a_word_document_of_such_text_is_read_in_bounded_time(
    running: Worker, text: str, cells: int
) -> None:
    # Word has no place for most control characters: python-docx refuses them.
    printable = "".join(c if c.isprintable() or c in "\n\t" else " " for c in text)
    assert_bounded(running, "read", docx_of(printable, cells), "review.docx")


@SETTINGS
@given(text=texts)
@example(text=Worst("1. " + "information sharing " * 9_990, "one draft of a phrase repeated"))
@example(text=Worst("\n |" * 33_000, "'\\n |' repeated"))
def test_pasted_drafts_are_read_and_coded_in_bounded_time(running: Worker, text: str) -> None:
    assert_bounded(running, "drafts", text.encode("utf-8"))


@settings(SETTINGS, max_examples=4)
@given(text=texts)
@example(
    text=Worst(
        "The partnership should " + "improve information sharing " * 12_000,
        "one recommendation of a phrase repeated",
    )
)
def test_a_recommendation_of_any_length_is_coded_in_bounded_time(
    running: Worker, text: str
) -> None:
    assert_bounded(running, "code", text.encode("utf-8"))
