"""`casereview manage load_clock_rules FILE`: load a new edition of the statutory clock rules."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casereview.cases.rules import RulesFileError
from casereview.cases.services import load_rules


class Command(BaseCommand):
    help = "Load a statutory clock rules file (JSON) as a new versioned rules set."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the rules file, in the format of clock-rules.json")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            rule_set = load_rules(options["file"])
        except RulesFileError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Rules {rule_set.version} are loaded ({rule_set.rules.count()} steps), "
            f"in force from {rule_set.effective_from:%d %B %Y}."
        )
