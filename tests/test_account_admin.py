"""No editor can escalate: every path through the real user and group admin, as a Senior editor
would try it, and what a superuser can still do."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from frameworks.roles import EDITORS, SENIOR_EDITORS, permissions_beyond

USERS = reverse("admin:auth_user_changelist")


def user_form(user, **changes):
    """The user change form as the admin would post it back unchanged, with `changes`."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "groups": list(user.groups.values_list("pk", flat=True)),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


@pytest.fixture
def senior_client(client, senior_editor):
    client.force_login(senior_editor)
    return client


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password="root-pw-for-tests-only")


@pytest.fixture
def admins_group(db):
    """A group a superuser made with more than a Senior editor holds."""
    group = Group.objects.create(name="Administrators")
    group.permissions.set(Permission.objects.all())
    return group


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def test_a_senior_editor_cannot_make_themselves_superuser(senior_client, senior_editor):
    response = senior_client.post(change_url(senior_editor), user_form(senior_editor, is_superuser="on"))
    assert response.status_code == 302
    senior_editor.refresh_from_db()
    assert not senior_editor.is_superuser


def test_a_senior_editor_cannot_give_anyone_permissions_directly(senior_client, senior_editor, editor):
    every = list(Permission.objects.values_list("pk", flat=True))
    for user in (senior_editor, editor):
        senior_client.post(change_url(user), user_form(user, user_permissions=every))
        assert not user.user_permissions.exists()
    editor.refresh_from_db()
    assert not editor.has_perm("auth.change_user")


def test_a_senior_editor_cannot_touch_a_superusers_account(senior_client, superuser):
    assert senior_client.get(change_url(superuser)).status_code == 200  # viewing is fine
    response = senior_client.post(change_url(superuser), user_form(superuser, is_active=""))
    assert response.status_code == 403
    password = reverse("admin:auth_user_password_change", args=[superuser.pk])
    assert senior_client.get(password).status_code == 403
    new = "an-attackers-password-1"
    response = senior_client.post(password, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 403
    delete = reverse("admin:auth_user_delete", args=[superuser.pk])
    assert senior_client.post(delete, {"post": "yes"}).status_code == 403
    senior_client.post(
        USERS, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [superuser.pk], "post": "yes"}
    )
    superuser.refresh_from_db()
    assert superuser.is_active and superuser.check_password("root-pw-for-tests-only")


def test_a_senior_editor_cannot_change_what_a_group_permits(senior_client, senior_editor):
    seniors = Group.objects.get(name=SENIOR_EDITORS)
    before = set(seniors.permissions.values_list("pk", flat=True))
    every = list(Permission.objects.values_list("pk", flat=True))
    url = reverse("admin:auth_group_change", args=[seniors.pk])
    assert senior_client.post(url, {"name": SENIOR_EDITORS, "permissions": every}).status_code == 302
    assert set(seniors.permissions.values_list("pk", flat=True)) == before
    senior_client.post(reverse("admin:auth_group_add"), {"name": "Everything", "permissions": every})
    assert not Group.objects.get(name="Everything").permissions.exists()
    assert not senior_editor.has_perm("auth.delete_group")


def test_a_senior_editor_adds_people_only_to_groups_within_their_own_permissions(
    senior_client, senior_editor, editor, admins_group
):
    for user in (senior_editor, editor):
        groups = [*user.groups.values_list("pk", flat=True), admins_group.pk]
        response = senior_client.post(change_url(user), user_form(user, groups=groups))
        assert response.status_code == 200
        assert "whose permissions you have yourself" in response.content.decode()
        assert not user.groups.filter(pk=admins_group.pk).exists()
    # A group within their own permissions is fine: they may make another senior editor.
    seniors = Group.objects.get(name=SENIOR_EDITORS)
    response = senior_client.post(change_url(editor), user_form(editor, groups=[seniors.pk]))
    assert response.status_code == 302
    assert set(editor.groups.values_list("name", flat=True)) == {SENIOR_EDITORS}


def test_a_membership_they_could_not_grant_survives_their_edit(senior_client, editor, admins_group):
    editor.groups.add(admins_group)
    groups = list(editor.groups.values_list("pk", flat=True))
    response = senior_client.post(change_url(editor), user_form(editor, groups=groups, first_name="Ed"))
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.first_name == "Ed" and editor.groups.filter(pk=admins_group.pk).exists()


def test_a_superuser_still_grants_everything(client, superuser, editor, admins_group):
    client.force_login(superuser)
    some = list(Permission.objects.filter(codename="delete_claim").values_list("pk", flat=True))
    data = user_form(editor, is_superuser="on", user_permissions=some, groups=[admins_group.pk])
    assert client.post(change_url(editor), data).status_code == 302
    editor.refresh_from_db()
    assert editor.is_superuser and editor.user_permissions.count() == 1
    assert editor.groups.filter(pk=admins_group.pk).exists()


def test_permissions_beyond_names_what_a_group_would_add(senior_editor, editor, admins_group):
    editors = Group.objects.get(name=EDITORS)
    assert permissions_beyond(senior_editor, Group.objects.filter(pk=editors.pk)) == set()
    beyond = permissions_beyond(editor, Group.objects.filter(name=SENIOR_EDITORS))
    assert "auth.change_user" in beyond and "articles.change_claim" not in beyond
    assert "auth.delete_group" in permissions_beyond(senior_editor, Group.objects.filter(pk=admins_group.pk))


def test_adding_someone_to_the_editors_group_in_the_admin_lets_them_log_in(
    client, senior_editor, django_user_model
):
    user = django_user_model.objects.create_user("carol", password="pw-for-tests-only")
    client.force_login(senior_editor)
    url = reverse("admin:auth_user_change", args=[user.pk])
    response = client.post(url, user_form(user, groups=[Group.objects.get(name=EDITORS).pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.is_staff and user.groups.filter(name=EDITORS).exists()
