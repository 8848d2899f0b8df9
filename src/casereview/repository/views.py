"""The repository's pages: public search and browsing, a document's permanent page with its
record and text, downloads, and the staff actions (checking the record, uploading, publishing).

Views stay thin: they ask ``permissions`` for the document (a 404 for anyone who may not see
it, so an unpublished document's existence is never revealed), call one service, and render.
Views and downloads of unpublished documents are audited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial, wraps
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.db import IntegrityError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe
from markupsafe import Markup, escape

from casereview.accounts.permissions import signed_in_user, staff_view
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.cases import access as case_access
from casereview.cases.services import Refused
from casereview.pages.downloads import file_download
from casereview.publication import services as publication
from casereview.recommendations.corrections import may_correct_any_of
from casereview.recommendations.models import Recommendation
from casereview.recommendations.recurrence import recurrences
from casereview.repository import access, page_text, searching, services
from casereview.repository.access import uploader_view
from casereview.repository.forms import (
    FIELD_LABELS,
    CheckFieldForm,
    PfdResponseForm,
    UploadForm,
    display,
    editable,
    max_upload_bytes,
)
from casereview.repository.models import (
    Document,
    DocumentFacet,
    Page,
    RecordField,
    UploadStatus,
)
from casereview.repository.pfd_responses import record_response, response_clocks
from casereview.repository.query import MAX_QUERY_CHARS
from casereview.repository.search import (
    FACET_TITLES,
    ORDERED_FACETS,
    PUBLIC,
    FacetValue,
    Scope,
)
from casereview.repository.searching import AskedSearch
from casereview.repository.services import FACET_LABELS, FACET_NAMES, LIST_FIELDS, SINGLE_FIELDS
from casereview.repository.similar import similar_documents
from casereview.repository.tasks import ingest_upload
from casereview.worker.presence import worker_presence
from casereview.worker.recovery import MAX_ATTEMPTS

# Page links either side of the current one before the list collapses to an ellipsis.
PAGE_WINDOW = 2
RECORD_ORDER = (*SINGLE_FIELDS, *LIST_FIELDS)
# Filter values shown before the rest of a facet is folded away: eight small checkboxes keep a
# facet within a phone's screen, so "Apply filters" below the panel is a short scroll at most.
SHORT_FACET = 8
# Fewest values worth folding: a "Show 1 more" control costs as much room as the value.
MIN_FOLDED = 3
# Values from which a facet gets a box to find one by name (with JavaScript): a list longer
# than a screen, such as the boards.
FINDER_FROM = 20
# How a facet's values are named in "Show 12 more boards" and "Find a board" (one, many).
FACET_NOUNS = {
    "year": ("year", "years"),
    "board": ("board", "boards"),
    "region": ("region", "regions"),
    "review_type": ("review type", "review types"),
    "outcome": ("outcome", "outcomes"),
    "abuse_type": ("abuse type", "abuse types"),
    "age_band": ("age band", "age bands"),
}


def pagination(
    current: int, last: int, href: Any, label: str = "Pages of results"
) -> dict[str, Any] | None:
    """Parameters for the GOV.UK pagination component; ``href(n)`` gives page n's link."""
    if last <= 1:
        return None
    items: list[dict[str, Any]] = []
    for number in range(1, last + 1):
        if number in (1, last) or abs(number - current) <= PAGE_WINDOW:
            items.append({"number": number, "href": href(number), "current": number == current})
        elif items and not items[-1].get("ellipsis"):
            items.append({"ellipsis": True})
    links: dict[str, Any] = {"items": items, "landmarkLabel": label}
    if current > 1:
        links["previous"] = {"href": href(current - 1)}
    if current < last:
        links["next"] = {"href": href(current + 1)}
    return links


def _viewed(request: HttpRequest, document: Document, what: str) -> None:
    if access.is_restricted_document(document):
        record(
            Action.DOCUMENT_VIEWED,
            actor=Actor.from_request(request),
            obj=document,
            board=document.board,
            summary=f"Viewed {what} of {document.display_title}"[:500],
        )


