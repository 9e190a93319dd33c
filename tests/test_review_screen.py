"""An editor's review: the text in the queue, the claim beside its passage, decisions and "next",
every action in "Recent actions", withdrawal instead of deletion, and editors who can log in."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from articles.importing import Importer
from articles.models import Claim, ClaimStatus
from articles.review import MAX_LINE_CHARS, next_to_review, passage
from frameworks.roles import EDITORS, SENIOR_EDITORS
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, TopicFactory

CLAIMS = reverse("admin:articles_claim_changelist")
ORIGINAL = "\n".join(f"line {n} of the article" for n in range(1, 31))


def review_url(claim, filters=""):
    url = reverse("admin:articles_claim_review", args=[claim.pk])
    return f"{url}?_changelist_filters={filters}" if filters else url


def act(client, action, objects, **extra):
    return client.post(CLAIMS, {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects], **extra})


def log_messages(obj):
    return list(
        LogEntry.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name)
        .order_by("pk")
        .values_list("action_flag", "change_message")
    )


# The pure parts


def test_passage_is_the_lines_around_the_claim_numbered_like_the_importer():
    lines = passage("\ufeffone\r\ntwo\rthree\nfour\nfive", 3, context=1)
    assert [(line.number, line.text, line.is_claim) for line in lines] == [
        (2, "two", False),
        (3, "three", True),
        (4, "four", False),
    ]
    assert [line.number for line in passage(ORIGINAL, 1)] == list(range(1, 8))
    assert [line.number for line in passage(ORIGINAL, 30)] == list(range(24, 31))
    assert passage(ORIGINAL, None) == passage(ORIGINAL, 31) == passage("", 1) == []
    (long,) = passage("x" * (MAX_LINE_CHARS + 5), 1)
    assert len(long.text) == MAX_LINE_CHARS and long.cut


def test_next_to_review_follows_the_article_order_and_wraps(db):
    article = ArticleFactory()
    first, done, second, third = (ClaimFactory(article=article, position=n) for n in range(4))
    Claim.objects.filter(pk=done.pk).update(status=ClaimStatus.VERIFIED)
    queue = Claim.objects.all()
    assert next_to_review(queue) == first
    assert next_to_review(queue, after=first) == second
    assert next_to_review(queue, after=third) == first
    assert next_to_review(queue.filter(pk=first.pk), after=first) is None


# The queue and the review screen


def test_the_queue_shows_each_claims_text_and_a_review_link_keeping_the_filters(editor_client):
    framework = FrameworkFactory()
    claim = ClaimFactory(framework=framework, text="Handles <b>ten thousand</b> requests a second.")
    html = editor_client.get(CLAIMS, {"framework__id__exact": framework.pk}).content.decode()
    assert "Handles &lt;b&gt;ten thousand&lt;/b&gt; requests a second." in html
    assert (
        f"/admin/articles/claim/{claim.pk}/review/?_changelist_filters=framework__id__exact%3D{framework.pk}"
        in html
    )
    assert "Review this list, one by one" in html


def test_the_review_screen_shows_the_passage_escaped_with_the_claims_line_marked(editor_client):
    original = ORIGINAL.replace("line 12 of the article", "- **Fast**: <script>alert(1)</script> quick")
    claim = ClaimFactory(article=ArticleFactory(original_text=original), line=12, title="Fast")
    response = editor_client.get(review_url(claim))
    html = response.content.decode()
    assert response.status_code == 200
    assert [line.number for line in response.context["passage"]] == list(range(6, 19))
    assert "<script>alert(1)" not in html
    assert (
        '<li class="is-claim" aria-current="true"><span class="number">12</span><span class="line">'
        "<mark>- **Fast**: &lt;script&gt;alert(1)&lt;/script&gt; quick</mark>"
    ) in html
    assert "line 5 of the article" not in html and "line 18 of the article" in html
    for button in ('value="verify"', 'value="reject"', 'value="topic"'):
        assert button in html


def test_verify_and_next_stays_in_the_filtered_list_and_is_recorded(editor_client, editor):
    framework = FrameworkFactory()
    article = ArticleFactory()
    first, second = (ClaimFactory(article=article, framework=framework, position=n) for n in (1, 2))
    ClaimFactory(article=article, position=0)  # awaiting review too, but not in this list
    filters = f"framework__id__exact%3D{framework.pk}"
    response = editor_client.post(
        review_url(first, filters), {"decision": "verify", "version": first.version}
    )
    assert response.status_code == 302 and response["Location"] == review_url(second, filters)
    first.refresh_from_db()
    assert first.status == ClaimStatus.VERIFIED and first.verified_at and first.edited
    assert first.history.first().history_user == editor
    assert log_messages(first) == [(CHANGE, "Review: verified")]

    response = editor_client.post(
        review_url(second, filters), {"decision": "reject", "version": second.version}
    )
    assert response["Location"] == f"{CLAIMS}?framework__id__exact={framework.pk}"  # the list is done
    second.refresh_from_db()
    assert second.status == ClaimStatus.REJECTED and second.verified_at is None


def test_starting_a_review_opens_the_first_claim_of_the_list(editor_client):
    topic = TopicFactory()
    ClaimFactory()
    wanted = ClaimFactory(topic=topic)
    response = editor_client.get(reverse("admin:articles_claim_review_first"), {"topic__id__exact": topic.pk})
    assert response["Location"] == review_url(wanted, f"topic__id__exact%3D{topic.pk}")
    Claim.objects.filter(pk=wanted.pk).update(status=ClaimStatus.VERIFIED)
    response = editor_client.get(reverse("admin:articles_claim_review_first"), {"topic__id__exact": topic.pk})
    assert response["Location"] == f"{CLAIMS}?topic__id__exact={topic.pk}"


def test_re_topic_stays_on_the_claim_and_a_stale_decision_is_refused(editor_client):
    claim = ClaimFactory()
    topic = TopicFactory(name="Performance")
    opened = claim.version
    response = editor_client.post(
        review_url(claim), {"decision": "topic", "topic": topic.pk, "version": opened}
    )
    assert response["Location"] == review_url(claim)
    claim.refresh_from_db()
    assert claim.topic == topic and claim.status == ClaimStatus.IMPORTED and claim.version == opened + 1
    # A decision made on what the editor read before the change is not applied.
    response = editor_client.post(review_url(claim), {"decision": "verify", "version": opened}, follow=True)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IMPORTED
    assert "Someone changed this claim after you opened it" in response.content.decode()


def test_the_review_screen_needs_the_change_permission_to_decide(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(viewer)
    claim = ClaimFactory()
    html = client.get(review_url(claim)).content.decode()
    assert 'value="verify"' not in html
    assert client.post(review_url(claim), {"decision": "verify", "version": claim.version}).status_code == 403
    assert Client().get(review_url(claim)).status_code == 302  # to the login page


# Recent actions


def test_bulk_actions_are_in_recent_actions(editor_client):
    claims = ClaimFactory.create_batch(2)
    act(editor_client, "verify", claims)
    topic = TopicFactory(name="Security")
    act(editor_client, "set_topic", claims, topic=topic.pk, apply="1")
    for claim in claims:
        assert log_messages(claim) == [
            (CHANGE, "Bulk action: Verified"),
            (CHANGE, "Bulk action: Set the topic of (Security)"),
        ]
    framework = FrameworkFactory(needs_review=True)
    editor_client.post(
        reverse("admin:frameworks_framework_changelist"),
        {"action": "accept", ACTION_CHECKBOX_NAME: [framework.pk]},
    )
    assert log_messages(framework) == [(CHANGE, "Bulk action: accepted")]
    recent = editor_client.get(reverse("admin:index")).content.decode()  # the "Recent actions" box
    assert str(claims[0]) in recent and str(framework) in recent


def test_merges_are_in_recent_actions(editor_client):
    dash, duplicate = FrameworkFactory(name="Dash"), FrameworkFactory(name="Plotly Dash")
    claim = ClaimFactory(framework=duplicate)
    editor_client.post(
        reverse("admin:frameworks_framework_changelist"),
        {
            "action": "merge",
            ACTION_CHECKBOX_NAME: [duplicate.pk],
            "target": dash.pk,
            "confirm": "on",
            "apply": "1",
        },
    )
    assert log_messages(claim) == [(CHANGE, "Merged Plotly Dash into Dash")]
    assert log_messages(dash) == [(CHANGE, "Merged Plotly Dash into Dash: its 1 claims and names moved here")]
    assert log_messages(duplicate) == [(DELETION, "Merged Plotly Dash into Dash")]


# Withdraw, never delete


def test_editors_withdraw_and_restore_claims_and_cannot_delete_them(client, editor, senior_editor):
    claim = ClaimFactory()
    for user in (editor, senior_editor):
        assert not user.has_perm("articles.delete_claim")
        client.force_login(user)
        actions = [
            name for name, _label in client.get(CLAIMS).context["action_form"].fields["action"].choices
        ]
        assert "withdraw" in actions and "delete_selected" not in actions
        assert client.get(reverse("admin:articles_claim_delete", args=[claim.pk])).status_code == 403
        act(client, "delete_selected", [claim], post="yes")
        assert Claim.objects.filter(pk=claim.pk).exists()
    act(client, "withdraw", [claim])
    claim.refresh_from_db()
    assert claim.withdrawn and claim.edited and not Claim.objects.public().filter(pk=claim.pk).exists()
    assert log_messages(claim)[-1] == (CHANGE, "Bulk action: Withdrew")
    act(client, "restore", [claim])
    claim.refresh_from_db()
    assert not claim.withdrawn


def test_an_article_with_claims_is_not_deleted_by_an_editor(editor_client):
    claim = ClaimFactory()
    url = reverse("admin:articles_article_delete", args=[claim.article_id])
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 403  # "you may not delete claims", not a cascade
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_a_reimport_keeps_an_editors_withdrawal(editor_client, catalogue):
    text = "---\ntitle: Kept out\nsource: S\n---\n## Flask\n\nPros:\n- **Small core**: tiny.\n- **Docs**: good.\n"
    Importer().import_bytes("kept.md", text.encode())
    claim = Claim.objects.get(title="Small core")
    act(editor_client, "withdraw", [claim])
    Importer().import_bytes("kept.md", text.replace("good.", "very good.").encode())
    claim.refresh_from_db()
    assert claim.withdrawn


# Making an editor


def test_make_editor_puts_the_user_in_the_group_and_lets_them_log_in(db, django_user_model):
    user = django_user_model.objects.create_user("alice", password="pw-for-tests-only")
    call_command("make_editor", "alice")
    user.refresh_from_db()
    assert user.is_staff and user.groups.filter(name=EDITORS).exists()
    browser = Client()
    login = browser.post(reverse("admin:login"), {"username": "alice", "password": "pw-for-tests-only"})
    assert login.status_code == 302 and browser.get(reverse("admin:index")).status_code == 200
    call_command("make_editor", "bob", "--senior", "--create")
    bob = django_user_model.objects.get(username="bob")
    assert bob.is_staff and bob.groups.filter(name=SENIOR_EDITORS).exists() and not bob.has_usable_password()
    with pytest.raises(CommandError):
        call_command("make_editor", "nobody")
