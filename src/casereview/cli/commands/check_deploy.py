"""`casereview check-deploy`: Explain what, if anything, is unsafe for production."""

from __future__ import annotations

import argparse

from casereview.cli.startup import setup_django

NAME = "check-deploy"
HELP = "Explain what, if anything, is unsafe for production."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """It takes no arguments."""


def handle(args: argparse.Namespace) -> int:
    setup_django()
    from casereview.config.checks import deploy_problems

    problems = deploy_problems()
    if not problems:
        print("These settings are safe for production.")
        return 0
    print("These settings are not safe for production:")
    for problem in problems:
        print(f"  - {problem}")
    return 1
