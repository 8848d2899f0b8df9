"""Every quote in the ground truth is on the page the truth says, as a reader extracts it."""

from __future__ import annotations

from typing import Any

import pytest

from casereview.democorpus import build_report, render_report
from tests.democorpus.extract import docx_pages, pdf_pages, starts_on_page

SEED = 2026


def quotes(truth: dict[str, Any]) -> list[tuple[str, str, int]]:
    items = [("recommendation", r["text"], r["page"]) for r in truth["recommendations"]]
    items += [("theme " + t["code"], t["quote"], t["page"]) for t in truth["themes"]]
    items += [("evidence " + k, v["quote"], v["page"]) for k, v in truth["evidence"].items()]
    items += [("identifier " + i["kind"], i["text"], i["page"]) for i in truth["identifiers"]]
    for key in ("findings", "learning_points", "decoys"):
        items += [(key, d["text"], d["page"]) for d in truth[key]]
    return items


@pytest.mark.parametrize("layout", ["table", "lettered", "national_split", "heading_paras"])
def test_every_pdf_quote_is_on_its_stated_page(layout: str) -> None:
    report = build_report(SEED, 101, layout=layout, kind="pdf", identifiers=True)
    rendered = render_report(report)
    pages = pdf_pages(rendered.data)
    assert len(pages) == rendered.truth["pages"]
    missing = [
        (what, page, text)
        for what, text, page in quotes(rendered.truth)
        if not starts_on_page(text, pages, page, report.header)
    ]
    assert missing == []


def test_the_stated_page_is_where_a_recommendation_split_by_a_page_break_starts() -> None:
    spanning = 0
    for index in range(3):
        report = build_report(SEED, 200 + index, kind="pdf", layout="lettered", recommendations=40)
        rendered = render_report(report)
        pages = pdf_pages(rendered.data)
        for rec in rendered.truth["recommendations"]:
            if rec["text"] not in pages[rec["page"] - 1]:
                spanning += 1
                assert starts_on_page(rec["text"], pages, rec["page"], report.header)
                assert rec["text"][:30] in pages[rec["page"] - 1]
    assert spanning > 0


def test_docx_pages_follow_the_explicit_page_breaks() -> None:
    report = build_report(SEED, 102, kind="docx", layout="table", identifiers=True)
    rendered = render_report(report)
    assert rendered.filename.endswith(".docx")
    pages = docx_pages(rendered.data)
    assert len(pages) == rendered.truth["pages"]
    missing = [
        (what, page, text)
        for what, text, page in quotes(rendered.truth)
        if text not in pages[page - 1]
    ]
    assert missing == []


def test_a_repeated_executive_summary_list_leaves_each_recommendation_once_at_the_main_page() -> (
    None
):
    report = build_report(
        SEED, 103, kind="pdf", layout="numbered_dot", recommendations=6, exec_summary_repeats=True
    )
    rendered = render_report(report)
    pages = pdf_pages(rendered.data)
    recs = rendered.truth["recommendations"]
    assert len(recs) == 6
    assert len({r["text"] for r in recs}) == 6
    for rec in recs:
        earlier = [n for n, text in enumerate(pages[: rec["page"] - 1], 1) if rec["text"] in text]
        assert earlier, "the executive summary repeats it on an earlier page"
        assert starts_on_page(rec["text"], pages, rec["page"], report.header)
