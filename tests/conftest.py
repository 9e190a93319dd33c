from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from frameworks.roles import EDITORS, SENIOR_EDITORS

SEEDS = settings.BASE_DIR.parent / "shared" / "seeds"
SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Each test starts with an empty cache and, unless it turns it on, no page cache: query
    counts and content assertions must see the real page, not a cached copy."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    settings.PAGE_CACHE_SECONDS = 0
    # Hashing test passwords properly would take most of the time of every login test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sample_site(db):
    """The sample content `make run` loads: the fixtures and the sample articles."""
    call_command("load_sample_content", verbosity=0)


@pytest.fixture
def catalogue(db):
    """The topic vocabulary and the framework catalogue, as `make run` loads them."""
    call_command("loaddata", "fixtures/topics.json", "fixtures/frameworks.json", verbosity=0)


def _user_in(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _user_in(django_user_model, EDITORS, "editor")


@pytest.fixture
def senior_editor(db, django_user_model):
    return _user_in(django_user_model, SENIOR_EDITORS, "senior")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
