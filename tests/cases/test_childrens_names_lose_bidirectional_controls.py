"""A child's pseudonym and legal name, and a name given at the command line, lose Unicode's
bidirectional controls like every other name, so none can display as something it is not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereview.accounts.provisioning import AccountError, create_user_from_command_line
from casereview.cases.models import Case, CaseIdentity
from tests.cases.factories import IdentityFactory
from tests.cases.test_notifying_a_case import notification
from tests.conftest import Personas, signed_in_client
from tests.factories import PASSWORD

OVERRIDE = "\u202e"
ISOLATE = "\u2066"


def test_a_notified_childs_pseudonym_and_legal_name_are_kept_without_them(
    personas: Personas,
) -> None:
    url = reverse("cases:notify", kwargs={"slug": personas.board_a.slug})

    response = signed_in_client(personas.alice).post(
        url,
        notification(pseudonym=f"Child {OVERRIDE}T", legal_name=f"Tamsin {ISOLATE}Fictional"),
    )

    assert response.status_code == 302
    case = Case.objects.get()
    assert case.pseudonym == "Child T"
    assert CaseIdentity.objects.get(case=case).legal_name == "Tamsin Fictional"


def test_a_pseudonym_of_nothing_but_controls_is_asked_for_again(personas: Personas) -> None:
    url = reverse("cases:notify", kwargs={"slug": personas.board_a.slug})

    response = signed_in_client(personas.alice).post(url, notification(pseudonym=OVERRIDE))

    assert response.status_code == 200
    assert "Enter the name every screen will use for the child" in response.content.decode()
    assert not Case.objects.exists()


def test_an_edited_legal_name_is_kept_without_them(personas: Personas) -> None:
    identity = IdentityFactory(case__board=personas.board_a)
    url = reverse("cases:identity-edit", kwargs={"pk": identity.case.pk})

    signed_in_client(personas.alice).post(
        url,
        {
            "legal_name": f"Tamsin {OVERRIDE}Changed",
            "family_members": identity.family_members,
            "dates_of_birth": identity.dates_of_birth,
            "addresses": identity.addresses,
            "school": identity.school,
        },
    )

    identity.refresh_from_db()
    assert identity.legal_name == "Tamsin Changed"


@pytest.mark.django_db
def test_a_name_given_at_the_command_line_is_kept_without_them() -> None:
    user = create_user_from_command_line(
        email="new@example.org", full_name=f"Nia {OVERRIDE}New", password=PASSWORD
    )

    assert user.full_name == "Nia New"
    with pytest.raises(AccountError, match="--name"):
        create_user_from_command_line(
            email="other@example.org", full_name=ISOLATE, password=PASSWORD
        )
