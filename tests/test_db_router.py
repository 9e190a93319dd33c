"""The read-replica router: who reads where, read-your-writes, stale pages, a replica that dies.

The real thing (a streaming replica, two app hosts, a balancer, faults under load) is
tests/scaleout/, run by `make scaleout`; these tests pin each rule down with fakes.
"""

import time

import pytest
from django.db import OperationalError
from django.http import HttpResponse

from guide import db_router
from guide.caching import PublicPageCacheMiddleware, content_changed, content_version, for_this_content
from guide.db_router import (
    PIN_COOKIE,
    PrimaryReplicaRouter,
    ReplicaReadsMiddleware,
    reads_for_version,
    replica_reads,
)


class FakeConnection:
    def __init__(self, in_atomic_block=False, up=True):
        self.in_atomic_block = in_atomic_block
        self.up = up
        self.connects = 0

    def close_if_health_check_failed(self):
        pass

    def ensure_connection(self):
        self.connects += 1
        if not self.up:
            raise OperationalError("connection refused")

    def close(self):
        pass


@pytest.fixture
def replica(settings, monkeypatch):
    settings.DATABASE_REPLICAS = ["replica1"]
    settings.DATABASE_REPLICA_MAX_LAG = 5
    fake = FakeConnection()
    monkeypatch.setattr(db_router, "connections", {"default": FakeConnection(), "replica1": fake})
    monkeypatch.setattr(db_router, "_down_until", {})
    return fake


def reads():
    return PrimaryReplicaRouter().db_for_read(None)


def test_reads_go_to_a_replica_and_writes_to_the_primary(replica):
    with replica_reads(True):
        assert reads() == "replica1"
        assert PrimaryReplicaRouter().db_for_write(None) == "default"
    assert PrimaryReplicaRouter().allow_migrate("replica1", "articles") is False


def test_commands_and_code_outside_a_request_read_from_the_primary(replica):
    # An import reads what it is about to change: a lagging copy could make it write twice.
    assert reads() == "default"


def test_reads_inside_a_transaction_stay_on_the_primary(replica, monkeypatch):
    monkeypatch.setitem(db_router.connections, "default", FakeConnection(in_atomic_block=True))
    with replica_reads(True):
        assert reads() == "default"


def test_without_replicas_everything_uses_the_primary(settings):
    settings.DATABASE_REPLICAS = []
    with replica_reads(True):
        assert reads() == "default"


def test_an_unreachable_replica_is_skipped_then_tried_again_after_a_few_seconds(replica, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(db_router.time, "monotonic", lambda: now[0])
    replica.up = False
    with replica_reads(True):
        assert reads() == "default"
        replica.up = True
        now[0] += db_router.REPLICA_RETRY_SECONDS - 1
        assert reads() == "default"  # remembered as down: not even tried
        assert replica.connects == 1
        now[0] += 2
        assert reads() == "replica1"


def view_reading_from(seen):
    def view(request):
        seen.append(reads())
        return HttpResponse("page")

    return view


def test_safe_requests_read_from_the_replica_and_a_post_pins_its_client_to_the_primary(replica, rf, settings):
    seen = []
    middleware = ReplicaReadsMiddleware(view_reading_from(seen))
    middleware(rf.get("/admin/"))
    response = middleware(rf.post("/admin/articles/claim/1/change/"))
    assert seen == ["replica1", "default"]
    pin = response.cookies[PIN_COOKIE]
    assert pin["max-age"] == 6 and pin["httponly"]
    assert float(pin.value) >= time.time() + settings.DATABASE_REPLICA_MAX_LAG

    pinned = rf.get("/admin/articles/claim/")
    pinned.COOKIES[PIN_COOKIE] = pin.value
    assert PIN_COOKIE not in middleware(pinned).cookies  # a GET does not extend the pin
    expired = rf.get("/admin/articles/claim/")
    expired.COOKIES[PIN_COOKIE] = str(int(time.time()) - 1)
    garbage = rf.get("/admin/articles/claim/")
    garbage.COOKIES[PIN_COOKIE] = "soon"
    middleware(expired)
    middleware(garbage)
    assert seen[2:] == ["default", "replica1", "replica1"]


def test_what_is_remembered_for_a_new_content_version_is_read_from_the_primary(replica, monkeypatch, db):
    content_changed()
    version = content_version()
    with replica_reads(True):
        assert for_this_content("young", reads) == "default"
        with reads_for_version(version - 6 * 1_000_000_000):
            assert reads() == "replica1"
        monkeypatch.setattr(db_router.time, "time_ns", lambda: version + 6 * 1_000_000_000)
        assert for_this_content("old", reads) == "replica1"
    with reads_for_version(0):  # an old version never lets a command onto the replica
        assert reads() == "default"


def test_a_page_cached_right_after_a_change_is_rendered_from_the_primary(
    replica, rf, settings, monkeypatch, db
):
    # Rendered from a replica that does not have the change yet, the page would be stored
    # under the new version and served stale until it expired.
    settings.PAGE_CACHE_SECONDS = 600
    seen = []
    site = ReplicaReadsMiddleware(PublicPageCacheMiddleware(view_reading_from(seen)))
    content_changed()
    version = content_version()
    site(rf.get("/frameworks/"))
    monkeypatch.setattr(db_router.time, "time_ns", lambda: version + 6 * 1_000_000_000)
    site(rf.get("/articles/"))
    site(rf.get("/frameworks/"))  # cached
    assert seen == ["default", "replica1"]
