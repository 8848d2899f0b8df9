"""Recommendations: layouts, numbering, sub-items, decoys and recurrence families."""

from __future__ import annotations

import re
from collections import defaultdict

from casereview.democorpus import FAMILIES, MECHANISMS, build_report, render_report
from casereview.democorpus.families import MEASURES, TEMPLATES


def test_the_family_bank_holds_150_lessons_over_every_mechanism() -> None:
    assert len(FAMILIES) == 150
    assert len({f.id for f in FAMILIES}) == 150
    assert {f.mechanism for f in FAMILIES} == set(MECHANISMS) == set(TEMPLATES)
    assert all(len(f.topics) >= 2 and f.addressees for f in FAMILIES)


def test_a_findings_only_report_has_findings_and_no_recommendations() -> None:
    truth = render_report(build_report(2026, 5)).truth
    assert truth["layout"] == "none"
    assert truth["recommendations"] == []
    assert truth["findings"]
    assert all(not d["text"].startswith("Recommendations") for d in truth["decoys"])


def test_numbers_are_printed_labels_for_each_layout() -> None:
    expected = {
        "r_prefix": "R1",
        "numbered_dot": "1",
        "recommendation_colon": "1",
        "bullets": None,
        "table": "1",
    }
    for layout, first in expected.items():
        report = build_report(2026, 500, layout=layout, recommendations=5)
        assert report.recommendations[0].number == first, layout
        assert not report.recommendations[0].text.startswith(("1.", "R1", "Recommendation"))


def test_lettered_sub_items_stay_inside_their_parent() -> None:
    report = build_report(2026, 501, layout="lettered", recommendations=30)
    with_subs = [r for r in report.recommendations if r.sub_items]
    assert with_subs
    for rec in with_subs:
        assert rec.number is not None and rec.number.isdigit()
        assert rec.text.endswith(rec.sub_items[-1])
        assert rec.sub_items[0][:3] in ("a) ", "(a)", "a. ")


def test_national_split_numbers_national_recommendations_separately() -> None:
    report = build_report(2026, 502, layout="national_split", recommendations=12)
    sections = {r.section for r in report.recommendations}
    assert sections == {"national", "local"}
    national = [r for r in report.recommendations if r.section == "national"]
    assert all(r.number and r.number.startswith("N") and r.mechanism == "A11" for r in national)


def test_the_same_family_recurs_across_reports_in_different_words() -> None:
    wordings: dict[str, set[str]] = defaultdict(set)
    reports: dict[str, set[int]] = defaultdict(set)
    for index in range(60, 90):
        for rec in build_report(2026, index).recommendations:
            wordings[rec.family].add(rec.text)
            reports[rec.family].add(index)
    recurring = [f for f, seen in reports.items() if len(seen) >= 3]
    assert recurring
    assert any(len(wordings[f]) >= 3 for f in recurring)


def test_quality_flags_follow_the_wording() -> None:
    timescale = re.compile(r" within (six|three|12) months| by (the end of )?([A-Z][a-z]+ )?\d{4}")
    measures = [m.strip(" ,") for m in MEASURES]
    report = build_report(2026, 503, layout="numbered_dot", recommendations=40)
    for rec in report.recommendations:
        flags = set(rec.flags)
        assert ("traceable" in flags) == ("(Finding" in rec.body), rec.body
        assert ("has_owner" in flags) >= (rec.owner in rec.body), rec.body
        if bool(timescale.search(rec.body)):
            assert "has_timescale" in flags
        if any(m in rec.body for m in measures):
            assert "measurable" in flags
        if not rec.sub_items:
            assert ("has_timescale" in flags) == bool(timescale.search(rec.body))
            assert ("measurable" in flags) == any(m in rec.body for m in measures)


def test_decoys_include_list_items_that_are_not_recommendations() -> None:
    truth = render_report(build_report(2026, 504, kind="pdf", recommendations=8)).truth
    kinds = {d["kind"] for d in truth["decoys"]}
    assert {"terms_of_reference", "good_practice"} <= kinds
    assert truth["learning_points"] and truth["findings"]
    rec_texts = {r["text"] for r in truth["recommendations"]}
    assert not rec_texts & {d["text"] for d in truth["decoys"]}
