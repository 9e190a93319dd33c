"""What a reader sees of trust: counts from independent sources first with the vendor part
beside them, badges that name the vendor, claims an editor verified, and the view that hides
vendors altogether."""

import re

import pytest
from django.utils import timezone

from articles.models import Claim, ClaimStatus
from tests.browser.conftest import screenshot


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_counts_badges_and_verified_claims(live_server, sample_site, open_page, viewport):
    vendor_claim = Claim.objects.filter(article__source__affiliation__slug="litestar").first()
    assert vendor_claim is not None
    checked = Claim.objects.public().filter(framework__slug="litestar").independent().first()
    checked.status, checked.verified_at = ClaimStatus.VERIFIED, timezone.now()
    checked.save()
    page, watch = open_page(viewport=viewport, javascript=True)

    # The list: independent sources first, the vendor's part named beside them.
    page.goto(f"{live_server.url}/frameworks/?q=litestar")
    card = page.locator(".fw-row", has=page.get_by_role("link", name="Litestar", exact=True))
    text = card.inner_text()
    assert re.search(r"from \d+ independent sources?", text)
    assert re.search(r"\+\d+ pros?(, \d+ cons?)? from Litestar's own blog", text)
    screenshot(page, f"trust-card-{viewport}")

    # A framework page: every claim of that source carries the badge naming it.
    page.goto(f"{live_server.url}/frameworks/litestar/")
    badges = page.get_by_text("From Litestar's own blog", exact=True)
    assert badges.count() >= 1 and badges.first.is_visible()
    page.get_by_role("link", name="Independent sources only").click()
    page.wait_for_url(re.compile(r"independent=1"))
    assert page.get_by_text("From Litestar's own blog", exact=True).count() == 0
    assert re.search(r"\d+ vendor claims? hidden", page.locator("main").inner_text())
    screenshot(page, f"trust-independent-{viewport}")

    # The claims browser: the verified claim says so, with the date, and the filter keeps it.
    page.goto(f"{live_server.url}/claims/?framework=litestar&status=verified")
    claims = page.locator("main [id^='claim-']")
    assert claims.count() == 1
    assert "✓ Verified" in claims.first.text_content()
    screenshot(page, f"trust-verified-{viewport}")
    assert watch.errors == [] and watch.dialogs == []
