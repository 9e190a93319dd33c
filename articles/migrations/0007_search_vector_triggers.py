"""PostgreSQL computes the stored search vectors as rows are written (BEFORE INSERT/UPDATE
triggers), so an import writes each article and claim once instead of inserting it and then
updating its vector, which rewrote the row and every one of its index entries.

The weights are those of `search_vector()` on ArticleQuerySet and ClaimQuerySet, which
`refresh_search_vectors()` still uses after a framework or topic is renamed (their names are
part of a claim's vector); tests/test_search_index.py checks that both give the same vectors.
Other databases have no vectors (articles/search.py searches the text there).
"""

from django.db import migrations

FUNCTIONS = {
    "articles_article": """
        NEW.search_vector :=
            setweight(to_tsvector('english'::regconfig, coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(NEW.description, '')), 'B')
            || setweight(to_tsvector('english'::regconfig, coalesce(NEW.body, '')), 'C');
    """,
    "articles_claim": """
        NEW.search_vector :=
            setweight(to_tsvector('english'::regconfig, coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(
                (SELECT name FROM frameworks_framework WHERE id = NEW.framework_id), '')), 'B')
            || setweight(to_tsvector('english'::regconfig, coalesce(
                (SELECT name FROM frameworks_topic WHERE id = NEW.topic_id), '')), 'B')
            || setweight(to_tsvector('english'::regconfig, coalesce(NEW.text, '')), 'C');
    """,
}
# The columns a vector is built from: an UPDATE that sets none of them keeps the vector.
COLUMNS = {
    "articles_article": "title, description, body",
    "articles_claim": "title, text, framework_id, topic_id",
}


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, body in FUNCTIONS.items():
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {table}_search_vector() RETURNS trigger AS $$\n"
            f"BEGIN\n{body}\n    RETURN NEW;\nEND\n$$ LANGUAGE plpgsql"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_search_vector BEFORE INSERT OR UPDATE OF {COLUMNS[table]} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_search_vector()"
        )
        # Rows written by code that already relies on the triggers, before they existed (a
        # deploy that restarts before it migrates): recompute every vector through them.
        schema_editor.execute(f"UPDATE {table} SET title = title")


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in FUNCTIONS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_vector()")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_lookup_indexes"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
