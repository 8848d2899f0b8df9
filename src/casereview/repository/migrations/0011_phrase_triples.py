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


def _reindex(cursor, insert):
    from casereview.repository.phrases import tokens, triple_text

    cursor.execute("SELECT id, document_id FROM repository_pairkey ORDER BY id")
    for key, document_id in cursor.fetchall():
        cursor.execute(
            "SELECT body FROM repository_searchtext WHERE document_id = %s", [document_id]
        )
        row = cursor.fetchone()
        if row is None:
            continue
        found = tokens(row[0])
        pairs = " ".join(f"{a}_{b}" for a, b in zip(found, found[1:], strict=False))
        insert(cursor, key, pairs, triple_text(found))


def up(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(CREATE)
    with schema_editor.connection.cursor() as cursor:
        _reindex(
            cursor,
            lambda c, key, pairs, triples: c.execute(
                "INSERT INTO repository_phrase_fts (rowid, pairs, triples) VALUES (%s, %s, %s)",
                [key, pairs, triples],
            ),
        )
    schema_editor.execute("DROP TABLE repository_pair_fts")


def down(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(CREATE_PAIRS)
    with schema_editor.connection.cursor() as cursor:
        _reindex(
            cursor,
            lambda c, key, pairs, triples: c.execute(
                "INSERT INTO repository_pair_fts (rowid, body) VALUES (%s, %s)", [key, pairs]
            ),
        )
    schema_editor.execute("DROP TABLE repository_phrase_fts")


class Migration(migrations.Migration):
    dependencies = [("repository", "0010_phrase_keys")]

    operations = [migrations.RunPython(up, down)]
