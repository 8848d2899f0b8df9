"""Pathological search text is parsed and searched in bounded time and memory (issue 16), on
SQLite and PostgreSQL: whatever is typed, at most MAX_QUERY_CHARS of it is read."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from casereview.repository.query import parse
from casereview.repository.search import search
from tests.repository.conftest import add_document

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
# Generous: a search of the longest query read takes milliseconds here.
SECONDS = 10
# Python's allocations while parsing and searching; the text itself is not counted.
MEMORY = 16 * MB

RUNS = [" ", '"', "-", "*", "OR ", "a* ", '"a b" ', "neglect ", "(", "\n", "|", "\\", ":", "NEAR "]
texts = st.lists(
    st.tuples(st.sampled_from(RUNS), st.integers(min_value=1, max_value=5_000)),
    min_size=1,
    max_size=4,
).map(lambda runs: "".join(run * n for run, n in runs))


@pytest.fixture
def library() -> None:
    add_document("The health visitor saw signs of neglect at home.", title="Review A")


@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts)
@example(text="neglect " * (2 * MB))
@example(text='"' * (16 * MB))
@example(text="neglect OR " * 100_000)
def test_any_search_text_is_parsed_and_searched_in_bounded_time_and_memory(
    library: None, text: str
) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        parse(text)
        search(text)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert seconds < SECONDS
    assert peak < MEMORY
