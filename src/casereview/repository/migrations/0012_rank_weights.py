"""Rank from stored weights on PostgreSQL (docs/adr/0006-search.md, fourth revision). Nothing
on SQLite, where FTS5's bm25 reads its own index.

ts_rank read and decompressed each ranked document's ranking vector on every search: about
3 µs a document, 8 to 15 ms when a query word opens thousands of reports. Yet for a query
of words joined by OR, which is all search ranks by (`Query.any_word`), ts_rank is a sum over
the query's words of a weight that depends only on the word and the document, divided by the
number of words. `repository_rank_weights(vector)` computes that weight for every word of a
ranking vector, as ts_rank does (the weights of its positions, the largest counted in full and
the others falling off with the square of their order, over pi²/6), with search's label
weights: title (A) 1.0, body (D) 0.1. Triggers keep them in `repository_rankweight`, one row
per word and document, so a search reads one index range per word (index only) and sums.

The GIN index on the ranking vector (migration 0010) is then unused and dropped.
"""

from django.db import migrations

POSTGRES_UP = [
    """CREATE FUNCTION repository_rank_weights(vector tsvector)
    RETURNS TABLE (lexeme text, weight real)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT u.lexeme, ((m.top + m.total - m.top / (m.at * m.at)) / 1.64493406685)::real
    FROM pg_catalog.unnest(vector) AS u
    CROSS JOIN LATERAL (
        SELECT pg_catalog.sum(p.w / (p.n * p.n)) AS total, pg_catalog.max(p.w) AS top,
            (pg_catalog.array_agg(p.n ORDER BY p.w DESC, p.n))[1]::float8 AS at
        FROM (
            SELECT CASE label WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.4 WHEN 'C' THEN 0.2
                ELSE 0.1 END::float8 AS w, n
            FROM pg_catalog.unnest(u.weights) WITH ORDINALITY AS l(label, n)
        ) p
    ) m
    $$""",
    # Byte order (COLLATE "C"), so a prefix is one range of the primary key; the weight is
    # in the index too, so ranking reads the index alone. No foreign key, as for the keys
    # of migration 0010: Django's test flushes TRUNCATE the search text.
    """CREATE TABLE repository_rankweight (
        lexeme text COLLATE "C" NOT NULL,
        document_id integer NOT NULL,
        weight real NOT NULL,
        PRIMARY KEY (lexeme, document_id) INCLUDE (weight))""",
    """CREATE FUNCTION repository_rankweight_write() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE repository_rankweight;
            RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM repository_rankweight
            WHERE lexeme = ANY (pg_catalog.tsvector_to_array(OLD.rank_vector))
                AND document_id = OLD.document_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO repository_rankweight (lexeme, document_id, weight)
            SELECT w.lexeme, NEW.document_id, w.weight
            FROM repository_rank_weights(NEW.rank_vector) AS w;
        END IF;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER repository_rankweight_ai AFTER INSERT ON repository_searchtext
        FOR EACH ROW EXECUTE FUNCTION repository_rankweight_write()""",
    """CREATE TRIGGER repository_rankweight_au AFTER UPDATE OF title, body
        ON repository_searchtext FOR EACH ROW EXECUTE FUNCTION repository_rankweight_write()""",
    """CREATE TRIGGER repository_rankweight_ad AFTER DELETE ON repository_searchtext
        FOR EACH ROW EXECUTE FUNCTION repository_rankweight_write()""",
    """CREATE TRIGGER repository_rankweight_at AFTER TRUNCATE ON repository_searchtext
        FOR EACH STATEMENT EXECUTE FUNCTION repository_rankweight_write()""",
    """INSERT INTO repository_rankweight (lexeme, document_id, weight)
        SELECT w.lexeme, s.document_id, w.weight
        FROM repository_searchtext s CROSS JOIN LATERAL repository_rank_weights(s.rank_vector) w""",
    "DROP INDEX repository_searchtext_rank",
]
POSTGRES_DOWN = [
    "CREATE INDEX repository_searchtext_rank ON repository_searchtext USING GIN (rank_vector)",
    "DROP TRIGGER repository_rankweight_at ON repository_searchtext",
    "DROP TRIGGER repository_rankweight_ad ON repository_searchtext",
    "DROP TRIGGER repository_rankweight_au ON repository_searchtext",
    "DROP TRIGGER repository_rankweight_ai ON repository_searchtext",
    "DROP TABLE repository_rankweight",
    "DROP FUNCTION repository_rankweight_write()",
    "DROP FUNCTION repository_rank_weights(tsvector)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("repository", "0011_phrase_triples")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
