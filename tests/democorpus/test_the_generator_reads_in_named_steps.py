"""The long functions of the generator, the demo loader and the recurrence index are split into
named steps (issue 18, item 8): each stays within a screen, so a reader sees the steps rather
than their detail."""

from __future__ import annotations

import inspect

import pytest

from casereview import demo
from casereview.analysis.recurrence import RecurrenceIndex
from casereview.democorpus import content

# A function longer than this is read as a list of steps better named on their own.
MAX_LINES = 80


@pytest.mark.parametrize(
    "function",
    [content.build_report, content._compose, demo.load_demo_cases, RecurrenceIndex.nearest],
    ids=lambda f: f.__name__,
)
def test_the_function_is_a_screen_of_named_steps(function) -> None:
    lines = inspect.getsource(function).splitlines()
    assert len(lines) <= MAX_LINES, f"{function.__name__} is {len(lines)} lines"
