"""Beyond one machine, with the real parts: two app hosts behind HAProxy, a PostgreSQL primary
and a streaming replica that lags on purpose, a shared Redis; wrk through the balancer while
editors save and imports run; then each part fails in turn under load.

Run by `make scaleout`, never by `make test` (the `scaleout` marker is deselected there). The
tests run in order on one set of parts; the last checks that nothing saved along the way was
lost.
"""

import math
import re
import time
import urllib.parse

import pytest

from bench import scaleout
from bench.scaleout import MAX_LAG_S, Editor, Load, Writers, fetch, wait_for
from guide.db_router import REPLICA_RETRY_SECONDS
from tests.scaleout.conftest import FIGURES

pytestmark = pytest.mark.scaleout

PAGES = ["/", "/frameworks/", "/frameworks/django/", "/frameworks/bottle/", "/articles/", "/sources/"]
PAGES += ["/compare/?frameworks=django,flask", "/api/frameworks/", "/search/?q=async"]
CACHED = [(page, False) for page in PAGES]
UNCACHED = [(page, True) for page in PAGES]  # sent with a session cookie: every one reads the database

REPLICA_GRACE_S = 2  # 5xx allowed this long after the replica stops: requests it was answering
PRIMARY_RECOVERY_S = 15  # the site answers again this soon after the primary is back


def load(cluster, seconds, paths=CACHED + UNCACHED, connections=16):
    return Load(cluster.balancer.url("/"), paths, seconds, cluster.root, connections)


def at(run: Load, offset: float) -> float:
    """Sleep until `offset` seconds into the load; the wall-clock time then."""
    time.sleep(max(0.0, run.started + offset - time.time()))
    return time.time()


def record(phase: str, result, recovery: str, **details):
    FIGURES.append(
        {
            "phase": phase,
            "answered": result.answered,
            "requests_per_second": result.requests_per_second,
            "5xx": result.server_errors(),
            "socket_errors": result.socket_error_count,
            "recovery": recovery,
            **details,
        }
    )


def note(phase: str, text: str, **details):
    FIGURES.append({"phase": phase, "note": text, **details})


def tagline_of(html: str) -> str:
    found = re.search(r'<p class="lede">(.*?)</p>', html)
    return found.group(1) if found else ""


def test_reads_go_to_the_replica_and_writes_to_the_primary(cluster, ledger):
    cluster.reset_statement_counts()
    result = load(cluster, 8, UNCACHED).result()
    reads = cluster.statement_counts()
    record("reads only (uncached pages)", result, "-", statements=reads)
    assert result.server_errors() == 0 and result.socket_error_count == 0
    on_replica, on_primary = reads["replica"]["select"], reads["primary"]["select"]
    assert on_replica > 100 and on_primary < 0.02 * on_replica, reads

    cluster.reset_statement_counts()
    report = cluster.import_generated(5)
    editor = Editor(cluster.host("b").url("").rstrip("/"), scaleout.EDITOR, cluster.password)
    assert editor.log_in().status == 302
    change = scaleout.framework_change_path(cluster)
    assert editor.save(change, "framework_form", tagline="Saved while counting writes").status == 302
    writes = cluster.statement_counts()
    assert report["exit_code"] == 0 and report["totals"]["created"] == 5
    assert writes["primary"]["write"] >= 5 and writes["replica"]["write"] == 0, writes
    FIGURES[-1]["write_statements"] = writes


def test_an_editor_reads_their_own_writes_although_the_replica_lags(cluster):
    editor = Editor(cluster.host("b").url("").rstrip("/"), scaleout.EDITOR, cluster.password)
    assert editor.log_in().status == 302
    # Their session was created on the primary a moment ago, and the replica does not have it.
    assert "Log out" in editor.request("/admin/").body
    time.sleep(MAX_LAG_S + 1)  # the pin from signing in has expired; this save sets a new one
    tagline = f"Read your writes {time.time():.3f}"
    saved = editor.save(scaleout.framework_change_path(cluster), "framework_form", tagline=tagline)
    saved_at, saved_position = time.time(), cluster.wal_position()
    assert saved.status == 302
    changelist = editor.request("/admin/frameworks/framework/?q=" + urllib.parse.quote(tagline))
    assert "1 result" in changelist.body
    assert tagline_of(editor.request("/frameworks/bottle/").body) == tagline
    # The editor read their save from the primary: the replica does not have it yet.
    assert not cluster.replica_has(saved_position)

    # A reader whose page is not cached shows the save within the stated lag: at once where the
    # page's parts are remembered under the new content version (computed on the primary while
    # that version is young), after the replica's delay where it reads the replica.
    host_a = cluster.host("a")
    wait_for(
        lambda: tagline_of(fetch(host_a.url("/frameworks/bottle/"), uncached=True)[1]) == tagline,
        MAX_LAG_S,
        interval=0.05,
        what="the uncached page showing the save",
    )
    uncached_after = time.time() - saved_at
    wait_for(
        lambda: cluster.replica_has(saved_position),
        MAX_LAG_S,
        interval=0.05,
        what="the replica applying the save",
    )
    replica_after = time.time() - saved_at
    # Cached pages are stored under the new content version: rendered from the primary, so
    # they show the save at once, on either host, and never an older version later.
    seen = set()
    until = time.time() + MAX_LAG_S + 1
    while time.time() < until:
        for host in cluster.hosts:
            seen.add(tagline_of(fetch(host.url("/frameworks/bottle/"))[1]))
        time.sleep(0.1)
    assert seen == {tagline}
    note(
        "editor saves, replica lagging",
        f"the editor's lists and pages show the save at once; the replica applied it "
        f"{replica_after:.1f} s later; an uncached page showed it after {uncached_after:.1f} s; "
        f"cached pages at once, on both hosts",
        replica_lag_s=round(replica_after, 2),
        uncached_stale_s=round(uncached_after, 2),
    )
    assert 1 < replica_after < MAX_LAG_S  # the replica really lags, and the bound holds


