"""A token that changes with the facet table and with publication (repository.facet_index).

Triggers give `repository_searchstate.token` a new random value whenever `DocumentFacet` rows
are inserted, updated or deleted, and whenever a document is added, removed, or published or
withdrawn, so search can keep the facet table in memory and notice every change, made by any
code path (ingest, corrections, the background worker in another process, bulk loaders).
"""

from django.db import migrations, models

NEW_TOKEN = {
    "sqlite": "lower(hex(randomblob(16)))",
    "postgresql": "md5(random()::text || clock_timestamp()::text)",
}

SQLITE_UP = [
    f"""CREATE TRIGGER repository_documentfacet_state_{event[0].lower()}
    AFTER {event} ON repository_documentfacet BEGIN
        UPDATE repository_searchstate SET token = {NEW_TOKEN["sqlite"]};
    END"""
    for event in ("INSERT", "UPDATE", "DELETE")
] + [
    f"""CREATE TRIGGER repository_document_state_{event[0].lower()}
    AFTER {event} ON repository_document BEGIN
        UPDATE repository_searchstate SET token = {NEW_TOKEN["sqlite"]};
    END"""
    for event in ("INSERT", "UPDATE OF is_published", "DELETE")
]
SQLITE_DOWN = [
    f"DROP TRIGGER repository_{table}_state_{letter}"
    for table in ("documentfacet", "document")
    for letter in "iud"
]

# Statement-level triggers on PostgreSQL: one update per statement however many rows it wrote.
POSTGRES_UP = [
    f"""CREATE FUNCTION repository_new_search_state() RETURNS trigger AS $$
    BEGIN
        UPDATE repository_searchstate SET token = {NEW_TOKEN["postgresql"]};
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER repository_documentfacet_state
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON repository_documentfacet
    FOR EACH STATEMENT EXECUTE FUNCTION repository_new_search_state()""",
    """CREATE TRIGGER repository_document_state
    AFTER INSERT OR UPDATE OF is_published OR DELETE OR TRUNCATE ON repository_document
    FOR EACH STATEMENT EXECUTE FUNCTION repository_new_search_state()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER repository_document_state ON repository_document",
    "DROP TRIGGER repository_documentfacet_state ON repository_documentfacet",
    "DROP FUNCTION repository_new_search_state()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def first_state(apps, schema_editor):
    apps.get_model("repository", "SearchState").objects.create(id=1, token="initial")


class Migration(migrations.Migration):
    dependencies = [("repository", "0006_search_at_scale")]

    operations = [
        migrations.CreateModel(
            name="SearchState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(first_state, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
