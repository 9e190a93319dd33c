"""Every admin page loads for an editor, with the same number of queries at any data size."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from articles.models import Claim
from frameworks.roles import EDITORS, SENIOR_EDITORS
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    ClaimFactory,
    FrameworkFactory,
    SourceFactory,
    TopicFactory,
)
from tests.query_budget import assert_query_budget

MODELS = ["frameworks.framework", "frameworks.topic", "articles.source", "articles.article", "articles.claim"]
QUERY_BUDGET = 25


def populate(size):
    topics = TopicFactory.create_batch(3)
    frameworks = FrameworkFactory.create_batch(size)
    for framework in frameworks:
        AliasFactory(framework=framework)
    sources = SourceFactory.create_batch(2, affiliation=frameworks[0])
    for index in range(size):
        article = ArticleFactory(source=sources[index % 2])
        for framework in frameworks[:3]:
            ClaimFactory(article=article, framework=framework, topic=topics[index % 3])
    return frameworks[0]


def urls_for(model):
    app, name = model.split(".")
    from django.apps import apps

    obj = apps.get_model(app, name).objects.order_by("pk").first()
    return [
        reverse(f"admin:{app}_{name}_changelist"),
        reverse(f"admin:{app}_{name}_add"),
        reverse(f"admin:{app}_{name}_change", args=[obj.pk]),
    ]


@pytest.mark.parametrize("model", MODELS)
def test_admin_pages_have_a_fixed_query_budget(editor_client, model):
    populate(3)
    assert_query_budget(
        editor_client, urls_for(model), lambda: populate(12), cold=QUERY_BUDGET, warm=QUERY_BUDGET
    )


def test_search_and_filters_work(editor_client):
    framework = populate(3)
    response = editor_client.get(
        reverse("admin:frameworks_framework_changelist"), {"q": framework.aliases.first().name}
    )
    assert framework.name in response.content.decode()
    response = editor_client.get(reverse("admin:articles_claim_changelist"), {"status__exact": "imported"})
    assert response.status_code == 200


def test_editing_a_claim_in_the_admin_marks_it_edited(editor_client):
    claim = ClaimFactory()
    url = reverse("admin:articles_claim_change", args=[claim.pk])
    form = {
        "framework": claim.framework_id,
        "kind": claim.kind,
        "topic": "",
        "title": claim.title,
        "text": "Rewritten by an editor.",
        "status": claim.status,
        "article": claim.article_id,
        "expected_version": claim.version,
    }
    response = editor_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    claim.refresh_from_db()
    assert claim.edited and claim.text == "Rewritten by an editor."


def test_editors_group_has_content_permissions_only(editor):
    permissions = editor.get_all_permissions()
    for codename in ("change_claim", "add_article", "change_framework", "change_source", "view_topic"):
        assert any(p.endswith(codename) for p in permissions), codename
    assert not any(p.startswith("auth.") for p in permissions)
    assert "articles.change_affiliation" not in permissions


def test_senior_editors_manage_users_and_affiliations(senior_editor):
    permissions = senior_editor.get_all_permissions()
    assert {"auth.change_user", "auth.add_group", "articles.change_affiliation"} <= permissions


def test_roles_are_idempotent(db):
    from frameworks.roles import ensure_roles

    before = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    ensure_roles()
    ensure_roles()
    after = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert before == after and {EDITORS, SENIOR_EDITORS} <= set(after)


def test_only_senior_editors_can_change_a_source_affiliation(client, editor, senior_editor):
    source = SourceFactory()
    url = reverse("admin:articles_source_change", args=[source.pk])
    client.force_login(editor)
    assert 'name="affiliation"' not in client.get(url).content.decode()
    client.force_login(senior_editor)
    assert 'name="affiliation"' in client.get(url).content.decode()


def test_editors_cannot_open_user_admin(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_markdown_preview_needs_staff_and_sanitises(editor_client):
    url = reverse("markdownx_markdownify")
    assert Client().post(url, {"content": "**x**"}).status_code == 302
    response = editor_client.post(url, {"content": "**x** <script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<strong>x</strong>" in response.content.decode() and "<script" not in response.content.decode()


def test_claim_inline_on_article_lists_its_claims(editor_client):
    claim = ClaimFactory()
    response = editor_client.get(reverse("admin:articles_article_change", args=[claim.article_id]))
    assert claim.title in response.content.decode()
    assert Claim.objects.count() == 1