def test_a_page_changed_by_an_import_on_host_a_is_fresh_on_host_b_at_once(cluster):
    article = cluster.root / "wire" / "scaleout-wire.md"
    article.parent.mkdir(exist_ok=True)

    def import_title(title: str):
        article.write_text(
            f"---\ntitle: {title}\nsource: Scaleout Wire\ndate: 2026-11-30\n---\n"
            "## Flask\n\nPros:\n- **Small core**: the request cycle fits in one afternoon.\n"
        )
        report = cluster.import_files(article)
        assert report["exit_code"] == 0, report
        return report["files"][0]["slug"]

    slug = import_title("Wire first")
    page = cluster.host("b").url(f"/articles/{slug}/")
    time.sleep(MAX_LAG_S + 1)  # host b caches the page as rendered from the replica
    assert "Wire first" in fetch(page)[1] and "Wire first" in fetch(page)[1]
    assert import_title("Wire second") == slug
    imported_at = time.time()
    titles = set()
    while time.time() < imported_at + MAX_LAG_S + 1:
        body = fetch(page)[1]
        titles.add("second" if "Wire second" in body else "first" if "Wire first" in body else "?")
        time.sleep(0.1)
    assert titles == {"second"}


def test_load_while_an_import_runs_on_host_a_and_an_editor_saves_on_host_b(cluster, ledger):
    with Writers(cluster, ledger, "steady load", editor_base=cluster.host("b").url("").rstrip("/")):
        result = load(cluster, 15).result()
    record("steady: import on a, editor on b", result, "-")
    assert result.server_errors() == 0 and result.socket_error_count == 0
    assert ledger.saved() and ledger.imported_slugs


def test_a_stopped_replica_sends_reads_to_the_primary_and_rejoins_when_started(cluster, ledger):
    with Writers(cluster, ledger, "replica stop"):
        run = load(cluster, 24)
        stopped = at(run, 4)
        cluster.replica.stop("fast")
        cluster.primary.query("SELECT pg_stat_statements_reset()")
        started = at(run, 12)
        fallback_reads = cluster.statement_counts_on(cluster.primary)["select"]
        cluster.replica.start()
        cluster.replica.query("SELECT pg_stat_statements_reset()")
        wait_for(
            lambda: cluster.statement_counts_on(cluster.replica)["select"] > 0 and cluster.streaming(),
            REPLICA_RETRY_SECONDS + 15,
            what="reads on the restarted replica",
        )
        rejoined = time.time() - started
        result = run.result()
    last_error = result.last_server_error()
    errors_within = f"within {math.ceil(last_error - stopped)} s of the stop" if last_error else "none"
    record(
        "replica stopped, started 8 s later",
        result,
        f"5xx {errors_within}; reads on the replica again {rejoined:.1f} s after its start",
        fallback_reads=fallback_reads,
    )
    assert result.server_errors(since=stopped + REPLICA_GRACE_S) == 0
    assert result.socket_error_count == 0
    assert fallback_reads > 100  # the pages were read from the primary meanwhile


def test_pages_are_served_while_redis_restarts_and_caching_resumes(cluster, ledger):
    with Writers(cluster, ledger, "redis restart"):
        run = load(cluster, 20)
        stopped = at(run, 4)
        cluster.redis.stop()
        started = at(run, 10)
        cluster.redis.start()
        resumed = wait_for(lambda: cluster.redis.page_entries() > 0, 15, what="pages cached again")
        result = run.result()
    during = result.statuses(since=stopped + 1, until=started)
    record(
        "Redis stopped, started 6 s later",
        result,
        f"{sum(during.values())} answers while it was down, all 200: {set(during) == {200}}; "
        f"pages cached again {resumed:.1f} s after its start",
    )
    assert result.server_errors() == 0 and result.socket_error_count == 0
    assert during[200] > 50 and set(during) == {200}


