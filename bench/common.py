"""What bench/run.py and bench/soak.py share: databases, manage.py, gunicorn, wrk and the machine.

Plain Python, no Django: everything Django runs in a subprocess with the environment built by
`django_env()`, so the measured processes start exactly as a deployment would.
"""

from __future__ import annotations

import atexit
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
SECRET_KEY = "bench-" + secrets.token_urlsafe(40)
# Only local targets: the harness never points a load generator anywhere else.
HOST = "127.0.0.1"


class HarnessError(RuntimeError):
    """The benchmark could not run (not: a target was missed)."""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# -- prerequisites --------------------------------------------------------------------------------


def require_tools(*, wrk: bool = True) -> None:
    if wrk and shutil.which("wrk") is None:
        raise HarnessError("wrk is not installed: apt-get install wrk")
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise HarnessError(f"psycopg is missing from {PYTHON}: run make install") from exc
    try:
        import redis  # noqa: F401
    except ImportError as exc:
        raise HarnessError(
            "the redis package is missing (Django's Redis cache needs it): "
            f"{PYTHON} -m pip install 'redis>=5'"
        ) from exc
    try:
        with socket.create_connection((HOST, 6379), timeout=3):
            pass
    except OSError as exc:
        raise HarnessError(f"Redis does not answer at {REDIS_URL}: {exc}") from exc


# -- PostgreSQL -----------------------------------------------------------------------------------


def database_url(name: str) -> str:
    return f"{PG_URL.rstrip('/')}/{name}"


