"""The parts `make scaleout` runs the site on: two app hosts, a streaming replica, a shared Redis.

Everything is started here, on 127.0.0.1 and on ports of its own, under one temporary folder,
so it can be stopped and restarted at will: a PostgreSQL primary (initdb) and a streaming
replica of it (pg_basebackup -R) that applies changes REPLICA_DELAY_S late on purpose, a Redis
without persistence, two gunicorn hosts with the repository's gunicorn.conf.py, and HAProxy in
front checking /healthz. The machine's own PostgreSQL and Redis are never touched.
tests/scaleout/ drives load and faults through these parts and asserts what must hold.

Plain Python, no Django: the site runs in subprocesses, exactly as a deployment starts it.
"""

from __future__ import annotations

import html.parser
import http.cookiejar
import json
import math
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common, corpus
from bench.common import HOST, PYTHON, ROOT, HarnessError, log

REPLICA_DELAY_S = 2  # the replica's recovery_min_apply_delay: it lags this much, always
MAX_LAG_S = 5  # DATABASE_REPLICA_MAX_LAG on the app hosts: more than the replica's lag
DATABASE = "guide"
EDITOR = "scaleout-editor"
EDITED_FRAMEWORK = "bottle"  # no generated import article is about it: no conflicting writes
LOGS = ROOT / "bench" / "results" / "scaleout-logs"


class Missing(HarnessError):
    """A part is not installed here: the scale-out test is skipped, not failed."""


# -- the parts ------------------------------------------------------------------------------------


def postgres_bin() -> Path:
    explicit = os.environ.get("SCALEOUT_PG_BIN")
    folders = (
        [Path(explicit)] if explicit else sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    )
    for folder in folders:
        if all((folder / tool).exists() for tool in ("initdb", "pg_ctl", "pg_basebackup")):
            return folder
    raise Missing("no PostgreSQL server binaries (initdb, pg_basebackup): apt-get install postgresql")


def require_parts() -> Path:
    for tool, package in (("redis-server", "redis-server"), ("haproxy", "haproxy"), ("wrk", "wrk")):
        if shutil.which(tool) is None:
            raise Missing(f"{tool} is not installed: apt-get install {package}")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise Missing("running as root, and there is no postgres user to run initdb as") from None
    return postgres_bin()


def as_postgres(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def wait_for(check, timeout: float, interval: float = 0.2, what: str = "") -> float:
    """Seconds until check() is true; HarnessError after `timeout` seconds."""
    started = time.monotonic()
    while True:
        try:
            if check():
                return time.monotonic() - started
        except HarnessError:
            raise
        except Exception:  # a part that is down answers with anything: keep asking
            pass
        if time.monotonic() - started > timeout:
            raise HarnessError(f"{what or check} not true after {timeout:g} s")
        time.sleep(interval)


def distinct_free_ports(count: int) -> list[int]:
    ports: set[int] = set()
    while len(ports) < count:
        ports.add(common.free_port())
    return sorted(ports)


class Postgres:
    def __init__(self, name: str, root: Path, port: int, binaries: Path):
        self.name, self.root, self.port, self.bin = name, root, port, binaries
        self.data = root / name
        self.log_path = root / f"postgres-{name}.log"

    def url(self, database: str = DATABASE) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{database}"

    def run(self, tool: str, *args: str, timeout: float = 120) -> str:
        result = subprocess.run(
            as_postgres([str(self.bin / tool), *args]), capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise HarnessError(f"{tool} {' '.join(args)} exited {result.returncode}: {result.stderr[-2000:]}")
        return result.stdout

    def configure(self, **settings) -> None:
        # Appended: later lines win over the copy of the primary's that pg_basebackup brings.
        with (self.data / "postgresql.conf").open("a") as conf:
            for key, value in settings.items():
                conf.write(f"{key} = '{value}'\n")

    def start(self) -> None:
        self.run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log_path), "-w", "-t", "60", "start", timeout=90
        )

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", timeout=90)

    def query(self, sql: str, params=(), database: str = DATABASE) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(database), connect_timeout=3, autocommit=True) as conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchall() if cursor.description else []


