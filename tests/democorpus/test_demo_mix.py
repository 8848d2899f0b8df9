"""The first 60 reports (the demo corpus) hold every kind of file the ingester must handle."""

from __future__ import annotations

from collections import Counter

from casereview.democorpus import BROKEN_REASONS, REGIONS, build_report


def test_the_first_sixty_hold_every_broken_kind_scans_docx_and_a_findings_only_report() -> None:
    reports = [build_report(2026, i) for i in range(60)]
    kinds = Counter(r.kind for r in reports)
    assert {r.broken for r in reports if r.broken} == set(BROKEN_REASONS)
    assert kinds["scanned"] >= 1
    assert kinds["docx"] >= 3
    assert any(r.layout == "none" for r in reports)
    assert any(len(r.recommendations) >= 40 for r in reports)
    assert any(r.identifiers for r in reports)


def test_reports_spread_over_regions_years_and_review_types() -> None:
    reports = [build_report(2026, i) for i in range(200)]
    assert {r.region for r in reports} == set(REGIONS)
    assert {r.review_type for r in reports} == {"SCR", "LCSPR", "national", "other"}
    assert all(2008 <= r.year_published <= 2026 for r in reports)
    assert all(r.year_published <= 2020 for r in reports if r.review_type == "SCR")
    assert all(r.year_published >= 2019 for r in reports if r.review_type == "LCSPR")
