"""Each `casereview` command is a module of its own, as Django's management commands are: the
parser is built from the modules, and the entry points stay where scripts and tests find them."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import casereview.cli.commands
from casereview import cli


def _command_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(casereview.cli.commands.__path__))


def test_every_command_module_is_listed_and_has_a_name_help_arguments_and_a_handler():
    assert sorted(cli.COMMANDS) == _command_modules()
    for name in cli.COMMANDS:
        module = importlib.import_module(f"casereview.cli.commands.{name}")
        assert name.replace("_", "-") == module.NAME
        assert module.HELP and callable(module.add_arguments) and callable(module.handle)


def test_the_parser_gives_each_command_its_modules_handler():
    parser = cli.build_parser()
    args = parser.parse_args(["deadlines", "CSPR", "notified", "2024-01-05"])
    assert args.handler is importlib.import_module("casereview.cli.commands.deadlines").handle
    args = parser.parse_args(["search", "--", "-neglect"])
    assert args.handler is importlib.import_module("casereview.cli.commands.search").handle


def test_the_shared_names_are_still_read_from_casereview_cli():
    for name in ("ready", "setup_django", "migrate_database", "serve", "max_request_bytes"):
        assert callable(getattr(cli, name))
    assert cli.DEMO_PORT == 8000
    assert cli.PARENT_ENV == "CASEREVIEW_WORKER_PARENT"


def test_python_m_casereview_cli_runs_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "casereview.cli", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert "check-recommendations" in result.stdout and "demo-corpus" in result.stdout
