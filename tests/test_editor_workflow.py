"""The editors' daily work in the admin: review, merge, re-import, history, conflicts, throttling."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from articles.importing import Importer
from articles.models import Article, Claim, ClaimStatus
from frameworks.models import Framework
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    ClaimFactory,
    FrameworkFactory,
    SourceFactory,
    TopicFactory,
)
from tests.query_budget import assert_query_budget

CLAIMS = reverse("admin:articles_claim_changelist")
FRAMEWORKS = reverse("admin:frameworks_framework_changelist")


def act(client, url, action, objects, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects], **extra}
    return client.post(url, data)


def claim_form(claim, **changes):
    data = {
        "framework": claim.framework_id,
        "kind": claim.kind,
        "topic": claim.topic_id or "",
        "title": claim.title,
        "text": claim.text,
        "status": claim.status,
        "article": claim.article_id,
        "expected_version": claim.version,
    }
    data.update(changes)
    return data


def test_bulk_verify_and_reject_mark_claims_edited_and_bump_versions(editor_client):
    first, second, third = ClaimFactory.create_batch(3)
    assert act(editor_client, CLAIMS, "verify", [first, second]).status_code == 302
    assert act(editor_client, CLAIMS, "reject", [third]).status_code == 302
    statuses = dict(Claim.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: ClaimStatus.VERIFIED,
        second.pk: ClaimStatus.VERIFIED,
        third.pk: ClaimStatus.REJECTED,
    }
    assert all(c.edited and c.version == 2 for c in Claim.objects.all())


def test_bulk_set_topic_asks_then_applies(editor_client):
    claims = ClaimFactory.create_batch(2)
    topic = TopicFactory(name="Security")
    response = act(editor_client, CLAIMS, "set_topic", claims)
    assert response.status_code == 200 and "Security" in response.content.decode()
    act(editor_client, CLAIMS, "set_topic", claims, topic=topic.pk, apply="1")
    assert set(Claim.objects.values_list("topic__name", flat=True)) == {"Security"}


def test_bulk_move_to_another_framework(editor_client):
    claims = ClaimFactory.create_batch(2)
    target = FrameworkFactory(name="Target")
    act(editor_client, CLAIMS, "move_to_framework", claims, framework=target.pk, apply="1")
    assert set(Claim.objects.values_list("framework__name", flat=True)) == {"Target"}


def test_review_queue_filters(editor_client):
    ClaimFactory(title="Needs review")
    ClaimFactory(title="Done", status=ClaimStatus.VERIFIED)
    response = editor_client.get(CLAIMS, {"status__exact": "imported"})
    assert "Needs review" in response.content.decode() and "Done" not in response.content.decode()
    for evidence in ("contested", "single", "stale"):
        assert editor_client.get(CLAIMS, {"evidence": evidence}).status_code == 200


def test_contested_and_single_source_filters(db):
    topic = TopicFactory()
    framework = FrameworkFactory()
    pro = ClaimFactory(framework=framework, topic=topic, kind="pro")
    con = ClaimFactory(framework=framework, topic=topic, kind="con")
    lonely = ClaimFactory(topic=topic, kind="pro")
    assert set(Claim.objects.contested()) == {pro, con}
    assert lonely in Claim.objects.single_source()


def test_admin_index_counts_claims_awaiting_review(editor_client):
    ClaimFactory.create_batch(3)
    ClaimFactory(status=ClaimStatus.VERIFIED)
    FrameworkFactory(needs_review=True)
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "Claims awaiting review" in html and "<strong>3</strong>" in html


def test_merge_moves_claims_adds_alias_and_redirects(client, senior_editor):
    client.force_login(senior_editor)
    editor_client = client
    dash = FrameworkFactory(name="Dash", slug="dash")
    duplicate = FrameworkFactory(name="Plotly Dash", slug="plotly-dash", needs_review=True)
    AliasFactory(framework=duplicate, name="Dash by Plotly")
    claims = ClaimFactory.create_batch(2, framework=duplicate)
    source = SourceFactory(affiliation=duplicate)
    confirm = act(editor_client, FRAMEWORKS, "merge", [duplicate])
    assert "Claims to move" in confirm.content.decode()
    act(editor_client, FRAMEWORKS, "merge", [duplicate], target=dash.pk, confirm="on", apply="1")
    assert not Framework.objects.filter(pk=duplicate.pk).exists()
    assert {c.framework_id for c in Claim.objects.filter(pk__in=[c.pk for c in claims])} == {dash.pk}
    assert set(dash.aliases.values_list("name", flat=True)) >= {"Plotly Dash", "Dash by Plotly"}
    source.refresh_from_db()
    assert source.affiliation == dash
    response = Client().get("/frameworks/plotly-dash/")
    assert response.status_code == 301 and response["Location"] == "/frameworks/dash/"


def test_merge_is_one_transaction(editor_client, monkeypatch):
    dash = FrameworkFactory(name="Dash")
    duplicate = FrameworkFactory(name="Plotly Dash")
    ClaimFactory(framework=duplicate)
    from frameworks import merging

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(merging.Source.objects, "filter", broken)
    with pytest.raises(RuntimeError):
        merging.merge_frameworks(duplicate, dash)
    assert Claim.objects.get().framework == duplicate


def test_reimport_from_the_admin_uses_the_stored_original(editor_client, catalogue):
    text = "---\ntitle: Stored\nsource: S\n---\n## Flask\n\nPros:\n- Small core\n"
    Importer().import_bytes("stored.md", text.encode())
    article = Article.objects.get()
    Claim.objects.all().delete()  # e.g. rules changed, or rows lost
    response = act(editor_client, reverse("admin:articles_article_changelist"), "reimport", [article])
    assert response.status_code == 302
    assert Claim.objects.filter(article=article, title="Small core").exists()
    messages = [m.message for m in response.wsgi_request._messages]
    assert any("1 new" in m for m in messages)


def test_editors_change_survives_reimport_of_a_changed_file(editor_client, catalogue, tmp_path):
    text = "---\ntitle: Evolving\nsource: S\n---\n## Flask\n\nPros:\n- **Small core**: tiny.\n"
    Importer().import_bytes("evolving.md", text.encode())
    claim = Claim.objects.get()
    url = reverse("admin:articles_claim_change", args=[claim.pk])
    editor_client.post(url, claim_form(claim, text="Tiny, and an editor says so."))
    report = Importer().import_bytes("evolving.md", text.replace("tiny.", "very tiny.").encode())
    claim.refresh_from_db()
    assert claim.edited and claim.text == "Tiny, and an editor says so."
    assert report.conflicts


def test_history_shows_changes_and_restores_a_version(editor_client):
    claim = ClaimFactory(text="Original text.")
    url = reverse("admin:articles_claim_change", args=[claim.pk])
    editor_client.post(url, claim_form(claim, text="Changed text."))
    claim.refresh_from_db()
    history = editor_client.get(reverse("admin:articles_claim_history", args=[claim.pk]))
    assert history.status_code == 200 and "editor" in history.content.decode()
    original = claim.history.order_by("history_date").first()
    restore_url = reverse("admin:articles_claim_simple_history", args=[claim.pk, original.history_id])
    form = editor_client.get(restore_url)
    assert "Original text." in form.content.decode()
    response = editor_client.post(
        restore_url, claim_form(claim, text="Original text.", expected_version=claim.version)
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.text == "Original text."


def test_second_save_from_the_same_form_state_is_refused_and_input_kept(editor_client):
    claim = ClaimFactory(text="Start.")
    url = reverse("admin:articles_claim_change", args=[claim.pk])
    stale = claim_form(claim, text="First editor's text.")
    second = claim_form(claim, text="Second editor's text.")
    assert editor_client.post(url, stale).status_code == 302
    response = editor_client.post(url, second)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this claim" in html and "Second editor&#x27;s text." in html
    claim.refresh_from_db()
    assert claim.text == "First editor's text."


def test_bulk_action_makes_an_open_form_stale(editor_client):
    claim = ClaimFactory()
    opened = claim_form(claim, text="Edited in an old tab.")
    act(editor_client, CLAIMS, "verify", [claim])
    response = editor_client.post(reverse("admin:articles_claim_change", args=[claim.pk]), opened)
    assert response.status_code == 200 and "Someone else saved" in response.content.decode()


def test_article_and_framework_forms_are_versioned_too(editor_client):
    framework = FrameworkFactory()
    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    html = editor_client.get(url).content.decode()
    assert 'name="expected_version"' in html
    article = ArticleFactory()
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'name="expected_version"' in html


def test_coverage_dashboard_links_to_fixes_with_fixed_queries(editor_client):
    def populate(n):
        topic = TopicFactory()
        for _ in range(n):
            framework = FrameworkFactory()
            ClaimFactory(framework=framework, topic=topic, kind="pro")
            ClaimFactory(framework=framework, topic=topic, kind="con")

    url = reverse("admin:coverage")
    populate(2)
    assert_query_budget(editor_client, [url], lambda: populate(10), cold=8, warm=8)
    html = editor_client.get(url).content.decode()
    assert "evidence=contested" in html and "Most claims awaiting review" in html


def test_failed_logins_are_throttled(db, django_user_model):
    django_user_model.objects.create_user("target", password="right-password-123", is_staff=True)
    client = Client()
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "target", "password": "wrong"})
    response = client.post(url, {"username": "target", "password": "right-password-123"})
    assert response.status_code == 429 or "locked" in response.content.decode().lower()


def test_staff_pages_need_login(client):
    response = client.get(reverse("admin:coverage"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_editors_cannot_merge_away_an_affiliation(editor_client):
    dash = FrameworkFactory(name="Dash")
    duplicate = FrameworkFactory(name="Plotly Dash")
    source = SourceFactory(affiliation=duplicate)
    response = act(editor_client, FRAMEWORKS, "merge", [duplicate], target=dash.pk, confirm="on", apply="1")
    assert response.status_code == 302
    assert Framework.objects.filter(pk=duplicate.pk).exists()
    source.refresh_from_db()
    assert source.affiliation == duplicate


def test_editors_merge_without_affiliations_and_cannot_delete_frameworks(editor_client, editor):
    dash, duplicate = FrameworkFactory(name="Dash"), FrameworkFactory(name="Plotly Dash")
    claim = ClaimFactory(framework=duplicate)
    act(editor_client, FRAMEWORKS, "merge", [duplicate], target=dash.pk, confirm="on", apply="1")
    claim.refresh_from_db()
    assert claim.framework == dash
    assert claim.history.first().history_change_reason == "Merged Plotly Dash into Dash"
    assert not editor.has_perm("frameworks.delete_framework")


def test_bulk_actions_are_recorded_in_history_with_the_editor(editor_client, editor):
    claim = ClaimFactory()
    act(editor_client, CLAIMS, "verify", [claim])
    latest = claim.history.first()
    assert latest.status == ClaimStatus.VERIFIED and latest.history_user == editor
