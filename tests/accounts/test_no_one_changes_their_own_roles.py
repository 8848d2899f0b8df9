"""No one changes their own roles: an administrator asks another administrator, every role change
is audited (who changed whom, from what to what), and the other administrators see it."""

from __future__ import annotations

import io
import sys

import pytest

from casereview import cli
from casereview.accounts import services
from casereview.accounts.models import Membership, Role, User
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.models import Event
from tests.conftest import Personas, signed_in_client
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = "You cannot change your own roles; ask another administrator"


@pytest.fixture
def grace(personas: Personas) -> User:
    """A second administrator, to make the changes Ada may not make to herself."""
    return UserFactory(email="grace@example.org", full_name="Grace Admin", is_administrator=True)


def edit(client, person: User, national_roles: list[str]):
    return client.post(
        f"/manage/users/{person.pk}/edit/",
        {
            "full_name": person.full_name,
            "email": person.email,
            "national_roles": national_roles,
            "is_active": "yes",
        },
    )


def add_role(client, person: User, board, role: str):
    return client.post(
        f"/manage/users/{person.pk}/roles/new/", {"board": board.pk, "role": role, "agency": ""}
    )


def role_events() -> list[Event]:
    return list(
        Event.objects.filter(
            action__in=[Action.USER_UPDATED, Action.MEMBERSHIP_ADDED, Action.MEMBERSHIP_REMOVED]
        )
    )


def test_it_refuses_an_administrator_granting_themself_the_panel_role(personas) -> None:
    response = edit(
        signed_in_client(personas.ada), personas.ada, ["is_administrator", "is_panel_member"]
    )
    assert REFUSAL in response.content.decode()
    personas.ada.refresh_from_db()
    assert not personas.ada.is_panel_member
    assert role_events() == []


def test_it_refuses_an_administrator_removing_their_own_panel_role(personas) -> None:
    personas.ada.is_panel_member = True
    personas.ada.save()
    response = edit(signed_in_client(personas.ada), personas.ada, ["is_administrator"])
    assert REFUSAL in response.content.decode()
    personas.ada.refresh_from_db()
    assert personas.ada.is_panel_member


def test_it_refuses_an_administrator_removing_their_own_administrator_role(personas) -> None:
    response = edit(signed_in_client(personas.ada), personas.ada, [])
    assert "ask another administrator" in response.content.decode()
    personas.ada.refresh_from_db()
    assert personas.ada.is_administrator


def test_it_refuses_an_administrator_giving_themself_a_board_role(personas) -> None:
    client = signed_in_client(personas.ada)
    form_page = client.get(f"/manage/users/{personas.ada.pk}/roles/new/", follow=True)
    assert REFUSAL in form_page.content.decode()
    response = add_role(client, personas.ada, personas.board_a, Role.CHAIR)
    assert REFUSAL in client.get(response["Location"]).content.decode()
    assert not Membership.objects.filter(user=personas.ada).exists()
    assert role_events() == []


def test_it_refuses_an_administrator_removing_their_own_board_role(personas) -> None:
    own = MembershipFactory(user=personas.ada, board=personas.board_a, role=Role.CHAIR)
    client = signed_in_client(personas.ada)
    response = client.post(f"/manage/users/{personas.ada.pk}/roles/{own.pk}/remove/")
    assert REFUSAL in client.get(response["Location"]).content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()
    assert role_events() == []


def test_the_service_refuses_a_change_to_ones_own_roles_whoever_calls_it(personas) -> None:
    actor = Actor(user=personas.ada)
    with pytest.raises(services.NotAllowed, match=REFUSAL):
        services.update_user(actor, personas.ada, {"is_panel_member": True})
    with pytest.raises(services.NotAllowed, match=REFUSAL):
        services.add_membership(actor, personas.ada, personas.board_a, Role.CHAIR)
    own = MembershipFactory(user=personas.ada, board=personas.board_b, role=Role.CHAIR)
    with pytest.raises(services.NotAllowed, match=REFUSAL):
        services.remove_membership(actor, own)
    personas.ada.refresh_from_db()
    assert not personas.ada.is_panel_member
    assert list(personas.ada.memberships.all()) == [own]


