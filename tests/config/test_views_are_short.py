"""Views stay short (STYLE habit 1, issue 18 item 8): a view parses the request, calls a form or
a service, and renders or redirects, in at most MAX_VIEW_LINES lines.

The views are those the URLconf routes to; each is measured in its module's source with `ast`,
from its ``def`` line to its last line (docstring included, decorators not), and for a
class-based view each of its methods. A longer view names itself here, with its length: move
what it decides, checks, computes or writes into its domain's services or a form.
"""

from __future__ import annotations

import ast
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

# Room for parsing a request, one call and a render with a dozen context names; more than this
# and the view is doing a service's or a form's work.
MAX_VIEW_LINES = 40


def _callbacks(patterns: list[Any]) -> Iterator[Any]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _callbacks(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def routed_views() -> dict[Path, set[str]]:
    """casereview's routed views by module file: function names and class names."""
    found: dict[Path, set[str]] = {}
    for callback in _callbacks(get_resolver().url_patterns):
        # A class-based view's callback carries its class; a decorated function, its original.
        target = getattr(callback, "view_class", None) or inspect.unwrap(callback)
        if not target.__module__.startswith("casereview."):
            continue
        source = sys.modules[target.__module__].__file__
        assert source is not None
        found.setdefault(Path(source), set()).add(target.__qualname__)
    return found


def view_lengths() -> dict[str, int]:
    """Each routed view (or class-based view's method) as ``module.py:line name``: its lines."""
    lengths = {}
    for source, names in routed_views().items():
        tree = ast.parse(source.read_text(), filename=str(source))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if node.name not in names:
                continue
            members = node.body if isinstance(node, ast.ClassDef) else [node]
            for member in members:
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef):
                    name = member.name if member is node else f"{node.name}.{member.name}"
                    where = f"{source.parent.name}/{source.name}:{member.lineno} {name}"
                    assert member.end_lineno is not None
                    lengths[where] = member.end_lineno - member.lineno + 1
    return lengths


def test_every_routed_view_is_found_in_its_module() -> None:
    lengths = view_lengths()
    # The sweep sees views of every layer, so a change in how views are found cannot leave it
    # measuring nothing.
    folders = {where.split("/")[0] for where in lengths}
    assert {"accounts", "cases", "repository", "learning", "pages"} <= folders
    assert len(lengths) > 50
    measured = {where.split(" ")[1] for where in lengths}
    routed = {name for names in routed_views().values() for name in names}
    assert routed <= {name.split(".")[0] for name in measured}


def test_no_view_is_longer_than_the_limit() -> None:
    too_long = {
        where: lines for where, lines in sorted(view_lengths().items()) if lines > MAX_VIEW_LINES
    }
    assert not too_long, (
        f"Views longer than {MAX_VIEW_LINES} lines (move their logic into a service or a form): "
        + ", ".join(f"{where} ({lines} lines)" for where, lines in too_long.items())
    )
