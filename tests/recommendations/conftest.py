"""Stored files go to a temporary folder (the project-wide fixture does this already)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def files_dir(settings: Any) -> Path:
    return Path(settings.FILES_DIR)