def test_the_balancer_stops_sending_to_a_killed_host(cluster, ledger):
    balancer = cluster.balancer
    with Writers(cluster, ledger, "host kill"):
        run = load(cluster, 24)
        killed = at(run, 4)
        cluster.host("b").kill()
        taken_out = wait_for(
            lambda: balancer.servers()["b"]["status"].startswith("DOWN"), 15, 0.1, what="b marked DOWN"
        )
        sent = int(balancer.servers()["b"]["stot"])
        time.sleep(4)
        sent_after = int(balancer.servers()["b"]["stot"])
        restarted = at(run, 12)
        cluster.host("b").start()  # returns once b answers /healthz
        start_up = time.time() - restarted
        back = wait_for(lambda: balancer.servers()["b"]["status"] == "UP", 30, 0.1, what="b UP again")
        result = run.result()
    record(
        "host b killed (SIGKILL)",
        result,
        f"out of rotation {taken_out:.1f} s after the kill; restarted, it took {start_up:.1f} s to "
        f"answer and was back in rotation {back:.1f} s later",
        killed_at=killed,
    )
    assert sent_after == sent  # nothing sent to b once it was marked down
    # At most the requests in flight on b when it died (wrk has 16 connections).
    assert result.server_errors() + result.socket_error_count <= 16


def test_while_the_primary_restarts_healthz_answers_503_and_the_site_recovers(cluster, ledger):
    with Writers(cluster, ledger, "primary restart"):
        run = load(cluster, 30)
        stopped = at(run, 4)
        cluster.primary.stop("immediate")
        unhealthy = wait_for(
            lambda: all(fetch(host.url("/healthz"), timeout=3)[0] == 503 for host in cluster.hosts),
            10,
            what="/healthz answering 503 on both hosts",
        )
        started = at(run, 10)
        cluster.primary.start()  # returns once it accepts connections (crash recovery done)
        ready = time.time()
        wait_for(
            lambda: all(fetch(host.url("/healthz"), timeout=3)[0] == 200 for host in cluster.hosts),
            PRIMARY_RECOVERY_S + 15,
            what="/healthz answering 200 on both hosts",
        )
        hosts_healthy = time.time() - ready
        wait_for(
            lambda: fetch(cluster.balancer.url("/frameworks/"), timeout=5, uncached=True)[0] == 200,
            PRIMARY_RECOVERY_S + 15,
            what="the site answering through the balancer",
        )
        recovered_at = time.time()
        result = run.result()
    recovered = recovered_at - ready
    record(
        "primary stopped hard, started 6 s later",
        result,
        f"/healthz 503 on both hosts {unhealthy:.1f} s after the stop; the primary took {ready - started:.1f} s "
        f"to start; then /healthz 200 after {hosts_healthy:.1f} s, the site through the balancer after "
        f"{recovered:.1f} s; 5xx only in between (the balancer's 503 while no host is healthy)",
        down_s=round(ready - stopped, 1),
    )
    assert recovered < PRIMARY_RECOVERY_S
    assert result.server_errors(until=int(stopped)) == 0 and result.server_errors(since=recovered_at + 1) == 0
    assert result.socket_error_count == 0


def test_nothing_an_editor_or_an_import_saved_was_lost(cluster, ledger):
    wait_for(cluster.streaming, 60, what="the replica streaming again")
    written = cluster.wal_position()
    wait_for(lambda: cluster.replica_has(written), 30, what="the replica caught up")
    saved = ledger.saved()
    # Enough writing to mean something, however busy the machine (an idle one does 30-70
    # saves and 40-140 articles; one under other load 37 saves and 20 articles).
    assert len(saved) >= 10 and len(ledger.imported_slugs) >= 10
    history_sql = (
        "SELECT DISTINCT tagline FROM frameworks_historicalframework WHERE slug = %s AND tagline = ANY(%s)"
    )
    articles_sql = "SELECT slug FROM articles_article WHERE slug = ANY(%s)"
    for server in (cluster.primary, cluster.replica):
        kept = {tagline for (tagline,) in server.query(history_sql, (scaleout.EDITED_FRAMEWORK, saved))}
        assert kept == set(saved)
        present = {slug for (slug,) in server.query(articles_sql, (list(ledger.imported_slugs),))}
        assert present == ledger.imported_slugs
    [(current,)] = cluster.primary.query(
        "SELECT tagline FROM frameworks_framework WHERE slug = %s", (scaleout.EDITED_FRAMEWORK,)
    )
    assert current in ledger.possible_current()
    assert tagline_of(fetch(cluster.balancer.url("/frameworks/bottle/"))[1]) == current
    outcomes = [outcome for _, outcome in ledger.saves]
    note(
        "nothing lost",
        f"{len(saved)} editor saves acknowledged, all kept on both servers "
        f"({outcomes.count('unknown')} unanswered, {outcomes.count('refused')} refused); "
        f"{len(ledger.imported_slugs)} imported articles, all kept "
        f"({ledger.failed_import_files} files reported as failed)",
    )
