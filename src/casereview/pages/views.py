"""The public pages anyone may read without signing in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casereview.repository.query import MAX_QUERY_CHARS


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html", {"max_query_chars": MAX_QUERY_CHARS})


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/about.html")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and `make demo`: answers once the app can serve requests."""
    return HttpResponse("ok", content_type="text/plain")
