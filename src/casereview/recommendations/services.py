"""Storing a document's recommendations from its analysis, keeping people's labels.

Called inside the ingest and re-analysis transactions (``repository.services``), so a document
and its recommendations are stored together or not at all.
"""

from __future__ import annotations

from typing import Any

from casereview.recommendations.models import CodingStatus, Recommendation


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def store_recommendations(
    document: Any, analysis: Any, *, new: bool = False
) -> list[Recommendation]:
    """Replace the document's recommendations with those just found. A person's label on a
    recommendation whose text is found again stays in force on the new row. `new` says the
    document is being stored for the first time: it has none to read."""
    kept: dict[str, Any] = {}
    previous = [] if new else list(document.recommendations.prefetch_related("labels"))
    for old in previous:
        latest = old.labels.first()
        if latest is not None:
            kept.setdefault(_normal(old.text), latest)
    if previous:
        document.recommendations.all().delete()
    rows = []
    for position, coded in enumerate(getattr(analysis, "recommendations", ()), start=1):
        found = coded.recommendation
        coding = coded.coding
        machine = {
            "mechanism": coding.mechanism,
            "addressees": list(coded.addressees),
            "level": coding.level or "",
            "flags": list(coding.flags),
        }
        row = Recommendation(
            document=document,
            position=position,
            number=(found.number or "")[:32],
            text=found.text,
            page=found.page,
            section=(found.section or "")[:300],
            machine_mechanism=machine["mechanism"],
            machine_addressees=machine["addressees"],
            machine_level=machine["level"],
            machine_flags=machine["flags"],
            triggers=[{"code": t.code, "words": t.words} for t in coding.triggers],
            **machine,
        )
        rows.append(row)
    created = Recommendation.objects.bulk_create(rows)
    if not kept:
        return created  # a new document, or no labels to carry over: nothing to read back
    relabel = []
    for row in Recommendation.objects.filter(document=document):
        label = kept.get(_normal(row.text))
        if label is None:
            continue
        row.mechanism, row.addressees = label.mechanism, label.addressees
        row.level, row.flags = label.level, label.flags
        row.coding_status = (
            CodingStatus.CONFIRMED if label.agrees_with_machine else CodingStatus.CORRECTED
        )
        relabel.append(row)
        label.pk = None  # a copy of the label goes with the text to its new row
        label.recommendation = row
        label.save()
    if relabel:
        Recommendation.objects.bulk_update(
            relabel, ["mechanism", "addressees", "level", "flags", "coding_status"]
        )
    return created
