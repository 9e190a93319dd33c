"""/api/articles/<slug>/: the public JSON shape, and clean 404s."""

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
