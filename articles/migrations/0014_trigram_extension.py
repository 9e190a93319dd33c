"""pg_trgm on PostgreSQL, for search's "Did you mean …?" (articles/suggestions.py): trigram
similarity between a mistyped word and the words the site knows. Other databases skip it (the
operation only runs on PostgreSQL) and suggest with difflib."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_group_claims_into_points")]

    operations = [TrigramExtension()]
