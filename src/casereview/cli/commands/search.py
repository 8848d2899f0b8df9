"""`casereview search`: Search the published documents in the repository."""

from __future__ import annotations

import argparse
from typing import Any

from casereview.cli.startup import ready

NAME = "search"
HELP = "Search the published documents in the repository."


def results_json(results: Any) -> dict[str, Any]:
    return {
        "query": results.text,
        "total": results.total,
        "message": results.message or None,
        "results": [
            {
                "id": hit.document.pk,
                "title": hit.document.display_title,
                "board": hit.document.board_name or None,
                "year_published": hit.document.year_published,
                "page": hit.page,
                "snippet": hit.snippet.bracketed() if hit.page else None,
            }
            for hit in results.hits
        ],
        "facets": {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in results.facets.items()
        },
    }


# The options of `casereview search`, and whether each takes a value. Every other argument after
# "search" is a word of the query, even one starting with "-", which leaves a word out.
SEARCH_OPTIONS = {"-h": False, "--help": False, "--json": False, "--limit": True}


def search_words_last(argv: list[str]) -> list[str]:
    """`search`'s options first, then "--" and the query's words, so that argparse reads a word
    such as -neglect as part of the query instead of refusing it as an unknown option."""
    if not argv or argv[0] != "search":
        return argv
    options: list[str] = []
    words: list[str] = []
    rest = iter(argv[1:])
    for token in rest:
        if token == "--":
            words.extend(rest)
            break
        name = token.split("=", 1)[0]
        if name not in SEARCH_OPTIONS:
            words.append(token)
            continue
        options.append(token)
        value = next(rest, None) if SEARCH_OPTIONS[name] and "=" not in token else None
        if value is not None:
            options.append(value)
    return ["search", *options, "--", *words]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query", metavar="QUERY", nargs="+", help='words, "exact phrases", OR, -leave-out, prefix*'
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--limit", type=int, default=10, help="most results to show")


def handle(args: argparse.Namespace) -> int:
    ready()
    import json

    from casereview.repository.search import search

    text = " ".join(args.query)
    results = search(text, limit=args.limit)
    if args.json:
        print(json.dumps(results_json(results), ensure_ascii=False))
        return 0
    if results.message:
        print(results.message)
        return 1
    print(f"{results.total} published documents match {text!r}.")
    for hit in results.hits:
        d = hit.document
        where = f" (page {hit.page})" if hit.page else ""
        print(f"- {d.display_title} — {d.board_name or 'board unknown'}, {d.year_published or '-'}")
        if hit.page:
            print(f"  {hit.snippet.bracketed()}{where}")
    return 0
