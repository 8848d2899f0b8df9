"""A page whose printed lines hold long runs of dots (a contents page's leaders gone wrong, or a
line of dots drawn across a form) is still split into paragraphs in linear time: the text page
is built on every view, by anyone, of a published review."""

from __future__ import annotations

import time

from casereview.analysis.pagetext import paragraphs


def test_lines_of_dots_with_no_page_number_are_split_quickly() -> None:
    dots = "." * 20_000 + " see the annex"
    page = "\n".join([dots, dots, "A last short line."])

    started = time.perf_counter()
    found = paragraphs(page, wrapped=True)
    elapsed = time.perf_counter() - started

    # Neither line of dots ends with a page number, so they read on into the last line.
    assert [len(p.lines) for p in found] == [3]
    assert elapsed < 0.5


def test_a_contents_line_still_stands_alone() -> None:
    page = "Findings " + "." * 5_000 + " 8\nSummary " + "." * 5_000 + " 12"

    started = time.perf_counter()
    assert len(paragraphs(page, wrapped=True)) == 2
    assert time.perf_counter() - started < 0.5
