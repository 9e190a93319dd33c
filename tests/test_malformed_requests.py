"""Whatever the query string, method or body, public pages answer without a 500."""

import pytest

from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory

PATHS = [
    "/",
    "/frameworks/",
    "/frameworks/{framework}/",
    "/compare/",
    "/articles/",
    "/articles/{article}/",
    "/sources/",
    "/claims/",
    "/search/",
    "/feeds/articles/",
    "/sitemap.xml",
    "/api/frameworks/",
    "/api/frameworks/{framework}/",
    "/api/articles/{article}/",
]
QUERY_STRINGS = [
    "q=" + "x" * 10_000,
    "page=99999999999999999999",
    "page=-1",
    "page=abc",
    "kind=bogus&kind=full_stack&kind=",
    "frameworks=" + ",".join(["django"] * 50),
    "frameworks=%ff%fe&q=%ff",
    "q=%00%01",
    "q=%E2%80",
    "sort=%27;DROP%20TABLE%20articles_claim;--",
    "topic=../../etc/passwd&source[]=1",
    "format=xml",
    "independent=maybe&stance=sideways",
    "year=99999&year=abc",
    "unknown=1&" + "&".join(f"p{i}=v" for i in range(500)),
]


@pytest.fixture
def content(db):
    claim = ClaimFactory(
        framework=FrameworkFactory(slug="sturdy"), article=ArticleFactory(slug="sturdy-article")
    )
    return {"framework": claim.framework.slug, "article": claim.article.slug}


@pytest.mark.parametrize("query", QUERY_STRINGS)
@pytest.mark.parametrize("path", PATHS)
def test_malformed_query_strings_never_500(client, content, path, query):
    response = client.get(f"{path.format(**content)}?{query}")
    assert response.status_code < 500, (path, query, response.status_code)


@pytest.mark.parametrize("method", ["head", "options", "post", "put", "delete"])
@pytest.mark.parametrize("path", ["/", "/frameworks/", "/compare/?frameworks=sturdy", "/api/frameworks/"])
def test_other_methods_never_500(client, content, path, method):
    response = getattr(client, method)(path)
    assert response.status_code < 500
