"""Drop the index on a page's document alone: the (document, number) constraint's index serves
every look-up by document and gives a document's pages in order, which lets search read only a
document's first matching pages (docs/adr/0006-search.md, fourth revision).

Only the index is dropped. Django's own AlterField would rebuild the page table on SQLite,
and with it drop the full-text triggers of migration 0002.
"""

import django.db.models.deletion
from django.db import migrations, models

INDEX = "repository_page_document_id_302b7fbf"


class Migration(migrations.Migration):
    dependencies = [("repository", "0012_rank_weights")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="page",
                    name="document",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pages",
                        to="repository.document",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {INDEX}",
                    f'CREATE INDEX IF NOT EXISTS {INDEX} ON repository_page ("document_id")',
                ),
            ],
        ),
    ]
