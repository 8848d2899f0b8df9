"""Findings, learning points and the like are never taken as recommendations; none are invented."""

from __future__ import annotations

import pytest

from casereview.analysis import Document, Page, read_document
from casereview.analysis.recommendations import extract_recommendations
from casereview.democorpus import build_report, render_report

PROSE = (
    "The review heard from practitioners in every agency about the pressures they faced at the "
    "time, and about the ways in which information moved between them."
)
ITEMS = [
    "Practitioners should test what parents tell them against what they see in the home.",
    "Health visitors should always ask who else lives in the household.",
    "Managers should check that plans say what will change for the child.",
]


def document(text: str) -> Document:
    return read_document(text.encode(), "review.txt", max_bytes=10**6)


def numbered(heading: str, label: str = "{n}.") -> str:
    lines = [PROSE, heading]
    lines += [f"{label.format(n=n)} {item}" for n, item in enumerate(ITEMS, start=1)]
    return "\n".join([*lines, "Conclusions", PROSE])


@pytest.mark.parametrize(
    "heading",
    [
        "Findings",
        "Key findings",
        "Learning points",
        "Key learning",
        "Lessons learned",
        "Areas for improvement",
        "Good practice",
        "Terms of reference",
        "Response from the Fernleigh Safeguarding Children Partnership",
        "Board response to the recommendations",
        "Action plan",
        "Questions for the partnership:",
    ],
)
def test_a_numbered_list_under_another_heading_is_not_recommendations(heading: str) -> None:
    assert extract_recommendations(document(numbered(heading))) == []


@pytest.mark.parametrize("label", ["Finding {n}:", "Learning point {n}:", "L{n}", "•"])
def test_labelled_findings_and_learning_points_are_not_recommendations(label: str) -> None:
    assert extract_recommendations(document(numbered("Analysis", label))) == []


def test_a_report_with_findings_but_no_recommendations_yields_none() -> None:
    truth_report = build_report(2026, 5, kind="pdf", pages=12)
    rendered = render_report(truth_report)
    assert rendered.truth["layout"] == "none" and rendered.truth["findings"]
    doc = read_document(rendered.data, "r.pdf", max_bytes=10**8)
    assert extract_recommendations(doc) == []


def test_a_recommendations_section_that_makes_none_yields_none() -> None:
    text = "\n".join(
        [
            PROSE,
            "Recommendations",
            "This review does not make new recommendations. The learning it describes is already "
            "being addressed through existing improvement plans.",
            "Appendix A: Glossary",
            "MASH - Multi-agency safeguarding hub",
        ]
    )
    assert extract_recommendations(document(text)) == []


def test_a_contents_entry_for_recommendations_is_not_a_section() -> None:
    contents = "\n".join(
        [
            "Contents",
            "Introduction ........................ 3",
            "Recommendations ..................... 12",
            "1. Appendix: terms of reference ..... 14",
            "Summary of IMR RecommendationsPage 10",
        ]
    )
    doc = Document("r.pdf", "0" * 64, "pdf", (Page(1, contents), Page(2, PROSE)))
    assert extract_recommendations(doc) == []


def test_a_statement_that_recommendations_were_made_lists_none() -> None:
    text = (
        "The board has published the review. It made a number of recommendations, which "
        "partners have accepted, and key themes included neglect and thresholds.\n\n" + PROSE
    )
    assert extract_recommendations(document(text)) == []


def test_a_list_announced_as_areas_needing_improvement_is_not_recommendations() -> None:
    text = "\n".join(
        ["We found several areas needing improvement:", *(f"• {item}" for item in ITEMS), PROSE]
    )
    assert extract_recommendations(document(text)) == []


def test_a_list_announced_as_recommendations_is_found_without_a_heading() -> None:
    text = "\n".join(
        ["The following is a summary of the review's recommendations:"]
        + [f"{n}. {item}" for n, item in enumerate(ITEMS, start=1)]
        + ["", PROSE]
    )
    assert [r.text for r in extract_recommendations(document(text))] == ITEMS
