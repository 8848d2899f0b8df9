"""The layers are checked by import-linter (pyproject.toml, [tool.importlinter]; ADR 0001).

The source as it stands keeps every contract; and each contract is shown to break when a copy of
the source gains one import it forbids, so a contract that cannot fail would be noticed here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(source: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports with the project's contracts over the package under ``source``."""
    # A wide terminal keeps each contract's name and verdict on one line.
    env = {**os.environ, "PYTHONPATH": str(source), "COLUMNS": "400"}
    return subprocess.run(
        [str(LINT_IMPORTS), str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_source_keeps_every_import_contract() -> None:
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# One forbidden import per contract: (the module that gains it, the line, the contract's name).
VIOLATIONS = [
    ("analysis/__init__.py", "import django", "analysis and democorpus import no Django"),
    (
        "analysis/__init__.py",
        "import casereview.repository.models",
        "analysis and democorpus import no Django",
    ),
    ("democorpus/__init__.py", "import casereview.analysis", "do not import each other"),
    ("audit/models.py", "import casereview.cases.models", "audit imports no domain app"),
    ("accounts/permissions.py", "import casereview.cases.models", "accounts imports only audit"),
    ("accounts/views.py", "import casereview.pages.dashboards", "accounts imports only audit"),
    ("worker/models.py", "import casereview.recommendations.models", "domain apps import each"),
    ("cases/models.py", "import casereview.learning.views", "domain apps import each"),
]


@pytest.mark.parametrize(("module", "line", "contract"), VIOLATIONS)
def test_a_forbidden_import_breaks_its_contract(
    module: str, line: str, contract: str, tmp_path: Path
) -> None:
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "casereview",
        copy / "casereview",
        ignore=lambda folder, names: [
            n
            for n in names
            if n == "__pycache__" or (Path(folder, n).is_file() and not n.endswith(".py"))
        ],
    )
    target = copy / "casereview" / module
    target.write_text(target.read_text() + f"\n{line}\n")

    result = lint_imports(copy)

    assert result.returncode == 1, result.stdout + result.stderr
    broken = [text for text in result.stdout.splitlines() if " BROKEN" in text]
    assert any(contract in text for text in broken), result.stdout