def document_view(view: Any) -> Any:
    """A public page about one document (URL kwarg ``ref``): the view gets ``document``.

    The document is looked up before the method check, so someone who may not see it gets a
    404 whatever they send; only GET and HEAD are answered.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, ref: str, **kwargs: Any) -> HttpResponse:
        document = access.find_document_or_404(request.user, ref)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return cast(HttpResponse, view(request, document, **kwargs))

    return wrapped


# --- public pages -----------------------------------------------------------------------------


def search_scope(user: Any) -> Scope:
    """The documents this user's searches may return: the public's (answered from the facet
    index) unless their roles open restricted ones."""
    if access.sees_what_the_public_sees(user):
        return PUBLIC
    return Scope(access.visible_documents(user))


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    asked = AskedSearch.from_query(request.GET)
    results = searching.search_for(Actor.from_request(request), asked, search_scope(request.user))

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return f"?{query.urlencode()}"

    return render(
        request,
        "repository/search.html",
        {
            "page_title": f"Search reviews: {asked.text}" if asked.text else "Search reviews",
            "text": asked.text,
            "results": results,
            "facet_fields": facet_fields(results.facets),
            "chosen": searching.chosen_filters(request.GET, asked.filters),
            "first": asked.offset + 1,
            "may_upload": access.may_upload(request.user),
            "pagination": pagination(asked.page, searching.last_page(results), href),
        },
    )


def facet_fields(facets: Mapping[str, Sequence[FacetValue]]) -> Markup:
    """The filter checkboxes of a results page: one GOV.UK small-checkboxes fieldset per facet
    with values, each value with its count.

    A long facet (every board has one) shows its first SHORT_FACET values and any ticked ones;
    the rest (A to Z, or years and ages in their own order) are folded in a GOV.UK details
    element ("Show 112 more boards"), which opens without JavaScript; with it, app/init.js adds
    a box to find a value by name to a list of FINDER_FROM values or more.

    Written out here rather than in the template: with 120 or more values the template's loop
    cost about 5 ms of a search's page, and the generic govukCheckboxes macro far more. The
    markup is the macros' for small checkboxes and details.
    """
    parts: list[str] = []
    for name, values in facets.items():
        if not values:
            continue
        shown, folded = _fold(values, alphabetical=name not in ORDERED_FACETS)
        field = escape(name)
        title = escape(FACET_TITLES[name])
        one, many = FACET_NOUNS[name]
        finder = (
            f' data-module="app-facet-finder" data-noun="{escape(one)}" data-nouns="{escape(many)}"'
            if folded and len(values) >= FINDER_FROM
            else ""
        )
        parts.append(
            f'<div class="govuk-form-group app-facet"{finder}><fieldset class="govuk-fieldset">'
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{title}</legend>'
        )
        _checkboxes(parts, field, shown, 1)
        if folded:
            noun = many if len(folded) > 1 else one
            parts.append(
                '<details class="govuk-details govuk-!-margin-top-2 govuk-!-margin-bottom-0">'
                '<summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
                f"Show {len(folded)} more {escape(noun)}</span></summary>"
                '<div class="govuk-details__text">'
            )
            _checkboxes(parts, field, folded, len(shown) + 1)
            parts.append("</div></details>")
        parts.append("</fieldset></div>")
    return Markup("".join(parts))


def _fold(
    values: Sequence[FacetValue], *, alphabetical: bool
) -> tuple[list[FacetValue], list[FacetValue]]:
    """The values shown (the first SHORT_FACET and every ticked one) and those folded away:
    A to Z when `alphabetical` (a list by count is hard to scan for a name), else as given."""
    if len(values) < SHORT_FACET + MIN_FOLDED:
        return list(values), []
    shown = [v for number, v in enumerate(values) if number < SHORT_FACET or v.selected]
    kept = {id(v) for v in shown}
    folded = [v for v in values if id(v) not in kept]
    if alphabetical:
        folded.sort(key=lambda v: v.label.casefold())
    return shown, folded


def _checkboxes(parts: list[str], field: str, values: Sequence[FacetValue], first: int) -> None:
    parts.append(
        '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
    )
    for number, facet in enumerate(values, first):
        id_ = f"facet-{field}" if number == 1 else f"facet-{field}-{number}"
        checked = " checked" if facet.selected else ""
        parts.append(
            '<div class="govuk-checkboxes__item">'
            f'<input class="govuk-checkboxes__input" id="{id_}" name="{field}" '
            f'type="checkbox" value="{escape(facet.value)}"{checked}>'
            f'<label class="govuk-label govuk-checkboxes__label" for="{id_}">'
            f"{escape(facet.label)} ({facet.count})</label></div>"
        )
    parts.append("</div>")


@require_safe
def browse(request: HttpRequest) -> HttpResponse:
    counts = (
        DocumentFacet.objects.filter(
            name__in=("year", "board"),
            document__in=access.visible_documents(request.user).values("id"),
        )
        .values_list("name", "value")
        .annotate(n=Count("id"))
    )
    years = sorted(((v, n) for name, v, n in counts if name == "year"), reverse=True)
    boards = sorted((v, n) for name, v, n in counts if name == "board")
    return render(
        request,
        "repository/browse.html",
        {"page_title": "Browse reviews", "years": years, "boards": boards},
    )


def _record_rows(document: Document) -> list[dict[str, Any]]:
    fields = {f.name: f for f in document.fields.all()}
    rows = []
    for name in RECORD_ORDER:
        row = fields.get(name)
        if row is None:
            continue
        value = row.value
        items = row.items if name in LIST_FIELDS and row.decision != "corrected" else []
        page = row.page if row.decision != "corrected" else None
        rows.append(
            {
                "name": name,
                "label": FIELD_LABELS[name],
                "value": display(name, value),
                "quote": row.quote if row.decision != "corrected" else "",
                "page": page,
                "href": page_text.evidence_link(document, page, field=name) if page else "",
                "pieces": [
                    {
                        **item,
                        "href": page_text.evidence_link(
                            document, item["page"], field=name, item=index
                        )
                        if isinstance(item.get("page"), int)
                        else "",
                    }
                    for index, item in enumerate(items)
                    if item.get("quote")
                ],
                "field": row,
            }
        )
    return rows


@document_view
def document_page(request: HttpRequest, document: Document) -> HttpResponse:
    _viewed(request, document, "the record")
    user = request.user
    recommendations = list(Recommendation.objects.filter(document=document))
    may_publish = not document.is_published and access.may_publish_document(user, document)
    return render(
        request,
        "repository/document.html",
        {
            "page_title": document.display_title,
            "document": document,
            "ref": document.sha256[:12],
            "rows": _record_rows(document),
            "facets": _facet_links(document),
            "similar": similar_documents(document, user),
            "recommendations": recommendations,
            "recurrences": recurrences(document, recommendations, access.visible_documents(user)),
            "may_check": access.may_check_record(user, document),
            "may_record_responses": access.may_record_response(user, document),
            "may_regroup": may_correct_any_of(user, document.board_id),
            "may_publish": may_publish,
            "publication_refusals": (
                publication.document_refusals(user, document, timezone.localdate())
                if may_publish
                else []
            ),
            # The case only for those who may see it: never the public or another board.
            "case": case_access.visible_cases(user).filter(pk=document.case_id).first()
            if document.case_id is not None
            else None,
        },
    )


def _facet_links(document: Document) -> list[dict[str, str]]:
    links = []
    for facet in sorted(document.facets.all(), key=lambda f: (FACET_NAMES.index(f.name), f.value)):
        label = FACET_LABELS.get(facet.name, {}).get(facet.value, facet.value)
        links.append(
            {
                "title": FACET_TITLES[facet.name],
                "label": label,
                "href": reverse("repository:search") + "?" + urlencode({facet.name: facet.value}),
            }
        )
    return links


@document_view
def document_text_page(request: HttpRequest, document: Document, number: int) -> HttpResponse:
    page = Page.objects.filter(document=document, number=number).first()
    if page is None:
        raise Http404("No such page.")
    _viewed(request, document, f"page {number}")
    asks = page_text.evidence_params(request.GET)
    evidence = page_text.evidence_for(document, asks) if asks else None
    query = request.GET.get("q", "").strip()
    too_long = page_text.query_too_long(query)
    marked = page_text.marked_page(
        page, document, quote=evidence.quote if evidence else "", query=query
    )
    # Moving between pages keeps the search's words marked; evidence belongs to its own page.
    kept = query if not too_long else ""
    return render(
        request,
        "repository/document_page.html",
        {
            "page_title": f"Page {number} of {document.page_count}: {document.display_title}",
            "document": document,
            "ref": document.sha256[:12],
            "page": page,
            "marked": marked,
            "asked_evidence": bool(asks),
            "evidence": evidence,
            **page_text.evidence_links(document, number, asks, evidence, marked.found),
            "query": kept,
            "query_chars": len(query) if too_long else 0,
            "max_query_chars": MAX_QUERY_CHARS,
            "pagination": pagination(
                number,
                document.page_count,
                partial(page_text.page_link, document, query=kept),
                label="Pages of this review",
            ),
        },
    )


@document_view
def download(request: HttpRequest, document: Document) -> HttpResponse:
    public = getattr(document, "public_copy", None) if document.is_published else None
    if public is not None:
        # A case's report published through the publication check: only its redacted copy.
        copy = services.files_dir() / public.stored_name
        return file_download(copy, filename=f"{document.sha256[:12]}.pdf", stored_format="pdf")
    path = services.stored_path(document)
    if not path.is_file():
        raise Http404("The original file is missing.")
    if access.is_restricted_document(document):
        record(
            Action.DOCUMENT_DOWNLOADED,
            actor=Actor.from_request(request),
            obj=document,
            board=document.board,
            summary=f"Downloaded {document.original_filename}"[:500],
        )
    return file_download(path, filename=document.original_filename, stored_format=document.format)


# --- staff actions ----------------------------------------------------------------------------


@staff_view
@require_http_methods(["GET", "POST"])
def check_field(request: HttpRequest, ref: str, field: str) -> HttpResponse:
    name = field
    user = signed_in_user(request)
    document = access.find_document_or_404(user, ref)
    if not access.may_check_record(user, document):
        raise Http404("No such page.")
    row = RecordField.objects.filter(document=document, name=name).first()
    if row is None or name not in FIELD_LABELS:
        raise Http404("No such value.")
    form = CheckFieldForm(
        request.POST if request.method == "POST" else None,
        field_name=name,
        has_value=row.machine_value is not None,
        initial={"corrected": editable(name, row.value), "values": row.value or []},
    )
    if form.is_valid():
        done = form.save(row, Actor.from_request(request))
        messages.success(request, f"{FIELD_LABELS[name]} {done}.")
        return redirect(reverse("repository:document", kwargs={"ref": ref}) + "#record")
    _viewed(request, document, f"the {name} value")
    return render(
        request,
        "repository/check_field.html",
        {
            "page_title": ("Error: " if form.errors else "") + f"Check: {FIELD_LABELS[name]}",
            "document": document,
            "ref": document.sha256[:12],
            "field": row,
            "label": FIELD_LABELS[name],
            "machine": display(name, row.machine_value),
            "current": display(name, row.value),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@staff_view
def publish(request: HttpRequest, ref: str) -> HttpResponse:
    user = signed_in_user(request)
    document = access.find_document_or_404(user, ref)
    if not access.may_publish_document(user, document):
        raise Http404("No such page.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if document.is_published:
        return redirect("repository:document", ref=document.sha256[:12])
    try:
        publication.publish_from_repository(Actor.from_request(request), document)
    except Refused as error:
        for reason in error.reasons:
            messages.error(request, reason)
    else:
        document.refresh_from_db()
        with_case = ", and its case with it" if document.case_id is not None else ""
        messages.success(request, f"{document.display_title} is now published{with_case}.")
    return redirect("repository:document", ref=document.sha256[:12])


@uploader_view
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    boards = access.upload_boards(user).order_by("name")
    form = UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        boards=boards,
        initial={"board": boards.first()},
    )
    if form.is_valid():
        sent = form.cleaned_data["document"]
        accepted = services.accept_upload(
            sent.read(),
            sent.name,
            board=form.cleaned_data["board"],
            actor=Actor.from_request(request),
        )
        ingest_upload.enqueue(accepted.pk)
        return redirect("repository:upload-status", pk=accepted.pk)
    return render(
        request,
        "repository/upload.html",
        {
            "page_title": ("Error: " if form.errors else "") + "Add a document to the repository",
            "form": form,
            "boards": boards,
            "max_mb": max_upload_bytes() // (1024 * 1024),
        },
        status=400 if form.errors else 200,
    )


@uploader_view
def upload_status(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_upload_or_404(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    # An upload of a file already held may point at another board's unpublished document: the
    # page links to it only for someone who may see it.
    document = found.document
    if (
        document is not None
        and not access.visible_documents(request.user).filter(pk=document.pk).exists()
    ):
        document = None
    return render(
        request,
        "repository/upload_status.html",
        {
            "page_title": f"Upload of {found.filename}",
            "upload": found,
            "document": document,
            "max_attempts": MAX_ATTEMPTS,
            # Only a queued file waits for a worker.
            "worker": worker_presence() if found.status == UploadStatus.QUEUED else None,
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def pfd_responses(request: HttpRequest, ref: str) -> HttpResponse:
    """A coroner's PFD report's response clock per body, and attaching a body's response."""
    user = signed_in_user(request)
    document = access.find_document_or_404(user, ref)
    if not access.may_record_response(user, document):
        raise Http404("No such page.")
    clocks = response_clocks(document, timezone.localdate())
    waiting = [row.addressee for row in clocks.rows if row.response is None]
    posted = request.method == "POST"
    form = PfdResponseForm(
        request.POST if posted else None, request.FILES if posted else None, addressees=waiting
    )
    if form.is_valid():
        sent, body = form.cleaned_data["response"], form.cleaned_data["addressee"]
        try:
            record_response(
                document,
                addressee=body,
                received_on=form.cleaned_data["received_on"],
                data=sent.read(),
                filename=sent.name,
                actor=Actor.from_request(request),
            )
        except IntegrityError:
            form.add_error("addressee", "A response from this body was recorded meanwhile")
        else:
            messages.success(request, f"The response of {body} is recorded.")
            return redirect("repository:pfd-responses", ref=document.sha256[:12])
    _viewed(request, document, "the responses")
    title = ("Error: " if form.errors else "") + "Responses to the coroner's report"
    context = {"page_title": title, "document": document, "clocks": clocks, "form": form}
    return render(
        request, "repository/pfd_responses.html", context, status=400 if form.errors else 200
    )
