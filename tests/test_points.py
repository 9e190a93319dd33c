"""Points: near-duplicate claims grouped, counted once per source, merged and split by editors."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.importing import Importer
from articles.models import Claim, ClaimKind, Point
from articles.points import PointIndex, point_key, same_point
from frameworks.models import Framework
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory, TopicFactory
from tests.test_editor_workflow import CLAIMS, act

POINTS = reverse("admin:articles_point_changelist")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zero dependencies", "No dependencies"),
        ("Partial async support", "Async support is partial"),
        ("No built-in ORM", "There is no built-in ORM"),
        ("Great documentation", "The documentation is great"),
        ("Small community", "Smaller community"),
        ("Documentazione automatica", "Documentación automática"),
        ("Django's admin is free", "The admin is free"),  # the framework's own name says nothing
    ],
)
def test_the_same_point_in_other_words(a, b):
    assert same_point(point_key(a, "", "Django"), point_key(b, "", "Django"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Fast", "Fast to learn"),  # one shared word is not a point
        ("Excellent documentation", "Documentation"),
        ("Easy to start", "Easy to deploy"),
        ("Admin for free", "Admin interface"),
        ("Django", "Django"),  # nothing but the name: nothing to match on
        ("Async support", "No async support"),
        ("Admin interface", "The admin interface is hard to customise"),
        ("Python 3.8 support", "Python 3.9 support"),
    ],
)
def test_different_points(a, b):
    assert not same_point(point_key(a, "", "Django"), point_key(b, "", "Django"))


def test_a_claim_without_a_title_is_matched_on_its_text():
    assert point_key("", "Setting up auth takes an afternoon.", "") == "setting up auth takes an afternoon"


ARTICLE = """---
title: {title}
source: {source}
date: 2025-03-01
---

# Which framework?

## Django

### Pros
- **{pro}**: {pro} is what we liked.

