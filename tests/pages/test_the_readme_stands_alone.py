"""A fresh clone is complete: the README and the documents it points to name no file outside
the repository, and every file they link to exists in it (the product design included)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_it_names_no_file_outside_the_repository(document: Path) -> None:
    outside = re.findall(r"\.\./(?:shared|\.library)\S*", document.read_text())
    assert not outside, f"{document.name} points outside the repository: {outside}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_it_links_to_exists(document: Path) -> None:
    targets = [t for t in LINK.findall(document.read_text()) if "://" not in t]
    missing = [t for t in targets if not (document.parent / t).exists()]
    assert not missing, f"{document.name} links to files that do not exist: {missing}"


def test_the_product_design_is_in_the_repository() -> None:
    design = (ROOT / "docs" / "design.md").read_text()
    assert "## 2. Who uses it" in design
    assert "docs/design.md" in (ROOT / "README.md").read_text()
