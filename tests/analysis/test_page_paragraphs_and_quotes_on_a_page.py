"""A page's stored text read back as paragraphs, and an evidence quote found on it although
spacing, line-end hyphens and typographic quote marks differ."""

from __future__ import annotations

import time

from casereview.analysis.pagetext import Paragraph, find_quote, paragraphs

PRINTED = (
    "Findings\n"
    "The health visitor saw the family four times in the year before the incident, and\n"
    "each time recorded that the home was clean and that the parents were engaging.\n"
    "None of these visits was unannounced.\n"
    "The school had noticed that Child S was often hungry and tired on Monday mornings,\n"
    "but this was not shared with the health visitor.\n"
    "1. The partnership should make sure that schools share such concerns with the\n"
    "health visiting service within a week.\n"
    "2. The designated nurse should audit the use of unannounced visits.\n"
)


def texts(text: str, paras: list[Paragraph]) -> list[str]:
    return [" ".join(text[s:e] for s, e in p.lines) for p in paras]


def test_printed_lines_are_joined_into_paragraphs_that_end_at_short_lines_and_list_items() -> None:
    assert texts(PRINTED, paragraphs(PRINTED, wrapped=True)) == [
        "Findings",
        "The health visitor saw the family four times in the year before the incident, and "
        "each time recorded that the home was clean and that the parents were engaging. "
        "None of these visits was unannounced.",
        "The school had noticed that Child S was often hungry and tired on Monday mornings, "
        "but this was not shared with the health visitor.",
        "1. The partnership should make sure that schools share such concerns with the "
        "health visiting service within a week.",
        "2. The designated nurse should audit the use of unannounced visits.",
    ]


def test_a_blank_line_always_ends_a_paragraph() -> None:
    text = "One paragraph of plain text.\n\nAnother one.\n \nA third."

    assert texts(text, paragraphs(text, wrapped=True)) == [
        "One paragraph of plain text.",
        "Another one.",
        "A third.",
    ]


def test_contents_lines_and_table_rows_stand_alone() -> None:
    text = (
        "Executive summary ............................................................ 3\n"
        "Findings ..................................................................... 8\n"
        "Date | Agency | Event that the chronology records about the family at that time\n"
        "09/05/2010 | Police | A visit to the home was made after a neighbour reported it"
    )

    assert len(paragraphs(text, wrapped=True)) == 4


def test_word_pages_keep_one_paragraph_per_line_or_line_breaks_between_blank_lines() -> None:
    per_line = "Heading\nFirst paragraph of the source.\nSecond paragraph of the source."
    blocks = "Address line one\nAddress line two\n\nA paragraph after the address."

    assert [p.lines for p in paragraphs(per_line, wrapped=False)] == [
        ((0, 7),),
        ((8, 38),),
        ((39, 70),),
    ]
    assert [(len(p.lines), p.wrapped) for p in paragraphs(blocks, wrapped=False)] == [
        (2, False),
        (1, False),
    ]


def test_a_quote_is_found_despite_line_breaks_hyphens_and_quote_marks() -> None:
    page = "Agencies did not share the \u201cco-\nordinated   plan\u201d with the school."

    found = find_quote(page, 'share the "coordinated plan" with')

    assert found is not None
    assert page[found.start : found.end] == "share the \u201cco-\nordinated   plan\u201d with"
    assert found.part == "whole"


def test_a_quote_keeps_its_own_punctuation_at_either_end() -> None:
    page = "The plan said (see above) that visits would be weekly."

    found = find_quote(page, "(see above)")

    assert found is not None
    assert page[found.start : found.end] == "(see above)"


def test_a_quote_running_on_to_the_next_page_is_found_in_part_on_each() -> None:
    quote = "The partnership should ensure that every health visitor records who lives there."
    first = "Recommendations\n1. The partnership should ensure that every health visitor"
    second = "records who lives there.\nAppendix A: a glossary of the terms used"

    start, end = find_quote(first, quote), find_quote(second, quote)

    assert start is not None and start.part == "start"
    assert first[start.start : start.end] == (
        "The partnership should ensure that every health visitor"
    )
    assert end is not None and end.part == "end"
    assert second[end.start : end.end] == "records who lives there."


def test_a_quote_not_on_the_page_is_not_found() -> None:
    assert find_quote(PRINTED, "The social worker visited weekly.") is None
    assert find_quote(PRINTED, "...") is None


def test_finding_is_linear_even_for_a_pathological_page() -> None:
    page = "a " * 200_000
    quote = "a " * 120 + "b"

    started = time.perf_counter()
    found = find_quote(page, quote)
    assert found is not None and found.part == "start"
    assert len(paragraphs("a\n" * 20_000, wrapped=True)) == 20_000
    assert time.perf_counter() - started < 2.0
