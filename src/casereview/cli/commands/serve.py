"""`casereview serve`: Serve the web application."""

from __future__ import annotations

import argparse

from casereview.cli.server import serve
from casereview.cli.startup import migrate_database, setup_django

NAME = "serve"
HELP = "Serve the web application."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--threads", type=int, default=8)


def handle(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings

    from casereview.config.checks import deploy_problems

    if settings.PRODUCTION:
        problems = deploy_problems()
        if problems:
            print("casereview will not start in production mode with unsafe settings:")
            for problem in problems:
                print(f"  - {problem}")
            print("Run `casereview check-deploy` for details.")
            return 2
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    migrate_database()
    return serve(args.host, args.port, threads=args.threads)
