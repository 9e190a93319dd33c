"""Hostile text everywhere a reader or editor looks: no dialog fires, no script runs."""

from urllib.parse import quote

from articles.importing import Importer
from articles.models import Claim
from frameworks.models import Framework
from tests.browser.conftest import log_in
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory
from tests.xss_payloads import XSS_PAYLOADS


def hostile_content():
    framework = FrameworkFactory(
        name="<img src=x onerror=alert('name')>", slug="hostile", tagline=XSS_PAYLOADS[0]
    )
    article = ArticleFactory(
        slug="hostile-article",
        title="<script>alert('title')</script>",
        body="\n\n".join(XSS_PAYLOADS),
        source=SourceFactory(name="<svg onload=alert('source')>", slug="hostile-source"),
    )
    for index, payload in enumerate(XSS_PAYLOADS):
        ClaimFactory(framework=framework, article=article, title=payload[:200], text=payload, key=f"x{index}")
    # The same payloads through the importer, as an article would bring them.
    body = "\n".join(f"- **{p}**: {p}" for p in XSS_PAYLOADS)
    Importer().import_bytes(
        "hostile.md",
        f"---\ntitle: Imported hostility\nsource: Bad Blog\n---\n## Flask\n\nPros:\n{body}\n".encode(),
    )
    return framework


# Markup that would run if it got through: none may appear in a page's content.
LIVE_MARKUP = "main script, main [onerror], main [onload], main [onclick], main [onfocus], main iframe, main a[href^='javascript' i]"


def assert_no_live_markup(page, path):
    assert page.locator(LIVE_MARKUP).count() == 0, path


PUBLIC_PAGES = [
    "/",
    "/frameworks/",
    "/frameworks/hostile/",
    "/frameworks/flask/",
    "/compare/?frameworks=hostile,flask",
    "/articles/",
    "/articles/hostile-article/",
    "/articles/imported-hostility/",
    "/sources/",
    "/sources/hostile-source/",
    "/claims/",
]


def test_public_pages_and_queries_stay_inert(live_server, catalogue, open_page):
    hostile_content()
    page, watch = open_page(bypass_csp=True)
    for path in PUBLIC_PAGES:
        page.goto(f"{live_server.url}{path}")
        assert_no_live_markup(page, path)
    for payload in XSS_PAYLOADS:
        page.goto(f"{live_server.url}/search/?q={quote(payload)}")
        page.goto(f"{live_server.url}/frameworks/?q={quote(payload)}")
    assert watch.dialogs == []


def test_admin_pages_stay_inert(live_server, catalogue, open_page, editor_account):
    framework = hostile_content()
    page, watch = open_page(bypass_csp=True)
    log_in(page, live_server.url, editor_account)
    claim = Claim.objects.filter(framework=framework).first()
    for path in (
        "/admin/",
        "/admin/coverage/",
        "/admin/articles/claim/",
        f"/admin/articles/claim/{claim.pk}/change/",
        f"/admin/articles/claim/{claim.pk}/history/",
        "/admin/articles/article/",
        f"/admin/articles/article/{claim.article_id}/change/",
        "/admin/frameworks/framework/",
        f"/admin/frameworks/framework/{Framework.objects.get(slug='hostile').pk}/change/",
        "/admin/articles/source/",
    ):
        page.goto(f"{live_server.url}{path}")
    assert watch.dialogs == []
