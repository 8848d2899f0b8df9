"""The structured record of one review, with evidence for every value, and its JSON form.

`analyse(document)` runs the field extractors over a `Document` and returns an `Analysis`.
`Analysis.to_json()` gives exactly the object of the `casereview analyse --json` contract
(DESIGN section 9); the agencies and review model are kept on the dataclass only, so the
contract's keys stay exact. A value without evidence is None (or empty): never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casereview.analysis import fields as F
from casereview.analysis import pfd
from casereview.analysis.model import Document
from casereview.analysis.readability import Readability, readability
from casereview.analysis.recommendations import (
    CodedRecommendation,
    code_all,
    extract_recommendations,
)
from casereview.analysis.textview import views

REVIEW_TYPES = ("SCR", "LCSPR", "national", "other", "PFD")
OUTCOMES = ("death", "serious harm")
ABUSE_TYPES = ("neglect", "physical", "sexual", "emotional")

# The top-level keys of the analyse --json object, in contract order.
JSON_KEYS = (
    "source",
    "sha256",
    "pages",
    "title",
    "board",
    "year_published",
    "review_type",
    "child",
    "outcome",
    "abuse_types",
    "recommendations",
    "themes",
    "readability",
    "evidence",
    "sections",
    "addressees",
    "report_date",
    "coroner_area",
)


@dataclass(frozen=True)
class Evidence:
    """The verbatim quote (whitespace collapsed) and the 1-based page a value came from."""

    quote: str
    page: int | None

    def to_json(self) -> dict[str, Any]:
        return {"quote": self.quote, "page": self.page}


@dataclass(frozen=True)
class Analysis:
    """The derived record of one document; `evidence` is keyed by field name."""

    source: str
    sha256: str
    pages: int
    title: str | None = None
    board: str | None = None
    year_published: int | None = None
    review_type: str | None = None
    child_age_years: float | None = None
    child_sex: str | None = None
    outcome: str | None = None
    abuse_types: tuple[str, ...] = ()
    review_model: str | None = None
    agencies: tuple[str, ...] = ()
    subject: str | None = None
    recommendations: tuple[CodedRecommendation, ...] = ()
    readability: Readability = field(default_factory=lambda: Readability(0.0, 0, 0))
    evidence: dict[str, Evidence] = field(default_factory=dict)
    needs_ocr: bool = False
    warnings: tuple[str, ...] = ()
    sections: tuple[pfd.Section, ...] = ()
    """The report's headed sections (a PFD report's form), each with its page."""
    addressees: tuple[str, ...] = ()
    """The bodies a PFD report is sent to, one per body."""
    report_date: str | None = None
    """A PFD report's own date (ISO 8601)."""
    coroner_area: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The DESIGN section 9 object: exactly its keys, always all of them."""
        contract = {
            "title",
            "board",
            "year_published",
            "review_type",
            "child.age_years",
            "child.sex",
            "outcome",
            "abuse_types",
            "addressees",
            "report_date",
            "coroner_area",
        }
        evidence = {
            k: e.to_json()
            for k, e in self.evidence.items()
            if k in contract or k.startswith("abuse_types.")
        }
        return {
            "source": self.source,
            "sha256": self.sha256,
            "pages": self.pages,
            "title": self.title,
            "board": self.board,
            "year_published": self.year_published,
            "review_type": self.review_type,
            "child": {"age_years": self.child_age_years, "sex": self.child_sex},
            "outcome": self.outcome,
            "abuse_types": list(self.abuse_types),
            "recommendations": [r.to_json() for r in self.recommendations],
            "themes": [],
            "readability": {
                "flesch_reading_ease": self.readability.flesch_reading_ease,
                "words": self.readability.words,
                "sentences": self.readability.sentences,
            },
            "evidence": evidence,
            "sections": [s.to_json() for s in self.sections],
            "addressees": list(self.addressees),
            "report_date": self.report_date,
            "coroner_area": self.coroner_area,
        }


def error_json(source: str, reason: str) -> dict[str, str]:
    """The contract's line for a file that cannot be read."""
    return {"source": source, "error": reason}


