"""/api/articles/<slug>/: the public JSON shape, and clean 404s."""

import datetime

import pytest
from django.urls import reverse

from tests.articles_data import populate
from tests.query_budget import assert_query_budget

pytestmark = pytest.mark.django_db


def test_article_json_shape(client):
    data = populate(3)
    article = data["articles"][0]
    response = client.get(reverse("api:article", args=[article.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert {"slug", "title", "authors", "published", "source", "frameworks", "claims_count"} <= set(body)
    assert body["slug"] == article.slug
    assert body["title"] == article.title
    assert body["authors"] == ["A. Writer"]
    assert body["published"] == article.published.isoformat()
    assert body["source"] == article.source.slug
    assert body["frameworks"] == sorted(f.slug for f in data["frameworks"])
    assert body["claims_count"] == 3  # the rejected and withdrawn claims are not counted


def test_drafts_and_unknown_slugs_are_json_404s(client):
    data = populate(1)
    for slug in (data["draft"].slug, "no-such-article"):
        response = client.get(reverse("api:article", args=[slug]))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()


def test_article_json_has_a_fixed_number_of_queries(client):
    data = populate(5)
    url = reverse("api:article", args=[data["articles"][0].slug])
    assert_query_budget(client, [url], lambda: populate(40, start=1000), cold=3, warm=3)


def test_unknown_framework_is_a_json_404(client, db):
    response = client.get("/api/frameworks/no-such-thing/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert "no-such-thing" in response.json()["error"]


def test_framework_json_counts_independent_sources_first_and_pages_its_claims(client, db, monkeypatch):
    from articles.models import ClaimKind
    from frameworks import api
    from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory, TopicFactory

    monkeypatch.setattr(api, "CLAIMS_PER_PAGE", 2)
    reflex = FrameworkFactory(name="Reflex", slug="reflex")
    topic = TopicFactory(slug="performance")
    blog = SourceFactory(affiliation=reflex)
    old = ArticleFactory(published=datetime.date(2020, 1, 1), language="es")
    vendor = ClaimFactory(framework=reflex, topic=topic, title="Fast", article=ArticleFactory(source=blog))
    ClaimFactory(framework=reflex, topic=topic, title="Fast", article=old)
    ClaimFactory(framework=reflex, topic=topic, kind=ClaimKind.CON, title="Slow builds")
    data = client.get(reverse("api:framework", args=["reflex"])).json()
    assert data["consensus"] == [
        {
            "topic": "performance",
            "pros": {"independent": 1, "vendor": 1},
            "cons": {"independent": 1, "vendor": 0},
            "features": {"independent": 0, "vendor": 0},
            "contested": True,
        }
    ]
    assert data["claims_count"] == 3 and len(data["claims"]) == 2 and data["next"].endswith("page=2")
    claims = data["claims"] + client.get(data["next"]).json()["claims"]
    by_id = {c["id"]: c for c in claims}
    assert by_id[vendor.pk]["vendor"] is True
    stale = next(c for c in claims if c["article"]["published"] == "2020-01-01")
    assert stale["stale"] and stale["stale_reason"] and stale["language"] == "es"
    assert stale["point"] == by_id[vendor.pk]["point"]  # the same point, from two sources
    assert {"verified_at", "status", "topic", "title", "text", "url"} <= set(stale)


def test_the_evidence_rules_page_is_the_readmes_own_section(client, db):
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert "## How to read the evidence" in readme
    html = client.get("/evidence/").content.decode()
    assert "How to read the evidence" in html and "<strong>Independent first.</strong>" in html
    # Linked from every page.
    for url in ("/", reverse("frameworks:list"), reverse("frameworks:compare") + "?frameworks=a,b"):
        assert 'href="/evidence/"' in client.get(url).content.decode()
