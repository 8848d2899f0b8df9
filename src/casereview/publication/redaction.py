"""The publication gate: the scan's findings in a case's report, the board's decision on each,
the chair's override, and the public copy made from the redacted text.

Findings are recomputed from the report's pages and the case's identity record each time (the
scan is pure and fast: ``casereview.analysis.redaction``), so a change to either is never missed;
decisions are stored per detail and cover every place the report writes it. A report may be
published only when every finding is decided, or the chair has overridden the gate with a
reason. The public file is written from the redacted text, never from the original file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casereview.accounts.models import Membership, Role
from casereview.analysis import redaction as scan
from casereview.analysis.public_pdf import public_pdf
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.cases.models import Case, CaseIdentity
from casereview.cases.services import Refused
from casereview.publication.models import (
    Choice,
    DocumentIdentity,
    FindingDecision,
    GateOverride,
    ImprovementsSummary,
    PublicCopy,
)
from casereview.recommendations.models import Recommendation
from casereview.repository.models import Document, Page, RecordField, SearchText

MAX_REPLACEMENT_CHARS: Final = 100
MAX_REASON_CHARS: Final = 2000


@dataclass(frozen=True)
class Detail:
    """One identifying detail (a key) with every place the report writes it, and its decision."""

    key: str
    kind: str
    reason: str
    suggestion: str
    findings: tuple[scan.Finding, ...]
    decision: FindingDecision | None

    @property
    def quote(self) -> str:
        return " ".join(self.findings[0].quote.split())

    @property
    def pages(self) -> list[int]:
        return sorted({f.page for f in self.findings})


KEY_CHARS: Final = 300


def stored_key(key: str) -> str:
    """A detail's key as stored: a key longer than the column (a long email address, say)
    keeps its start and a digest of the whole, so it still names one detail."""
    if len(key) <= KEY_CHARS:
        return key
    return key[: KEY_CHARS - 65] + "#" + hashlib.sha256(key.encode()).hexdigest()


def identity_of(document: Document) -> scan.Identity:
    """The identity record of the document's case (the case whose report, or summary of
    improvements, it is), or of the document itself when it came from no case
    (``DocumentIdentity``), parsed; read by the system for the scan, never shown here."""
    case = case_of(document)
    if case is None:
        own = DocumentIdentity.objects.filter(document=document).first()
        if own is None:
            return scan.Identity()
        return scan.identity_from_record(
            own.pseudonym,
            own.legal_name,
            own.family_members,
            own.dates_of_birth,
            own.addresses,
            own.school,
        )
    held = CaseIdentity.objects.filter(case=case).first()
    if held is None:
        return scan.Identity(pseudonym=case.pseudonym)
    return scan.identity_from_record(
        case.pseudonym,
        held.legal_name,
        held.family_members,
        held.dates_of_birth,
        held.addresses,
        held.school,
    )


def case_of(document: Document) -> Case | None:
    if document.case is not None:
        return document.case
    summary = ImprovementsSummary.objects.filter(document=document).select_related("case").first()
    return summary.case if summary is not None else None


def pages_of(document: Document) -> scan.Pages:
    return scan.join_pages(document.pages.order_by("number").values_list("number", "text"))


def details(document: Document, pages: scan.Pages | None = None) -> list[Detail]:
    """The report's identifying details as the scan finds them now, with their decisions."""
    pages = pages or pages_of(document)
    found = scan.scan_pages(pages, identity_of(document))
    decisions = {d.key: d for d in FindingDecision.objects.filter(document=document)}
    grouped: dict[str, list[scan.Finding]] = {}
    for finding in found:
        grouped.setdefault(finding.key, []).append(finding)
    return [
        Detail(
            key, f[0].kind, f[0].reason, f[0].suggestion, tuple(f), decisions.get(stored_key(key))
        )
        for key, f in grouped.items()
    ]


def undecided(items: list[Detail]) -> list[Detail]:
    return [d for d in items if d.decision is None]


def is_chair(user: Any, board_id: int | None) -> bool:
    """Whether this person is the independent chair of the board."""
    if board_id is None:
        return False
    return Membership.objects.filter(user=user, board_id=board_id, role=Role.CHAIR).exists()


