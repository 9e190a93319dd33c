"""Anonymous pages come from the cache, revalidate with 304, and change as soon as content does."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from articles.importing import Importer
from articles.models import ClaimStatus
from tests.factories import ClaimFactory, FrameworkFactory

ARTICLE = b"---\ntitle: Cached\nsource: S\n---\n## Flask\n\nPros:\n- **Small core**: tiny.\n"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def queries_for(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def test_second_anonymous_request_is_served_from_cache(client, page_cache, db):
    FrameworkFactory(name="Cachedframe", slug="cachedframe")
    first, _ = queries_for(client, "/api/frameworks/")
    second, count = queries_for(client, "/api/frameworks/")
    assert count == 0 and second.content == first.content


def test_conditional_get_answers_304(client, page_cache, db):
    FrameworkFactory(slug="etagged")
    response = client.get("/api/frameworks/")
    assert response.status_code == 200 and response["ETag"] and response["Last-Modified"]
    again, count = queries_for(client, "/api/frameworks/", if_none_match=response["ETag"])
    assert again.status_code == 304 and count == 0
    since, _ = queries_for(client, "/api/frameworks/", if_modified_since=response["Last-Modified"])
    assert since.status_code == 304


def test_admin_save_shows_at_once(client, page_cache, editor_client, db):
    claim = ClaimFactory(title="Original title")
    url = f"/api/frameworks/{claim.framework.slug}/"
    from django.test import Client

    reader = Client()
    assert "Original title" in reader.get(url).content.decode()
    etag = reader.get(url)["ETag"]
    claim.title = "Edited title"
    claim.save()
    response = reader.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200 and "Edited title" in response.content.decode()


def test_bulk_admin_action_invalidates(page_cache, editor_client, db):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
    from django.test import Client

    claim = ClaimFactory()
    reader = Client()
    url = f"/api/frameworks/{claim.framework.slug}/"
    assert '"status": "imported"' in reader.get(url).content.decode()
    editor_client.post("/admin/articles/claim/", {"action": "verify", ACTION_CHECKBOX_NAME: [claim.pk]})
    assert '"status": "verified"' in reader.get(url).content.decode()


def test_import_shows_at_once(client, page_cache, catalogue):
    before = client.get("/api/frameworks/flask/").json()
    Importer().import_bytes("cached.md", ARTICLE)
    after = client.get("/api/frameworks/flask/").json()
    assert len(after["claims"]) == len(before["claims"]) + 1


def test_logged_in_users_and_admin_are_never_cached(editor_client, page_cache, db):
    FrameworkFactory()
    editor_client.get("/api/frameworks/")
    _, count = queries_for(editor_client, "/api/frameworks/")
    assert count > 0
    assert "ETag" not in editor_client.get("/admin/")


def test_unknown_parameters_neither_skip_the_cache_nor_make_new_entries(client, page_cache, db):
    FrameworkFactory()
    client.get("/api/frameworks/")
    for junk in ("?utm_source=x1", "?x=1", "?x=2&y=" + "z" * 5000):
        _, count = queries_for(client, "/api/frameworks/" + junk)
        assert count == 0, junk  # the page for /api/frameworks/, from the cache
    _, count = queries_for(client, "/api/frameworks/?kind=micro&x=1")
    assert count > 0  # a parameter the page reads is another page


def test_repeated_values_keep_their_order_in_the_cache_key(client, page_cache, catalogue):
    ab = client.get("/compare/?frameworks=django&frameworks=flask").content
    ba = client.get("/compare/?frameworks=flask&frameworks=django").content
    assert ab != ba


def test_every_parameter_a_page_reads_is_part_of_its_cache_key():
    """A parameter left out of PAGE_PARAMETERS would be served the page of another URL."""
    from articles.filters import ArticleFilter, ClaimFilter
    from frameworks.filters import FrameworkFilter
    from guide.caching import PAGE_PARAMETERS

    for filterset in (ArticleFilter, ClaimFilter, FrameworkFilter):
        assert set(filterset.base_filters) <= PAGE_PARAMETERS, filterset


def test_a_wildcard_etag_is_not_a_match(client, page_cache, db):
    assert client.get("/api/frameworks/", headers={"if-none-match": "*"}).status_code == 200


def test_the_import_command_invalidates_when_it_finishes(client, page_cache, catalogue, tmp_path):
    from django.core.management import call_command

    before = client.get("/api/frameworks/flask/").json()
    (tmp_path / "one.md").write_bytes(ARTICLE)
    call_command("import_articles", str(tmp_path), verbosity=0)
    after = client.get("/api/frameworks/flask/").json()
    assert len(after["claims"]) == len(before["claims"]) + 1


def test_aggregates_are_recomputed_when_content_changes(client, db):
    ClaimFactory()
    first = client.get("/").context["claim_count"]
    ClaimFactory()
    assert client.get("/").context["claim_count"] == first + 1


def test_migrate_forgets_what_was_remembered(db):
    # Remembered pages and aggregates may come from the code before a deploy, or from rows a
    # data migration rewrote without signals.
    from django.core.management import call_command

    from guide.caching import content_version

    before = content_version()
    call_command("migrate", verbosity=0)
    assert content_version() != before


def test_a_url_has_one_cache_entry_read_with_the_version_in_one_call(client, page_cache, db, monkeypatch):
    # get_many is one round trip on Redis (MGET): the version and the page together.
    from django.core.cache import caches

    from guide.caching import VERSION_KEY, content_changed

    backend = caches["default"]
    FrameworkFactory(name="Onceframe")
    client.get("/api/frameworks/")
    reads = []
    real_get_many = backend.get_many
    monkeypatch.setattr(backend, "get_many", lambda keys: reads.append(keys) or real_get_many(keys))
    client.get("/api/frameworks/")
    [(version_key, page_key)] = reads
    first_version, _ = backend.get(page_key)
    assert version_key == VERSION_KEY and first_version == backend.get(VERSION_KEY)
    content_changed()
    assert "Onceframe" in client.get("/api/frameworks/").content.decode()
    second_version, _ = backend.get(page_key)  # the same entry, now for the new version
    assert second_version == backend.get(VERSION_KEY) != first_version


def test_framework_and_compare_pages_follow_every_change_with_the_page_cache_off(client, db):
    # Their claim rankings are remembered until the content changes, not for a set time.
    claim = ClaimFactory(title="Batteries included")
    other = FrameworkFactory()
    detail = f"/frameworks/{claim.framework.slug}/"
    compare = f"/compare/?frameworks={claim.framework.slug},{other.slug}"
    assert "Batteries included" in client.get(detail).content.decode()
    assert "Batteries included" in client.get(compare).content.decode()
    claim.status = ClaimStatus.REJECTED
    claim.save()
    assert "Batteries included" not in client.get(detail).content.decode()
    assert "Batteries included" not in client.get(compare).content.decode()


def test_compare_reuses_each_frameworks_column_across_comparisons(client, db, monkeypatch):
    from frameworks import consensus

    first, second, third = (ClaimFactory(title=f"Strength {n}").framework for n in range(3))
    url = f"/compare/?frameworks={first.slug},{third.slug}&format=json"
    client.get(f"/compare/?frameworks={first.slug},{second.slug}")
    loaded = []
    real_load = consensus.load_rows
    monkeypatch.setattr(consensus, "load_rows", lambda ids, **kw: loaded.append(ids) or real_load(ids, **kw))
    remembered = client.get(url).json()
    assert loaded == [[third.pk]]  # only the framework not compared before is read
    cache.clear()
    assert client.get(url).json() == remembered  # and the page is what a fresh computation gives


# ------------------------------------------------------------------------------------------
# What a process keeps of the remembered values beside the shared cache


def test_a_remembered_value_is_read_from_the_process_once_it_has_been_read(db, monkeypatch):
    from django.core.cache import caches

    from guide.caching import content_changed, for_this_content

    computed = []
    value = for_this_content("answer", lambda: computed.append(1) or {"n": 42})
    backend = caches["default"]
    reads = []
    real_get_many = backend.get_many
    monkeypatch.setattr(backend, "get_many", lambda keys: reads.append(keys) or real_get_many(keys))
    assert for_this_content("answer", lambda: computed.append(1) or {"n": 0}) == value
    assert computed == [1] and not [keys for keys in reads if any("answer" in key for key in keys)]
    content_changed()  # a new version: neither copy is used
    assert for_this_content("answer", lambda: computed.append(2) or {"n": 43}) == {"n": 43}
    assert computed == [1, 2]


def test_another_process_s_value_is_read_from_the_shared_cache_and_kept(db):
    from guide.caching import _here, content_version, for_this_content

    for_this_content("shared", lambda: "first")
    version = content_version()
    _here.entries.clear()  # as in another process, which has only the shared cache
    _here.size = 0
    assert for_this_content("shared", lambda: "recomputed") == "first"
    assert _here.get_many(version, ["shared"]) == {"shared": "first"}


def test_each_release_reads_only_what_its_own_code_cached(client, page_cache, db, monkeypatch):
    """While a deploy rolls out, old and new processes share the cache: neither may read a page or
    a remembered value the other wrote, yet an edit on either invalidates both."""
    from guide import caching

    FrameworkFactory(name="Released", slug="released")
    old = client.get("/api/frameworks/")
    caching.for_this_content("shape", lambda: "old shape")
    version = caching.content_version()

    monkeypatch.setattr(caching, "RELEASE", "next-release")
    caching._here.entries.clear()  # another process, with only the shared cache
    caching._here.size = 0
    _, count = queries_for(client, "/api/frameworks/")
    assert count > 0  # rendered by this release's code, not read from the old release's entry
    assert queries_for(client, "/api/frameworks/", if_none_match=old["ETag"])[0].status_code == 200
    assert caching.for_this_content("shape", lambda: "new shape") == "new shape"
    assert caching.content_version() == version  # one content version for both releases


def test_a_request_the_page_cache_does_not_serve_reads_one_content_version(rf):
    """Another process's change, made while a request is rendered, waits for its next request:
    what the request remembers and reads belongs to one version."""
    from guide import caching

    seen = []

    def view(request):
        seen.append(caching.content_version())
        cache.set(caching.VERSION_KEY, seen[0] + 1, timeout=None)  # another process's change
        seen.append(caching.content_version())
        return HttpResponse("ok")

    request = rf.get("/frameworks/", headers={"cookie": "sessionid=x"})  # never page-cached
    caching.PublicPageCacheMiddleware(view)(request)
    assert seen[0] == seen[1]
    assert caching.content_version() == seen[0] + 1  # the next request reads the change


def test_a_change_the_request_makes_is_read_at_once(rf, db):
    from guide import caching

    seen = []

    def view(request):
        seen.append(caching.content_version())
        caching.content_changed()  # an editor's save
        seen.append(caching.content_version())
        return HttpResponse("ok")

    caching.PublicPageCacheMiddleware(view)(rf.post("/admin/frameworks/framework/1/change/"))
    assert seen[1] != seen[0]


def test_each_host_has_its_own_pages(client, page_cache, settings, db):
    """A page's canonical link and JSON-LD are absolute URLs: never served on another host."""
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    claim = ClaimFactory(framework=FrameworkFactory(name="Hosted", slug="hosted"))
    for path in ("/frameworks/", "/frameworks/hosted/", claim.article.get_absolute_url()):
        assert (
            "https://one.example/"
            in client.get(path, headers={"host": "one.example"}, secure=True).content.decode()
        )
        other = client.get(path, headers={"host": "two.example"}).content.decode()
        assert "http://two.example/" in other and "one.example" not in other, path


