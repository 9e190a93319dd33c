"""A reader filters the list, compares three frameworks and follows a claim to its article."""

import re

import pytest

from tests.browser.conftest import screenshot


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_filter_compare_and_trace_a_claim(live_server, sample_site, open_page, javascript, viewport):
    page, watch = open_page(viewport=viewport, javascript=javascript)
    name = f"{viewport}-{'js' if javascript else 'nojs'}"

    page.goto(f"{live_server.url}/")
    screenshot(page, f"home-{name}")
    page.goto(f"{live_server.url}/frameworks/")
    for kind in ("Full-stack framework", "Microframework", "Async API framework"):
        page.get_by_label(kind, exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"kind=full_stack"))
    screenshot(page, f"frameworks-{name}")
    for slug in ("django", "flask", "fastapi"):
        page.locator(f"#pick-{slug}").check()
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_url(re.compile(r"/compare/\?"))
    matrix = page.locator("main")
    for framework in ("Django", "Flask", "FastAPI"):
        assert framework in matrix.inner_text()
    screenshot(page, f"compare-{name}")

    # A point on compare lists every claim that makes it; each claim leads to its article.
    page.locator("main a[href*='point=']").first.click()
    page.wait_for_url(re.compile(r"/claims/\?.*point=\d+"))
    screenshot(page, f"point-{name}")
    claim_link = page.locator("main a[href*='#claim-']").first
    href = claim_link.get_attribute("href")
    claim_link.click()
    page.wait_for_url(re.compile(r"/articles/[^/]+/#claim-\d+$"))
    anchor = href.split("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    assert target.count() == 1 and target.is_visible()
    screenshot(page, f"article-{name}")

    page.goto(f"{live_server.url}/frameworks/django/")
    screenshot(page, f"framework-{name}")
    for path in ("/articles/", "/sources/", "/claims/", "/search/?q=async"):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("main").count() == 1
        screenshot(page, f"{path.strip('/').split('/')[0].split('?')[0]}-{name}")
    assert watch.errors == [] and watch.dialogs == []