def may_override(user: Any, document: Document) -> bool:
    """Only the independent chair of the report's board overrides the gate."""
    return is_chair(user, document.board_id)


def gate_refusals(document: Document) -> list[str]:
    """Why the report may not become public yet, in plain words; empty when it may."""
    open_items = undecided(details(document))
    if not open_items or GateOverride.objects.filter(document=document).exists():
        return []
    return [
        f"{len(open_items)} identifying detail{'s' if len(open_items) != 1 else ''} found in "
        f"“{document.display_title}” {'are' if len(open_items) != 1 else 'is'} not decided yet. "
        "Decide each one on the report's redaction page (redact it, or keep it with a reason) "
        "before publishing."
    ]


@transaction.atomic
def decide(
    actor: Actor,
    document: Document,
    key: str,
    choice: str,
    replacement: str = "",
    reason: str = "",
) -> FindingDecision:
    """Record the board's decision on one detail, wherever the report writes it."""
    item = next((d for d in details(document) if d.key == key), None)
    if item is None:
        raise Refused(["That detail is no longer in the report. Look at the findings again."])
    return _decided(actor, document, item, choice, replacement, reason)


def _decided(
    actor: Actor, document: Document, item: Detail, choice: str, replacement: str, reason: str
) -> FindingDecision:
    replacement, reason = replacement.strip(), reason.strip()
    if choice == Choice.REDACT and not replacement:
        raise Refused(["Enter what the public text says instead, for example “the mother”."])
    if choice == Choice.KEEP and not reason:
        raise Refused(["Give the reason this detail may stay in the public text."])
    if choice not in Choice.values:
        raise Refused(["Choose whether to redact this detail or keep it."])
    decision, _ = FindingDecision.objects.update_or_create(
        document=document,
        key=stored_key(item.key),
        defaults={
            "kind": item.kind,
            "quote": item.quote[:300],
            "choice": choice,
            "replacement": replacement[:MAX_REPLACEMENT_CHARS] if choice == Choice.REDACT else "",
            "reason": reason[:MAX_REASON_CHARS],
            "decided_by": actor.signed_in_user,
            "decided_at": timezone.now(),
        },
    )
    record(
        Action.REDACTION_DECIDED,
        actor=actor,
        obj=decision,
        board=document.board,
        summary=f"Decided to {Choice(choice).label.lower()} a {item.kind}",
        data={"document": document.pk, "kind": item.kind, "choice": choice},
    )
    return decision


# Full dates of events are many in a long report; one decision writes each as its month and year.
BULK_KIND: Final = "full date"


@transaction.atomic
def redact_every_full_date(actor: Actor, document: Document) -> int:
    """Decide every undecided full date (not a recorded date of birth) at once: redact it to
    its month and year. Returns how many details were decided."""
    items = [d for d in undecided(details(document)) if d.kind == BULK_KIND]
    for item in items:
        _decided(actor, document, item, Choice.REDACT, item.suggestion, "")
    return len(items)


@transaction.atomic
def redact_every_detail_as_suggested(actor: Actor, document: Document) -> int:
    """Decide every undecided detail at once: redact it with the scan's suggested replacement
    (the demo's chair does this for the demo's generated reports). Returns how many."""
    items = undecided(details(document))
    for item in items:
        _decided(actor, document, item, Choice.REDACT, item.suggestion or "[redacted]", "")
    return len(items)


@transaction.atomic
def override_gate(actor: Actor, document: Document, reason: str) -> GateOverride:
    """The chair lets the report be published with details undecided, saying why."""
    if not may_override(actor.signed_in_user, document):
        raise Refused(["Only the board's independent chair may override the publication check."])
    reason = reason.strip()
    if not reason:
        raise Refused(["Give the reason for publishing with details undecided."])
    override = GateOverride.objects.create(
        document=document, reason=reason[:MAX_REASON_CHARS], overridden_by=actor.signed_in_user
    )
    record(
        Action.PUBLICATION_GATE_OVERRIDDEN,
        actor=actor,
        obj=document,
        board=document.board,
        summary="Overrode the publication check for identifying details",
        data={"reason": override.reason},
    )
    return override


