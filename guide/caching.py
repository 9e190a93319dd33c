"""Whole-page caching for anonymous readers, with validators, invalidated by any content change.

Every public page depends on a small amount of content that changes rarely (an import, an
editor's save), so one site-wide "content version" is enough: it lives in the shared cache,
any change to frameworks, topics, sources, articles or claims replaces it, and a cached page
is served only if it was stored under the current version. The same version gives each page
its ETag and Last-Modified, so a browser or CDN that already has the page gets a 304 without
the page being rendered at all.

Pages and remembered values are stored under the code release too (RELEASE): while a deploy
rolls out, old and new processes share the cache and the content version, but each reads only
what its own code wrote (a remembered value's shape, a page's markup and static URLs).
"""

import hashlib
import pickle
import platform
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urlencode

import django
import jinja2
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import TooManyFieldsSent
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe

from guide.db_router import reads_for_version


def _release() -> str:
    """A digest of the code that writes what is cached: the apps' source, templates and static
    files, the README (the evidence page), and the Python, Django and Jinja2 versions it runs on
    (a few milliseconds, once a process)."""
    base = settings.BASE_DIR
    paths = [base / "README.md"]  # the evidence page is a section of it
    for folder in ("guide", "articles", "frameworks", "templates", "static"):
        paths += (base / folder).rglob("*")
    digest = hashlib.sha256(f"{platform.python_version()}|{django.__version__}|{jinja2.__version__}".encode())
    for path in sorted(paths):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(base).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = _release()
# Shared by every release: an edit saved by an old process invalidates the new ones' pages too.
VERSION_KEY = "content-version"
# One entry per URL, holding (content version, response): a cached page and the current version
# come back in one round trip (get_many), and a page of an older version is simply replaced.
PAGE_KEY = "page:{release}:{digest}"
UNCACHED_PREFIXES = ("/admin/", "/markdownx/", "/healthz", "/static/", "/media/")
PAGE_PARAMETERS = {
    "q", "page", "kind", "interface", "topic", "stance", "source", "independent", "sort",
    "frameworks", "format", "framework", "year", "status", "text", "has_orm", "has_admin",
    "has_auth", "native_async", "has_templating", "auto_api_docs", "pure_python_ui", "websockets",
    "article", "language", "point", "need",
}  # fmt: skip
MAX_KEY_QUERY = 1000  # longer query strings (of page parameters) are served, never stored


# The version a reader's page is being rendered for, read once by the page cache middleware:
# whatever the page remembers is read under it, without asking the cache for it again. UNREAD
# for a request the page cache does not serve: it keeps the first version it reads.
UNREAD = -1
_page_version: ContextVar[int | None] = ContextVar("page_version", default=None)


def content_version() -> int:
    """Nanoseconds since the epoch of the last content change known to the cache."""
    known = _page_version.get()
    if known is not None and known != UNREAD:
        return known
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY, time.time_ns())
    if known == UNREAD:
        _page_version.set(version)
    return version


_batch = threading.local()


@contextmanager
def one_invalidation():
    """Changes made inside invalidate the cache once, at the end (an import saves many rows)."""
    depth = getattr(_batch, "depth", 0)
    _batch.depth = depth + 1
    try:
        yield
    finally:
        _batch.depth = depth
        if depth == 0 and getattr(_batch, "pending", False):
            _batch.pending = False
            content_changed()


def content_changed(**kwargs) -> None:
    """Invalidate every cached page now, and again when the current transaction commits (a
    reader who cached the old content in between would otherwise keep it)."""
    _page_version.set(None)  # from now on, this request reads the new version
    if getattr(_batch, "depth", 0):
        _batch.pending = True
        return

    def bump():
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)

    bump()
    transaction.on_commit(bump)


def for_this_content(name: str, compute, timeout: int = 3600):
    """`compute()`, remembered until the content changes: for aggregates over every claim that
    many requests need (counts, contested topics), so they cost one query per change, not one
    per request. Kept apart from the page cache, which PAGE_CACHE_SECONDS may switch off."""
    return many_for_this_content([name], lambda _missing: {name: compute()}, timeout)[name]


def many_for_this_content(names: list[str], compute_missing, timeout: int = 3600) -> dict:
    """for_this_content for several values in one cache read: `compute_missing(names)` returns
    {name: value} for the names not remembered, all at once (one query for all of them).

    The values are shared, in this process, by every request of the same content version:
    treat them as read-only."""
    if not names:
        return {}
    version = content_version()
    values = _here.get_many(version, names)
    if len(values) == len(names):
        return values
    keys = {name: f"data:{RELEASE}:{version}:{name}" for name in names if name not in values}
    found = cache.get_many(list(keys.values()))
    shared = {name: found[key] for name, key in keys.items() if key in found}
    missing = [name for name in keys if name not in shared]
    computed = {}
    if missing:
        with reads_for_version(version):  # remembered under `version`: read where it is applied
            computed = compute_missing(missing)
        cache.set_many({keys[name]: value for name, value in computed.items()}, timeout)
    _here.set_many(version, {**shared, **computed})
    return {**values, **shared, **computed}


def rows_for_this_content(name: str, pks: list, compute_missing, timeout: int = 3600) -> dict:
    """many_for_this_content for one value per row, remembered under `name:<pk>`:
    `compute_missing(pks)` returns {pk: value} for the rows not remembered yet, all at once (a
    row it no longer finds is left out). {pk: value} for the rows found, in the order of `pks`."""
    by_name = {f"{name}:{pk}": pk for pk in pks}

    def missing(names: list[str]) -> dict:
        found = compute_missing([by_name[key] for key in names])
        return {key: found[by_name[key]] for key in names if by_name[key] in found}

    values = many_for_this_content(list(by_name), missing, timeout)
    return {pk: values[key] for key, pk in by_name.items() if key in values}