class Redis:
    def __init__(self, root: Path, port: int):
        self.root, self.port = root, port
        self.log_path = root / "redis.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(host=HOST, port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def start(self) -> None:
        # No persistence: a restarted cache starts empty, so it never serves what was
        # invalidated while it was away.
        command = [
            "redis-server",
            "--port",
            str(self.port),
            "--bind",
            HOST,
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        command += ["--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru", "--dir", str(self.root)]
        with self.log_path.open("a") as log_file:
            self.process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT)
        wait_for(lambda: self.client().ping(), 15, what="redis-server answering")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def page_entries(self) -> int:
        return sum(1 for _ in self.client().scan_iter(match="*page:*", count=1000))


class AppHost:
    """One gunicorn, the repository's gunicorn.conf.py, on its own port: an app server."""

    def __init__(self, name: str, root: Path, port: int, env: dict):
        # Each host its own control socket: by default gunicorn puts it in the home folder, and
        # two on one machine would share it.
        arguments = f"--control-socket {root / f'gunicorn-{name}.ctl'}"
        self.name, self.port = name, port
        self.env = {**env, "GUNICORN_BIND": f"{HOST}:{port}", "GUNICORN_CMD_ARGS": arguments}
        self.log_path = root / f"gunicorn-{name}.log"
        self.process: subprocess.Popen | None = None

    def url(self, path: str = "/") -> str:
        return f"http://{HOST}:{self.port}{path}"

    def start(self) -> None:
        with self.log_path.open("a") as log_file:
            self.process = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "guide.wsgi"],
                cwd=ROOT,
                env=self.env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killed as a whole
            )
        wait_for(self.healthy, 60, what=f"host {self.name} answering /healthz")

    def healthy(self) -> bool:
        if self.process.poll() is not None:
            raise HarnessError(
                f"host {self.name} exited {self.process.returncode}:\n{common.tail(self.log_path)}"
            )
        return fetch(self.url("/healthz"), timeout=3)[0] == 200

    def kill(self) -> None:
        """Like a machine that dies: no graceful anything."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


HAPROXY = """
global
    maxconn 1000

defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout check 2s
    # A request the server never answered (refused, or the host died under it) goes to another
    # host; only GET and HEAD are retried once sent, since they cannot have written anything.
    retries 2
    option redispatch 1
    retry-on conn-failure empty-response

frontend site
    bind {host}:{port}
    default_backend app

backend app
    http-request disable-l7-retry unless METH_GET || METH_HEAD
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host localhost
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
{servers}

listen stats
    bind {host}:{stats_port}
    stats enable
    stats uri /stats
"""


class Balancer:
    def __init__(self, root: Path, port: int, stats_port: int, hosts: list[AppHost]):
        self.port, self.stats_port = port, stats_port
        self.config = root / "haproxy.cfg"
        self.log_path = root / "haproxy.log"
        servers = "\n".join(f"    server {h.name} {HOST}:{h.port} check" for h in hosts)
        self.config.write_text(
            HAPROXY.format(host=HOST, port=port, stats_port=stats_port, servers=servers).lstrip()
        )
        self.process: subprocess.Popen | None = None

    def url(self, path: str = "/") -> str:
        return f"http://{HOST}:{self.port}{path}"

    def start(self) -> None:
        with self.log_path.open("a") as log_file:
            self.process = subprocess.Popen(
                ["haproxy", "-db", "-f", str(self.config)], stdout=log_file, stderr=subprocess.STDOUT
            )
        wait_for(self.serving, 30, what="HAProxy with both hosts UP")

    def serving(self) -> bool:
        if self.process.poll() is not None:
            raise HarnessError(f"haproxy exited {self.process.returncode}:\n{common.tail(self.log_path)}")
        return all(server["status"] == "UP" for server in self.servers().values())

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def servers(self) -> dict[str, dict]:
        """HAProxy's own view of each app host: status ("UP", "DOWN", ...) and stot (requests)."""
        with urllib.request.urlopen(f"http://{HOST}:{self.stats_port}/stats;csv", timeout=3) as response:
            lines = response.read().decode().splitlines()
        header = lines[0].lstrip("# ").split(",")
        rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:] if line]
        return {row["svname"]: row for row in rows if row["pxname"] == "app" and row["svname"] != "BACKEND"}


