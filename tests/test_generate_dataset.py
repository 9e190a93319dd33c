"""The benchmark dataset generator: realistic shape, deterministic, pages render on it."""

import hashlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import F

from articles.models import Article, Claim, ClaimKind, ClaimStatus, Source
from articles.search import search
from frameworks.models import Framework, FrameworkAlias, FrameworkKind
from guide.markdown import render_markdown

pytestmark = pytest.mark.django_db


def generate(**options):
    call_command("generate_dataset", scale=0.05, seed=11, verbosity=0, **options)


def digest() -> str:
    rows = Claim.objects.order_by("article__slug", "position").values_list(
        "article__slug", "framework__slug", "kind", "topic__slug", "title", "text", "status", "line"
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def test_counts_follow_the_scale():
    generate()
    assert Framework.objects.count() == 15
    assert Source.objects.count() == 3  # the minimum
    assert Article.objects.count() == 150
    assert Claim.objects.count() == 3000


def test_realistic_shape():
    call_command("generate_dataset", scale=0.2, seed=11, verbosity=0)
    assert Framework.objects.filter(kind=FrameworkKind.RESOURCE).count() == 6
    assert FrameworkAlias.objects.exists()
    assert Source.objects.affiliated().exists()
    assert Claim.objects.vendor().exists()
    assert Claim.objects.public().contested().exists()
    assert Claim.objects.stale().exists()
    assert set(Claim.objects.values_list("kind", flat=True)) == set(ClaimKind.values)
    assert set(Claim.objects.values_list("status", flat=True)) == set(ClaimStatus.values)
    assert Claim.objects.filter(withdrawn=True).exists()
    assert Claim.objects.values("topic").distinct().count() > 20


def test_derived_fields_are_set():
    generate()
    article = Article.objects.order_by("pk").first()
    assert article.body_html == render_markdown(article.body)
    claim = article.claims.order_by("position").first()
    assert claim.title in article.original_text.split("\n")[claim.line - 1]
    # Every claim makes a point, shared with the claims that say the same about the same place.
    assert not Claim.objects.filter(point__isnull=True).exists()
    assert Claim.objects.values("point").distinct().count() < Claim.objects.count()
    mismatched = Claim.objects.exclude(point__framework=F("framework")) | Claim.objects.exclude(
        point__kind=F("kind")
    )
    assert not mismatched.exists()
    framework = Framework.objects.exclude(description="").order_by("pk").last()
    assert framework.description_html == render_markdown(framework.description)


def test_same_seed_same_data():
    generate()
    first = digest()
    generate(flush=True)
    assert digest() == first


def test_refuses_to_mix_with_existing_content():
    generate()
    with pytest.raises(CommandError, match="--flush"):
        generate()


def test_pages_render_on_it(client):
    generate()
    framework = Framework.objects.frameworks().order_by("pk").first()
    article = Article.objects.published().order_by("pk").first()
    for url in [
        "/",
        "/frameworks/",
        framework.get_absolute_url(),
        article.get_absolute_url(),
        "/search/?q=api",
    ]:
        assert client.get(url).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search indexes are PostgreSQL's")
def test_the_search_indexes_are_built_again_after_the_load():
    def search_indexes():
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%search%"])
            return sorted(name for (name,) in cursor.fetchall())

    before = search_indexes()
    generate()
    assert search_indexes() == before and len(before) == 2
    assert search("throughput").claims or search("fast").claims
