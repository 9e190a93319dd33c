"""The query-budget check itself: an N+1 hidden in a remembered loader must fail it."""

import pytest
from django.urls import reverse

from articles.models import Article, Claim
from frameworks import consensus, views
from frameworks.models import Framework
from tests.query_budget import assert_query_budget
from tests.test_frameworks_pages import populate


def test_an_n_plus_one_in_the_remembered_home_summary_fails_cold(client, db, monkeypatch):
    summary = views._home_summary

    def one_query_per_framework():
        for framework in Framework.objects.all():
            Claim.objects.filter(framework=framework).count()
        return summary()

    monkeypatch.setattr(views, "_home_summary", one_query_per_framework)
    frameworks, _topics, _source = populate(5)
    with pytest.raises(AssertionError) as failure:
        assert_query_budget(client, ["/"], lambda: populate(50, anchor=frameworks[0]), cold=8, warm=0)
    message = str(failure.value)
    # 6 queries, plus 1 for the frameworks and 1 per framework (5, then 55); warm, the summary
    # is remembered.
    assert "/ cold: 12 queries at the small size, 62 at the large size" in message
    assert '+50 x SELECT COUNT(*) AS "__count"' in message
    assert "/ cold, small size: 12 queries, budget 8" in message
    assert "warm" not in message


def test_an_n_plus_one_in_a_framework_pages_claims_fails_cold(client, db, monkeypatch):
    load = consensus.load_rows

    def one_query_per_claim(framework_ids, **kwargs):
        for claim in Claim.objects.filter(framework__in=framework_ids):
            Article.objects.get(pk=claim.article_id)
        return load(framework_ids, **kwargs)

    monkeypatch.setattr(consensus, "load_rows", one_query_per_claim)
    frameworks, _topics, _source = populate(5)
    url = frameworks[0].get_absolute_url()
    with pytest.raises(AssertionError) as failure:
        assert_query_budget(client, [url], lambda: populate(50, anchor=frameworks[0]), cold=6, warm=6)
    message = str(failure.value)
    assert f"{url} cold:" in message and "at the large size; the ones that differ:" in message
    assert '+51 x SELECT ... FROM "articles_article" WHERE "articles_article"."id" = ?' in message
    assert "warm" not in message


def test_a_page_over_its_budget_fails_with_its_queries(client, db):
    populate(5)
    url = reverse("frameworks:list")
    with pytest.raises(AssertionError) as failure:
        assert_query_budget(client, [url], lambda: populate(5), cold=1, warm=0)
    message = str(failure.value)
    assert f"{url} cold, small size:" in message and f"{url} warm, large size:" in message
    assert "budget 1:\n    1 x SELECT" in message and "budget 0:\n    1 x SELECT" in message
