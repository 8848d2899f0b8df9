"""docs/security.md says which test guards each defect: every test it names must exist, so the
page cannot drift from the suite, and each numbered item of the security issue has its line."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "security.md").read_text()
NAMED = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?", PAGE)


def test_it_names_tests() -> None:
    assert len(NAMED) >= 14


def test_every_test_it_names_exists() -> None:
    missing = []
    for path, name in NAMED:
        file = ROOT / path
        if not file.is_file():
            missing.append(path)
        elif name and not re.search(rf"^def {name}\(", file.read_text(), re.M):
            missing.append(f"{path}::{name}")
    assert not missing, f"docs/security.md names tests that do not exist: {missing}"


def test_each_defect_of_the_issue_has_a_line() -> None:
    numbers = {int(n) for n in re.findall(r"^\| (\d+) \|", PAGE, re.M)}
    assert numbers == set(range(1, 15))
