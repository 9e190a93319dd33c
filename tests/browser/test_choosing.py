"""A reader ticks what they need, reads why each framework ranks where it does, and compares
the top of the shortlist; on the list, the tick counter stops at six."""

import re

import pytest

from tests.browser.conftest import screenshot


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_choose_by_need_then_compare_the_top(live_server, sample_site, open_page, javascript, viewport):
    page, watch = open_page(viewport=viewport, javascript=javascript)
    name = f"{viewport}-{'js' if javascript else 'nojs'}"
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Choose by need").click()
    page.wait_for_url(re.compile(r"/choose/$"))
    page.get_by_label("A JSON API").check()
    page.get_by_label("Async and real-time").check()
    page.get_by_role("button", name="Show the shortlist").click()
    page.wait_for_url(re.compile(r"/choose/\?need=json-api&need=async$"))
    screenshot(page, f"choose-{name}")

    entries = page.locator(".shortlist-entry")
    assert entries.count() >= 3
    first = entries.first
    assert "FastAPI" in first.locator("h3").inner_text()
    assert "Native async: yes" in first.inner_text()  # a fact, linked to the framework's facts
    fact = first.get_by_role("link", name="Native async: yes")
    assert fact.get_attribute("href") == "/frameworks/fastapi/#facts-title"
    permalink = page.get_by_role("link", name="Link to this shortlist")
    assert permalink.get_attribute("href") == "/choose/?need=json-api&need=async"

    page.get_by_role("link", name=re.compile(r"^Compare the top \d$")).click()
    page.wait_for_url(re.compile(r"/compare/\?frameworks=fastapi,"))
    assert "The bottom line" in page.locator("main").inner_text()
    screenshot(page, f"choose-compare-{name}")
    assert watch.errors == [] and watch.dialogs == []


def test_the_tick_counter_says_how_many_and_stops_at_six(live_server, sample_site, open_page):
    page, watch = open_page(viewport="desktop", javascript=True)
    page.goto(f"{live_server.url}/frameworks/")
    hint = page.locator(".compare-bar-hint")
    boxes = page.locator("input[name=frameworks]")
    boxes.nth(0).check()
    assert hint.inner_text() == "1 ticked: tick at least 2."
    # Submitting one is stopped here, with the reason, rather than on the compare page.
    page.get_by_role("button", name="Compare selected").click()
    assert page.url.endswith("/frameworks/") and "Tick at least 2" in hint.inner_text()
    for index in range(1, 6):
        boxes.nth(index).check()
    assert hint.inner_text() == "6 ticked: that is the most one comparison takes."
    assert boxes.nth(6).is_disabled() and not boxes.nth(5).is_disabled()
    screenshot(page, "tick-counter-six")
    boxes.nth(5).uncheck()
    assert not boxes.nth(6).is_disabled() and hint.inner_text() == "5 ticked (up to 6)."
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_url(re.compile(r"/compare/\?"))
    assert page.url.count("frameworks=") == 5
    assert watch.errors == [] and watch.dialogs == []


def test_without_javascript_seven_ticks_reach_compare_which_says_why(live_server, sample_site, open_page):
    page, _watch = open_page(viewport="desktop", javascript=False)
    page.goto(f"{live_server.url}/frameworks/")
    boxes = page.locator("input[name=frameworks]")
    for index in range(7):
        boxes.nth(index).check()
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_url(re.compile(r"/compare/\?"))
    assert "at most 6" in page.locator("main").inner_text()
