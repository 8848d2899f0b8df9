"""`casereview createuser` creates people through the service the web's administrators use, with
the command line as its actor, so there is one path (and one audit record) per action."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest

from casereview import cli
from casereview.accounts import services
from casereview.accounts.models import User
from casereview.audit.events import Action
from casereview.audit.models import Event


@pytest.mark.django_db
def test_createuser_calls_the_web_services_as_the_command_line(
    personas: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, Any]] = []
    create_user, add_membership = services.create_user, services.add_membership

    def spy_create(actor: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(("create_user", actor))
        return create_user(actor, *args, **kwargs)

    def spy_add(actor: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(("add_membership", actor))
        return add_membership(actor, *args, **kwargs)

    monkeypatch.setattr(services, "create_user", spy_create)
    monkeypatch.setattr(services, "add_membership", spy_add)
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-Strong-password-42\n"))
    status = cli.main(
        [
            "createuser",
            "fay@example.org",
            "--name",
            "Fay Chair",
            "--board",
            "ashbourne-vale",
            "--role",
            "chair",
            "--password-stdin",
        ]
    )
    assert status == 0
    assert [name for name, _ in seen] == ["create_user", "add_membership"]
    assert all(actor.via == "command line" and actor.user is None for _, actor in seen)
    user = User.objects.get(email="fay@example.org")
    assert user.check_password("a-Strong-password-42")
    created = Event.objects.get(action=Action.USER_CREATED, object_id=str(user.pk))
    assert created.summary == "Created Fay Chair <fay@example.org> from the command line"
    assert created.actor is None and created.ip_address is None
