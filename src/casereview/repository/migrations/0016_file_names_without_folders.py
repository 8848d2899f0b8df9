"""Documents ingested in bulk before this kept their file's whole server path as their name,
which the public document page showed: keep only the last part, as ingest now does."""

from django.db import migrations
from django.db.models import Q


def last_part(apps, schema_editor):
    Document = apps.get_model("repository", "Document")
    with_folders = Document.objects.filter(
        Q(original_filename__contains="/") | Q(original_filename__contains="\\")
    )
    for document in with_folders.only("pk", "original_filename").iterator():
        name = document.original_filename.replace("\\", "/").rsplit("/", 1)[-1] or "document"
        Document.objects.filter(pk=document.pk).update(original_filename=name)


class Migration(migrations.Migration):
    dependencies = [("repository", "0015_upload_interruptions")]

    operations = [migrations.RunPython(last_part, migrations.RunPython.noop)]
