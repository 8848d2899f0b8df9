"""The SQLite phrase table holds word triples beside the pairs (repository.phrases): a phrase
of three words is then one token, and a longer one the phrase of its triples. The table
replaces migration 0008's pair table, under the same keys; every document is indexed again
here. Nothing on PostgreSQL, which has its phrase keys (migration 0010).
"""

from django.db import migrations

CREATE = """CREATE VIRTUAL TABLE repository_phrase_fts USING fts5(
    pairs, triples, content='', tokenize="unicode61 remove_diacritics 0 tokenchars '_'")"""
CREATE_PAIRS = """CREATE VIRTUAL TABLE repository_pair_fts USING fts5(
    body, content='', tokenize="unicode61 remove_diacritics 0 tokenchars '_'")"""


def up(apps, schema_editor):
    # The documents held then were indexed again by code since removed: migration 0018 drops
    # the table, and a database migrated from here on never reads it.
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(CREATE)
    schema_editor.execute("DROP TABLE repository_pair_fts")


def down(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(CREATE_PAIRS)
    schema_editor.execute("DROP TABLE repository_phrase_fts")


class Migration(migrations.Migration):
    dependencies = [("repository", "0010_phrase_keys")]

    operations = [migrations.RunPython(up, down)]
