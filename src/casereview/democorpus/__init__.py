"""A generator of fictional English child safeguarding review reports, with ground truth.

Every report is invented: fictional areas and boards, pseudonymous children, the project's own
wording. Each is written as a PDF (or DOCX, scanned-style PDF, or a deliberately broken file)
with a JSON file beside it recording what an analyser should find and on which page: metadata
with evidence quotes, recommendations with their recurrence family, themes, identifying details.
It is used by `casereview demo`, by tests and by benchmarks. No Django imports.

    generate_corpus(out_dir, count, seed=2026, workers=1, progress=None) -> CorpusSummary
    build_report(seed, index, **overrides) -> Report
    render_report(report) -> RenderedReport  (bytes + truth dict, by the report's kind)
"""

from casereview.democorpus.broken import ENCRYPTION_PASSWORD
from casereview.democorpus.content import (
    BROKEN_REASONS,
    DEMO_KINDS,
    KINDS,
    LAYOUTS,
    build_report,
    nhs_number_valid,
)
from casereview.democorpus.corpus import (
    CorpusSummary,
    RenderedReport,
    generate_corpus,
    render_report,
    write_report,
)
from casereview.democorpus.families import FAMILIES, MECHANISMS, Family
from casereview.democorpus.layout import PAGE_STYLES, LaidOut, layout
from casereview.democorpus.model import Recommendation, Report
from casereview.democorpus.render_docx import layout_docx, render_docx
from casereview.democorpus.render_pdf import render_pdf, render_scanned
from casereview.democorpus.tables import AREAS, REGIONS, THEMES
from casereview.democorpus.truth import GENERATOR_VERSION, age_band, ground_truth, normalise

__all__ = [
    "AREAS",
    "BROKEN_REASONS",
    "DEMO_KINDS",
    "ENCRYPTION_PASSWORD",
    "FAMILIES",
    "GENERATOR_VERSION",
    "KINDS",
    "LAYOUTS",
    "MECHANISMS",
    "PAGE_STYLES",
    "REGIONS",
    "THEMES",
    "CorpusSummary",
    "Family",
    "LaidOut",
    "Recommendation",
    "RenderedReport",
    "Report",
    "age_band",
    "build_report",
    "generate_corpus",
    "ground_truth",
    "layout",
    "layout_docx",
    "nhs_number_valid",
    "normalise",
    "render_docx",
    "render_pdf",
    "render_report",
    "render_scanned",
    "write_report",
]