def _ev(found: F.Found) -> Evidence:
    return Evidence(found.quote, found.page)


def analyse(document: Document) -> Analysis:
    """Derive the structured record of a document, each value with its quote and page."""
    report = pfd.read_pfd(document)
    if report is not None:
        return _analyse_pfd(document, report)
    pages = views(document)
    evidence: dict[str, Evidence] = {}

    def keep(name: str, found: F.Found | None) -> Any:
        if found is None:
            return None
        evidence[name] = _ev(found)
        return found.value

    title_found = F.extract_title(pages)
    title = keep("title", title_found)
    review_type = keep("review_type", F.extract_review_type(pages, title_found))
    board = keep("board", F.extract_board(pages, review_type))
    year = keep("year_published", F.extract_year_published(pages))
    subject = F.subject_designation(pages)
    age = keep("child.age_years", F.extract_child_age(pages, subject))
    sex = keep("child.sex", F.extract_child_sex(pages, subject))
    outcome = keep("outcome", F.extract_outcome(pages))
    abuse = F.extract_abuse_types(pages)
    if abuse:
        evidence["abuse_types"] = _ev(next(iter(abuse.values())))
        for kind, found in abuse.items():
            evidence[f"abuse_types.{kind}"] = _ev(found)
    model = keep("review_model", F.extract_review_model(pages))
    agencies = F.extract_agencies(pages)
    for code, found in agencies.items():
        evidence[f"agencies.{code}"] = _ev(found)
    return Analysis(
        source=document.source,
        sha256=document.sha256,
        pages=document.page_count,
        title=title,
        board=board,
        year_published=year,
        review_type=review_type,
        child_age_years=age,
        child_sex=sex,
        outcome=outcome,
        abuse_types=tuple(abuse),
        review_model=model,
        agencies=tuple(agencies),
        subject=subject,
        recommendations=code_all(extract_recommendations(document)),
        readability=readability(p.text for p in document.pages),
        evidence=evidence,
        needs_ocr=document.needs_ocr,
        warnings=document.warnings,
    )


def _analyse_pfd(document: Document, report: pfd.PfdReport) -> Analysis:
    """The record of a coroner's PFD report: the deceased, the death, the concerns (as the
    recommendations), its sections, addressees, date and area. No abuse types: the form records
    how someone died and the coroner's legal conclusion ("contributed to by neglect" is a
    failure of care by a service), not a safeguarding category, and a road collision's
    injuries are not abuse; a person can add one."""
    evidence: dict[str, Evidence] = {"review_type": _ev(report.form)}
    for name, found in (
        ("title", report.title),
        ("child.age_years", report.age),
        ("report_date", report.report_date),
        ("year_published", report.report_date),
        ("coroner_area", report.coroner_area),
        ("addressees", report.addressees_found),
    ):
        if found is not None:
            evidence[name] = _ev(found)
    # A PFD report is made only after a death: the form itself is the evidence, and the
    # investigation's words name the death where they can be found.
    evidence["outcome"] = _ev(report.death or report.form)
    return Analysis(
        source=document.source,
        sha256=document.sha256,
        pages=document.page_count,
        title=str(report.title.value) if report.title else None,
        year_published=pfd.report_year(report.report_date),
        review_type="PFD",
        child_age_years=pfd.years_of(report.age),
        outcome="death",
        recommendations=code_all(report.concerns),
        readability=readability(p.text for p in document.pages),
        evidence=evidence,
        needs_ocr=document.needs_ocr,
        warnings=document.warnings,
        sections=report.sections,
        addressees=report.addressees,
        report_date=str(report.report_date.value) if report.report_date else None,
        coroner_area=str(report.coroner_area.value) if report.coroner_area else None,
    )
