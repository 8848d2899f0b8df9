"""Build a large repository for the search benchmark in minutes, without rendering any files.

Rendering 10,000 reports and ingesting them takes hours on a small machine. Search reads only
text rows, so this loader copies the rows of an already ingested library (documents, pages,
record fields, search text, facets) as many times as needed, each copy with a new hash,
child's letter, board and year so that titles and facet counts vary. The rows end up as
ingest leaves them: published documents whose effective values match their record fields,
one `SearchText` row per document (its pages' text joined by blank lines), page ids
contiguous within a document, and the full-text index filled the way ingest fills it (the
FTS5 triggers of migration 0002 on SQLite, its generated tsvector columns on PostgreSQL).

The source is an ingested SQLite database (read only); the target is whatever the
environment names, migrated first if needed:

    CASEREVIEW_DATA_DIR=/tmp/bench10k .venv/bin/python bench/build_search_db.py \
        --source /tmp/bench1000/casereview.sqlite3 --documents 10000

Audit events are not written: search does not read them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Sequence
from typing import Any

# Documents written per transaction: large enough to amortise commits, small enough to keep
# memory flat.
BATCH_DOCUMENTS = 100
# Years a copy may move from its original, so the year facet spreads without leaving the range
# of the generated corpus.
YEAR_SHIFTS = (0, -2, 1, -1, 2, -3, 3)
CHILD = re.compile(r"\b(Child|Baby) ([A-Z]{1,2})\b")
LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", required=True, help="an ingested casereview.sqlite3")
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    source = sqlite3.connect(f"file:{args.source}?mode=ro", uri=True)
    source.row_factory = sqlite3.Row
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM repository_document")
        if cursor.fetchone()[0]:
            raise SystemExit("The target repository is not empty: use a new data directory.")
    full_text_indexes: list[tuple[str, str]] = []
    with connection.cursor() as cursor:
        # A throw-away benchmark database: losing it in a power cut costs a rebuild.
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous=OFF")
        else:
            cursor.execute("SET synchronous_commit = off")
            # Adding rows to a GIN index one by one cost four times computing the tsvectors;
            # building each index once at the end leaves the same index, sooner.
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename LIKE 'repository_%%' AND indexdef LIKE '%%USING gin%%'"
            )
            full_text_indexes = cursor.fetchall()
            for name, _ in full_text_indexes:
                cursor.execute(f"DROP INDEX {name}")
    print(f"migrated in {time.perf_counter() - started:.1f} s")

    originals = source.execute(
        "SELECT * FROM repository_document WHERE is_published ORDER BY id"
    ).fetchall()
    index_of = {row["id"]: number for number, row in enumerate(originals, start=1)}
    boards = sorted({row["board_name"] for row in originals if row["board_name"]})
    copies = -(-args.documents // len(originals))
    loaded = time.perf_counter()
    counts = {"documents": 0, "pages": 0}
    next_ids = {"document": 1, "page": 1}
    batch: list[tuple[sqlite3.Row, int]] = []
    for copy in range(copies):
        if copy == 1 and connection.vendor == "postgresql":
            _copy_vectors_from_now_on(len(originals))
        for original in originals:
            if counts["documents"] + len(batch) >= args.documents:
                break
            batch.append((original, copy))
            if len(batch) == BATCH_DOCUMENTS or original is originals[-1]:
                _write(source, batch, boards, next_ids, counts, index_of)
                batch = []
                if counts["documents"] % 1000 < BATCH_DOCUMENTS:
                    print(
                        f"  {counts['documents']:>6} documents, {counts['pages']:>7} pages, "
                        f"{time.perf_counter() - loaded:.0f} s",
                        flush=True,
                    )
    if batch:
        _write(source, batch, boards, next_ids, counts, index_of)
    written = time.perf_counter()
    print(
        f"wrote {counts['documents']} documents and {counts['pages']} pages "
        f"(index included) in {written - loaded:.1f} s"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE repository_searchtext ENABLE TRIGGER ALL")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for name, definition in full_text_indexes:
                began = time.perf_counter()
                cursor.execute(definition)
                print(f"  built {name} in {time.perf_counter() - began:.1f} s")
            for table in ("document", "page", "recordfield", "documentfacet"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('repository_{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM repository_{table}))"
                )
            # Autovacuum would gather statistics soon after a real bulk ingest.
            cursor.execute("VACUUM ANALYZE")
        else:
            from casereview.repository.search import merge_index

            # As `casereview ingest` leaves a library after adding documents.
            began = time.perf_counter()
            merge_index()
            print(f"  merged the full-text indexes in {time.perf_counter() - began:.1f} s")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finished = time.perf_counter()
    print(f"finished in {finished - written:.1f} s; total {finished - started:.1f} s")


def _copy_vectors_from_now_on(originals: int) -> None:
    """Let later copies reuse the originals' tsvectors instead of parsing the same text again.

    Computing the vectors and phrase keys is nearly all of the load's time on PostgreSQL
    (about 0.1 s of CPU per report), and a copy's pages are the original's. The pages' generated
    column becomes a plain column, and the triggers that compute a search text's vectors and
    keys from its pages are turned off: the copies get the values those triggers would give
    (the original's body, the copy's own title; a copy's title keys are added to the
    original's, which keeps the original's title keys as well). The database is then for
    benchmarks only, since a document ingested into it later would get no page vectors.
    """
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE body_vector AS SELECT document_id, "
            "setweight(to_tsvector('english', body), 'D') AS body, "
            "setweight(to_tsvector('english', left(body, 4000)), 'D') AS opening "
            "FROM (SELECT document_id, repository_document_body(document_id) AS body "
            "FROM repository_searchtext WHERE document_id <= %s) s",
            [originals],
        )
        cursor.execute("CREATE UNIQUE INDEX ON body_vector (document_id)")
        cursor.execute("ALTER TABLE repository_page ALTER COLUMN search_vector DROP EXPRESSION")
        cursor.execute(
            "ALTER TABLE repository_searchtext DISABLE TRIGGER repository_searchtext_vectors"
        )
        cursor.execute("ALTER TABLE repository_searchtext DISABLE TRIGGER repository_searchkey_ai")
    print(f"  kept the originals' body vectors in {time.perf_counter() - started:.1f} s")


def _write(
    source: sqlite3.Connection,
    batch: Sequence[tuple[sqlite3.Row, int]],
    boards: list[str],
    next_ids: dict[str, int],
    counts: dict[str, int],
    index_of: dict[int, int],
) -> None:
    from django.db import connection, transaction

    documents: list[list[Any]] = []
    pages: list[list[Any]] = []
    fields: list[list[Any]] = []
    search_texts: list[list[Any]] = []
    facets: list[list[Any]] = []
    in_database: list[tuple[int, int, int, dict[str, Any]]] = []
    for original, copy in batch:
        document_id = next_ids["document"]
        next_ids["document"] += 1
        changes = _varied(original, copy, boards)
        row = dict(original)
        row.update(changes, id=document_id)
        documents.append([row[c] for c in DOCUMENT_COLUMNS])
        if copy and connection.vendor == "postgresql":
            # The original is document number `index + 1` of the first copy.
            (number,) = source.execute(
                "SELECT COUNT(*) FROM repository_page WHERE document_id = ?", [original["id"]]
            ).fetchone()
            in_database.append((document_id, index_of[original["id"]], next_ids["page"], row))
            next_ids["page"] += number
            counts["pages"] += number
        else:
            for page in source.execute(
                "SELECT number, text, header, footer FROM repository_page "
                "WHERE document_id = ? ORDER BY number",
                [original["id"]],
            ):
                pages.append([next_ids["page"], document_id, *page])
                next_ids["page"] += 1
            search_texts.append([document_id, row["title"]])
        for field in source.execute(
            "SELECT * FROM repository_recordfield WHERE document_id = ?", [original["id"]]
        ):
            value = field["machine_value"]
            if field["name"] in _FIELD_OF and value is not None:
                value = json.dumps(row[_FIELD_OF[field["name"]]])
            fields.append(
                [
                    document_id,
                    field["name"],
                    value,
                    field["quote"],
                    field["page"],
                    field["items"],
                    "",
                    None,
                    "",
                ]
            )
        for facet in source.execute(
            "SELECT name, value FROM repository_documentfacet WHERE document_id = ?",
            [original["id"]],
        ):
            value = facet["value"]
            if facet["name"] == "year":
                value = str(row["year_published"])
            elif facet["name"] == "board":
                value = row["board_name"]
            facets.append([document_id, facet["name"], value])
    with transaction.atomic(), connection.cursor() as cursor:
        _insert(cursor, "repository_document", DOCUMENT_COLUMNS, documents)
        _insert(cursor, "repository_page", PAGE_COLUMNS, pages)
        _insert(cursor, "repository_recordfield", FIELD_COLUMNS, fields)
        # After the pages: the document-level index reads the body from them (migration 0018).
        _insert(cursor, "repository_searchtext", ("document_id", "title"), search_texts)
        for document_id, original_id, first_page, row in in_database:
            cursor.execute(
                "INSERT INTO repository_page "
                "(id, document_id, number, text, header, footer, search_vector) "
                "SELECT p.id - o.first + %s, %s, p.number, p.text, p.header, p.footer, "
                "p.search_vector FROM repository_page p, "
                "(SELECT MIN(id) AS first FROM repository_page WHERE document_id = %s) o "
                "WHERE p.document_id = %s",
                [first_page, document_id, original_id, original_id],
            )
            cursor.execute(
                "INSERT INTO repository_searchtext "
                "(document_id, title, search_vector, rank_vector) "
                "SELECT %s, t.title, t.vector || b.body, t.vector || b.opening "
                "FROM body_vector b, (SELECT %s::text AS title, "
                "setweight(to_tsvector('english', coalesce(%s, '')), 'A') AS vector) t "
                "WHERE b.document_id = %s",
                [document_id, row["title"], row["title"], original_id],
            )
            # The phrase keys of the original, with the copy's title's keys.
            cursor.execute(
                "INSERT INTO repository_searchkey (document_id, match_vector) "
                "SELECT %s, k.match_vector || pg_catalog.array_to_tsvector("
                "repository_phrase_keys(coalesce(%s, ''))) "
                "FROM repository_searchkey k WHERE k.document_id = %s",
                [document_id, row["title"], original_id],
            )
        _insert(cursor, "repository_documentfacet", ("document_id", "name", "value"), facets)
    counts["documents"] += len(documents)
    counts["pages"] += len(pages)


DOCUMENT_COLUMNS = (
    "id",
    "sha256",
    "original_filename",
    "stored_name",
    "format",
    "size_bytes",
    "page_count",
    "status",
    "is_published",
    "published_on",
    "created_at",
    "title",
    "board_name",
    "year_published",
    "review_type",
    "outcome",
    "board_id",
    "case_id",
)
PAGE_COLUMNS = ("id", "document_id", "number", "text", "header", "footer")
FIELD_COLUMNS = (
    "document_id",
    "name",
    "machine_value",
    "quote",
    "page",
    "items",
    "decision",
    "person_value",
    "person_note",
)
# Record fields whose value a copy changes, and the document column holding the new value.
_FIELD_OF = {"title": "title", "board": "board_name", "year_published": "year_published"}


def _varied(original: sqlite3.Row, copy: int, boards: list[str]) -> dict[str, Any]:
    """A copy's own hash, title, board and year (the first copy keeps the original's)."""
    if copy == 0:
        return {"is_published": True}
    sha256 = hashlib.sha256(f"{original['sha256']}:{copy}".encode()).hexdigest()
    letters = LETTERS[(original["id"] + copy) % len(LETTERS)]
    if copy >= len(LETTERS):
        letters += LETTERS[copy % len(LETTERS)]
    title = CHILD.sub(lambda m: f"{m[1]} {letters}", original["title"])
    board = original["board_name"]
    if board in boards:
        board = boards[(boards.index(board) + copy * 7) % len(boards)]
    year = original["year_published"]
    if year is not None:
        year += YEAR_SHIFTS[copy % len(YEAR_SHIFTS)]
    return {
        "sha256": sha256,
        "stored_name": f"documents/{sha256[:2]}/{sha256}.pdf",
        "original_filename": f"copy-{copy}-{original['original_filename']}"[:255],
        "title": title,
        "board_name": board,
        "year_published": year,
        "is_published": True,
    }


def _insert(cursor: Any, table: str, columns: Sequence[str], rows: list[list[Any]]) -> None:
    if not rows:
        return
    marks = ", ".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


if __name__ == "__main__":
    main()
