"""Migration 0015: claims imported before topics and titles were read as they are now get what a
re-import would give them, and move to the point they then make; editors' decisions stand."""

import importlib

import pytest
from django.apps import apps

from articles.importing import Importer
from articles.models import Claim, ClaimStatus, Point
from articles.points import PointIndex
from frameworks.models import Topic

MIGRATION = importlib.import_module("articles.migrations.0017_claims_refiled_and_retitled")

ARTICLE = b"""---
title: Three frameworks, topic by topic
source: Harbour Notes
---
## Speed

### Flask

Pros:
- The request path stays short, so a plain endpoint answers quickly on a small server.

### Django

Cons:
- Every request walks through a long chain of middleware classes on its way in.

## Who should pick what

### Django

Pros:
- **Target audience**: teams that want a secure admin on day one
"""


@pytest.fixture
def imported(catalogue):
    Importer().import_bytes("topic-by-topic.md", ARTICLE)
    return {
        claim.framework.name + "/" + claim.kind: claim for claim in Claim.objects.select_related("framework")
    }


def as_the_old_importer_left_it(claim, title, topic):
    claim.title = claim.imported_title = title
    claim.topic = topic
    claim.save()  # regroups it, as imports did


def test_claims_get_the_topic_and_title_a_reimport_gives_them(imported):
    flask, django = imported["Flask/pro"], imported["Django/con"]
    assert (flask.topic.slug, flask.title) == ("performance", "The request path stays short")
    old_points = set()
    for claim in (flask, django):
        as_the_old_importer_left_it(claim, claim.text[:50] + "…", None)
        old_points.add(claim.point_id)

    MIGRATION.refile(apps, None)

    flask.refresh_from_db()
    django.refresh_from_db()
    assert (flask.topic.slug, flask.title, flask.imported_title) == ("performance", *[flask.title] * 2)
    assert flask.title == "The request path stays short"
    assert django.topic.slug == "performance" and django.title == ""  # the text says it, once
    assert flask.point.topic_id == flask.topic_id and django.point.topic_id == django.topic_id
    assert not Point.objects.filter(pk__in=old_points).exists()  # emptied points are gone
    assert Importer().import_bytes("topic-by-topic.md", ARTICLE, force=True).claims_updated == 0


def test_an_editors_topic_and_title_stand(imported):
    audience = imported["Django/summary"]
    security = Topic.objects.get(slug="security")
    audience.title, audience.topic, audience.edited = "Secure admin from day one", security, True
    audience.imported_title = "Target audience…"
    audience.status = ClaimStatus.VERIFIED
    audience.save()

    MIGRATION.refile(apps, None)

    audience.refresh_from_db()
    assert (audience.title, audience.topic) == ("Secure admin from day one", security)
    assert audience.imported_title == "Target audience"  # what the importer reads, for re-imports
    report = Importer().import_bytes("topic-by-topic.md", ARTICLE, force=True)
    assert report.conflicts == []


def test_shipped_keywords_lose_the_misleading_words_editors_kept_keywords_stay(imported):
    shipped, word = MIGRATION.SHIPPED["ml-integration"]
    Topic.objects.filter(slug="ml-integration").update(keywords=shipped)
    Topic.objects.filter(slug="typing-validation").update(keywords="types, our own list")

    MIGRATION.refile(apps, None)

    assert word not in Topic.objects.get(slug="ml-integration").keywords.split(", ")
    assert Topic.objects.get(slug="typing-validation").keywords == "types, our own list"


def test_a_claim_whose_article_cannot_be_read_again_is_filed_from_its_own_words(imported):
    flask = imported["Flask/pro"]
    flask.article.original_text = ""
    flask.article.save()
    as_the_old_importer_left_it(flask, "Caching keeps every page fast under load…", None)
    flask.text = flask.imported_text = "Caching keeps every page fast under load, even on a small server."
    flask.save()
    PointIndex().assign([flask])

    MIGRATION.refile(apps, None)

    flask.refresh_from_db()
    assert (flask.topic.slug, flask.title) == ("performance", "Caching keeps every page fast under load")


def test_performance_loses_lightweight_where_its_keywords_are_as_shipped(db):
    migration = importlib.import_module("frameworks.migrations.0007_lightweight_is_not_performance")
    topic, _ = Topic.objects.update_or_create(slug="performance", defaults={"keywords": migration.SHIPPED})
    migration.drop_lightweight(apps, None)
    topic.refresh_from_db()
    assert "lightweight" not in topic.keywords and "overhead" in topic.keywords
    Topic.objects.filter(pk=topic.pk).update(keywords="lightweight, speed")  # an editor's words stay
    migration.drop_lightweight(apps, None)
    topic.refresh_from_db()
    assert topic.keywords == "lightweight, speed"