# A reader who sends a session cookie is never served from the page cache (nor stored in it):
# requests with it read the database, like a page whose cache entry has just expired.
UNCACHED_COOKIE = "sessionid=an-anonymous-reader"


def fetch(url: str, timeout: float = 10, uncached: bool = False) -> tuple[int, str]:
    """Status and body of a GET; `uncached` sends UNCACHED_COOKIE."""
    request = urllib.request.Request(url, headers={"Cookie": UNCACHED_COOKIE} if uncached else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


# -- the site on them ------------------------------------------------------------------------------


class Cluster:
    """Primary, replica, Redis, hosts a and b, and the balancer, with the site's data loaded."""

    def __init__(self):
        self.bin = require_parts()
        self.root = Path(tempfile.mkdtemp(prefix="framework-guide-scaleout-"))
        if os.geteuid() == 0:
            os.chown(self.root, pwd.getpwnam("postgres").pw_uid, -1)
        os.chmod(self.root, 0o755)
        ports = distinct_free_ports(7)
        self.primary = Postgres("primary", self.root, ports[0], self.bin)
        self.replica = Postgres("replica", self.root, ports[1], self.bin)
        self.redis = Redis(self.root, ports[2])
        self.env = common.django_env(
            self.primary.url(),
            static_root=self.root / "static",
            page_cache_seconds=600,
            DJANGO_SETTINGS_MODULE="guide.settings",
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_REPLICA_URL=self.replica.url(),
            DATABASE_REPLICA_MAX_LAG=MAX_LAG_S,
            REDIS_URL=self.redis.url,
            GUNICORN_WORKERS=2,
            GUNICORN_THREADS=4,
            GUNICORN_GRACEFUL_TIMEOUT=5,
        )
        self.hosts = [
            AppHost(name, self.root, port, self.env) for name, port in zip("ab", ports[3:5], strict=True)
        ]
        self.balancer = Balancer(self.root, ports[5], ports[6], self.hosts)
        self.password = secrets.token_urlsafe(16)
        self.imports = 0
        self.closed = False

    # -- bringing it up and down

    def start(self) -> None:
        started = time.monotonic()
        log(f"Parts in {self.root}: PostgreSQL {self.bin.parent.name} from {self.bin}")
        self.start_primary()
        self.load_site()
        self.start_replica()
        self.redis.start()
        for host in self.hosts:
            host.start()
        self.balancer.start()
        # The cache started empty, so the first request makes a new content version: wait
        # until the replica may serve it, as it would on a site that has been up a while.
        fetch(self.balancer.url("/"))
        time.sleep(MAX_LAG_S + 1)
        log(
            f"Up in {time.monotonic() - started:.0f} s: primary :{self.primary.port}, replica "
            f":{self.replica.port} ({REPLICA_DELAY_S} s behind), redis :{self.redis.port}, hosts "
            f"a :{self.hosts[0].port} and b :{self.hosts[1].port}, HAProxy :{self.balancer.port}"
        )

    def start_primary(self) -> None:
        options = ["-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]
        self.primary.run("initdb", "-D", str(self.primary.data), *options)
        self.primary.configure(
            port=self.primary.port,
            listen_addresses=HOST,
            unix_socket_directories=self.root,
            max_connections=100,
            shared_preload_libraries="pg_stat_statements",
            random_page_cost=1.1,  # the README's setting for SSD storage
        )
        self.primary.start()
        self.primary.query(f"CREATE DATABASE {DATABASE}", database="postgres")
        self.primary.query("CREATE EXTENSION pg_stat_statements")

    def load_site(self) -> None:
        env = {key: value for key, value in self.env.items() if key != "DATABASE_REPLICA_URL"}
        common.manage(env, "migrate", "--noinput", "-v0", timeout=300)
        common.manage(env, "load_sample_content", timeout=300)
        common.manage(env, "collectstatic", "--noinput", "-v0", timeout=300)
        common.manage(
            {**env, "DJANGO_SUPERUSER_PASSWORD": self.password},
            "createsuperuser", "--noinput", "--username", EDITOR, "--email", "editor@example.org",
        )  # fmt: skip

    def start_replica(self) -> None:
        self.primary.run(
            "pg_basebackup", "-h", HOST, "-p", str(self.primary.port), "-U", "postgres",
            "-D", str(self.replica.data), "-R", "-X", "stream", "-C", "-S", "scaleout_replica", "-c", "fast",
        )  # fmt: skip
        self.replica.configure(
            port=self.replica.port,
            recovery_min_apply_delay=f"{REPLICA_DELAY_S}s",
            # Long-running reads are not cancelled by the primary's vacuum.
            hot_standby_feedback="on",
        )
        self.replica.start()
        wait_for(self.streaming, 60, what="the replica streaming from the primary")

    def streaming(self) -> bool:
        return self.primary.query("SELECT state FROM pg_stat_replication", database="postgres") == [
            ("streaming",)
        ]

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        for stop in (
            self.balancer.stop,
            *(host.kill for host in self.hosts),
            self.redis.stop,
            lambda: self.replica.stop("immediate"),
            lambda: self.primary.stop("immediate"),
        ):
            try:
                stop()
            except Exception as exc:  # stop everything else whatever one part does
                log(f"warning: while stopping: {exc}")
        shutil.rmtree(LOGS, ignore_errors=True)
        LOGS.mkdir(parents=True, exist_ok=True)
        for path in self.root.glob("*.log"):
            shutil.copy(path, LOGS / path.name)
        shutil.rmtree(self.root, ignore_errors=True)

    # -- what the tests ask of it

    def host(self, name: str) -> AppHost:
        return next(host for host in self.hosts if host.name == name)

    def import_files(self, directory: Path) -> dict:
        """manage.py import_articles on host a's configuration; the JSON report."""
        result = subprocess.run(
            [PYTHON, "manage.py", "import_articles", str(directory), "--format", "json"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        try:
            report = json.loads(result.stdout[result.stdout.find("{") :])
        except json.JSONDecodeError:
            report = {"files": [], "totals": {}}
        report["exit_code"] = result.returncode
        report["stderr"] = result.stderr[-1000:]
        return report

    def import_generated(self, count: int) -> dict:
        self.imports += 1
        directory = self.root / "imports" / str(self.imports)
        corpus.write_corpus(directory, count, seed=7000 + self.imports)
        return self.import_files(directory)

    def statement_counts(self) -> dict[str, Counter]:
        return {name: self.statement_counts_on(server) for name, server in self.servers().items()}

    @staticmethod
    def statement_counts_on(server: Postgres) -> Counter:
        """Since the last reset: calls of SELECTs that read the site's tables ("select"), and of
        INSERT, UPDATE and DELETE statements on them ("write"), from pg_stat_statements."""
        sql = """
            SELECT CASE WHEN query ~* '^\\s*select' THEN 'select' ELSE 'write' END, sum(calls)::int
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query ~ '"(frameworks|articles)_'
              AND query ~* '^\\s*(select|insert|update|delete)'
            GROUP BY 1
        """
        return Counter(dict(server.query(sql)))

    def reset_statement_counts(self) -> None:
        for server in self.servers().values():
            server.query("SELECT pg_stat_statements_reset()")

    def servers(self) -> dict[str, Postgres]:
        return {"primary": self.primary, "replica": self.replica}

    def wal_position(self) -> str:
        [(position,)] = self.primary.query("SELECT pg_current_wal_lsn()::text")
        return position

    def replica_has(self, position: str) -> bool:
        """Whether the replica has applied the primary's WAL up to `position`."""
        [(applied,)] = self.replica.query("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (position,))
        return applied


# -- an editor in the admin -------------------------------------------------------------------------


class FormFields(html.parser.HTMLParser):
    """What a browser would submit from the form with this id, as (name, value) pairs."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside = form_id, False
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.chosen: list[str] = []
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value") or "on"))
                return
            self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self.select, self.chosen = name, []
        elif tag == "option" and self.select and "selected" in attrs:
            self.chosen.append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            self.fields.extend((self.select, value) for value in self.chosen)
            self.select = None
        elif tag == "textarea" and self.textarea:
            text = "".join(self.text)
            self.fields.append((self.textarea, text[1:] if text.startswith("\n") else text))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    body: str = ""


class Editor:
    """A signed-in editor with a browser's cookies, talking to one address (a host, or the
    balancer)."""

    def __init__(self, base: str, username: str, password: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.username, self.password = username, password

    def request(self, path: str, data: list[tuple[str, str]] | None = None, timeout: float = 10) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=timeout) as response:
                return Answer(response.status, response.read().decode(errors="replace"))
        except urllib.error.HTTPError as exc:
            return Answer(exc.code, exc.read().decode(errors="replace"))

    def form(self, path: str, form_id: str) -> list[tuple[str, str]]:
        answer = self.request(path)
        if answer.status != 200:
            raise HarnessError(f"GET {path}: {answer.status}")
        parser = FormFields(form_id)
        parser.feed(answer.body)
        return parser.fields

    def log_in(self) -> Answer:
        fields = self.form("/admin/login/", "login-form")
        fields = [(k, v) for k, v in fields if k not in ("username", "password")]
        fields += [("username", self.username), ("password", self.password), ("next", "/admin/")]
        return self.request("/admin/login/?next=/admin/", fields)

    def submit(self, path: str, fields: list[tuple[str, str]], **changes: str) -> Answer:
        """Press Save with some fields changed: 302 when it was saved."""
        kept = [(k, v) for k, v in fields if k not in changes]
        return self.request(path, [*kept, *changes.items(), ("_save", "Save")])

    def save(self, path: str, form_id: str, **changes: str) -> Answer:
        return self.submit(path, self.form(path, form_id), **changes)


# -- load -----------------------------------------------------------------------------------------

LUA = """
paths = {%(paths)s}
uncached = {%(uncached)s}
counter = 0
buckets = {}
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local i = ((counter + offset) %% #paths) + 1
  if uncached[i] then
    return wrk.format("GET", paths[i], {Cookie = "%(cookie)s"})
  end
  return wrk.format("GET", paths[i])
end

-- Like a browser, a client that got an error does not ask again at once: without this, the
-- balancer's instant 503s while no host is healthy would take every core on this machine.
backoff = false

function delay()
  if backoff then
    backoff = false
    return 50
  end
  return 0
end

function response(status, headers, body)
  local key = os.time() .. ":" .. status
  buckets[key] = (buckets[key] or 0) + 1
  if status >= 500 then
    backoff = true
  end
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("buckets")) do
      totals[key] = (totals[key] or 0) + count
    end
  end
  local parts = {}
  for key, count in pairs(totals) do
    table.insert(parts, string.format('"%%s": %%d', key, count))
  end
  io.write("BUCKETS {" .. table.concat(parts, ", ") .. "}\\n")
end
"""


@dataclass
class LoadResult:
    answered: int
    socket_errors: dict[str, int]
    # second (time.time() rounded down) -> status -> count
    by_second: dict[int, Counter] = field(default_factory=dict)
    requests_per_second: float = 0.0

    def statuses(self, since: float = 0, until: float = float("inf")) -> Counter:
        total = Counter()
        for second, counts in self.by_second.items():
            if math.floor(since) <= second < until:  # from the second `since` falls in
                total.update(counts)
        return total

    def server_errors(self, since: float = 0, until: float = float("inf")) -> int:
        return sum(n for status, n in self.statuses(since, until).items() if status >= 500)

    def last_server_error(self) -> float | None:
        seconds = [s for s, counts in self.by_second.items() if any(status >= 500 for status in counts)]
        return max(seconds) + 1 if seconds else None  # the end of that second

    @property
    def socket_error_count(self) -> int:
        return sum(self.socket_errors.values())


class Load:
    """wrk through the balancer, in the background, for a fixed time. `paths` are (path, uncached)
    pairs; the uncached ones are sent with UNCACHED_COOKIE."""

    def __init__(
        self, url: str, paths: list[tuple[str, bool]], seconds: float, root: Path, connections: int = 16
    ):
        script = root / f"load-{time.monotonic_ns()}.lua"
        script.write_text(
            LUA
            % {
                "paths": ", ".join(json.dumps(path) for path, _ in paths),
                "uncached": ", ".join("true" if flag else "false" for _, flag in paths),
                "cookie": UNCACHED_COOKIE,
            }
        )
        self.seconds = seconds
        command = [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{round(seconds)}s",
            "--timeout=5s",
            "-s",
            str(script),
            url,
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.started = time.time()

    def result(self) -> LoadResult:
        try:
            output, errors = self.process.communicate(timeout=self.seconds + 60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise HarnessError("wrk did not finish") from None
        if self.process.returncode != 0:
            raise HarnessError(f"wrk failed: {errors or output}")
        parsed = common.parse_wrk("balancer", output)
        buckets: dict[int, Counter] = {}
        found = output[output.find("BUCKETS {") + len("BUCKETS ") :].splitlines()[0]
        for key, count in json.loads(found).items():
            second, status = key.split(":")
            buckets.setdefault(int(second), Counter())[int(status)] += count
        return LoadResult(parsed.requests, parsed.socket_errors, buckets, parsed.requests_per_second)


# -- writers: what must never be lost ---------------------------------------------------------------


@dataclass
class Ledger:
    """Every save the site was asked for, in order, with its outcome: "saved" (acknowledged),
    "refused" (the form came back: nothing written) or "unknown" (no answer: it may have been
    written); and the articles imports reported as written."""

    saves: list[tuple[str, str]] = field(default_factory=list)
    imported_slugs: set[str] = field(default_factory=set)
    failed_import_files: int = 0

    def saved(self) -> list[str]:
        return [tagline for tagline, outcome in self.saves if outcome == "saved"]

    def possible_current(self) -> set[str]:
        """The taglines the framework may have now: the last saved one, or any unknown later."""
        last = max((i for i, (_, outcome) in enumerate(self.saves) if outcome == "saved"), default=-1)
        return {
            tagline
            for i, (tagline, outcome) in enumerate(self.saves)
            if i == last or (i > last and outcome == "unknown")
        }


class Writers(threading.Thread):
    """An editor saving a framework's tagline in the admin (through the balancer unless told
    which host), and imports of generated articles on host a's configuration, over and over
    until the block ends."""

    def __init__(self, cluster: Cluster, ledger: Ledger, label: str, editor_base: str = ""):
        super().__init__(daemon=True)
        self.cluster, self.ledger, self.label = cluster, ledger, label
        self.editor_base = editor_base or cluster.balancer.url("").rstrip("/")
        self.halt = threading.Event()
        self.importer = threading.Thread(target=self.import_loop, daemon=True)

    def __enter__(self):
        self.start()
        self.importer.start()
        return self

    def __exit__(self, *exc):
        self.halt.set()
        self.join(timeout=30)
        self.importer.join(timeout=200)

    def run(self):
        editor = Editor(self.editor_base, EDITOR, self.cluster.password)
        change = framework_change_path(self.cluster)
        number, signed_in = 0, False
        while not self.halt.wait(0.5):
            try:
                signed_in = signed_in or editor.log_in().status == 302
                fields = editor.form(change, "framework_form") if signed_in else None
            except (HarnessError, OSError):
                signed_in = False  # nothing was sent that could write: try again
                continue
            if fields is None:
                continue
            number += 1
            tagline = f"Edited during {self.label}, save {number}"
            try:
                status = editor.submit(change, fields, tagline=tagline).status
            except OSError:
                status = 0
            outcome = {302: "saved", 200: "refused"}.get(status, "unknown")
            self.ledger.saves.append((tagline, outcome))

    def import_loop(self):
        while not self.halt.is_set():
            report = self.cluster.import_generated(4)
            for item in report["files"]:
                if item["status"] in ("created", "updated", "unchanged"):
                    self.ledger.imported_slugs.add(item["slug"])
                else:
                    self.ledger.failed_import_files += 1
            self.halt.wait(0.5)


def framework_change_path(cluster: Cluster, slug: str = EDITED_FRAMEWORK) -> str:
    [(pk,)] = cluster.primary.query("SELECT id FROM frameworks_framework WHERE slug = %s", (slug,))
    return f"/admin/frameworks/framework/{pk}/change/"