def recreate_database(name: str) -> str:
    """Drop and create database `name`; returns its URL."""
    import psycopg

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise HarnessError(f"unexpected database name {name!r}")
    try:
        with psycopg.connect(database_url("postgres"), autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
            # The production setting the README documents for SSD storage.
            conn.execute(f'ALTER DATABASE "{name}" SET random_page_cost = 1.1')
    except psycopg.Error as exc:
        raise HarnessError(f"cannot (re)create database {name} at {PG_URL}: {exc}") from exc
    return database_url(name)


def drop_database(name: str) -> None:
    import psycopg

    try:
        with psycopg.connect(database_url("postgres"), autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.Error as exc:
        log(f"warning: could not drop database {name}: {exc}")


def postgres_version() -> str:
    import psycopg

    try:
        with psycopg.connect(database_url("postgres"), connect_timeout=5) as conn:
            return conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.Error:
        return "unknown"


# -- Django subprocesses --------------------------------------------------------------------------


def django_env(
    database: str, *, static_root: Path | None = None, page_cache_seconds: int = 600, **extra
) -> dict:
    """The production-like environment every benchmarked process runs with."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "DATABASE_"))
        and key not in ("REDIS_URL", "PAGE_CACHE_SECONDS")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=database,
        REDIS_URL=REDIS_URL,
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    if static_root is not None:
        env["DJANGO_STATIC_ROOT"] = str(static_root)
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env: dict, *args: str, quiet: bool = True, timeout: float = 1800) -> str:
    """Run `manage.py args` and return its stdout; a failure is a harness error."""
    command = [PYTHON, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise HarnessError(
            f"{' '.join(args)} exited {result.returncode}:\n{result.stderr[-3000:] or result.stdout[-3000:]}"
        )
    if not quiet and result.stdout.strip():
        print(result.stdout.rstrip())
    return result.stdout


def prepare_site_database(name: str, scale: float, seed: int) -> tuple[str, str]:
    """Fresh database `name`, migrated and filled at `scale`; returns (url, generator's summary)."""
    url = recreate_database(name)
    env = django_env(url)
    manage(env, "migrate", "--noinput", "-v0")
    summary = manage(env, "generate_dataset", "--scale", str(scale), "--seed", str(seed)).strip()
    return url, summary


def python_json(env: dict, script: str, *args: str, timeout: float = 900) -> dict:
    """Run a bench/ script under Django's environment; it prints one JSON document."""
    result = subprocess.run(
        [PYTHON, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise HarnessError(f"bench/{script} exited {result.returncode}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


# -- gunicorn -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


_servers: list[subprocess.Popen] = []


def stop_all() -> None:
    for process in list(_servers):
        stop_server(process)


atexit.register(stop_all)


def _terminate(signum, frame):
    stop_all()
    raise SystemExit(128 + signum)


signal.signal(signal.SIGTERM, _terminate)


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log_path: Path

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def stop(self) -> None:
        stop_server(self.process)

    def worker_pids(self) -> list[int]:
        return child_pids(self.process.pid)


def start_server(env: dict, log_dir: Path, label: str) -> Server:
    """gunicorn with the repository's gunicorn.conf.py on a free local port, ready to serve."""
    port = free_port()
    log_path = log_dir / f"gunicorn-{label}.log"
    env = {**env, "GUNICORN_BIND": f"{HOST}:{port}"}
    with log_path.open("w") as log_file:
        process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "guide.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole
        )
    _servers.append(process)
    server = Server(process, port, log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HarnessError(f"gunicorn exited {process.returncode}; see {log_path}:\n{tail(log_path)}")
        try:
            with urllib.request.urlopen(server.url("/healthz"), timeout=2) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    stop_server(process)
    raise HarnessError(f"gunicorn did not answer /healthz within 60 s; see {log_path}:\n{tail(log_path)}")


def stop_server(process: subprocess.Popen) -> None:
    if process in _servers:
        _servers.remove(process)
    if process.poll() is not None:
        return
    try:
        os.kill(process.pid, signal.SIGTERM)  # the master stops its workers gracefully
        process.wait(timeout=35)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


def child_pids(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may contain spaces, so split after the last ')'.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == parent:
            pids.append(int(entry.name))
    return sorted(pids)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by these processes."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def active_queries(database: str) -> int:
    import psycopg

    try:
        with psycopg.connect(database, connect_timeout=5) as conn:
            return conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state = 'active' AND pid <> pg_backend_pid()"
            ).fetchone()[0]
    except psycopg.Error:
        return 0


def machine_busy_jiffies() -> tuple[int, int]:
    """(busy, total) CPU jiffies of the whole machine so far, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


@dataclass
class Settled:
    seconds: float
    background_cores: float  # CPU the rest of the machine used while this server was idle


def settle(server: Server, database: str, limit: float = 120.0) -> Settled:
    """Wait until the workers and the database are idle (requests abandoned by the previous
    wrk run are still being served). What the machine does meanwhile is someone else's load."""
    started = time.monotonic()
    background = 0.0
    while time.monotonic() - started < limit:
        pids = server.worker_pids()
        before = cpu_seconds(pids)
        busy_before, total_before = machine_busy_jiffies()
        time.sleep(0.5)
        busy_after, total_after = machine_busy_jiffies()
        busy = cpu_seconds(pids) - before
        if busy < 0.03 and active_queries(database) == 0:
            cores = os.cpu_count() or 1
            background = (busy_after - busy_before) / max(1, total_after - total_before) * cores
            break
    return Settled(time.monotonic() - started, round(background, 2))


def memory_kib(pid: int) -> dict[str, int]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process, in KiB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                name, amount = line.split(":", 1)
                values[name] = int(amount.split()[0])
    except OSError:
        pass
    return values


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def fetch(url: str, timeout: float = 60) -> tuple[int, int, float]:
    """(status, body bytes, milliseconds) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    started = time.perf_counter()
    try:
        with opener.open(url, timeout=timeout) as response:
            size = len(response.read())
            return response.status, size, (time.perf_counter() - started) * 1000
    except urllib.error.HTTPError as exc:
        size = len(exc.read() or b"")
        return exc.code, size, (time.perf_counter() - started) * 1000


def fetch_in_turn(url: str, count: int, timeout: float = 60) -> list[tuple[int, int, float]]:
    """`count` requests for `url`, one after another on one kept-alive connection as a browser
    makes them: (status, body bytes, milliseconds) of each. Unlike fetch(), no new connection or
    urllib opener is timed with each (about 1.5 ms of the bare view's 2.8 on this machine)."""
    parts = urllib.parse.urlsplit(url)
    path = f"{parts.path}?{parts.query}" if parts.query else parts.path
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    samples = []
    try:
        for _ in range(count):
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            size = len(response.read())
            samples.append((response.status, size, (time.perf_counter() - started) * 1000))
    finally:
        connection.close()
    return samples


# -- wrk ------------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass
class WrkResult:
    url: str
    requests_per_second: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    non_2xx_3xx: int = 0
    output: str = ""

    @property
    def errors(self) -> int:
        return sum(self.socket_errors.values()) + self.non_2xx_3xx

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("output")
        return data


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise HarnessError(f"cannot read wrk latency {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse_wrk(url: str, output: str) -> WrkResult:
    result = WrkResult(url=url, output=output)
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not match:
        raise HarnessError(f"wrk printed no Requests/sec for {url}:\n{output}")
    result.requests_per_second = float(match.group(1))
    for percent, attribute in (("50", "p50_ms"), ("99", "p99_ms")):
        found = re.search(rf"^\s+{percent}(?:\.000)?%\s+(\S+)", output, re.M)
        if found:
            setattr(result, attribute, _ms(found.group(1)))
    found = re.search(r"(\d+) requests in", output)
    result.requests = int(found.group(1)) if found else 0
    found = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if found:
        result.socket_errors = dict(
            zip(("connect", "read", "write", "timeout"), map(int, found.groups()), strict=True)
        )
    found = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result.non_2xx_3xx = int(found.group(1)) if found else 0
    return result


def wrk(
    url: str,
    *,
    seconds: float,
    connections: int = 16,
    threads: int = 2,
    timeout_s: int = 10,
    script: Path | None = None,
) -> WrkResult:
    if not url.startswith(f"http://{HOST}:"):
        raise HarnessError(f"refusing to load-test a non-local URL: {url}")
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        f"--timeout={timeout_s}s",
        "--latency",
    ]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
    if result.returncode != 0:
        raise HarnessError(f"wrk failed on {url}: {result.stderr or result.stdout}")
    return parse_wrk(url, result.stdout)


# -- the machine ----------------------------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_mib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_mib = int(line.split()[1]) // 1024
    except OSError:
        pass
    wrk_version = ""
    if shutil.which("wrk"):
        wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0:1]
        wrk_version = wrk_version[0] if wrk_version else ""
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_mib": memory_mib,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "platform": platform.platform(),
        "python": platform.python_version(),
        "postgresql": postgres_version(),
        "wrk": wrk_version.strip(),
        "commit": _commit(),
    }


def _commit() -> str:
    """The checked-out commit, read from .git (no git command needed)."""
    try:
        head = (ROOT / ".git" / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head[5:]
        ref_file = ROOT / ".git" / ref
        if ref_file.exists():
            return ref_file.read_text().strip()[:12]
        for line in (ROOT / ".git" / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0][:12]
    except OSError:
        pass
    return ""


def source_fingerprint() -> str:
    """A hash of the code and templates a run serves: tells whether they changed mid-run."""
    import hashlib

    digest = hashlib.sha256()
    for folder in ("guide", "frameworks", "articles", "templates", "bench"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".html") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    digest.update((ROOT / "gunicorn.conf.py").read_bytes())
    return digest.hexdigest()[:16]


def server_log_summary(log_path: Path) -> dict:
    """What the server said: 5xx answers by path, worker timeouts, tracebacks."""
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    errors: dict[str, int] = {}
    for match in re.finditer(r'"(?:GET|HEAD) (\S+) [^"]*" (5\d\d) ', text):
        path = match.group(1).split("?")[0]
        errors[path] = errors.get(path, 0) + 1
    return {
        "server_errors_by_path": errors,
        "worker_timeouts": text.count("WORKER TIMEOUT"),
        "tracebacks": text.count("Traceback (most recent call last)"),
    }


def temp_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))
