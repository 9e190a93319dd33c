"""The editor roles, created or brought up to date idempotently after every migrate, and the
rules that keep an account manager from granting more than they hold."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
SENIOR_EDITORS = "Senior editors"

# app label -> model -> actions. Editors curate content; they never manage accounts, and a
# source's affiliation (which decides the vendor badge) is a senior editor's call.
EDITOR_PERMISSIONS = {
    "frameworks": {
        # Not "delete": it would take every claim with it. Duplicates are merged instead.
        "framework": ["add", "change", "view"],
        "frameworkalias": ["add", "change", "delete", "view"],
        "majorrelease": ["add", "change", "delete", "view"],
        "topic": ["add", "change", "view"],
    },
    "articles": {
        "source": ["add", "change", "view"],
        "article": ["add", "change", "delete", "view"],
        # Not "delete": claims are withdrawn (hidden, kept, restorable), never deleted.
        "claim": ["add", "change", "view"],
        # Merged and split, never added or deleted by hand: points come from claims.
        "point": ["change", "view"],
    },
}
SENIOR_EXTRA = {
    "frameworks": {"topic": ["delete"], "framework": ["delete"]},
    "articles": {"source": ["delete", "change_affiliation"]},
    "auth": {"user": ["add", "change", "delete", "view"], "group": ["add", "change", "view"]},
}


def _permissions(spec: dict[str, dict[str, list[str]]]) -> list[Permission]:
    wanted = []
    for app_label, models in spec.items():
        for model, actions in models.items():
            for action in actions:
                codename = action if "_" in action else f"{action}_{model}"
                wanted.append((app_label, codename))
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted},
            codename__in={codename for _, codename in wanted},
        ).select_related("content_type")
    }
    missing = [f"{app}.{codename}" for app, codename in wanted if (app, codename) not in found]
    if missing:
        raise LookupError(f"Permissions not found: {', '.join(missing)}")
    return [found[item] for item in wanted]


def ensure_roles() -> None:
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    editor_permissions = _permissions(EDITOR_PERMISSIONS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(editor_permissions)
    seniors, _ = Group.objects.get_or_create(name=SENIOR_EDITORS)
    seniors.permissions.set(editor_permissions + _permissions(SENIOR_EXTRA))


def ensure_roles_after_migrate(sender, **kwargs):
    ensure_roles()


def sync_staff(user) -> bool:
    """A member of an editor role can log in to the admin: give them staff status if they lack
    it. True when it changed."""
    if user.is_staff or not user.groups.filter(name__in=[EDITORS, SENIOR_EDITORS]).exists():
        return False
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return True


def make_editor(user, *, senior: bool = False) -> None:
    """Put `user` in the Editors (or Senior editors) group, able to log in."""
    user.groups.add(Group.objects.get(name=SENIOR_EDITORS if senior else EDITORS))
    sync_staff(user)


def permissions_beyond(user, groups) -> set[str]:
    """The permissions ("app.codename") membership of `groups` would give that `user` lacks:
    nobody but a superuser may hand out what they do not hold themselves."""
    granted = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.filter(group__in=groups).values_list(
            "content_type__app_label", "codename"
        )
    }
    return granted - user.get_all_permissions()
