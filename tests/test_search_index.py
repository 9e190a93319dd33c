import datetime

import pytest
from django.db import connection

from articles.models import Article, Claim
from articles.search import _found, _full_text, most_relevant, ranked_in_index
from tests.factories import ClaimFactory, FrameworkFactory, TopicFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search only")


def _index_kind() -> str:
    return "rum" if ranked_in_index() else "gin"


@pytest.mark.parametrize(("model", "table"), [(Article, "articles_article"), (Claim, "articles_claim")])
def test_search_uses_the_indexes(db, model, table):
    # An empty table: tell the planner to avoid scans that ignore the search condition.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = _full_text(model.objects.all(), "django admin").order_by().explain()
    assert f"{table}_search_{_index_kind()}" in plan, plan


def test_rum_is_installed_where_the_suite_runs(db):
    # CI installs the extension (.ci/run); without it search still works, ranking every match.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        available = cursor.fetchone() is not None
    assert ranked_in_index() == available


def test_the_best_matches_are_read_in_order_from_the_rum_index(db):
    if not ranked_in_index():
        pytest.skip("the rum extension is not installed")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    matched = _full_text(Claim.objects.all(), "throughput")
    plan = most_relevant(matched, "article__published").explain()
    assert "Index Scan using articles_claim_search_rum" in plan, plan
    assert "Order By: (search_vector <=>" in plan, plan


def test_best_first_puts_the_closest_match_first_and_the_newest_among_equals(db):
    framework = FrameworkFactory(name="Zeppelin")
    once = ClaimFactory(framework=framework, title="Quick", text="Throughput is fine.")
    twice = ClaimFactory(framework=framework, title="Throughput", text="Throughput is its strength.")
    old, new = (
        ClaimFactory(
            framework=framework, title="Other", text=f"Throughput is fine. {n}", article__published=date
        )
        for n, date in ((1, datetime.date(2020, 1, 1)), (2, datetime.date(2024, 1, 1)))
    )
    matched = _full_text(Claim.objects.all(), "throughput")
    found, count, capped = _found(Claim.objects.all().in_bulk, matched, "article__published", 10)
    assert found[0] == twice
    assert found.index(new) < found.index(old)
    assert once in found
    assert (count, capped) == (4, False)


def test_found_counts_up_to_the_limit_and_shows_only_the_best(db, monkeypatch):
    monkeypatch.setattr("articles.search.COUNT_LIMIT", 3)
    framework = FrameworkFactory(name="Zeppelin")
    for n in range(5):
        ClaimFactory(framework=framework, title="Other", text=f"Throughput matters. {n}")
    matched = _full_text(Claim.objects.all(), "throughput")
    found, count, capped = _found(Claim.objects.all().in_bulk, matched, "article__published", 2)
    assert (len(found), count, capped) == (2, 3, True)


def test_found_leaves_out_what_stopped_being_public_between_its_two_reads(db):
    framework = FrameworkFactory(name="Zeppelin")
    kept, gone = (ClaimFactory(framework=framework, text=f"Throughput matters. {n}") for n in (1, 2))
    matched = _full_text(Claim.objects.all(), "throughput")
    found, count, _capped = _found(
        Claim.objects.exclude(pk=gone.pk).in_bulk, matched, "article__published", 10
    )
    assert found == [kept]
    assert count == 2


def test_saved_claims_are_searchable_by_their_framework_and_topic_names(db):
    claim = ClaimFactory(
        framework=FrameworkFactory(name="Zeppelin"),
        topic=TopicFactory(name="Security"),
        title="Hardened defaults",
    )
    assert list(_full_text(Claim.objects.all(), "zeppelin security")) == [claim]
    assert list(_full_text(Claim.objects.all(), "hardened")) == [claim]


def _vectors(model):
    return dict(model.objects.values_list("pk", "search_vector"))


def test_written_rows_get_the_vectors_refresh_search_vectors_computes(db):
    # The triggers (migration 0007) and the model's search_vector() must say the same thing.
    topic = TopicFactory(name="Async support")
    claims = [
        ClaimFactory(title="Fast *event* loop", text="Uses `asyncio` natively.", topic=topic),
        ClaimFactory(title="No topic", text="", topic=None),
        ClaimFactory(
            title="原生异步支持",
            text="イベントループ上で動く。비동기를 지원",
            topic=TopicFactory(name="异步"),
        ),
    ]
    Claim.objects.bulk_create(
        [Claim(article=claims[0].article, framework=claims[0].framework, key="bulk", title="Bulk", text="t")]
    )
    written = {Article: _vectors(Article), Claim: _vectors(Claim)}
    assert all(written[Claim].values()) and all(written[Article].values())
    for model in (Article, Claim):
        model.objects.update(search_vector=None)
        model.objects.all().refresh_search_vectors()
        assert _vectors(model) == written[model]


def test_moving_a_claim_updates_its_vector_and_other_updates_keep_it(db):
    claim = ClaimFactory(framework=FrameworkFactory(name="Zeppelin"), title="Hardened defaults")
    Claim.objects.filter(pk=claim.pk).update(framework=FrameworkFactory(name="Quokka"))
    assert list(_full_text(Claim.objects.all(), "quokka")) == [claim]
    assert not _full_text(Claim.objects.all(), "zeppelin").exists()
    Claim.objects.filter(pk=claim.pk).update(search_vector=None)
    Claim.objects.filter(pk=claim.pk).update(status="verified")  # not a column the vector uses
    assert Claim.objects.get(pk=claim.pk).search_vector is None
