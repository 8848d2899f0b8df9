"""Search objects that keep a query's cost bounded at 10,000 reports (docs/adr/0006-search.md).

Ranking reads a short representation of each matching document, the title and the opening of
the body, instead of the whole report: on SQLite a contentless FTS5 table kept in step by
triggers, ranked with bm25; on PostgreSQL a generated tsvector (a few kilobytes instead of
about 20 kB compressed for a 30-page report). Matching still uses the whole text. SQLite also
gets an fts5vocab table over the page index, so a prefix is expanded to its words once per
search rather than on every snippet statement.
"""

from django.db import migrations

# Characters of the body kept for ranking: the cover, contents and the start of the summary
# of a generated report. On PostgreSQL the vector (about 2.5 kB) is kept compressed in the row
# (STORAGE MAIN): stored out of line, reading it cost four buffer look-ups per document.
RANK_CHARS = 4000

TOKENIZE = "porter unicode61 remove_diacritics 2"
OPENING = f"substr(coalesce({{0}}.body, ''), 1, {RANK_CHARS})"

SQLITE_UP = [
    "CREATE VIRTUAL TABLE repository_page_vocab USING fts5vocab(repository_page_fts, 'row')",
    # Contentless: the ranking index needs no copy of the text; a row is removed by giving
    # back the values it was indexed with, which the triggers recompute from the old row.
    f"""CREATE VIRTUAL TABLE repository_rank_fts USING fts5(
        title, opening, content='', tokenize='{TOKENIZE}')""",
    f"""CREATE TRIGGER repository_searchtext_rank_ai AFTER INSERT ON repository_searchtext
    BEGIN
        INSERT INTO repository_rank_fts(rowid, title, opening)
        VALUES (new.document_id, new.title, {OPENING.format("new")});
    END""",
    f"""CREATE TRIGGER repository_searchtext_rank_ad AFTER DELETE ON repository_searchtext
    BEGIN
        INSERT INTO repository_rank_fts(repository_rank_fts, rowid, title, opening)
        VALUES ('delete', old.document_id, old.title, {OPENING.format("old")});
    END""",
    f"""CREATE TRIGGER repository_searchtext_rank_au AFTER UPDATE ON repository_searchtext
    BEGIN
        INSERT INTO repository_rank_fts(repository_rank_fts, rowid, title, opening)
        VALUES ('delete', old.document_id, old.title, {OPENING.format("old")});
        INSERT INTO repository_rank_fts(rowid, title, opening)
        VALUES (new.document_id, new.title, {OPENING.format("new")});
    END""",
    f"""INSERT INTO repository_rank_fts(rowid, title, opening)
        SELECT document_id, title, {OPENING.format("repository_searchtext")}
        FROM repository_searchtext""",
]
SQLITE_DOWN = [
    "DROP TRIGGER repository_searchtext_rank_au",
    "DROP TRIGGER repository_searchtext_rank_ad",
    "DROP TRIGGER repository_searchtext_rank_ai",
    "DROP TABLE repository_rank_fts",
    "DROP TABLE repository_page_vocab",
]

POSTGRES_UP = [
    f"""ALTER TABLE repository_searchtext ADD COLUMN rank_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || setweight(to_tsvector('english', left(coalesce(body, ''), {RANK_CHARS})), 'D')
        ) STORED,
        ALTER COLUMN rank_vector SET STORAGE MAIN""",
]
POSTGRES_DOWN = ["ALTER TABLE repository_searchtext DROP COLUMN rank_vector"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("repository", "0005_ocr_status")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
