"""`casereview createuser`: Create a user who signs in with email and password."""

from __future__ import annotations

import argparse
import sys

from casereview.cli.startup import ready

NAME = "createuser"
HELP = "Create a user who signs in with email and password."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("email")
    parser.add_argument("--name", required=True, help="the person's full name")
    parser.add_argument("--administrator", action="store_true", help="may manage users and boards")
    parser.add_argument("--panel", action="store_true", help="a national panel member")
    parser.add_argument("--board", help="slug of a board to give a role on")
    parser.add_argument(
        "--role",
        choices=["board_manager", "chair", "lead_reviewer", "action_owner"],
        help="the role on --board",
    )
    parser.add_argument("--agency", help="for an action owner: the agency they act for")
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )


def handle(args: argparse.Namespace) -> int:
    ready()
    import getpass

    from django.core.exceptions import ValidationError

    from casereview.accounts.provisioning import AccountError, create_user_from_command_line

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            print("The passwords do not match. Nothing was saved.", file=sys.stderr)
            return 1
    try:
        user = create_user_from_command_line(
            email=args.email,
            full_name=args.name,
            password=password,
            administrator=args.administrator,
            panel_member=args.panel,
            board_slug=args.board,
            role=args.role,
            agency=args.agency or "",
        )
    except (AccountError, ValidationError) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        for message in messages:
            print(message, file=sys.stderr)
        print("Nothing was saved.", file=sys.stderr)
        return 1
    print(f"Created {user.full_name} <{user.email}>.")
    return 0
