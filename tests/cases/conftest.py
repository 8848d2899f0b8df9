"""Case fixtures: a board manager for board A (Mo), and request objects for calling services."""

from __future__ import annotations

from typing import Any

import pytest

from casereview.accounts.models import Role, User
from tests.conftest import Personas
from tests.factories import MembershipFactory, UserFactory, actor_from


@pytest.fixture
def mo(personas: Personas) -> User:
    """Mo manages board A (the personas have no board manager there)."""
    user = UserFactory(email="mo@example.org", full_name="Mo Manager")
    MembershipFactory(user=user, board=personas.board_a, role=Role.BOARD_MANAGER)
    return user


@pytest.fixture
def actor_as() -> Any:
    """This person as the actor a view would pass to a service."""

    return actor_from


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    """Run background tasks as soon as they are queued, as the worker would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