def test_the_process_memory_keeps_one_version_within_its_size():
    from guide.caching import ProcessMemory

    memory = ProcessMemory(limit=8 * 1000)
    memory.set_many(1, {"a": "x" * 500, "b": "y" * 500})
    assert memory.get_many(1, ["a", "b", "c"]) == {"a": "x" * 500, "b": "y" * 500}
    assert memory.get_many(2, ["a"]) == {}  # a newer version never reads the older one's
    memory.set_many(2, {"c": "z"})
    assert memory.get_many(2, ["a", "c"]) == {"c": "z"}
    memory.set_many(1, {"a": "late"})  # a request still on version 1 keeps nothing here
    assert memory.get_many(2, ["a"]) == {} and memory.version == 2
    memory.set_many(2, {"huge": "h" * 2000})  # over an eighth of the limit: never kept
    assert memory.get_many(2, ["huge"]) == {}
    for n in range(20):  # 20 x ~600 bytes > 8,000: the least recently used go first
        memory.get_many(2, ["c"])
        memory.set_many(2, {f"k{n}": "v" * 536})
    assert memory.size <= memory.limit and "c" in memory.entries and "k0" not in memory.entries


def test_a_process_memory_of_no_bytes_keeps_nothing():
    from guide.caching import ProcessMemory

    memory = ProcessMemory(limit=0)
    memory.set_many(1, {"a": "x"})
    assert memory.get_many(1, ["a"]) == {} and memory.version is None


