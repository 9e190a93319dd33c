"""Our own 404 and 500 pages: the reader keeps the navigation and a search box."""

import pytest
from django.test import RequestFactory
from django.urls import path
from django.views.defaults import server_error

from guide.urls import urlpatterns as site_urls

NAVIGATION = [
    'href="/frameworks/"',
    'href="/compare/"',
    'href="/claims/"',
    'href="/articles/"',
    'href="/sources/"',
]


@pytest.mark.django_db
def test_a_missing_page_has_navigation_and_search(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html and "/no-such-page/" in html
    assert all(link in html for link in NAVIGATION)
    assert (
        '<form class="error-search" action="/search/" method="get" role="search" aria-label="Search for what you were looking for">'
        in html
    )
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html and "og:url" not in html  # a 404 is nobody's address


@pytest.mark.django_db
def test_a_missing_framework_or_article_gets_the_same_page(client):
    for url in ("/frameworks/no-such-framework/", "/articles/no-such-article/", "/sources/nobody/"):
        response = client.get(url)
        assert response.status_code == 404 and b"Page not found" in response.content


def test_the_500_page_renders_without_database_or_context_processors(settings):
    """No django_db mark: any database access here fails the test. Django renders 500.html with
    an empty context; a broken context processor must not take the error page down with it."""
    settings.TEMPLATES[0]["OPTIONS"]["context_processors"] = ["tests.test_error_pages.broken_processor"]
    response = server_error(RequestFactory().get("/frameworks/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert all(link in html for link in NAVIGATION)
    assert '<form action="/search/" method="get" role="search">' in html
    assert "<script" not in html


def broken_processor(request):
    raise RuntimeError("a context processor that fails")


def boom(request):
    raise RuntimeError("a view that fails")


urlpatterns = [path("boom/", boom), *site_urls]  # for the test below


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_error_in_a_view_gets_the_500_page(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert b"Something went wrong" in response.content and b'href="/frameworks/"' in response.content
