"""The service's URLs plus three that fail on purpose, for the error page tests."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from casereview.config import urls as service


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def misread(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a request the service cannot understand")


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a fault in the service")


urlpatterns: list[URLPattern | URLResolver] = [
    path("failing/refused/", refuse),
    path("failing/bad-request/", misread),
    path("failing/fault/", fail),
    *service.urlpatterns,
]
handler400 = service.handler400
handler403 = service.handler403
handler404 = service.handler404
handler500 = service.handler500
