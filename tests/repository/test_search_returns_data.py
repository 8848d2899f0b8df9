"""search() is a query that returns data: it takes plain values (no request, no user), writes
nothing, and its snippets are data escaped for HTML in one place; the search backends know
nothing of HTTP."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from markupsafe import Markup

from casereview.audit.models import Event
from casereview.repository import search as search_package
from casereview.repository.models import Document
from casereview.repository.quotes import MARK_END, MARK_START
from casereview.repository.search import Scope, Snippet, search
from tests.repository.conftest import add_document, titles

SEARCH_DIR = Path(search_package.__file__).parent


def test_search_takes_plain_values_and_no_request_or_user() -> None:
    parameters = inspect.signature(search).parameters

    assert "request" not in parameters and "user" not in parameters
    assert {"scope", "filters", "limit", "offset"} <= set(parameters)


@pytest.mark.parametrize("module", ["__init__.py", "base.py", "sqlite.py", "postgres.py"])
def test_search_imports_nothing_of_http_or_the_audit_trail(module: str) -> None:
    tree = ast.parse((SEARCH_DIR / module).read_text())
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }

    assert not {name for name in imported if name.startswith(("django.http", "casereview.audit"))}
    assert "request" not in (SEARCH_DIR / module).read_text().lower().replace("requested", "")


@pytest.mark.django_db
def test_a_scope_of_restricted_documents_finds_them_and_writes_no_event() -> None:
    add_document("Neglect in a published review.", title="Published")
    add_document("Neglect in a draft.", title="Draft", published=False)
    events = Event.objects.count()

    public = search("neglect")
    everything = search("neglect", scope=Scope(Document.objects.all()))

    assert titles(public.hits) == {"Published"}
    assert titles(everything.hits) == {"Published", "Draft"}
    assert Event.objects.count() == events


def test_a_snippet_is_runs_of_text_escaped_for_html_in_one_place() -> None:
    snippet = Snippet.from_marked(
        f"  The <b>note</b> said {MARK_START}neglect{MARK_END} & {MARK_START}delay{MARK_END}.  "
    )

    assert snippet.parts == (
        ("The <b>note</b> said ", False),
        ("neglect", True),
        (" & ", False),
        ("delay", True),
        (".", False),
    )
    assert str(Markup(snippet)) == (
        "The &lt;b&gt;note&lt;/b&gt; said <mark>neglect</mark> &amp; <mark>delay</mark>."
    )
    assert snippet.bracketed() == "The <b>note</b> said [neglect] & [delay]."
    assert not Snippet.from_marked("   ")
