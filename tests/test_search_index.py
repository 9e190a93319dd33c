import pytest
from django.db import connection

from articles.models import Article, Claim
from articles.search import _full_text
from tests.factories import ClaimFactory, FrameworkFactory, TopicFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search only")


@pytest.mark.parametrize(
    ("model", "index"), [(Article, "articles_article_search_gin"), (Claim, "articles_claim_search_gin")]
)
def test_search_uses_the_gin_indexes(db, model, index):
    # An empty table: tell the planner to avoid scans that ignore the search condition.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = _full_text(model.objects.all(), "django admin").order_by().explain()
    assert index in plan, plan


def test_saved_claims_are_searchable_by_their_framework_and_topic_names(db):
    claim = ClaimFactory(
        framework=FrameworkFactory(name="Zeppelin"),
        topic=TopicFactory(name="Security"),
        title="Hardened defaults",
    )
    assert list(_full_text(Claim.objects.all(), "zeppelin security")) == [claim]
    assert list(_full_text(Claim.objects.all(), "hardened")) == [claim]
