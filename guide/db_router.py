"""Reads from a PostgreSQL read replica when one is configured (DATABASE_REPLICA_URL).

A replica applies the primary's changes a moment late (at most DATABASE_REPLICA_MAX_LAG
seconds, by assumption), so three rules keep every answer consistent:

- Only web requests that cannot write (GET, HEAD, OPTIONS) read from a replica, and only from a
  client that has not written in the last DATABASE_REPLICA_MAX_LAG seconds: any other request
  (a save, a login) pins its client to the primary for that long (a cookie), so an editor sees
  their own save and their new session. Writes, reads inside a transaction, and commands
  (imports, migrate) use the primary.
- Whatever is stored in the cache under a content version (pages, remembered aggregates) is
  computed on the primary while that version is younger than DATABASE_REPLICA_MAX_LAG: a
  replica may not have the change yet, and a page rendered from its old rows would be served
  under the new version until it expired.
- A replica that cannot be reached is left alone for REPLICA_RETRY_SECONDS and its reads go to
  the primary, so losing a replica costs no errors beyond the requests it was answering.
"""

import random
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

PIN_COOKIE = "read_primary_until"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
REPLICA_RETRY_SECONDS = 5.0

_replica_reads = ContextVar("replica_reads", default=False)
_down_until: dict[str, float] = {}  # replica alias -> time.monotonic() before which it is not tried


@contextmanager
def replica_reads(allowed: bool):
    token = _replica_reads.set(allowed)
    try:
        yield
    finally:
        _replica_reads.reset(token)


@contextmanager
def reads_for_version(version_ns: int):
    """Inside: replica reads only if the replicas have had time to apply content `version_ns`."""
    lag_ns = settings.DATABASE_REPLICA_MAX_LAG * 1_000_000_000
    with replica_reads(_replica_reads.get() and time.time_ns() - version_ns >= lag_ns):
        yield


def _reachable(alias: str) -> bool:
    if _down_until.get(alias, 0.0) > time.monotonic():
        return False
    connection = connections[alias]
    try:
        # Once per request (CONN_HEALTH_CHECKS): drop a connection the replica has closed, then
        # connect if need be, so a dead replica is found here rather than by the page's query.
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError:
        _down_until[alias] = time.monotonic() + REPLICA_RETRY_SECONDS
        connection.close()
        return False
    return True


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _replica_reads.get() or connections["default"].in_atomic_block:
            return "default"
        replicas = [alias for alias in settings.DATABASE_REPLICAS if _reachable(alias)]
        return random.choice(replicas) if replicas else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Lets a request read from the replicas unless it may write or its client wrote recently."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in SAFE_METHODS
        with replica_reads(safe and not self.pinned(request)):
            response = self.get_response(request)
        if not safe:
            lag = settings.DATABASE_REPLICA_MAX_LAG
            response.set_cookie(
                PIN_COOKIE,
                str(int(time.time() + lag) + 1),
                max_age=int(lag) + 1,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    @staticmethod
    def pinned(request) -> bool:
        # Checked here as well as by the cookie's max-age, for clients that ignore it. A client
        # that forges the cookie only makes its own requests read from the primary.
        try:
            return float(request.COOKIES.get(PIN_COOKIE, "0")) > time.time()
        except ValueError:
            return False
