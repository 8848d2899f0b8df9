"""Who may use the clock rules pages and the deadlines calculator (vocabulary: tests/access.py).

Every signed-in member of staff reads the rules sets, downloads them and uses the calculator;
only administrators publish a new edition or withdraw and bring back a set. Empty forms sent by
an administrator are shown again with their errors, so nothing changes.
"""

from __future__ import annotations

from typing import Any

from casereview.cases.models import RuleSet
from tests.access import ADMINISTRATORS, EVERYONE_SIGNED_IN, FORM_POST, Row, restricted
from tests.conftest import Personas


def shipped_set(personas: Personas) -> dict[str, Any]:
    return {"pk": RuleSet.objects.get(version="wt2018-2023").pk}


ROWS: dict[str, Row] = {
    "cases:rules": restricted(EVERYONE_SIGNED_IN),
    "cases:rules-set": restricted(EVERYONE_SIGNED_IN, kwargs=shipped_set),
    "cases:rules-file": restricted(EVERYONE_SIGNED_IN, kwargs=shipped_set),
    "cases:rules-edit": restricted(ADMINISTRATORS, post=FORM_POST, kwargs=shipped_set),
    "cases:rules-activation": restricted(ADMINISTRATORS, post=FORM_POST, kwargs=shipped_set),
    "cases:deadlines": restricted(EVERYONE_SIGNED_IN),
}
