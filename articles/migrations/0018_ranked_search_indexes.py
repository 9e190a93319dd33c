"""Search reads its best matches first from the index, where PostgreSQL has RUM.

A GIN index finds every row that matches a query, and PostgreSQL then ranks them all to show the
best few: for a common word, thousands of claims (articles/search.py). A RUM index also stores
each word's positions, so `ORDER BY search_vector <=> query LIMIT n` reads the best n from the
index and stops. Where the `rum` extension is installed (Debian: postgresql-NN-rum), it replaces
the GIN indexes of migration 0003 (it answers `@@` as well); elsewhere they stay and search ranks
every match, as before. Other databases do not index their vectors.
"""

from django.db import migrations

TABLES = ("articles_article", "articles_claim")


def _rum_available(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        return cursor.fetchone() is not None


def rank_in_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql" or not _rum_available(schema_editor):
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_rum ON {table} USING rum (search_vector rum_tsvector_ops)"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_gin")


def rank_every_match(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} USING gin (search_vector)")
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_rum")


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_claims_refiled_and_retitled")]

    operations = [migrations.RunPython(rank_in_index, rank_every_match, elidable=False)]
