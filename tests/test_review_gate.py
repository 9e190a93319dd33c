"""Review is a gate: what an import created, or a held source said, waits for an editor; readers
see which claims an editor verified, and when."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.importing import Importer
from articles.models import Claim, ClaimStatus
from frameworks.models import CAPABILITIES, Framework, FrameworkKind
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory, TopicFactory
from tests.query_budget import assert_query_budget

ARTICLE = """---
title: Small cores
source: Gate Blog
date: 2025-03-01
---

## ZephyrWeb

Pros:
- **Tiny zephyr core**: starts fast.

## Flask

Pros:
- **Small flask core**: easy to learn.
"""


@pytest.fixture
def imported(catalogue):
    """An article about a catalogue framework and one the import creates (awaiting review)."""
    Importer().import_bytes("gate.md", ARTICLE.encode())
    created = Framework.objects.get(name="ZephyrWeb")
    assert created.needs_review
    return created


def staff_client(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    return client


def test_a_framework_an_import_created_is_off_every_public_page_until_accepted(client, imported):
    hidden = Claim.objects.get(title="Tiny zephyr core")
    article = hidden.article
    pages = {
        "list": reverse("frameworks:list") + "?q=zephyr",
        "article": article.get_absolute_url(),
        "claims": reverse("articles:claims"),
        "search": reverse("articles:search") + "?q=zephyr",
        "sitemap": reverse("sitemap"),
        "home": reverse("home"),
        "source": article.source.get_absolute_url(),
    }
    assert client.get(imported.get_absolute_url()).status_code == 404

    def shown(name):
        html = client.get(pages[name]).content.decode()
        return imported.get_absolute_url() in html or f'id="claim-{hidden.pk}"' in html

    assert not any(shown(name) for name in pages)
    for name in ("article", "claims", "source"):
        assert "Small flask core" in client.get(pages[name]).content.decode(), name
    compare = client.get(reverse("frameworks:compare"), {"frameworks": f"flask,{imported.slug}"})
    assert [u.name for u in compare.context["comparison"].unknown] == [imported.slug]
    home = client.get(reverse("home")).context
    assert home["framework_count"] == Framework.objects.frameworks().public().count()
    assert home["claim_count"] == 1

    imported.needs_review = False
    imported.save()
    assert client.get(imported.get_absolute_url()).status_code == 200
    assert all(shown(name) for name in ("list", "article", "claims", "search", "sitemap", "source"))
    assert client.get(reverse("home")).context["claim_count"] == 2


def test_staff_preview_a_framework_before_accepting_it(db, imported, django_user_model):
    response = staff_client(django_user_model).get(imported.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview:" in html and "Tiny zephyr core" in html
    assert reverse("admin:frameworks_framework_change", args=[imported.pk]) in html


def test_the_api_lists_every_framework_with_reviewed_and_keeps_their_claims(client, imported):
    results = client.get(reverse("api:frameworks")).json()["results"]
    reviewed = {item["slug"]: item["reviewed"] for item in results}
    assert reviewed[imported.slug] is False and reviewed["flask"] is True
    detail = client.get(reverse("api:framework", args=[imported.slug]))
    assert detail.status_code == 200
    data = detail.json()
    assert data["reviewed"] is False
    assert [c["title"] for c in data["claims"]] == ["Tiny zephyr core"]
    assert data["claims"][0]["verified_at"] is None
    article = client.get(reverse("api:article", args=[data["claims"][0]["article"]["slug"]])).json()
    assert article["claims_count"] == 2 and imported.slug in article["frameworks"]


def test_resources_are_in_no_total_and_not_in_the_sitemap(client, db):
    FrameworkFactory(name="Flask", slug="flask")
    pypi = FrameworkFactory(name="PyPI", slug="pypi", kind=FrameworkKind.RESOURCE, tagline="Packages")
    ClaimFactory(framework=pypi, title="Many packages")
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert "/frameworks/flask/" in sitemap and "/frameworks/pypi/" not in sitemap
    home = client.get(reverse("home")).context
    assert (home["framework_count"], home["claim_count"]) == (1, 0)
    search = client.get(reverse("articles:search"), {"q": "pypi packages"}).context["results"]
    assert search.framework_count == 0
    assert client.get(pypi.get_absolute_url()).status_code == 200  # still a page


def test_a_held_source_shows_only_its_verified_claims(client, db):
    held = SourceFactory(name="Doubtful Blog", hold_for_review=True)
    framework = FrameworkFactory(name="Flask", slug="flask")
    article = ArticleFactory(source=held)
    waiting = ClaimFactory(article=article, framework=framework, title="Waiting claim")
    checked = ClaimFactory(
        article=article, framework=framework, title="Checked claim", status=ClaimStatus.VERIFIED
    )
    pages = [
        article.get_absolute_url(),
        framework.get_absolute_url(),
        reverse("articles:claims"),
        held.get_absolute_url(),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Checked claim" in html and "Waiting claim" not in html, url
    found = client.get(reverse("articles:search"), {"q": "checked"}).context["results"].claims
    assert [claim.pk for claim in found] == [checked.pk]
    assert client.get(reverse("articles:search"), {"q": "waiting"}).context["results"].claims == []
    api = client.get(reverse("api:framework", args=["flask"])).json()
    assert [c["id"] for c in api["claims"]] == [checked.pk]
    assert client.get(reverse("home")).context["claim_count"] == 1
    assert set(Claim.objects.public()) == {checked}
    assert list(Claim.objects.awaiting_review().held()) == [waiting]


def test_verifying_sets_the_date_and_un_verifying_clears_it(editor_client):
    claims = ClaimFactory.create_batch(2)
    url = reverse("admin:articles_claim_changelist")

    def act(action, objects):
        editor_client.post(url, {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects]})

    act("verify", claims)
    stamped = dict(Claim.objects.values_list("pk", "verified_at"))
    assert all(abs(when - timezone.now()) < datetime.timedelta(minutes=1) for when in stamped.values())
    act("reject", claims[:1])
    assert Claim.objects.get(pk=claims[0].pk).verified_at is None
    assert Claim.objects.get(pk=claims[1].pk).verified_at == stamped[claims[1].pk]

    # One at a time, in the change form: set when verified, kept while verified, cleared after.
    claim = Claim.objects.get(pk=claims[0].pk)
    change = reverse("admin:articles_claim_change", args=[claim.pk])

    def save(**changes):
        claim.refresh_from_db()
        data = {
            "framework": claim.framework_id, "kind": claim.kind, "topic": "", "title": claim.title,
            "text": claim.text, "status": claim.status, "article": claim.article_id,
            "expected_version": claim.version, **changes,
        }  # fmt: skip
        assert editor_client.post(change, data).status_code == 302
        claim.refresh_from_db()

    save(status=ClaimStatus.VERIFIED)
    first = claim.verified_at
    assert first is not None
    save(text="Edited while verified.")
    assert claim.verified_at == first
    save(status=ClaimStatus.IMPORTED)
    assert claim.verified_at is None


def test_readers_see_when_a_claim_was_verified_and_can_filter_to_verified(client, db):
    framework = FrameworkFactory(name="Flask", slug="flask")
    when = timezone.make_aware(datetime.datetime(2025, 6, 3, 12, 0))
    article = ArticleFactory()
    checked = ClaimFactory(
        framework=framework, article=article, title="Checked claim", status=ClaimStatus.VERIFIED
    )
    Claim.objects.filter(pk=checked.pk).update(verified_at=when)
    ClaimFactory(framework=framework, article=article, title="Unchecked claim")

    for url in (reverse("articles:claims"), framework.get_absolute_url(), checked.article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert '✓ Verified <time datetime="2025-06-03">3 Jun 2025</time>' in html, url
        assert "Unchecked claim" in html

    for url in (reverse("articles:claims"), framework.get_absolute_url()):
        html = client.get(url, {"status": "verified"}).content.decode()
        assert "Checked claim" in html and "Unchecked claim" not in html, url


def test_the_framework_page_toggles_keep_each_other(client, db):
    framework = FrameworkFactory(name="Flask", slug="flask")
    ClaimFactory(framework=framework)
    html = client.get(framework.get_absolute_url(), {"status": "verified"}).content.decode()
    assert 'href="/frameworks/flask/?independent=1&amp;status=verified"' in html
    assert 'href="/frameworks/flask/">Show every claim' in html
    assert "No editor has verified a claim about Flask yet" in html
    html = client.get(framework.get_absolute_url(), {"independent": "1"}).content.decode()
    assert 'href="/frameworks/flask/?independent=1&amp;status=verified">Verified by an editor only' in html


def test_the_verified_framework_page_has_a_fixed_query_budget(client, db):
    framework = FrameworkFactory(name="Flask", slug="flask")
    topic = TopicFactory()

    def grow(n):
        for _ in range(n):
            ClaimFactory(framework=framework, topic=topic, status=ClaimStatus.VERIFIED)
            ClaimFactory(framework=framework, topic=topic)

    grow(3)
    url = framework.get_absolute_url() + "?status=verified"
    # Cold, also the major releases that mark claims possibly stale, remembered.
    assert_query_budget(client, [url], lambda: grow(30), cold=7, warm=6)


def test_admin_claim_counts_follow_the_public_rule(editor_client):
    framework = FrameworkFactory(name="Counted")
    ClaimFactory(framework=framework)
    ClaimFactory(framework=framework, article=ArticleFactory(draft=True))
    ClaimFactory(framework=framework, status=ClaimStatus.REJECTED)
    ClaimFactory(framework=framework, article=ArticleFactory(source=SourceFactory(hold_for_review=True)))
    imported = FrameworkFactory(name="Imported", needs_review=True)
    ClaimFactory(framework=imported)
    changelist = editor_client.get(reverse("admin:frameworks_framework_changelist"))
    counts = {f.name: f.public_claim_count for f in changelist.context["cl"].result_list}
    assert counts == {"Counted": 1, "Imported": 1}  # what readers see, or will once it is accepted


def test_editors_accept_frameworks_from_the_list_or_the_form(editor_client):
    listed, formed = FrameworkFactory(needs_review=True), FrameworkFactory(needs_review=True)
    changelist = reverse("admin:frameworks_framework_changelist")
    editor_client.post(changelist, {"action": "accept", ACTION_CHECKBOX_NAME: [listed.pk]})
    listed.refresh_from_db()
    assert not listed.needs_review

    change = reverse("admin:frameworks_framework_change", args=[formed.pk])
    assert "Save and accept" in editor_client.get(change).content.decode()
    data = {
        "name": formed.name, "slug": formed.slug, "kind": formed.kind, "tagline": formed.tagline,
        "needs_review": "on", "description": "", "interface": "", "expected_version": formed.version,
        "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0, "_accept": "1",
        "major_releases-TOTAL_FORMS": 0, "major_releases-INITIAL_FORMS": 0,
        **{name: "unknown" for name, _label in CAPABILITIES},
    }  # fmt: skip
    response = editor_client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    formed.refresh_from_db()
    assert not formed.needs_review
    assert "Save and accept" not in editor_client.get(change).content.decode()
