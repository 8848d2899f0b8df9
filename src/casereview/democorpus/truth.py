"""The ground-truth JSON written beside each generated report.

It mirrors the `casereview analyse --json` contract (DESIGN section 9) and adds what only the
generator knows: region, review model, pseudonym, agencies, kind and layout, identifiers,
decoys, recommendation families. Pages come from the layout, so they are exact.
"""

from __future__ import annotations

import hashlib
from typing import Any

from casereview.democorpus.broken import ENCRYPTION_PASSWORD
from casereview.democorpus.layout import LaidOut
from casereview.democorpus.model import Planted, Report
from casereview.democorpus.tables import AGENCIES

GENERATOR = "casereview.democorpus"
GENERATOR_VERSION = "1.0"
# Age bands of DESIGN section 6 (T1): upper bounds in years, exclusive.
AGE_BANDS: tuple[tuple[float, str], ...] = (
    (1, "<1"),
    (5, "1-4"),
    (11, "5-10"),
    (16, "11-15"),
    (18, "16-17"),
)


def age_band(years: float) -> str:
    return next((label for bound, label in AGE_BANDS if years < bound), "16-17")


def normalise(text: str) -> str:
    """Collapse whitespace, as a reader copying text from the page would."""
    return " ".join(text.split())


def _item(item: Planted, pages: dict[str, int], **extra: Any) -> dict[str, Any]:
    return {**extra, "text": normalise(item.text), "page": pages.get(item.anchor)}


def ground_truth(report: Report, laid: LaidOut | None, source: str, data: bytes) -> dict[str, Any]:
    """The truth for one written file; broken files carry what an analyser should report."""
    base: dict[str, Any] = {
        "source": source,
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "generator": {
            "name": GENERATOR,
            "version": GENERATOR_VERSION,
            "seed": report.seed,
            "index": report.index,
        },
        "kind": report.kind,
        "broken": report.broken,
    }
    if report.broken is not None or laid is None:
        return {
            **base,
            "expected_error": True,
            "password": ENCRYPTION_PASSWORD if report.broken == "encrypted_pdf" else None,
            "pages": None,
        }
    pages = laid.anchors
    evidence = {
        field: {"quote": normalise(item.text), "page": pages.get(item.anchor)}
        for field, item in report.evidence.items()
    }
    return {
        **base,
        "expected_error": False,
        "pages": laid.page_count,
        "layout": report.layout,
        "style": report.style,
        "title": report.title,
        "board": report.board,
        "region": report.region,
        "area": report.area,
        "year_published": report.year_published,
        "review_type": report.review_type,
        "review_model": report.review_model,
        "child": {
            "pseudonym": report.pseudonym,
            "age_years": report.age_years,
            "age_expression": report.age_expression,
            "age_band": age_band(report.age_years),
            "sex": report.sex,
        },
        "outcome": report.outcome,
        "abuse_types": report.abuse_types,
        "agencies": report.agencies,
        "agency_addressees": sorted({AGENCIES[a] for a in report.agencies}),
        "exec_summary_repeats": report.exec_summary_repeats,
        "recommendations": [
            {
                "number": rec.number,
                "text": normalise(rec.text),
                "page": pages.get(rec.anchor),
                "mechanism": rec.mechanism,
                "addressees": rec.addressees,
                "flags": rec.flags,
                "level": rec.level,
                "family": rec.family,
                "section": rec.section,
            }
            for rec in report.recommendations
        ],
        "themes": [
            {
                "code": t.code,
                "label": t.label,
                "quote": normalise(t.text),
                "page": pages.get(t.anchor),
            }
            for t in report.themes
        ],
        "evidence": evidence,
        "identifiers": [_item(i, pages, kind=i.kind) for i in report.identifiers],
        "findings": [_item(f, pages, number=f.number) for f in report.findings],
        "learning_points": [_item(p, pages, number=p.number) for p in report.learning_points],
        "decoys": [_item(d, pages, kind=d.kind, number=d.number) for d in report.decoys],
    }
