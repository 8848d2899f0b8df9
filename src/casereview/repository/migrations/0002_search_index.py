"""The full-text index, built for whichever database this is (docs/adr/0006-search.md).

SQLite: two FTS5 external-content tables, one over the per-document search text (ranking) and
one over the pages (snippets), kept in step by triggers. PostgreSQL: generated tsvector columns
on the same two tables with GIN indexes. Django's models do not know these objects; search.py
queries them with raw SQL.
"""

from django.db import migrations

TOKENIZE = "porter unicode61 remove_diacritics 2"

SQLITE_UP = [
    f"""CREATE VIRTUAL TABLE repository_document_fts USING fts5(
        title, body, content='repository_searchtext', content_rowid='document_id',
        tokenize='{TOKENIZE}')""",
    """CREATE TRIGGER repository_searchtext_ai AFTER INSERT ON repository_searchtext BEGIN
        INSERT INTO repository_document_fts(rowid, title, body)
        VALUES (new.document_id, new.title, new.body);
    END""",
    """CREATE TRIGGER repository_searchtext_ad AFTER DELETE ON repository_searchtext BEGIN
        INSERT INTO repository_document_fts(repository_document_fts, rowid, title, body)
        VALUES ('delete', old.document_id, old.title, old.body);
    END""",
    """CREATE TRIGGER repository_searchtext_au AFTER UPDATE ON repository_searchtext BEGIN
        INSERT INTO repository_document_fts(repository_document_fts, rowid, title, body)
        VALUES ('delete', old.document_id, old.title, old.body);
        INSERT INTO repository_document_fts(rowid, title, body)
        VALUES (new.document_id, new.title, new.body);
    END""",
    f"""CREATE VIRTUAL TABLE repository_page_fts USING fts5(
        text, content='repository_page', content_rowid='id', tokenize='{TOKENIZE}')""",
    """CREATE TRIGGER repository_page_ai AFTER INSERT ON repository_page BEGIN
        INSERT INTO repository_page_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER repository_page_ad AFTER DELETE ON repository_page BEGIN
        INSERT INTO repository_page_fts(repository_page_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER repository_page_au AFTER UPDATE ON repository_page BEGIN
        INSERT INTO repository_page_fts(repository_page_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO repository_page_fts(rowid, text) VALUES (new.id, new.text);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER repository_page_au",
    "DROP TRIGGER repository_page_ad",
    "DROP TRIGGER repository_page_ai",
    "DROP TABLE repository_page_fts",
    "DROP TRIGGER repository_searchtext_au",
    "DROP TRIGGER repository_searchtext_ad",
    "DROP TRIGGER repository_searchtext_ai",
    "DROP TABLE repository_document_fts",
]

POSTGRES_UP = [
    """ALTER TABLE repository_searchtext ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || setweight(to_tsvector('english', coalesce(body, '')), 'D')
        ) STORED""",
    "CREATE INDEX repository_searchtext_fts ON repository_searchtext USING GIN (search_vector)",
    """ALTER TABLE repository_page ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('english', coalesce(text, ''))) STORED""",
    "CREATE INDEX repository_page_fts ON repository_page USING GIN (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX repository_page_fts",
    "ALTER TABLE repository_page DROP COLUMN search_vector",
    "DROP INDEX repository_searchtext_fts",
    "ALTER TABLE repository_searchtext DROP COLUMN search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("repository", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
