"""The user and group admin, with the limits of the roles that manage accounts.

Senior editors manage users and groups (frameworks/roles.py), but Django's stock admin would
let them make themselves superuser, reset a superuser's password or give their own group every
permission. Here only a superuser may grant superuser status, set a user's own permissions,
change what a group permits, or change or delete a superuser's account (anyone allowed may still
view it). Anyone else may put a user in a group only if they hold every permission it grants.
"""

from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError

from frameworks.roles import permissions_beyond, sync_staff


def _touches_superuser(request, obj) -> bool:
    return obj is not None and obj.is_superuser and not request.user.is_superuser


class UserAdmin(auth_admin.UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields

    # The password form and the delete confirmation (one or a selection) ask these too.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _touches_superuser(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _touches_superuser(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if request.user.is_superuser or "groups" not in form.base_fields:
            return form
        granter = request.user

        class GroupsWithinGrantersPermissions(form):
            def clean_groups(self):
                groups = self.cleaned_data["groups"]
                added = groups.exclude(pk__in=self.instance.groups.all()) if self.instance.pk else groups
                beyond = permissions_beyond(granter, added)
                if beyond:
                    raise ValidationError(
                        "You can only add someone to a group whose permissions you have yourself; "
                        "%(groups)s would also give: %(beyond)s. Ask a superuser.",
                        params={
                            "groups": ", ".join(group.name for group in added),
                            "beyond": ", ".join(sorted(beyond)),
                        },
                    )
                return groups

        return GroupsWithinGrantersPermissions

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if sync_staff(form.instance):
            self.message_user(
                request, f"{form.instance} is an editor now, so they can log in to the admin.", messages.INFO
            )


class GroupAdmin(auth_admin.GroupAdmin):
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("permissions")
        return fields


def replace_account_admins(site: admin.AdminSite) -> None:
    """Swap Django's user and group admin (registered by django.contrib.auth) for these."""
    for model, model_admin in ((User, UserAdmin), (Group, GroupAdmin)):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
