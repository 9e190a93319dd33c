"""A GIN index for full-text search of articles on PostgreSQL (articles/search.py).

The indexed expression must stay exactly the one articles/search.py builds from ARTICLE_FIELDS,
or PostgreSQL will not use it. Other databases search without it.
"""

from django.db import migrations

INDEX = "articles_article_search_gin"
EXPRESSION = (
    "((setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(description, '')), 'B'))"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C'))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article USING gin ({EXPRESSION})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_versions_and_history")]
    operations = [migrations.RunPython(create, drop)]