def test_an_administrator_still_changes_their_own_name(personas) -> None:
    response = signed_in_client(personas.ada).post(
        f"/manage/users/{personas.ada.pk}/edit/",
        {
            "full_name": "Ada Lovelace",
            "email": personas.ada.email,
            "national_roles": ["is_administrator"],
            "is_active": "yes",
        },
    )
    assert response.status_code == 302
    personas.ada.refresh_from_db()
    assert personas.ada.full_name == "Ada Lovelace"


def test_another_administrator_grants_the_panel_role_and_the_trail_says_who_whom_and_what(
    personas, grace: User
) -> None:
    response = edit(signed_in_client(grace), personas.ada, ["is_administrator", "is_panel_member"])
    assert response.status_code == 302
    personas.ada.refresh_from_db()
    assert personas.ada.is_panel_member
    (event,) = role_events()
    assert event.action == Action.USER_UPDATED
    assert event.actor == grace
    assert (event.object_type, event.object_id) == ("accounts.user", str(personas.ada.pk))
    assert event.changes == {"is_panel_member": [False, True]}


def test_another_administrator_gives_and_removes_a_board_role_and_each_is_audited(
    personas, grace: User
) -> None:
    client = signed_in_client(grace)
    add_role(client, personas.ada, personas.board_a, Role.CHAIR)
    membership = Membership.objects.get(user=personas.ada)
    client.post(f"/manage/users/{personas.ada.pk}/roles/{membership.pk}/remove/")
    assert not Membership.objects.filter(user=personas.ada).exists()
    removed, added = role_events()
    assert (added.action, removed.action) == (Action.MEMBERSHIP_ADDED, Action.MEMBERSHIP_REMOVED)
    for event in (added, removed):
        assert event.actor == grace
        assert event.object_id == str(personas.ada.pk)
    assert added.changes["role"] == [None, Role.CHAIR]
    assert removed.changes["role"] == [Role.CHAIR, None]


def test_the_other_administrators_see_recent_role_changes_on_the_users_page(
    personas, grace: User
) -> None:
    edit(signed_in_client(grace), personas.ada, ["is_administrator", "is_panel_member"])
    add_role(signed_in_client(grace), personas.ada, personas.board_a, Role.CHAIR)
    edit(signed_in_client(personas.ada), personas.bob, ["is_administrator"])
    html = signed_in_client(personas.ada).get("/manage/users/").content.decode()
    section = html[html.index("Recent role changes") :]
    assert "Grace Admin gave Ada Admin the national panel role" in section
    assert "Grace Admin gave Ada Admin the role Independent chair on Ashbourne Vale" in section
    assert "Ada Admin gave Bob Reviewer the administrator role" in section
    detail = signed_in_client(grace).get(f"/manage/users/{personas.ada.pk}/").content.decode()
    assert "Grace Admin gave Ada Admin the national panel role" in detail
    assert "Bob Reviewer" not in detail[detail.index("Role changes") :]


def test_a_change_of_name_alone_is_not_listed_as_a_role_change(personas, grace: User) -> None:
    signed_in_client(grace).post(
        f"/manage/users/{personas.bob.pk}/edit/",
        {
            "full_name": "Robert Reviewer",
            "email": personas.bob.email,
            "national_roles": [],
            "is_active": "yes",
        },
    )
    html = signed_in_client(personas.ada).get("/manage/users/").content.decode()
    assert "No roles have changed yet" in html


def test_roles_given_at_the_command_line_are_listed_too(
    personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-Strong-password-42\n"))
    args = ["createuser", "eve@example.org", "--name", "Eve Chair", "--password-stdin"]
    assert cli.main([*args, "--panel", "--board", "brackenfield", "--role", "chair"]) == 0
    html = signed_in_client(personas.ada).get("/manage/users/").content.decode()
    assert "An operator at the command line gave Eve Chair the national panel role" in html
    assert (
        "An operator at the command line gave Eve Chair the role Independent chair on Bra" in html
    )