def redacted_pages(document: Document) -> list[tuple[int, str]]:
    """The report's pages with every detail decided "redact" replaced."""
    pages = pages_of(document)
    replacements = [
        scan.Replacement(f.start, f.end, item.decision.replacement)
        for item in details(document, pages)
        if item.decision is not None and item.decision.choice == Choice.REDACT
        for f in item.findings
    ]
    return scan.redact(pages, replacements).pages


def public_title(document: Document) -> str:
    if document.case is not None:
        return f"{document.case.pseudonym}: final report"
    case = case_of(document)
    return f"{case.pseudonym}: improvements" if case is not None else document.display_title


def public_pdf_bytes(document: Document) -> bytes:
    """The public PDF as the decisions stand now (a preview until the report is published)."""
    title = _redactor(document)(public_title(document))
    return public_pdf(title, [text for _, text in redacted_pages(document)])


def make_public_copy(document: Document) -> PublicCopy:
    """Write the public PDF from the redacted text and record it (inside the caller's
    transaction; a file left by a rolled-back publication is named by its bytes, and harmless)."""
    data = public_pdf_bytes(document)
    digest = hashlib.sha256(data).hexdigest()
    stored_name = f"public/{digest[:2]}/{digest}.pdf"
    path = Path(settings.FILES_DIR) / stored_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    copy, _ = PublicCopy.objects.update_or_create(
        document=document, defaults={"stored_name": stored_name, "sha256": digest}
    )
    return copy


def _redactor(document: Document) -> Callable[[str], str]:
    """Redact any string of the report (a quote, a title, a header) as its pages are: each
    detail the board decided to redact, wherever the scan finds it in that string."""
    identity = identity_of(document)
    chosen = {
        d.key: d.replacement
        for d in FindingDecision.objects.filter(document=document, choice=Choice.REDACT)
    }

    def clean(text: str) -> str:
        if not text or not chosen:
            return text
        pages = scan.join_pages([(1, text)])
        replacements = [
            scan.Replacement(f.start, f.end, chosen[stored_key(f.key)])
            for f in scan.scan_pages(pages, identity)
            if stored_key(f.key) in chosen
        ]
        return scan.redact(pages, replacements).pages[0][1] if replacements else text

    return clean


def _cleaned(value: Any, clean: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_cleaned(v, clean) for v in value]
    if isinstance(value, dict):
        return {k: _cleaned(v, clean) for k, v in value.items()}
    return value


def replace_with_redacted_text(document: Document) -> None:
    """Make everything the repository shows and indexes of the report the redacted version:
    its pages (and the search index built from them), title, file name, record quotes and
    recommendations. The original file stays with the case (restricted). Inside the caller's
    transaction."""
    pages = dict(redacted_pages(document))
    clean = _redactor(document)
    # Out of the index while the old text can still be read (the contentless SQLite index
    # needs the old values to remove them), back in once the pages are redacted.
    SearchText.objects.filter(document=document).delete()
    for page in Page.objects.filter(document=document):
        page.text = pages.get(page.number, page.text)
        page.header, page.footer = clean(page.header), clean(page.footer)
        page.save(update_fields=["text", "header", "footer"])
    for row in RecordField.objects.filter(document=document):
        row.quote = clean(row.quote)
        row.items = _cleaned(row.items, clean)
        row.machine_value = _cleaned(row.machine_value, clean)
        row.person_value = _cleaned(row.person_value, clean)
        row.save(update_fields=["quote", "items", "machine_value", "person_value"])
    for recommendation in Recommendation.objects.filter(document=document):
        recommendation.text = clean(recommendation.text)
        recommendation.section = clean(recommendation.section)
        recommendation.save(update_fields=["text", "section"])
    document.title = clean(document.title)
    document.original_filename = clean(document.original_filename)
    document.save(update_fields=["title", "original_filename"])
    SearchText.objects.create(document=document, title=document.title)
