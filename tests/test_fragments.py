"""Parts of pages remembered per content version ({% remember %}, the list's rows): served again
without rendering, replaced by any change to the content, kept apart by their keys and by day."""

from datetime import date

from django.db import connection
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import ClaimStatus
from frameworks.models import Framework
from guide import fragments
from guide.caching import content_changed
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory

TEMPLATE = "{% load remember %}{% remember greeting who %}Hello {{ who }} {{ seen.count }}{% endremember %}"


class Counter:
    """Counts how often the fragment was rendered."""

    def __init__(self):
        self.renders = 0

    @property
    def count(self):
        self.renders += 1
        return self.renders


def render(who: str, seen: Counter) -> str:
    return engines["django"].from_string(TEMPLATE).render({"who": who, "seen": seen})


def test_a_fragment_is_rendered_once_per_content_version_and_key(db):
    seen = Counter()
    assert render("Ada", seen) == render("Ada", seen) == "Hello Ada 1"
    assert render("Bob", seen) == "Hello Bob 2"  # another key, its own fragment
    content_changed()
    assert render("Ada", seen) == "Hello Ada 3"


def test_a_fragment_is_rendered_again_the_next_day(db, monkeypatch):
    seen = Counter()
    render("Ada", seen)
    monkeypatch.setattr(fragments.timezone, "localdate", lambda: date(2999, 1, 1))
    assert render("Ada", seen) == "Hello Ada 2"  # claims may have turned stale overnight


def test_remembered_parts_of_pages_follow_every_change(client, db):
    claim = ClaimFactory(title="Batteries included")
    framework, article = claim.framework, claim.article
    ClaimFactory(framework=framework, article=article, title="Small core")
    pages = [f"/frameworks/{framework.slug}/", f"/articles/{article.slug}/", "/frameworks/"]
    for url in pages[:2]:
        assert "Batteries included" in client.get(url).content.decode()
    client.get(pages[2])
    framework.name = "Renamedframe"
    framework.save()
    claim.status = ClaimStatus.REJECTED
    claim.save()
    for url in pages:
        page = client.get(url).content.decode()
        assert "Batteries included" not in page and "Renamedframe" in page


def test_the_list_reads_its_rows_in_one_cache_call_and_renders_only_new_ones(client, db, monkeypatch):
    from frameworks import views

    for n in range(3):
        ClaimFactory(framework=FrameworkFactory(name=f"Listed {n}"), article=ArticleFactory())
    client.get("/frameworks/")
    rendered = []
    real = views.render_to_string
    monkeypatch.setattr(views, "render_to_string", lambda name, ctx: rendered.append(ctx) or real(name, ctx))
    client.get("/frameworks/?sort=sources")  # the same frameworks, in another order
    assert rendered == []
    FrameworkFactory(name="Listed new")  # a change: every row is rendered again, once
    client.get("/frameworks/")
    assert sorted(ctx["framework"].name for ctx in rendered) == sorted(
        Framework.objects.frameworks().values_list("name", flat=True)
    )


def test_an_editors_preview_is_not_remembered_for_readers(editor_client, db):
    framework = FrameworkFactory(name="Unreviewed", slug="unreviewed", needs_review=True)
    assert editor_client.get(framework.get_absolute_url()).status_code == 200
    assert Client().get(framework.get_absolute_url()).status_code == 404  # after the editor's visit


def test_a_remembered_article_page_reads_nothing_from_the_database(client, db):
    article = ArticleFactory()
    ClaimFactory.create_batch(3, article=article)
    first = client.get(article.get_absolute_url()).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(article.get_absolute_url()).content.decode()
    assert len(queries) == 0, [q["sql"] for q in queries.captured_queries]
    assert again == first and "3 claims" in again
