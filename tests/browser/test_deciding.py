"""What helps a reader decide, as a browser shows it: the verdict at the top of a framework
page, the evidence chart (with and without JavaScript, phone and desktop) and compare's
bottom line."""

import re

import pytest

from tests.browser.conftest import screenshot


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_verdict_comes_first_and_the_chart_draws_without_scripts(
    live_server, sample_site, open_page, javascript, viewport
):
    page, watch = open_page(viewport=viewport, javascript=javascript)
    name = f"{viewport}-{'js' if javascript else 'nojs'}"
    page.goto(f"{live_server.url}/frameworks/django/")

    verdict = page.locator("section.verdict")
    assert verdict.is_visible()
    # The first thing after the page's heading, in reach without scrolling far.
    assert verdict.bounding_box()["y"] < page.viewport_size["height"]
    best, avoid = verdict.locator(".verdict-best li"), verdict.locator(".verdict-avoid li")
    assert best.count() >= 1 and avoid.count() >= 1
    screenshot(page, f"verdict-{name}")

    chart = page.locator("figure.glance svg.chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 40
    assert chart.locator("path.bar-pro").count() >= 1 and chart.locator("path.bar-con").count() >= 1
    # The same figures in words, for screen readers; the drawing is hidden from them.
    words = page.locator("figure.glance ul.visually-hidden li")
    assert words.count() == chart.locator("text.chart-label").count() >= 3
    assert re.search(r"\d+ independent sources? for", words.first.text_content())
    assert chart.get_attribute("aria-hidden") == "true"
    # The page never scrolls sideways, on a phone either.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"chart-{name}")

    # A verdict line leads to the claims that make it.
    best.first.locator("a").click()
    page.wait_for_load_state()
    assert re.search(r"/(claims/\?.*point=\d+|articles/[^/]+/#claim-\d+)", page.url)
    assert watch.errors == [] and watch.dialogs == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_compare_has_a_bottom_line_and_a_chart_column_per_framework(
    live_server, sample_site, open_page, viewport
):
    page, watch = open_page(viewport=viewport, javascript=True)
    page.goto(f"{live_server.url}/compare/?frameworks=flask,django,fastapi")
    bottom = page.locator("section.bottom-line")
    assert bottom.is_visible()
    items = bottom.locator(".bottom-line-item")
    assert items.count() == 3
    for framework in ("Flask", "Django", "FastAPI"):
        assert framework in bottom.inner_text()
    heads = page.locator("figure.glance svg.chart text.chart-head")
    assert [heads.nth(i).text_content() for i in range(heads.count())] == ["Flask", "Django", "FastAPI"]
    # One comparison, one canonical URL, whatever order the frameworks were given in.
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical.endswith("/compare/?frameworks=django,fastapi,flask")
    screenshot(page, f"bottom-line-{viewport}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert watch.errors == [] and watch.dialogs == []
