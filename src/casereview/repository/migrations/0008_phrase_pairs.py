"""An index of adjacent word pairs for exact phrase search on SQLite (repository.phrases),
and the list of index words that prefixes are expanded from.

`repository_pair_fts` is contentless; its rowids are keys from `repository_pairkey`, whose row
for a document goes when the document's search text does (a trigger), so removed documents
stop matching at once. Existing documents are indexed here. Nothing on PostgreSQL.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TABLE repository_pairkey (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL UNIQUE)""",
    """CREATE VIRTUAL TABLE repository_pair_fts USING fts5(
        body, content='', tokenize="unicode61 remove_diacritics 0 tokenchars '_'")""",
    # Every index word of the bodies, for expanding a prefix to its words in one look-up.
    "CREATE TABLE repository_term (term TEXT PRIMARY KEY) WITHOUT ROWID",
    """CREATE TRIGGER repository_searchtext_pairkey_ad AFTER DELETE ON repository_searchtext
    BEGIN
        DELETE FROM repository_pairkey WHERE document_id = old.document_id;
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER repository_searchtext_pairkey_ad",
    "DROP TABLE repository_term",
    "DROP TABLE repository_pair_fts",
    "DROP TABLE repository_pairkey",
]


def up(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    # The documents held then were indexed by code since removed: migration 0018 drops the
    # table, and a database migrated from here on never reads it.
    for statement in SQLITE_UP:
        schema_editor.execute(statement)


def down(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("repository", "0007_search_state")]

    operations = [migrations.RunPython(up, down)]
