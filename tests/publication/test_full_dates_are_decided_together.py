"""Full dates of events are many in a long report: one press gives each as its month and year,
leaving a recorded date of birth and every other detail to be decided on its own."""

from __future__ import annotations

import datetime

from django.urls import reverse

from casereview.cases.models import CaseIdentity
from casereview.publication import redaction
from tests.conftest import Personas, signed_in_client
from tests.publication.conftest import ready_to_publish

DATED = (
    b"Review of Child P\n\n"
    b"Child P was born on 2 May 2019. Seen on 3 June 2021 and on 14 July 2021 by Dr Aldous.\n"
)


def test_one_press_gives_every_event_date_as_its_month_and_year(personas: Personas) -> None:
    ready = ready_to_publish(personas, notice_on=datetime.date(2026, 7, 6), data=DATED)
    CaseIdentity.objects.create(case=ready.case, dates_of_birth="2 May 2019")

    response = signed_in_client(personas.alice).post(
        reverse("publication:redact-dates", kwargs={"ref": ready.ref})
    )
    decided = {d.quote: d.decision for d in redaction.details(ready.report)}

    assert response.status_code == 302
    assert decided["3 June 2021"].replacement == "June 2021"
    assert decided["14 July 2021"].replacement == "July 2021"
    assert decided["2 May 2019"] is None
    assert decided["Aldous"] is None
    assert "June 2021 and on July 2021" in redaction.redacted_pages(ready.report)[0][1]
