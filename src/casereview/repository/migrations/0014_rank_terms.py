"""Stored term frequencies for ranking on SQLite (repository.rank_terms): bm25 computed from
rows instead of by FTS5, which read each ranked document's size record (about 3 µs each).

`repository_rankterm` holds, per index token of a document's title and opening, its
column-weighted count and the document's length in tokens (kept in the row so that ranking a
word reads one range of the primary key and nothing else); `repository_rankdoc` each
document's length, and `repository_ranktotal` (kept by triggers) the number of documents
and their tokens in all, for bm25's N and average length. Existing documents
are counted here; a trigger removes a document's rows with its search text. Nothing on
PostgreSQL, which ranks from its own stored weights (migration 0012).
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TABLE repository_rankdoc (
        document_id INTEGER PRIMARY KEY,
        length INTEGER NOT NULL)""",
    """CREATE TABLE repository_rankterm (
        term TEXT NOT NULL,
        document_id INTEGER NOT NULL,
        freq REAL NOT NULL,
        length INTEGER NOT NULL,
        PRIMARY KEY (term, document_id)) WITHOUT ROWID""",
    "CREATE INDEX repository_rankterm_document ON repository_rankterm (document_id)",
    # The number of documents and their tokens in all, kept by triggers: summing the lengths
    # on every search cost 1.8 ms at 10,000 reports.
    """CREATE TABLE repository_ranktotal (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        documents INTEGER NOT NULL,
        tokens INTEGER NOT NULL)""",
    "INSERT INTO repository_ranktotal (id, documents, tokens) VALUES (1, 0, 0)",
    """CREATE TRIGGER repository_rankdoc_ai AFTER INSERT ON repository_rankdoc BEGIN
        UPDATE repository_ranktotal
        SET documents = documents + 1, tokens = tokens + new.length WHERE id = 1;
    END""",
    """CREATE TRIGGER repository_rankdoc_ad AFTER DELETE ON repository_rankdoc BEGIN
        UPDATE repository_ranktotal
        SET documents = documents - 1, tokens = tokens - old.length WHERE id = 1;
    END""",
    """CREATE TRIGGER repository_searchtext_rankterm_ad AFTER DELETE ON repository_searchtext
    BEGIN
        DELETE FROM repository_rankterm WHERE document_id = old.document_id;
        DELETE FROM repository_rankdoc WHERE document_id = old.document_id;
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER repository_searchtext_rankterm_ad",
    "DROP TRIGGER repository_rankdoc_ad",
    "DROP TRIGGER repository_rankdoc_ai",
    "DROP TABLE repository_ranktotal",
    "DROP TABLE repository_rankterm",
    "DROP TABLE repository_rankdoc",
]


def up(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    # The documents held then were counted by code since removed: migration 0018 drops the
    # tables, and a database migrated from here on never reads them.
    for statement in SQLITE_UP:
        schema_editor.execute(statement)


def down(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("repository", "0013_page_index")]

    operations = [migrations.RunPython(up, down)]