def in_this_process(name: str, compute):
    """`compute()`, kept in this process for the current content version (in ProcessMemory,
    never in the shared cache): for small values that cost less to make again than a round trip
    to fetch, but more than a dictionary lookup. Shared by this process's requests: read-only."""
    version = content_version()
    found = _here.get_many(version, [name])
    if name in found:
        return found[name]
    value = compute()
    _here.set_many(version, {name: value})
    return value


class ProcessMemory:
    """What for_this_content remembered, kept in this process too, for the current content
    version only: a value never changes under one version, and the shared cache is a network
    round trip and an unpickling away (0.2 ms or more a read on a loaded 2-core machine).

    Emptied whenever a request brings a new version; at most `limit` bytes (strings by their
    length, other values by their pickled size), the least recently used going first."""

    def __init__(self, limit: int):
        self.limit = limit
        self.version: int | None = None
        self.entries: OrderedDict[str, tuple[object, int]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get_many(self, version: int, names: list[str]) -> dict:
        with self.lock:
            if version != self.version:
                return {}
            found = {}
            for name in names:
                entry = self.entries.get(name)
                if entry is not None:
                    self.entries.move_to_end(name)
                    found[name] = entry[0]
            return found

    def set_many(self, version: int, values: dict) -> None:
        if not self.limit:
            return
        sized = {name: (value, _size(value)) for name, value in values.items()}
        with self.lock:
            if version != self.version:
                if self.version is not None and version < self.version:
                    return  # a request still reading an older version
                self.version, self.size = version, 0
                self.entries.clear()
            for name, (value, size) in sized.items():
                if size > self.limit // 8:
                    continue  # too large to keep here: read from the shared cache each time
                old = self.entries.pop(name, None)
                self.size += size - (old[1] if old else 0)
                self.entries[name] = (value, size)
            while self.size > self.limit:
                _name, (_value, size) = self.entries.popitem(last=False)
                self.size -= size


def _size(value) -> int:
    if isinstance(value, str | bytes):
        return len(value) + 64
    return len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) + 64


_here = ProcessMemory(limit=settings.REMEMBERED_IN_PROCESS_BYTES)


def flush_pending() -> None:
    """Inside one_invalidation(): invalidate now for what changed so far (long import runs)."""
    if getattr(_batch, "pending", False):
        _batch.pending = False
        depth, _batch.depth = _batch.depth, 0
        try:
            content_changed()
        finally:
            _batch.depth = depth


def connect_invalidation(models) -> None:
    from django.db.models.signals import post_delete, post_save

    for model in models:
        if model.__name__.startswith("Historical"):
            continue  # history rows only ever accompany a change to their model
        post_save.connect(content_changed, sender=model, dispatch_uid=f"cache-{model._meta.label}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"cache-{model._meta.label}-delete")


class PublicPageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the cache; answer conditional requests with 304."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def page_key(request) -> str | None:
        """What identifies the page a request asks for: its path and the parameters pages read.
        Others (?utm_source=..., ?x=1) change nothing on the page, so they neither make it
        uncacheable nor give it a new entry. None when the page is not to be cached."""
        request.GET  # noqa: B018  (parsed first, so a bad query string is a 400 for every page)
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path.startswith(UNCACHED_PREFIXES)
        ):
            return None
        # Parameters in a fixed order; the values of one keep theirs (compare's columns follow it).
        query = urlencode(
            [(k, v) for k in sorted(set(request.GET) & PAGE_PARAMETERS) for v in request.GET.getlist(k)]
        )
        if len(query) > MAX_KEY_QUERY:
            return None
        # The scheme and host too: a page's canonical link and JSON-LD are absolute URLs.
        return f"{request.scheme}://{request.get_host()}{request.path}?{query}"

    def __call__(self, request):
        try:
            page = self.page_key(request)
        except TooManyFieldsSent:
            # Answered here, not by the view: with DEBUG on, Django's error page would read the
            # query string again and fail with a 500.
            return HttpResponseBadRequest("Too many query parameters.", content_type="text/plain")
        if page is None:
            # Not cached, but read under one content version all the same, the first one it
            # reads: a page that read it twice could mix what it remembered before and after
            # a change (a form built under one version with the other's choices).
            token = _page_version.set(UNREAD)
            try:
                return self.get_response(request)
            finally:
                _page_version.reset(token)
        digest = hashlib.sha256(page.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        key = PAGE_KEY.format(release=RELEASE, digest=digest)
        seconds = settings.PAGE_CACHE_SECONDS
        found = cache.get_many([VERSION_KEY, key]) if seconds else {}
        version = found.get(VERSION_KEY) or content_version()
        etag = f'W/"{version:x}-{RELEASE[:8]}-{digest[:12]}"'
        last_modified = version // 1_000_000_000
        if self.not_modified(request, etag, last_modified):
            return self.not_modified_response(etag, last_modified)
        cached_version, response = found.get(key, (None, None))
        if cached_version != version:
            token = _page_version.set(version)
            try:
                with reads_for_version(version):  # cached under `version`: read where it is applied
                    response = self.get_response(request)
            finally:
                _page_version.reset(token)
            if seconds and response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, (version, response), seconds)
        if response.status_code == 200:
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            # Browsers and CDNs may keep the page but must ask again; the 304 is cheap.
            response["Cache-Control"] = "no-cache"
        return response

    @staticmethod
    def not_modified(request, etag: str, last_modified: int) -> bool:
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match:
            return etag in {tag.strip() for tag in if_none_match.split(",")}
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        return since is not None and since >= last_modified

    @staticmethod
    def not_modified_response(etag: str, last_modified: int):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = "no-cache"
        return response
