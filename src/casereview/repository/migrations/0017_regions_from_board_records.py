"""Before this only a document stored with a board of its own had a region facet. Now the
region comes from the board record that the review's board name leads to (its own name, or the
Local Safeguarding Children Board of the board's local authority area): rewrite every
document's region facet once, as `services.refresh_regions` does whenever a board changes.

The rule is copied here as it stands at this migration, so later changes to the service do not
change what this migration did.
"""

from django.db import migrations

ENDINGS = (
    " local safeguarding children board",
    " safeguarding children board",
    " lscb",
    " safeguarding children partnership",
    " safeguarding partnership",
)


def _key(name):
    return " ".join(name.split()).casefold()


def _area(name):
    name = _key(name)
    for ending in ENDINGS:
        if name.endswith(ending):
            return name.removesuffix(ending)
    return ""


def regions_from_boards(apps, schema_editor):
    Board = apps.get_model("accounts", "Board")
    Document = apps.get_model("repository", "Document")
    DocumentFacet = apps.get_model("repository", "DocumentFacet")
    found = {}
    own = {}
    for pk, name, area, region in Board.objects.values_list(
        "id", "name", "local_authority", "region"
    ):
        own[pk] = region
        if region:
            for key in {_key(name), _area(name), _key(area)} - {""}:
                found.setdefault(key, set()).add(region)
    regions = {key: next(iter(r)) for key, r in found.items() if len(r) == 1}
    held = dict(DocumentFacet.objects.filter(name="region").values_list("document_id", "value"))
    changed = {}
    for pk, board_id, board_name in Document.objects.values_list("id", "board_id", "board_name"):
        if board_id:
            region = own.get(board_id) or None
        else:
            region = regions.get(_key(board_name)) or regions.get(_area(board_name))
            region = region if _key(board_name) else None
        if held.get(pk) != region:
            changed[pk] = region
    ids = list(changed)
    for start in range(0, len(ids), 500):
        DocumentFacet.objects.filter(name="region", document_id__in=ids[start : start + 500]).delete()
    DocumentFacet.objects.bulk_create(
        DocumentFacet(document_id=pk, name="region", value=region)
        for pk, region in changed.items()
        if region
    )


class Migration(migrations.Migration):
    dependencies = [
        ("repository", "0016_file_names_without_folders"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(regions_from_boards, migrations.RunPython.noop)]
