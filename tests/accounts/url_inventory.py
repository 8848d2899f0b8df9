"""Every URL pattern the resolver knows, found by walking the tree (so none can be missed).

Both the access matrix and the anonymous sweep start from this list; a URL added by any later
issue appears here without anyone remembering to add it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter


@dataclass(frozen=True)
class Route:
    name: str | None
    """The namespaced name (``accounts:board``), or None for an unnamed pattern."""
    pattern: str
    converters: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    view: Any = field(default=None, compare=False, hash=False)


def _walk(
    patterns: list[Any], namespace: str, prefix: str, converters: dict[str, Any]
) -> list[Route]:
    found: list[Route] = []
    for entry in patterns:
        joined = {**converters, **entry.pattern.converters}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _walk(entry.url_patterns, inner, prefix + str(entry.pattern), joined)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            found.append(Route(name, prefix + str(entry.pattern), joined, entry.callback))
    return found


def all_routes() -> list[Route]:
    return _walk(get_resolver().url_patterns, "", "", {})


def named_routes() -> dict[str, Route]:
    return {route.name: route for route in all_routes() if route.name}


def placeholder_kwargs(route: Route) -> dict[str, Any]:
    """Made-up values that fit each converter (for requests that must not reach any lookup)."""
    kwargs: dict[str, Any] = {}
    for key, converter in route.converters.items():
        if isinstance(converter, IntConverter):
            kwargs[key] = 987654
        elif isinstance(converter, UUIDConverter):
            kwargs[key] = uuid.UUID(int=987654)
        else:
            kwargs[key] = "no-such-thing"
    return kwargs


def placeholder_url(route: Route) -> str:
    assert route.name is not None
    return reverse(route.name, kwargs=placeholder_kwargs(route) or None)
