"""The publication pages of a document: its identifying details and the board's decisions, the
chair's override, the confirmation before publishing, and the public copy.

Whoever may publish it decides (for a case's report, the board's managers and chair; for any
other document, its board's chair); the national panel sees the page, the decisions and any
override, read-only. Everyone else gets a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from casereview.accounts.permissions import signed_in_user, staff_view
from casereview.audit.actors import Actor
from casereview.cases import access as case_access
from casereview.cases.lifecycle import State
from casereview.cases.services import Refused
from casereview.pages.downloads import file_download
from casereview.publication import redaction, retention, services
from casereview.publication.models import GateOverride, ImprovementsSummary, PublicCopy
from casereview.repository import access
from casereview.repository.models import Document
from casereview.repository.services import files_dir

MAX_FIELD_CHARS = 2000


def _report(request: HttpRequest, ref: str, *, manage: bool) -> Document:
    """A document this person may publish (or, to read, a panel member may see)."""
    user = signed_in_user(request)
    document = access.find_document_or_404(user, ref)
    may_manage = access.may_publish_document(user, document)
    if not (may_manage or (not manage and user.is_panel_member)):
        raise Http404("No such page.")
    return document


def _field(request: HttpRequest, name: str) -> str:
    return str(request.POST.get(name, ""))[:MAX_FIELD_CHARS]


def _back(document: Document) -> HttpResponse:
    return redirect("publication:redaction", ref=document.sha256[:12])


@staff_view
@require_safe
def redaction_page(request: HttpRequest, ref: str) -> HttpResponse:
    document = _report(request, ref, manage=False)
    items = redaction.details(document)
    user = signed_in_user(request)
    return render(
        request,
        "publication/redaction.html",
        {
            "page_title": f"Identifying details in {document.display_title}",
            "document": document,
            "ref": document.sha256[:12],
            "details": items,
            "open": redaction.undecided(items),
            "open_dates": sum(
                1 for d in redaction.undecided(items) if d.kind == redaction.BULK_KIND
            ),
            "may_decide": access.may_publish_document(user, document),
            "may_override": redaction.may_override(user, document),
            "overrides": GateOverride.objects.filter(document=document),
        },
    )


@staff_view
@require_POST
def decide(request: HttpRequest, ref: str) -> HttpResponse:
    document = _report(request, ref, manage=True)
    try:
        redaction.decide(
            Actor.from_request(request),
            document,
            _field(request, "key"),
            _field(request, "choice"),
            _field(request, "replacement"),
            _field(request, "reason"),
        )
    except Refused as error:
        for reason in error.reasons:
            messages.error(request, reason)
    return _back(document)


@staff_view
@require_POST
def redact_dates(request: HttpRequest, ref: str) -> HttpResponse:
    document = _report(request, ref, manage=True)
    count = redaction.redact_every_full_date(Actor.from_request(request), document)
    messages.success(
        request, f"{count} full date{'' if count == 1 else 's'} now give the month and year only."
    )
    return _back(document)


@staff_view
@require_POST
def override(request: HttpRequest, ref: str) -> HttpResponse:
    document = _report(request, ref, manage=True)
    try:
        redaction.override_gate(Actor.from_request(request), document, _field(request, "reason"))
    except Refused as error:
        for reason in error.reasons:
            messages.error(request, reason)
    return _back(document)


@staff_view
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, ref: str) -> HttpResponse:
    document = _report(request, ref, manage=True)
    if document.is_published:
        return redirect("repository:document", ref=document.sha256[:12])
    if request.method == "POST":
        try:
            services.publish_from_repository(
                Actor.from_request(request),
                document,
                short_notice_reason=_field(request, "short_notice_reason"),
            )
        except Refused as error:
            for reason in error.reasons:
                messages.error(request, reason)
        else:
            messages.success(request, f"{document.display_title} is now published.")
            return redirect("repository:document", ref=document.sha256[:12])
    today = timezone.localdate()
    return render(
        request,
        "publication/confirm.html",
        {
            "page_title": f"Publish {document.display_title}",
            "document": document,
            "ref": document.sha256[:12],
            "public_title": redaction.public_title(document),
            "pages": redaction.redacted_pages(document),
            "open": redaction.undecided(redaction.details(document)),
            "refusals": services.document_refusals(request.user, document, today),
            "notice_on": document.case.panel_copy_sent_on if document.case else None,
            "short_notice": document.case and services.short_notice(document.case, today),
        },
    )


@require_safe
def public_copy(request: HttpRequest, ref: str) -> HttpResponse:
    """The public PDF: the published copy for anyone; before publication, a preview made now
    for those who may publish it."""
    user = request.user
    document = access.find_document_or_404(user, ref)
    filename = f"{document.sha256[:12]}-public.pdf"
    held = PublicCopy.objects.filter(document=document).first()
    if document.is_published and held is not None:
        return file_download(files_dir() / held.stored_name, filename=filename, stored_format="pdf")
    if document.is_published:
        raise Http404("No such page.")
    if not user.is_authenticated or not access.may_publish_document(user, document):
        raise Http404("No such page.")
    data = redaction.public_pdf_bytes(document)
    return file_download(data, filename=filename, stored_format="pdf")


@staff_view
@require_http_methods(["GET", "POST"])
def improvements(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair writes the summary of improvements published instead of the case's report."""
    user = signed_in_user(request)
    case = case_access.visible_cases(user).filter(pk=pk).first()
    if case is None or not redaction.is_chair(user, case.board_id):
        raise Http404("No such page.")
    summary = ImprovementsSummary.objects.filter(case=case).select_related("document").first()
    if summary is not None:
        return redirect("publication:redaction", ref=summary.document.sha256[:12])
    errors: list[str] = []
    if request.method == "POST":
        try:
            document = services.add_improvements_summary(
                Actor.from_request(request), case, str(request.POST.get("summary", ""))
            )
        except Refused as error:
            errors = error.reasons
        else:
            return redirect("publication:redaction", ref=document.sha256[:12])
    return render(
        request,
        "publication/improvements.html",
        {
            "page_title": f"Publish the improvements instead: {case.pseudonym}",
            "case": case,
            "errors": errors,
            "refusals": case_access.move_refusals(user, case, State.IMPROVEMENTS_PUBLISHED),
            "limit": services.MAX_SUMMARY_CHARS,
        },
        status=400 if errors else 200,
    )


@require_safe
def withdrawn(request: HttpRequest) -> HttpResponse:
    """The catalogue records of reports withdrawn after their public years, for anyone."""
    return render(
        request,
        "publication/withdrawn.html",
        {"records": retention.withdrawn_catalogue()[:500], "years": retention.PUBLIC_YEARS},
    )
