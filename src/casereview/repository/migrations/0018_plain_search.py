"""Search keeps only what its measurements need (docs/adr/0006-search.md), and a document's
text is stored once, as its pages.

Dropped on SQLite: the ranking table of each document's opening and the page vocabulary
(0006), the phrase pairs and triples with their keys and word list (0008, 0011), the ranking
vocabulary (0009) and the stored ranking terms (0014). On PostgreSQL: the stored rank weights
(0012), whose GIN index on the ranking vector comes back. Kept: the search state token (0007),
PostgreSQL's phrase keys (0010) and ranking vector (0006).

The search text loses its copy of the body, which doubled the database: the document-level
index reads the body from the document's pages. On SQLite `repository_document_fts` becomes a
contentless FTS5 table written by triggers on the search text (an FTS5 table without content
needs the old values to delete a row, read from the pages; deleting a page first removes its
document's search text while the pages are still there). On PostgreSQL the document vectors
and phrase keys, computed from the body until now, are computed from the pages by triggers.
Existing rows keep their index entries: they are rebuilt here on SQLite, and on PostgreSQL
the vectors are kept as they are (the generated expression is dropped, not the values).
"""

from django.db import migrations

TOKENIZE = "porter unicode61 remove_diacritics 2"


def sqlite_body(document_id: str) -> str:
    """SQL for a document's body: its pages in order, separated by blank lines."""
    return (
        "(SELECT coalesce(group_concat(text, char(10) || char(10)), '') FROM "
        f"(SELECT text FROM repository_page WHERE document_id = {document_id} ORDER BY number))"
    )


SQLITE = [
    "DROP TRIGGER IF EXISTS repository_searchtext_rank_ai",
    "DROP TRIGGER IF EXISTS repository_searchtext_rank_ad",
    "DROP TRIGGER IF EXISTS repository_searchtext_rank_au",
    "DROP TRIGGER IF EXISTS repository_searchtext_pairkey_ad",
    "DROP TRIGGER IF EXISTS repository_searchtext_rankterm_ad",
    "DROP TRIGGER IF EXISTS repository_rankdoc_ai",
    "DROP TRIGGER IF EXISTS repository_rankdoc_ad",
    "DROP TABLE IF EXISTS repository_rank_vocab",
    "DROP TABLE IF EXISTS repository_page_vocab",
    "DROP TABLE IF EXISTS repository_rank_fts",
    "DROP TABLE IF EXISTS repository_phrase_fts",
    "DROP TABLE IF EXISTS repository_pair_fts",
    "DROP TABLE IF EXISTS repository_pairkey",
    "DROP TABLE IF EXISTS repository_term",
    "DROP TABLE IF EXISTS repository_rankterm",
    "DROP TABLE IF EXISTS repository_rankdoc",
    "DROP TABLE IF EXISTS repository_ranktotal",
    # The document index, contentless, its body read from the pages.
    "DROP TRIGGER IF EXISTS repository_searchtext_ai",
    "DROP TRIGGER IF EXISTS repository_searchtext_ad",
    "DROP TRIGGER IF EXISTS repository_searchtext_au",
    "DROP TABLE IF EXISTS repository_document_fts",
    f"""CREATE VIRTUAL TABLE repository_document_fts USING fts5(
        title, body, content='', tokenize='{TOKENIZE}')""",
    f"""INSERT INTO repository_document_fts(rowid, title, body)
        SELECT s.document_id, s.title, {sqlite_body("s.document_id")}
        FROM repository_searchtext s""",
    f"""CREATE TRIGGER repository_searchtext_ai AFTER INSERT ON repository_searchtext BEGIN
        INSERT INTO repository_document_fts(rowid, title, body)
        VALUES (new.document_id, new.title, {sqlite_body("new.document_id")});
    END""",
    f"""CREATE TRIGGER repository_searchtext_ad AFTER DELETE ON repository_searchtext BEGIN
        INSERT INTO repository_document_fts(repository_document_fts, rowid, title, body)
        VALUES ('delete', old.document_id, old.title, {sqlite_body("old.document_id")});
    END""",
    # Pages deleted first (Django's cascade, a test database's flush) take the search text with
    # them while the body can still be read: a contentless table given the wrong old values
    # keeps entries bm25 then finds no length for ("database disk image is malformed").
    """CREATE TRIGGER repository_page_bd BEFORE DELETE ON repository_page
    WHEN EXISTS (SELECT 1 FROM repository_searchtext WHERE document_id = old.document_id)
    BEGIN
        DELETE FROM repository_searchtext WHERE document_id = old.document_id;
    END""",
    f"""CREATE TRIGGER repository_searchtext_au AFTER UPDATE OF title ON repository_searchtext
    BEGIN
        INSERT INTO repository_document_fts(repository_document_fts, rowid, title, body)
        VALUES ('delete', old.document_id, old.title, {sqlite_body("old.document_id")});
        INSERT INTO repository_document_fts(rowid, title, body)
        VALUES (new.document_id, new.title, {sqlite_body("new.document_id")});
    END""",
]

POSTGRES_BODY = """CREATE FUNCTION repository_document_body(document bigint) RETURNS text
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(pg_catalog.string_agg(text, E'\\n\\n' ORDER BY number), '')
    FROM public.repository_page WHERE document_id = document
    $$"""

POSTGRES = [
    *(
        f"DROP TRIGGER IF EXISTS repository_rankweight_{event} ON repository_searchtext"
        for event in ("ai", "au", "ad", "at")
    ),
    "DROP TABLE IF EXISTS repository_rankweight",
    "DROP FUNCTION IF EXISTS repository_rankweight_write()",
    "DROP FUNCTION IF EXISTS repository_rank_weights(tsvector)",
    "CREATE INDEX IF NOT EXISTS repository_searchtext_rank ON repository_searchtext "
    "USING GIN (rank_vector)",
    # The vectors and keys from the pages.
    POSTGRES_BODY,
    "ALTER TABLE repository_searchtext ALTER COLUMN search_vector DROP EXPRESSION IF EXISTS",
    "ALTER TABLE repository_searchtext ALTER COLUMN rank_vector DROP EXPRESSION IF EXISTS",
    """CREATE FUNCTION repository_searchtext_vectors() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        body text := repository_document_body(NEW.document_id);
        heading tsvector := setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A');
    BEGIN
        NEW.search_vector := heading || setweight(to_tsvector('english', body), 'D');
        NEW.rank_vector := heading || setweight(to_tsvector('english', left(body, 4000)), 'D');
        RETURN NEW;
    END
    $$""",
    """CREATE TRIGGER repository_searchtext_vectors BEFORE INSERT OR UPDATE OF title
        ON repository_searchtext FOR EACH ROW EXECUTE FUNCTION repository_searchtext_vectors()""",
    "DROP TRIGGER IF EXISTS repository_searchkey_au ON repository_searchtext",
    """CREATE OR REPLACE FUNCTION repository_searchkey_write() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO repository_searchkey (document_id, match_vector)
        VALUES (NEW.document_id, pg_catalog.array_to_tsvector(repository_phrase_keys(
            coalesce(NEW.title, '') || E'\\n\\n' || repository_document_body(NEW.document_id))))
        ON CONFLICT (document_id) DO UPDATE SET match_vector = EXCLUDED.match_vector;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER repository_searchkey_au AFTER UPDATE OF title
        ON repository_searchtext FOR EACH ROW EXECUTE FUNCTION repository_searchkey_write()""",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("repository", "0017_regions_from_board_records")]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="searchtext", name="body"),
    ]
