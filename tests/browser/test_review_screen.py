"""An editor works through the review queue: the claim beside its passage, verify and next."""

import re

from articles.importing import Importer
from articles.models import Claim, ClaimStatus
from tests.browser.conftest import log_in, screenshot

ARTICLE = """---
title: Three small frameworks, reviewed
date: 2025-05-01
source: Review Queue Blog
---

Some introduction that is not a claim, long enough to make a passage around the bullets below
and to show that the screen numbers lines as the file does.

## Flask

**Pros**

- **Tiny core**: you add only what you need, and <b>nothing</b> else.
- **Huge ecosystem**: an extension for everything, from admin panels to OAuth.

**Cons**

- **No async story**: views are sync first; async views came late and stay second-class.
"""


def test_editor_reviews_claims_beside_their_passage(live_server, catalogue, editor_account, open_page):
    Importer().import_bytes("queue.md", ARTICLE.encode())
    page, watch = open_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, editor_account)

    page.goto(f"{live_server.url}/admin/articles/claim/?status__exact=imported")
    cell = page.locator("#result_list .field-claim", has_text="Tiny core")
    assert "you add only what you need" in cell.inner_text()
    box = cell.bounding_box()
    assert box["width"] >= 300  # readable, not squeezed
    review = page.locator("#result_list .field-review a").first.bounding_box()
    assert review["x"] + review["width"] <= 1366  # every column on screen, no sideways scrolling
    screenshot(page, "admin-claims-queue-1366")

    page.get_by_role("link", name="Review this list, one by one").click()
    page.wait_for_url(re.compile(r"/review/"))
    marked = page.locator(".passage .is-claim")
    assert "**Tiny core**" in marked.inner_text() and "<b>nothing</b>" in marked.inner_text()
    assert page.locator(".passage li").count() >= 10
    screenshot(page, "admin-claim-review")

    page.get_by_role("button", name="Verify and next").click()
    page.wait_for_load_state()
    assert "Huge ecosystem" in page.locator(".passage .is-claim").inner_text()
    assert Claim.objects.get(title="Tiny core").status == ClaimStatus.VERIFIED
    page.select_option("select[name=topic]", label="Ecosystem")
    page.get_by_role("button", name="Set topic").click()
    page.wait_for_load_state()
    assert Claim.objects.get(title="Huge ecosystem").topic.name == "Ecosystem"
    page.get_by_role("button", name="Reject and next").click()
    page.wait_for_load_state()
    assert "No async story" in page.locator(".passage .is-claim").inner_text()
    assert Claim.objects.get(title="Huge ecosystem").status == ClaimStatus.REJECTED
    assert watch.errors == [] and watch.dialogs == []
