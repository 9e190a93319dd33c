import pytest
from django.db import connection

from articles.models import Article
from articles.search import ARTICLE_FIELDS, _full_text

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search only")


def test_article_search_uses_the_gin_index(db):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = _full_text(Article.objects.all(), ARTICLE_FIELDS, "django admin").explain()
    assert "articles_article_search_gin" in plan, plan
