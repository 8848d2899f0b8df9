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
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from django.conf import settings
from django.db import transaction
from django.db.models import Q
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
from casereview.publication.retention import withdrawal_refusal
from casereview.recommendations import recurrence
from casereview.recommendations.models import (
    CodingLabel,
    GroupCorrection,
    GroupingLabel,
    Recommendation,
)
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
    withdrawn = withdrawal_refusal(document)
    if withdrawn:
        return [withdrawn]
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
    redacted = FindingDecision.objects.filter(document=document, choice=Choice.REDACT)
    chosen = {d.key: d.replacement for d in redacted}
    # A string read alone may give a detail another key ("Okonjo" where the report said
    # "Mr Okonjo"): the words the report quoted are also replaced wherever they stand whole.
    quoted = [
        (re.compile(rf"(?<!\w){_spaced(d.quote)}(?!\w)", re.IGNORECASE), d.replacement)
        for d in sorted(redacted, key=lambda d: -len(d.quote))
        if d.quote.strip()
    ]

    def clean(text: str) -> str:
        if not text or not chosen:
            return text
        pages = scan.join_pages([(1, text)])
        replacements = [
            scan.Replacement(f.start, f.end, chosen[stored_key(f.key)])
            for f in scan.scan_pages(pages, identity)
            if stored_key(f.key) in chosen
        ]
        if replacements:
            text = scan.redact(pages, replacements).pages[0][1]
        for pattern, replacement in quoted:
            text = pattern.sub(replacement.replace("\\", "\\\\"), text)
        return text

    return clean


def _spaced(quote: str) -> str:
    """A quote as a pattern that allows any spacing (a line break) between its words."""
    return r"\s+".join(re.escape(word) for word in quote.split())


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
    recommendations, the copies of its recommendations people's codings and group corrections
    keep as labelled data, and (once committed) the recurrence index saved in the data folder.
    The original file stays with the case (restricted). Inside the caller's transaction."""
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
    originals: set[str] = set()
    for recommendation in Recommendation.objects.filter(document=document):
        originals.add(recommendation.text)
        recommendation.text = clean(recommendation.text)
        recommendation.section = clean(recommendation.section)
        recommendation.save(update_fields=["text", "section"])
    if _redact_labelled_copies(document, clean, originals):
        transaction.on_commit(recurrence.forget_texts)
    document.title = clean(document.title)
    document.original_filename = clean(document.original_filename)
    document.save(update_fields=["title", "original_filename"])
    SearchText.objects.create(document=document, title=document.title)


def _redact_labelled_copies(
    document: Document, clean: Callable[[str], str], originals: set[str]
) -> bool:
    """Redact the texts that labelled data keeps of the report's recommendations: the codings
    people confirmed or corrected, the group corrections and the pairs they labelled (found by
    their recommendation, or by the original text once a re-analysis replaced the row). The
    same redaction as the recommendations' own, so a correction still finds its
    recommendation again. True when any text changed."""

    def _ours(rec: Recommendation | None, text: str) -> bool:
        return rec.document_id == document.pk if rec is not None else text in originals

    changed = False
    for label in CodingLabel.objects.filter(recommendation__document=document):
        text = clean(label.text)
        if text != label.text:
            label.text, changed = text, True
            label.save(update_fields=["text"])
    for correction in GroupCorrection.objects.filter(document=document):
        correction.text = clean(correction.text)
        correction.save(update_fields=["text"])
    for correction in GroupCorrection.objects.filter(anchor_document=document):
        correction.anchor_text = clean(correction.anchor_text)
        correction.save(update_fields=["anchor_text"])
    pairs = GroupingLabel.objects.filter(
        Q(first__document=document)
        | Q(second__document=document)
        | Q(first_text__in=originals)
        | Q(second_text__in=originals)
    )
    for pair in pairs.select_related("first", "second"):
        first = clean(pair.first_text) if _ours(pair.first, pair.first_text) else pair.first_text
        second = (
            clean(pair.second_text) if _ours(pair.second, pair.second_text) else pair.second_text
        )
        if (first, second) != (pair.first_text, pair.second_text):
            pair.first_text, pair.second_text = first, second
            pair.save(update_fields=["first_text", "second_text"])
    return changed or bool(originals - {clean(text) for text in originals})
