"""Responses to signed-in people are never stored by browsers or proxies.

What a page shows depends on who asks (a search page lists restricted hits to the people who may
see them), so the rule follows the person, not the URL: every response to a signed-in request,
restricted pages and downloads included, says ``Cache-Control: no-store``, and ``Vary: Cookie``
so that no shared cache hands one person's page to another.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class NoStoreForSignedIn:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        return response