### Cons
- **No async ORM**: Async views are limited by the ORM.
"""


def _import(catalogue, title, source, pro):
    text = ARTICLE.format(title=title, source=source, pro=pro)
    report = Importer().import_bytes(f"{title}.md", text.encode())
    assert not report.error, report.error
    return report


def test_claims_from_several_articles_that_say_the_same_share_a_point(catalogue):
    _import(catalogue, "First", "Alpha blog", "Great documentation")
    _import(catalogue, "Second", "Beta blog", "The documentation is great")
    _import(catalogue, "Third", "Gamma blog", "Documentation for every version")
    django = Framework.objects.get(slug="django")
    pros = Claim.objects.filter(framework=django, kind=ClaimKind.PRO).order_by("article__title")
    first, second, third = pros
    assert first.point_id == second.point_id != third.point_id
    cons = set(Claim.objects.filter(framework=django, kind=ClaimKind.CON).values_list("point", flat=True))
    assert len(cons) == 1  # three articles, one con
    assert not Claim.objects.filter(point__isnull=True).exists()


def test_an_unchanged_reimport_keeps_points_and_makes_none(catalogue):
    _import(catalogue, "First", "Alpha blog", "Batteries included")
    before = dict(Claim.objects.values_list("pk", "point"))
    points = Point.objects.count()
    report = Importer().import_bytes(
        "First.md",
        ARTICLE.format(title="First", source="Alpha blog", pro="Batteries included").encode(),
        force=True,
    )
    assert report.claims_updated == 0
    assert dict(Claim.objects.values_list("pk", "point")) == before
    assert Point.objects.count() == points


def test_a_changed_claim_moves_to_the_point_it_now_makes(catalogue):
    _import(catalogue, "First", "Alpha blog", "Batteries included")
    _import(catalogue, "Second", "Beta blog", "Excellent documentation")
    _import(catalogue, "First", "Alpha blog", "Excellent documentation")  # the author rewrote it
    pros = Claim.objects.filter(kind=ClaimKind.PRO, withdrawn=False)
    assert pros.count() == 2
    assert len(set(pros.values_list("point", flat=True))) == 1


def test_saving_a_claim_gives_it_a_point_and_a_new_topic_moves_it(db):
    django = FrameworkFactory(name="Django")
    security = TopicFactory(name="Security")
    first = ClaimFactory(framework=django, title="Secure by default")
    second = ClaimFactory(framework=django, title="Secure by default")
    assert first.point_id == second.point_id is not None
    second.topic = security
    second.save()
    assert second.point_id != first.point_id
    assert second.point.topic == security


def test_a_bulk_topic_change_moves_claims_to_points_on_that_topic(editor_client):
    django = FrameworkFactory(name="Django")
    claims = [ClaimFactory(framework=django, title="Secure by default") for _ in range(2)]
    topic = TopicFactory(name="Security")
    act(editor_client, CLAIMS, "set_topic", claims, apply="1", topic=topic.pk)
    points = {c.point for c in Claim.objects.all()}
    assert len(points) == 1 and points.pop().topic == topic


def test_editors_merge_points_and_a_reimport_keeps_the_merge(editor_client, catalogue):
    _import(catalogue, "First", "Alpha blog", "Admin for free")
    _import(catalogue, "Second", "Beta blog", "An admin panel in the box")
    pros = Claim.objects.filter(kind=ClaimKind.PRO)
    points = Point.objects.filter(claims__in=pros).distinct()
    assert points.count() == 2
    response = act(editor_client, POINTS, "merge", points)
    assert response.status_code == 302, response.content.decode()
    assert len(set(pros.values_list("point", flat=True))) == 1
    assert Point.objects.filter(kind=ClaimKind.PRO).count() == 1
    assert LogEntry.objects.filter(change_message__startswith="Merged").exists()
    Importer().import_bytes(
        "Second.md",
        ARTICLE.format(title="Second", source="Beta blog", pro="An admin panel in the box").encode(),
        force=True,
    )
    assert len(set(pros.values_list("point", flat=True))) == 1


def test_points_of_different_kinds_are_not_merged(editor_client):
    django = FrameworkFactory(name="Django")
    pro = ClaimFactory(framework=django, kind=ClaimKind.PRO, title="Async")
    con = ClaimFactory(framework=django, kind=ClaimKind.CON, title="Async")
    act(editor_client, POINTS, "merge", [pro.point, con.point])
    assert Point.objects.count() == 2


def test_editors_split_claims_into_a_new_point(editor_client):
    django = FrameworkFactory(name="Django")
    claims = [
        ClaimFactory(framework=django, title="Fast", article=ArticleFactory(source=SourceFactory()))
        for _ in range(3)
    ]
    assert len({c.point_id for c in claims}) == 1
    act(editor_client, CLAIMS, "split_into_new_point", claims[:1])
    points = dict(Claim.objects.values_list("pk", "point"))
    assert points[claims[0].pk] != points[claims[1].pk] == points[claims[2].pk]
    assert LogEntry.objects.filter(change_message__startswith="Split into a new point").exists()


def test_the_points_list_counts_claims_and_sources(editor_client):
    django = FrameworkFactory(name="Django")
    source = SourceFactory()
    for _ in range(2):
        ClaimFactory(framework=django, title="Fast", article=ArticleFactory(source=source))
    ClaimFactory(framework=django, title="Fast")
    html = editor_client.get(POINTS).content.decode()
    assert "3 claims" in html
    assert ">2<" in html  # distinct sources


def test_grouping_existing_claims_in_batches(db):
    django = FrameworkFactory(name="Django")
    claims = [ClaimFactory(framework=django, title=title) for title in ("Fast", "Fast", "Slow")]
    Claim.objects.update(point=None)
    Point.objects.all().delete()
    fresh = list(Claim.objects.order_by("pk"))
    changed = PointIndex().assign(fresh)
    assert len(changed) == 3
    assert fresh[0].point_id == fresh[1].point_id != fresh[2].point_id
    assert [c.pk for c in fresh] == [c.pk for c in claims]
