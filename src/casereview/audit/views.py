"""Reading the audit trail: the filterable table, its CSV export, and one record's history.

Only administrators and national panel members may read it (``audit_reader_view``). Reading it is
itself audited. There is deliberately no view that changes or removes an event.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from casereview.accounts.permissions import audit_reader_view
from casereview.audit import services
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.export import CHUNK_SIZE, csv_lines
from casereview.audit.filters import EventFilterForm, describe, filter_events, object_type_label
from casereview.audit.models import Event

PAGE_SIZE = 50
# Page links either side of the current page before the list collapses to an ellipsis.
PAGE_WINDOW = 2


def _page_links(request: HttpRequest, page: Page[Event]) -> dict[str, Any]:
    """Parameters for the GOV.UK pagination component, keeping the filters in every link."""

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return f"?{query.urlencode()}"

    last = page.paginator.num_pages
    items: list[dict[str, Any]] = []
    for number in range(1, last + 1):
        near = abs(number - page.number) <= PAGE_WINDOW
        if number in (1, last) or near:
            items.append({"number": number, "href": href(number), "current": number == page.number})
        elif items and not items[-1].get("ellipsis"):
            items.append({"ellipsis": True})
    links: dict[str, Any] = {"items": items}
    if page.has_previous():
        links["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        links["next"] = {"href": href(page.next_page_number())}
    return links


@audit_reader_view
@require_safe
def events(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    filters = form.applied()
    # Recorded before reading, so the reader's own visit is part of what they see.
    services.record(
        Action.AUDIT_VIEWED,
        actor=Actor.from_request(request),
        summary="Viewed the audit trail",
        data={"filters": describe(filters), "page": request.GET.get("page", "1")},
    )
    page = Paginator(filter_events(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    export_query = request.GET.copy()
    export_query.pop("page", None)
    return render(
        request,
        "audit/events.html",
        {
            "page_title": "Audit trail",
            "form": form,
            "errors": form.errors_by_field(),
            "page": page,
            "pagination": _page_links(request, page) if page.paginator.num_pages > 1 else None,
            "export_query": export_query.urlencode(),
        },
    )


@audit_reader_view
@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # A download that quietly widened an invalid filter would hand over more than was asked.
        message = "Check the filters on the audit trail page: " + "; ".join(
            form.errors_by_field().values()
        )
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    filters = form.applied()
    services.record(
        Action.AUDIT_EXPORTED,
        actor=Actor.from_request(request),
        summary="Downloaded the audit trail as CSV",
        data={"filters": describe(filters)},
    )
    rows = filter_events(filters).iterator(chunk_size=CHUNK_SIZE)
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.csv"'
    # The access decorators are typed for HttpResponse; Django serves both kinds alike.
    return cast(HttpResponse, response)


@audit_reader_view
@require_safe
def history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    found = list(
        Event.objects.filter(object_type=object_type, object_id=object_id)
        .select_related("board")
        .order_by("at", "id")
    )
    label = next((e.object_label for e in reversed(found) if e.object_label), "")
    type_label = object_type_label(object_type)
    services.record(
        Action.AUDIT_VIEWED,
        actor=Actor.from_request(request),
        summary=f"Viewed the history of {type_label} {label or object_id}",
        # Kept out of object_type/object_id so reading a history does not add to that history.
        data={"history_of": {"object_type": object_type, "object_id": object_id}},
    )
    return render(
        request,
        "audit/history.html",
        {
            "page_title": f"History of {label or object_id}",
            "events": found,
            "label": label,
            "type_label": type_label,
            "object_id": object_id,
        },
    )
