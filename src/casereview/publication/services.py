"""Publishing a case's final report: one act, seen from the case and from the repository.

The repository's "Publish" button on a document that came from a case, and the case's move to
"Published", both come here. In one transaction the case moves to "Published" (its clocks
count from that date, as for any move the lifecycle table dates) and its report in the
repository is published with the same date; each side writes its own audit event. Nothing is
published unless a person recorded the copy sent to the national panel (and the Secretary of
State) at least the rules table's advance notice before the publication date, and nothing
while an identifying detail the scan found in the report is undecided (``publication.redaction``);
publishing writes the report's public copy from its redacted text and puts the redacted text in
place of the original in the repository's pages, record and search index.

A document that came from no case is published on its own (``publish_standalone``), through
the same check for identifying details (without an identity record to look for).
"""

from __future__ import annotations

import datetime
from typing import Any, Final

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from casereview.audit.actors import Actor
from casereview.cases import access as case_access
from casereview.cases import lifecycle
from casereview.cases.clocks import ClockError, describe_limit, due_date, rule_set_in_force
from casereview.cases.lifecycle import State
from casereview.cases.models import Case, CaseMove, ClockRule
from casereview.cases.rules import Direction, Event, MetBy
from casereview.cases.services import Refused, _check_move, _locked, _moved
from casereview.publication import retention
from casereview.publication.models import ImprovementsSummary
from casereview.publication.redaction import (
    gate_refusals,
    make_public_copy,
    replace_with_redacted_text,
)
from casereview.repository import services as repository_services
from casereview.repository.models import Document
from casereview.repository.services import ingest_file

NO_REPORT: Final = (
    "There is no final report of this case in the repository to publish. Send the final "
    "report to the national repository from the case's documents page first; it is then "
    "published with the case."
)


