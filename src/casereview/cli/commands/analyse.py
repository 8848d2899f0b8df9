"""`casereview analyse`: Analyse documents without storing them (the structured record)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from casereview.cli.startup import setup_django

NAME = "analyse"
HELP = "Analyse documents without storing them (the structured record)."


def _describe_analysis(result: dict[str, Any]) -> str:
    child = result["child"]
    lines = [
        f"{result['source']} ({result['pages']} pages, sha256 {result['sha256'][:12]}…)",
        f"  title:          {result['title'] or '-'}",
        f"  board:          {result['board'] or '-'}",
        f"  year published: {result['year_published'] or '-'}",
        f"  review type:    {result['review_type'] or '-'}",
        f"  child:          age {child['age_years'] if child['age_years'] is not None else '-'}"
        f", sex {child['sex'] or '-'}",
        f"  outcome:        {result['outcome'] or '-'}",
        f"  abuse types:    {', '.join(result['abuse_types']) or '-'}",
    ]
    if result["review_type"] == "PFD":
        lines += [
            f"  report date:    {result['report_date'] or '-'}",
            f"  coroner area:   {result['coroner_area'] or '-'}",
            f"  sent to:        {'; '.join(result['addressees']) or '-'}",
            f"  concerns:       {len(result['recommendations'])}",
        ]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", metavar="FILE", nargs="+")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")


def handle(args: argparse.Namespace) -> int:
    setup_django()
    import json

    from casereview.repository.reading import analyse_json

    failed = 0
    for name in args.files:
        result = analyse_json(Path(name))
        if "error" in result:
            failed += 1
        if args.json:
            print(json.dumps(result, ensure_ascii=False), flush=True)
        elif "error" in result:
            print(f"{name}: {result['error']}")
        else:
            print(_describe_analysis(result))
    return 1 if failed else 0
