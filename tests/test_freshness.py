"""Possibly stale: a major release of the framework since the article, or an article over three
years old, and a mark that says which."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Claim
from frameworks.freshness import Release, major_releases, reason, stale_reason, years_before
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    FrameworkFactory,
    MajorReleaseFactory,
    SourceFactory,
    TopicFactory,
)
from tests.query_budget import assert_query_budget

TODAY = datetime.date(2026, 12, 1)
DJANGO_5 = Release("Django", "5.0", datetime.date(2023, 12, 4))


# ------------------------------------------------------------------------------------------
# The mark's words


def test_a_release_since_names_itself_and_counts_the_rest():
    assert (
        stale_reason(DJANGO_5, 1, datetime.date(2023, 6, 1), TODAY) == "written before Django 5.0, Dec 2023"
    )
    assert stale_reason(DJANGO_5, 2, datetime.date(2023, 6, 1), TODAY) == (
        "written before Django 5.0, Dec 2023 (1 more major release since)"
    )
    assert stale_reason(DJANGO_5, 3, datetime.date(2023, 6, 1), TODAY).endswith(
        "(2 more major releases since)"
    )


def test_without_a_release_an_article_is_stale_after_three_years():
    assert stale_reason(None, 0, datetime.date(2023, 11, 30), TODAY) == "more than three years old (Nov 2023)"
    assert stale_reason(None, 0, datetime.date(2023, 12, 1), TODAY) is None  # exactly three years
    assert stale_reason(None, 0, datetime.date(2024, 12, 20), TODAY) is None
    assert stale_reason(None, 0, None, TODAY) is None  # undated: nothing says how old it is


def test_three_years_before_a_leap_day():
    assert years_before(datetime.date(2028, 2, 29), 3) == datetime.date(2025, 2, 28)


# ------------------------------------------------------------------------------------------
# The rule on the claims a page loads and the rule as a filter agree


@pytest.fixture
def releases(db):
    django = FrameworkFactory(name="Django", slug="django")
    flask = FrameworkFactory(name="Flask", slug="flask")
    for version, day in (("4.0", (2021, 12, 7)), ("5.0", (2023, 12, 4)), ("6.0", (2025, 12, 3))):
        MajorReleaseFactory(framework=django, version=version, released=datetime.date(*day))
    MajorReleaseFactory(framework=flask, version="3.0", released=datetime.date(2023, 9, 30))
    MajorReleaseFactory(framework=flask, version="4.0", released=datetime.date(2027, 5, 1))  # announced
    return django, flask


def claim_on(framework, published):
    return ClaimFactory(framework=framework, article=ArticleFactory(published=published))


def reasons(today=TODAY):
    releases = major_releases()
    claims = Claim.objects.select_related("article")
    return {c.pk: reason(releases.get(c.framework_id, []), c.article.published, today) for c in claims}


def test_claims_loaded_with_freshness_carry_their_reason(releases, monkeypatch):
    django, _flask = releases
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: TODAY)
    claim = claim_on(django, datetime.date(2024, 12, 20))
    assert (
        Claim.objects.with_freshness().get(pk=claim.pk).stale_reason == "written before Django 6.0, Dec 2025"
    )
    assert Claim.objects.get(pk=claim.pk).stale_reason is None  # not asked for: never guessed


def test_each_claim_names_the_first_release_its_article_missed(releases):
    django, flask = releases
    before_5 = claim_on(django, datetime.date(2023, 6, 1))
    before_6 = claim_on(django, datetime.date(2024, 12, 20))
    after_6 = claim_on(django, datetime.date(2026, 1, 20))
    on_release_day = claim_on(django, datetime.date(2025, 12, 3))
    flask_old = claim_on(flask, datetime.date(2023, 2, 20))
    flask_recent = claim_on(flask, datetime.date(2025, 3, 2))  # Flask 4.0 is not out yet
    found = reasons()
    assert found[before_5.pk] == "written before Django 5.0, Dec 2023 (1 more major release since)"
    assert found[before_6.pk] == "written before Django 6.0, Dec 2025"
    assert found[after_6.pk] is None
    assert found[on_release_day.pk] is None  # written the day it came out: not before it
    assert found[flask_old.pk] == "written before Flask 3.0, Sep 2023"
    assert found[flask_recent.pk] is None


def test_the_filter_and_the_marks_agree_on_random_dates(releases):
    rng = random.Random(13)
    other = FrameworkFactory(name="Bottle")  # no releases: only age counts
    for _ in range(60):
        framework = rng.choice([*releases, other])
        published = None if rng.random() < 0.1 else TODAY - datetime.timedelta(days=rng.randint(0, 2500))
        claim_on(framework, published)
    marked = {pk for pk, reason in reasons().items() if reason}
    assert set(Claim.objects.stale(TODAY).values_list("pk", flat=True)) == marked
    assert 0 < len(marked) < Claim.objects.count()


# ------------------------------------------------------------------------------------------
# What readers see


def test_the_framework_page_api_and_lists_say_why(client, releases):
    django, _flask = releases
    topic = TopicFactory()
    source = SourceFactory(name="Independent blog")
    article = ArticleFactory(
        source=source, published=datetime.date(2024, 12, 20), title="Picking a framework"
    )
    claim = ClaimFactory(framework=django, article=article, topic=topic, title="Admin for free")
    reason = "written before Django 6.0, Dec 2025"

    page = client.get(django.get_absolute_url()).content.decode()
    assert f"Possibly stale: {reason}" in page
    body = client.get(reverse("api:framework", args=["django"])).json()
    assert body["claims"][0]["stale"] and body["claims"][0]["stale_reason"] == reason
    for url in (
        reverse("articles:claims"),
        source.get_absolute_url(),
        reverse("articles:search") + "?q=admin",
    ):
        assert f"Possibly stale: {reason}" in client.get(url).content.decode(), url
    # On the article, once above the framework's claims.
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count(f"Possibly stale: {reason}") == 1 and f"claim-{claim.pk}" in html


def test_recent_claims_carry_no_mark(client, releases):
    django, _flask = releases
    ClaimFactory(framework=django, article=ArticleFactory(published=datetime.date(2026, 1, 20)))
    assert "Possibly stale" not in client.get(django.get_absolute_url()).content.decode()
    assert client.get(reverse("api:framework", args=["django"])).json()["claims"][0]["stale_reason"] is None


def test_editors_filter_stale_claims_and_see_topics_with_only_stale_claims(editor_client, releases):
    django, _flask = releases
    topic = TopicFactory(name="Async")
    old = ClaimFactory(
        framework=django, topic=topic, article=ArticleFactory(published=datetime.date(2024, 1, 5))
    )
    changelist = reverse("admin:articles_claim_changelist")
    html = editor_client.get(changelist, {"evidence": "stale"}).content.decode()
    assert f"/admin/articles/claim/{old.pk}/change/" in html
    coverage = editor_client.get(reverse("admin:coverage")).content.decode()
    assert f"topic__id__exact={topic.pk}&amp;evidence=stale" in coverage


def test_a_merge_keeps_the_duplicates_releases_the_framework_lacks(db):
    from frameworks.merging import merge_frameworks

    dash, duplicate = FrameworkFactory(name="Dash"), FrameworkFactory(name="Plotly Dash")
    MajorReleaseFactory(framework=dash, version="3.0", released=datetime.date(2025, 3, 17))
    MajorReleaseFactory(framework=duplicate, version="3.0", released=datetime.date(2025, 3, 1))
    MajorReleaseFactory(framework=duplicate, version="2.0", released=datetime.date(2021, 8, 3))
    merge_frameworks(duplicate, dash)
    kept = dash.major_releases.values_list("version", "released")
    assert list(kept) == [("2.0", datetime.date(2021, 8, 3)), ("3.0", datetime.date(2025, 3, 17))]


# ------------------------------------------------------------------------------------------
# Fixtures, and the figures they give


def test_every_release_in_the_fixture_is_a_catalogue_framework(db):
    call_command("loaddata", "fixtures/frameworks.json", "fixtures/releases.json", verbosity=0)
    from frameworks.models import MajorRelease

    assert MajorRelease.objects.filter(framework__slug="django", version="5.0").get().released == (
        datetime.date(2023, 12, 4)
    )
    assert all(r.notes_url.startswith("https://") for r in MajorRelease.objects.all())


# ------------------------------------------------------------------------------------------
# Query counts: marking costs no query, however many releases and frameworks a page shows


def grow(size):
    frameworks = FrameworkFactory.create_batch(size)
    source = SourceFactory()
    for index, framework in enumerate(frameworks):
        MajorReleaseFactory(framework=framework)
        MajorReleaseFactory(framework=framework)
        article = ArticleFactory(source=source)
        for other in (framework, frameworks[0], frameworks[(index + 1) % size]):
            ClaimFactory(framework=other, article=article, title="Stale or not")
    return frameworks, source


def test_pages_with_marks_have_a_fixed_query_budget(client, db):
    frameworks, source = grow(3)
    first = frameworks[0]
    article = Claim.objects.filter(framework=first).first().article
    urls = [source.get_absolute_url(), article.get_absolute_url()]
    # Cold, each also reads the major releases, once per content change.
    assert_query_budget(client, urls, lambda: grow(12), cold=7, warm=6)
    # The claims browser reads its page of claims as ids, then the rows it has not rendered yet.
    assert_query_budget(client, [reverse("articles:claims")], lambda: grow(12), cold=8, warm=6)
    urls = [first.get_absolute_url(), reverse("api:framework", args=[first.slug])]
    assert_query_budget(client, urls, lambda: grow(12), cold=7, warm=6)
