"""The home page: what the guide is, its numbers, and ways in."""

import json
from pathlib import Path

from django.urls import reverse

from articles.models import ClaimKind
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory, TopicFactory
from tests.query_budget import assert_query_budget
from tests.test_frameworks_pages import populate

HOME = reverse("home")


def test_home_explains_and_counts(client, catalogue):
    ClaimFactory(framework=FrameworkFactory(name="Elsewhere", kind="resource"))
    ClaimFactory(framework=FrameworkFactory(name="Imported", needs_review=True))
    ClaimFactory(framework=FrameworkFactory(name="Accepted"))
    response = client.get(HOME)
    page = response.content.decode()
    assert response.status_code == 200
    assert "links back to the article" in page
    # The catalogue and the accepted one; resources and frameworks awaiting review are not counted,
    # nor their claims.
    catalogue_frameworks = sum(
        1
        for row in json.loads(Path("fixtures/frameworks.json").read_text())
        if row["model"] == "frameworks.framework" and row["fields"]["kind"] != "resource"
    )
    assert response.context["framework_count"] == catalogue_frameworks + 1
    assert response.context["claim_count"] == 1
    assert f"{reverse('frameworks:compare')}?frameworks=django,flask,fastapi" in page
    assert 'Django <span class="vs">vs</span> Flask' in page
    assert '<link rel="canonical" href="http://testserver/">' in page


def test_latest_articles_and_most_contested(client, db):
    django = FrameworkFactory(name="Django", slug="django")
    scalability = TopicFactory(name="Scalability", slug="scalability")
    one, two = SourceFactory(), SourceFactory()
    ClaimFactory(framework=django, topic=scalability, article=ArticleFactory(source=one, title="Scale up"))
    ClaimFactory(
        framework=django,
        topic=scalability,
        kind=ClaimKind.CON,
        article=ArticleFactory(source=two, title="Monolith blues"),
    )
    # One source arguing both ways is not a dispute.
    lone = ArticleFactory(source=one)
    ClaimFactory(framework=django, topic=TopicFactory(name="Docs"), article=lone)
    page = client.get(HOME).content.decode()
    assert "Scale up" in page and "Monolith blues" in page
    assert "/frameworks/django/#topic-scalability" in page
    assert "Docs</a>" not in page


def test_home_has_a_fixed_query_budget(client, db):
    frameworks, _topics, _source = populate(5)
    assert_query_budget(client, [HOME], lambda: populate(50, anchor=frameworks[0]), cold=6, warm=0)
