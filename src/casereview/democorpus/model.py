"""The data model of one fictional report: its facts, its ground-truth items, and its blocks.

A report is built once (`content.build_report`) as a list of renderer-neutral blocks. Blocks
that carry ground truth (a recommendation, a planted theme sentence, an identifier...) have an
`anchor`; the layout engine records the page on which each anchor starts, and the ground truth
takes its pages from there, so PDF, DOCX and scanned output all agree with their truth files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Block styles, each a role the renderers map to a font size and weight.
STYLES = ("title", "subtitle", "h1", "h2", "body", "small", "quote")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    """A paragraph; `label` is a hanging label ("1.", "a)", a bullet) printed before it.

    `keep` stops the paragraph from splitting over a page break, so that every sentence in it
    is on the anchored page (used for evidence quotes and identifiers).
    """

    runs: list[Run]
    style: str = "body"
    label: str | None = None
    indent: int = 0
    anchor: str | None = None
    keep: bool = False
    keep_with_next: bool = False
    center: bool = False
    space_before: float = 0.0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Table:
    """A grid table; widths are fractions of the text width; one anchor per body row."""

    widths: list[float]
    header: list[str]
    rows: list[list[str]]
    anchors: list[str | None]


@dataclass
class PageBreak:
    pass


@dataclass
class Contents:
    """A contents list: (title, anchor of the heading it points to)."""

    entries: list[tuple[str, str]]


Block = Para | Table | PageBreak | Contents


@dataclass
class Recommendation:
    """A ground-truth recommendation; `text` is as a reader would copy it, without its label."""

    anchor: str
    number: str | None
    text: str
    family: str
    mechanism: str
    level: str
    addressees: list[str]
    flags: list[str]
    section: str
    # How it is printed: the body without sub-items, the sub-items with their labels, the
    # addressee as named in the text, and the timescale column value (table layouts only).
    body: str = ""
    sub_items: list[str] = field(default_factory=list)
    owner: str = ""
    timescale_column: str | None = None


@dataclass
class Planted:
    """A planted item with a known quote: a theme, an evidence value, an identifier or a decoy."""

    anchor: str
    kind: str
    text: str
    code: str = ""
    label: str = ""
    number: str | None = None


@dataclass
class Report:
    """One fictional report: its facts, the blocks that print it, and its ground-truth items."""

    seed: int
    index: int
    kind: str
    broken: str | None
    layout: str
    style: str
    slug: str
    title: str
    board: str
    area: str
    region: str
    year_published: int
    review_type: str
    review_model: str | None
    pseudonym: str
    sex: str | None
    age_years: float
    age_expression: str
    date_of_birth: date
    incident_date: date
    outcome: str
    abuse_types: list[str]
    agencies: list[str]
    header: str
    exec_summary_repeats: bool
    blocks: list[Block] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    themes: list[Planted] = field(default_factory=list)
    evidence: dict[str, Planted] = field(default_factory=dict)
    identifiers: list[Planted] = field(default_factory=list)
    findings: list[Planted] = field(default_factory=list)
    learning_points: list[Planted] = field(default_factory=list)
    decoys: list[Planted] = field(default_factory=list)

    @property
    def suffix(self) -> str:
        return ".docx" if self.kind == "docx" or self.broken == "zip_bomb_docx" else ".pdf"

    @property
    def stem(self) -> str:
        return f"{self.index:05d}-{self.slug}"