def test_a_value_kept_in_this_process_is_made_once_per_content_version(db, monkeypatch):
    from django.core.cache import caches

    from guide.caching import content_changed, in_this_process

    backend = caches["default"]
    monkeypatch.setattr(backend, "get_many", lambda keys: pytest.fail("read from the shared cache"))
    monkeypatch.setattr(backend, "set_many", lambda *args: pytest.fail("written to the shared cache"))
    made = []
    assert in_this_process("made", lambda: made.append(1) or "one") == "one"
    assert in_this_process("made", lambda: made.append(2) or "two") == "one"
    content_changed()
    assert in_this_process("made", lambda: made.append(3) or "three") == "three"
    assert made == [1, 3]


def test_rows_are_remembered_one_by_one_in_the_order_asked(db):
    from guide.caching import rows_for_this_content

    asked = []

    def compute(pks):
        asked.append(pks)
        return {pk: f"row {pk}" for pk in pks if pk != 3}  # 3 is no longer found

    assert rows_for_this_content("test-rows", [2, 1, 3], compute) == {2: "row 2", 1: "row 1"}
    assert list(rows_for_this_content("test-rows", [1, 4, 2], compute)) == [1, 4, 2]
    assert asked == [[2, 1, 3], [4]]  # only the rows not remembered yet
