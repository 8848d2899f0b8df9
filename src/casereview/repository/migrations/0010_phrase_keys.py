"""One index that answers every word and phrase query on PostgreSQL, and an index to rank
from (docs/adr/0006-search.md, third revision). Nothing on SQLite, which has its phrase
table (migrations 0008 and 0011).

`repository_phrase_keys(text)` lists the distinct keys of a text: each index word, and every
two and three consecutive index words of each paragraph with the gaps between their positions
(a gap over one is where stop words were), marked with a leading "~" so that no prefix of a
word ever reaches them: `child`, `~child 1 protect`, `~child 1 protect 1 plan`. The words and
positions are `to_tsvector('english', ...)`'s own, taken paragraph by paragraph because a
tsvector keeps no position past 16,383. `repository_searchkey` holds the keys of each
document's title and body as a tsvector without positions, under a GIN index, written by
triggers on the search text. Words, OR, NOT, prefixes
and phrases of two or three index words are then answered by that index alone: PostgreSQL's
own phrase operator re-reads the whole tsvector of every document holding the words (about
200 ms for "child protection plan" at 10,000 reports).

A GIN index on the ranking vector lets search rank only the documents whose opening holds a
query word.
"""

from django.db import migrations

POSTGRES_UP = [
    r"""CREATE FUNCTION repository_phrase_keys(doc text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(pg_catalog.array_agg(DISTINCT k), '{}') FROM (
        SELECT pg_catalog.unnest(ARRAY[
            lex,
            '~' || lex || ' ' || (pos2 - pos) || ' ' || lex2,
            '~' || lex || ' ' || (pos2 - pos) || ' ' || lex2 || ' ' || (pos3 - pos2) || ' ' || lex3
        ]) AS k
        FROM (
            SELECT v.lexeme AS lex, w.pos,
                pg_catalog.lead(v.lexeme) OVER p AS lex2,
                pg_catalog.lead(w.pos) OVER p AS pos2,
                pg_catalog.lead(v.lexeme, 2) OVER p AS lex3,
                pg_catalog.lead(w.pos, 2) OVER p AS pos3
            FROM pg_catalog.regexp_split_to_table(doc, E'\\n[ \\t\\r]*\\n')
                WITH ORDINALITY AS part(text, n)
            CROSS JOIN LATERAL pg_catalog.unnest(
                pg_catalog.to_tsvector('pg_catalog.english', part.text)) AS v
            CROSS JOIN LATERAL pg_catalog.unnest(v.positions) AS w(pos)
            WINDOW p AS (PARTITION BY part.n ORDER BY w.pos)
        ) s
    ) t WHERE k IS NOT NULL
    $$""",
    # Kept in a narrow table of its own: matching visits every matching row, and rows of
    # the search text table (with the ranking vector held inline) fill 40 times the pages.
    # No foreign key: Django empties tables with TRUNCATE (test flushes), which a table
    # Django does not know of must not block. Triggers keep the two in step instead.
    """CREATE TABLE repository_searchkey (
        document_id integer PRIMARY KEY,
        match_vector tsvector NOT NULL)""",
    """CREATE FUNCTION repository_searchkey_write() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO repository_searchkey (document_id, match_vector)
        VALUES (NEW.document_id, pg_catalog.array_to_tsvector(repository_phrase_keys(
            coalesce(NEW.title, '') || E'\n\n' || coalesce(NEW.body, ''))))
        ON CONFLICT (document_id) DO UPDATE SET match_vector = EXCLUDED.match_vector;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER repository_searchkey_ai AFTER INSERT ON repository_searchtext
        FOR EACH ROW EXECUTE FUNCTION repository_searchkey_write()""",
    """CREATE TRIGGER repository_searchkey_au AFTER UPDATE OF title, body
        ON repository_searchtext FOR EACH ROW EXECUTE FUNCTION repository_searchkey_write()""",
    """CREATE FUNCTION repository_searchkey_remove() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE repository_searchkey;
        ELSE
            DELETE FROM repository_searchkey WHERE document_id = OLD.document_id;
        END IF;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER repository_searchkey_ad AFTER DELETE ON repository_searchtext
        FOR EACH ROW EXECUTE FUNCTION repository_searchkey_remove()""",
    """CREATE TRIGGER repository_searchkey_at AFTER TRUNCATE ON repository_searchtext
        FOR EACH STATEMENT EXECUTE FUNCTION repository_searchkey_remove()""",
    """INSERT INTO repository_searchkey (document_id, match_vector)
        SELECT document_id, pg_catalog.array_to_tsvector(repository_phrase_keys(
            coalesce(title, '') || E'\n\n' || coalesce(body, '')))
        FROM repository_searchtext""",
    "CREATE INDEX repository_searchkey_match ON repository_searchkey USING GIN (match_vector)",
    "CREATE INDEX repository_searchtext_rank ON repository_searchtext USING GIN (rank_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX repository_searchtext_rank",
    "DROP TRIGGER repository_searchkey_at ON repository_searchtext",
    "DROP TRIGGER repository_searchkey_ad ON repository_searchtext",
    "DROP TRIGGER repository_searchkey_au ON repository_searchtext",
    "DROP TRIGGER repository_searchkey_ai ON repository_searchtext",
    "DROP TABLE repository_searchkey",
    "DROP FUNCTION repository_searchkey_remove()",
    "DROP FUNCTION repository_searchkey_write()",
    "DROP FUNCTION repository_phrase_keys(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("repository", "0009_rank_vocabulary")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
