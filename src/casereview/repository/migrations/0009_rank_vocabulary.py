"""How many documents hold each word of the ranking table (SQLite): search leaves out of the
ranking the words that bm25 gives no weight (docs/adr/0006-search.md, second revision)."""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE repository_rank_vocab "
    "USING fts5vocab(repository_rank_fts, 'row')",
]
SQLITE_DOWN = ["DROP TABLE repository_rank_vocab"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("repository", "0008_phrase_pairs")]

    operations = [migrations.RunPython(_run(SQLITE_UP), _run(SQLITE_DOWN))]