def _long(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def report_documents(case: Case) -> QuerySet[Document]:
    """The case's reports in the repository (sent from its documents page), newest first."""
    return Document.objects.filter(case=case).order_by("-created_at", "-pk")


def notice_rule(case: Case, on: datetime.date) -> ClockRule | None:
    """The rules row for the copy to the national panel before publication on ``on``, in the
    rules in force that day for the case's regime; None if those rules have no such step."""
    try:
        rule_set = rule_set_in_force(on)
    except ClockError:
        return None
    rule: ClockRule | None = ClockRule.objects.filter(
        rule_set=rule_set,
        regime=case.regime,
        counts_from=Event.PUBLISHED,
        direction=Direction.BEFORE,
        met_by=MetBy.PANEL_COPY_SENT,
    ).first()
    return rule


def earliest_publication(rule: ClockRule, notice_on: datetime.date) -> datetime.date:
    """The first day a report may be published when the copy went to the panel on
    ``notice_on``: the day after which the rule's latest notice date is no earlier."""
    day = notice_on
    while due_date(rule, day) < notice_on:
        day += datetime.timedelta(days=1)
    return day


def notice_refusals(
    case: Case, on: datetime.date, notice_on: datetime.date | None, short_reason: str = ""
) -> list[str]:
    """Why the recorded advance notice does not allow publication on ``on``, in plain words. A
    copy sent later than the rules ask is accepted with a recorded reason (``short_reason``);
    a copy never sent is not."""
    rule = notice_rule(case, on)
    if rule is None:
        return []
    limit = describe_limit(rule)
    if notice_on is None:
        if_today = earliest_publication(rule, timezone.localdate())
        return [
            "Record the date a copy of the final report was sent to the national panel and the "
            f"Secretary of State first: it must go {limit} publication. Give it on the case's "
            f"move to “{State.PUBLISHED.label}” (or on its move to the publication decision). "
            f"If the copy is sent today, the earliest publication date is {_long(if_today)}."
        ]
    if notice_on > due_date(rule, on) and not short_reason.strip():
        earliest = earliest_publication(rule, notice_on)
        return [
            f"The copy of the report went to the national panel on {_long(notice_on)}, which is "
            f"not {limit} {_long(on)}. The earliest publication date it allows is "
            f"{_long(earliest)}: publish on or after that date."
        ]
    return []


SHORT_NOTICE: Final = "Published with less notice to the national panel than the rules ask: "


def short_notice(case: Case, on: datetime.date) -> bool:
    """Whether the copy to the national panel was sent, but later than the rules ask for
    publication on ``on`` (publishing then needs a recorded reason)."""
    rule = notice_rule(case, on)
    notice_on = case.panel_copy_sent_on
    return rule is not None and notice_on is not None and notice_on > due_date(rule, on)


def _document_refusals(case: Case, document: Document | None, on: datetime.date) -> list[str]:
    if document is None:
        return (
            [NO_REPORT]
            if not report_documents(case).exists()
            else ["Choose the final report to publish."]
        )
    if document.case_id != case.pk:
        return ["That document is not this case's report in the repository."]
    if document.is_published and document.published_on and document.published_on != on:
        return [
            f"“{document.display_title}” was published in the repository on "
            f"{_long(document.published_on)}. Give that date as the date the report was "
            "published."
        ]
    return []


def document_refusals(user: Any, document: Document, on: datetime.date) -> list[str]:
    """Why the repository's "Publish" button may not publish this document on ``on`` (shown
    before anyone presses it); empty when it may."""
    case = document.case
    if case is None:
        return gate_refusals(document)
    reasons = case_access.move_refusals(user, case, State.PUBLISHED)
    if reasons:
        return [
            f"This is the final report of {case.pseudonym}: publishing it also moves the case "
            f"to “{State.PUBLISHED.label}”.",
            *reasons,
        ]
    return notice_refusals(case, on, case.panel_copy_sent_on) + gate_refusals(document)


def publish_case_report(
    actor: Actor,
    case: Case,
    transition: lifecycle.Transition,
    document: Document | None,
    on: datetime.date,
    extra: dict[str, Any],
    short_notice_reason: str = "",
) -> CaseMove:
    """Move the locked ``case`` to Published and publish its report, both dated ``on``.
    The caller holds the transaction and has checked the move (``cases.services``)."""
    if document is not None:
        document = Document.objects.select_for_update().filter(pk=document.pk).first()
    notice_on = extra.get(lifecycle.PANEL_COPY) or case.panel_copy_sent_on
    short_notice_reason = short_notice_reason.strip()[:2000]
    reasons = _document_refusals(case, document, on) + notice_refusals(
        case, on, notice_on, short_notice_reason
    )
    if document is not None and document.case_id == case.pk:
        reasons += gate_refusals(document)
    if reasons:
        raise Refused(reasons)
    assert document is not None
    rule = notice_rule(case, on)
    late = rule is not None and notice_on is not None and notice_on > due_date(rule, on)
    why = SHORT_NOTICE + short_notice_reason if late and short_notice_reason else ""
    move = _moved(actor, case, transition, on, why, extra)
    if not document.is_published or document.published_on is None:
        make_public_copy(document)
        replace_with_redacted_text(document)
        repository_services.publish_document(document, actor=actor, on=on)
        retention.set_public_period(document, on)
    return move


@transaction.atomic
def publish_standalone(actor: Actor, document: Document) -> Document:
    """Publish a document that came from no case, once every identifying detail is decided."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.is_published:
        return locked
    reasons = gate_refusals(locked)
    if reasons:
        raise Refused(reasons)
    make_public_copy(locked)
    replace_with_redacted_text(locked)
    published = repository_services.publish_document(locked, actor=actor)
    assert published.published_on is not None
    retention.set_public_period(published, published.published_on)
    return published


@transaction.atomic
def publish_from_repository(
    actor: Actor, document: Document, on: datetime.date | None = None, short_notice_reason: str = ""
) -> CaseMove | Document:
    """The repository's "Publish" button: on a case's report, the same act as the case's move;
    on any other document, ``publish_standalone``."""
    if document.case_id is None:
        return publish_standalone(actor, document)
    case = _locked(Case(pk=document.case_id))
    try:
        transition = _check_move(actor, case, State.PUBLISHED)
    except Refused as error:
        raise Refused(
            [
                f"This is the final report of {case.pseudonym}: publishing it also moves the "
                f"case to “{State.PUBLISHED.label}”.",
                *error.reasons,
            ]
        ) from None
    return publish_case_report(
        actor, case, transition, document, on or timezone.localdate(), {}, short_notice_reason
    )


# --- not publishing the report: the improvements instead ------------------------------------

MAX_SUMMARY_CHARS: Final = 50_000


def improvements_refusals(case: Case) -> list[str]:
    """Why the case may not move to "Improvements published" yet: the summary of improvements
    must be written and published first, through the check for identifying details."""
    summary = ImprovementsSummary.objects.filter(case=case).select_related("document").first()
    if summary is None:
        return [
            "Write the summary of improvements that will be published instead of the report "
            "first, on the case's “Publish the improvements instead” page. It goes through the "
            "same check for identifying details as a report."
        ]
    if not summary.document.is_published:
        return [
            f"Publish the summary of improvements (“{summary.document.display_title}”) first: "
            "decide each identifying detail found in it, then publish it from its page."
        ]
    return []


@transaction.atomic
def add_improvements_summary(actor: Actor, case: Case, text: str) -> Document:
    """Store the summary of improvements for a case whose report will not be published, as an
    unpublished document of the board, to be checked and published like any other."""
    reasons = case_access.move_refusals(actor.signed_in_user, case, State.IMPROVEMENTS_PUBLISHED)
    if reasons:
        raise Refused(reasons)
    if ImprovementsSummary.objects.filter(case=case).exists():
        raise Refused(["This case already has its summary of improvements."])
    text = text.strip()
    if not text:
        raise Refused(["Enter the summary of improvements."])
    if len(text) > MAX_SUMMARY_CHARS:
        raise Refused([f"The summary must be at most {MAX_SUMMARY_CHARS:,} characters."])
    result = ingest_file(
        text.encode("utf-8"), f"improvements-{case.pk}.txt", board=case.board, actor=actor
    )
    if result.document is None or result.outcome != "added":
        raise Refused(["That text is already in the repository: write the summary for this case."])
    ImprovementsSummary.objects.create(case=case, document=result.document)
    return result.document
