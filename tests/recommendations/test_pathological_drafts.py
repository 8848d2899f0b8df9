"""Pathological pasted text goes through the checker's web path (a child process with a time
limit) and is answered in bounded time (issue 16): checked, or refused with a plain reason."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from casereview.analysis import UnreadableDocument
from casereview.recommendations.checker import MAX_PASTED_CHARS, check_sent
from casereview.repository.models import Document

pytestmark = pytest.mark.django_db

# Generous: the child process starts in about half a second and reads any pasted text the
# checker takes in a few more; the checker's own time limit is longer.
SECONDS = 15

RUNS = [" ", "\n", "|", "\n |", ".", "a", "1. ", "- ", "Recommendations\n", "information sharing "]
texts = st.lists(
    st.tuples(st.sampled_from(RUNS), st.integers(min_value=1, max_value=20_000)),
    min_size=1,
    max_size=4,
).map(lambda runs: "".join(run * n for run, n in runs)[:MAX_PASTED_CHARS])


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts)
@example(text=("\n |" * MAX_PASTED_CHARS)[:MAX_PASTED_CHARS])
@example(text="1. The police should " + "information sharing " * 9_990)
@example(text="1. The " + "Greyport Health Visiting " * 7_990 + "Service should work better.")
def test_pasted_text_is_checked_or_refused_in_bounded_time(text: str) -> None:
    started = time.perf_counter()
    try:
        check_sent(text.encode("utf-8"), "pasted.txt", Document.objects.none())
    except UnreadableDocument as refused:
        assert refused.reason
    assert time.perf_counter() - started < SECONDS
