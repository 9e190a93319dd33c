"""An editor reviews an imported claim in the admin and sees it verified on the public page."""

import re

from articles.importing import Importer
from articles.models import Claim, ClaimStatus
from tests.browser.conftest import log_in, screenshot

ARTICLE = """---
title: Small frameworks, honestly
date: 2025-05-01
source: Browser Test Blog
---

## Flask

**Pros**

- **Tiny core**: you add only what you need.
"""


def test_editor_verifies_an_imported_claim(live_server, catalogue, editor_account, open_page):
    Importer().import_bytes("browser.md", ARTICLE.encode())
    page, watch = open_page()

    log_in(page, live_server.url, editor_account)
    page.get_by_role("link", name="Claims awaiting review").click()
    page.get_by_role("link", name="Tiny core").click()

    text = page.locator("textarea[name=text]")
    text.fill("Add only what you need, **nothing more**.")
    text.dispatch_event("input")
    preview = page.locator(".markdownx-preview")
    preview.locator("strong").wait_for(timeout=10_000)
    assert "nothing more" in preview.inner_text()
    page.select_option("select[name=status]", ClaimStatus.VERIFIED)
    screenshot(page, "admin-claim-edit")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/articles/claim/(\?.*)?$"))

    claim = Claim.objects.get(title="Tiny core")
    assert claim.edited and claim.status == ClaimStatus.VERIFIED

    page.goto(f"{live_server.url}/frameworks/flask/")
    body = page.locator("main")
    assert "Add only what you need" in body.inner_text()
    assert "verified" in body.inner_text().lower()
    screenshot(page, "framework-after-review")
    assert watch.errors == [] and watch.dialogs == []
