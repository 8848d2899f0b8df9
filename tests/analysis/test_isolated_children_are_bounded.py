"""The child processes that read what people send are bounded in memory and in number, and one
that dies is a plain-English refusal, not a server error."""

from __future__ import annotations

import pytest

from casereview.analysis import UnreadableDocument, isolated
from tests.analysis import isolated_calls


def test_a_child_that_asks_for_more_memory_than_it_may_use_fails_in_plain_words() -> None:
    with pytest.raises(isolated.AnalysisFailed, match="more memory than it may use"):
        isolated.run(isolated_calls.allocate, 4, seconds=60)


def test_a_child_that_is_killed_is_an_unreadable_document_not_a_crash() -> None:
    with pytest.raises(UnreadableDocument, match="stopped before it finished") as refused:
        isolated.run(isolated_calls.die, seconds=60)

    assert "exit code -9" in refused.value.detail  # type: ignore[attr-defined]


def test_no_more_children_run_at_once_than_allowed_and_the_rest_wait_within_their_limit() -> None:
    taken = [isolated._TURNS.acquire(timeout=1) for _ in range(isolated.CONCURRENT_CHILDREN)]
    try:
        assert all(taken)
        with pytest.raises(isolated.TookTooLong):
            isolated.run(isolated_calls.double, 21, seconds=0.5)
    finally:
        for _ in taken:
            isolated._TURNS.release()

    assert isolated.run(isolated_calls.double, 21, seconds=60) == 42
