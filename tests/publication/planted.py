"""A case's final report that names its fictional family, with the identity record saying who
they are."""

from __future__ import annotations

import datetime

from casereview.cases.models import CaseIdentity
from tests.conftest import Personas
from tests.publication.conftest import Ready, ready_to_publish

NAMED_REPORT = (
    b"Local child safeguarding practice review: Child P\n\n"
    b"Background\n\n"
    b"Child P (full name Rosie Quennell-Marsh) lived with her mother, Tamsin Quennell, at "
    b"41 Larkspur Close, Ravensmouth QR8 2ES. Her NHS number is 943 476 5919.\n\n"
    b"Tamsin's partner, Mr Okonjo, visited often. Agencies did not share what they knew.\n"
)

PLANTED = ("Rosie", "Quennell", "Marsh", "Larkspur", "QR8 2ES", "943 476 5919", "Okonjo", "Tamsin")


def named_ready(personas: Personas) -> Ready:
    ready = ready_to_publish(personas, notice_on=datetime.date(2026, 7, 6), data=NAMED_REPORT)
    CaseIdentity.objects.update_or_create(
        case=ready.case,
        defaults={
            "legal_name": "Rosie Quennell-Marsh",
            "family_members": "Tamsin Quennell (mother)",
            "addresses": "41 Larkspur Close, Ravensmouth QR8 2ES",
        },
    )
    return ready
