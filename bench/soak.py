"""`make soak`: the load test. wrk at concurrency 64 over the main pages while imports run.

    .venv/bin/python bench/soak.py [--duration 60] [--scale 1.0] [--connections 64]

The site runs as deployed (gunicorn with gunicorn.conf.py, DJANGO_DEBUG=0, PostgreSQL, page
cache in Redis) on a dataset from `generate_dataset`. For the whole run, `import_articles`
imports batches of generated files into the same database, so every page cache entry is
invalidated again and again while pages are served. Passes when:

- no answer is a 5xx and wrk saw no socket error (connect, read, write, or no answer within
  --timeout seconds);
- every import batch succeeded;
- memory is bounded: no gunicorn worker grew past --max-worker-mb.

Exit status 0 when it passes, 1 when it does not, 2 when the harness could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common, corpus
from bench.common import HarnessError, log

SOAK_DB = "framework_guide_soak"
MAX_IMPORT_ROUNDS = 50

LUA = """
paths = {%(paths)s}
counter = 0
statuses = {}
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 5)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[((counter + offset) %% #paths) + 1])
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("statuses")) do
      totals[key] = (totals[key] or 0) + count
    end
  end
  local parts = {}
  for key, count in pairs(totals) do
    table.insert(parts, string.format('"%%s": %%d', key, count))
  end
  io.write("STATUSES {" .. table.concat(parts, ", ") .. "}\\n")
end
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Load test: wrk while imports run (see bench/README.md).")
    parser.add_argument("--duration", type=float, default=60, help="Seconds of load (default 60).")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default 64).")
    parser.add_argument("--scale", type=float, default=1.0, help="Dataset scale (default 1.0).")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--timeout", type=int, default=10, help="Seconds before wrk counts a timeout.")
    parser.add_argument("--batch", type=int, default=200, help="Files per import batch (default 200).")
    parser.add_argument("--max-worker-mb", type=float, default=512, help="Memory bound per worker.")
    parser.add_argument("--keep-db", action="store_true", help="Keep the soak database afterwards.")
    args = parser.parse_args(argv)
    if args.duration < 1 or args.connections < 1 or args.scale <= 0:
        parser.error("--duration, --connections and --scale must be positive")
    return args


class MemorySampler(threading.Thread):
    """Every second: the resident memory of each gunicorn worker (workers come and go)."""

    def __init__(self, server: common.Server):
        super().__init__(daemon=True)
        self.server = server
        self.stop = threading.Event()
        self.peak_kib: dict[int, int] = {}

    def run(self):
        while not self.stop.wait(1.0):
            for pid in self.server.worker_pids():
                rss = common.memory_kib(pid).get("VmRSS", 0)
                self.peak_kib[pid] = max(self.peak_kib.get(pid, 0), rss)


class ImportLoop(threading.Thread):
    """Import batches of new files until told to stop (at most MAX_IMPORT_ROUNDS)."""

    def __init__(self, env: dict, workdir: Path, batch: int, seed: int):
        super().__init__(daemon=True)
        self.env, self.workdir, self.batch, self.seed = env, workdir, batch, seed
        self.stop = threading.Event()
        self.rounds: list[dict] = []

    def run(self):
        for number in range(MAX_IMPORT_ROUNDS):
            if self.stop.is_set():
                return
            directory = self.workdir / f"import-{number}"
            corpus.write_corpus(directory, self.batch, seed=self.seed * 1000 + number)
            started = time.monotonic()
            result = subprocess.run(
                [common.PYTHON, "manage.py", "import_articles", str(directory), "--format", "json"],
                cwd=common.ROOT,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            totals = {}
            with contextlib.suppress(json.JSONDecodeError):
                totals = json.loads(result.stdout[result.stdout.find("{") :]).get("totals", {})
            self.rounds.append(
                {
                    "files": self.batch,
                    "seconds": round(time.monotonic() - started, 1),
                    "exit_code": result.returncode,
                    "totals": totals,
                    "stderr": result.stderr[-1500:] if result.returncode else "",
                }
            )


def access_log_statuses(log_path: Path, since_line: int) -> tuple[Counter, Counter, dict]:
    """From gunicorn's access log after `since_line`: status counts, 5xx by path, and per path
    the number of requests and their median and slowest time in ms."""
    statuses, errors = Counter(), Counter()
    times: dict[str, list[int]] = {}
    pattern = re.compile(r'"(?:GET|HEAD|POST) (\S+) [^"]*" (\d{3}) \S+ (\d+)ms')
    lines = log_path.read_text(errors="replace").splitlines()[since_line:]
    for line in lines:
        match = pattern.search(line)
        if match:
            path, status = match.group(1), match.group(2)
            statuses[status] += 1
            if status.startswith("5"):
                errors[path.split("?")[0]] += 1
            times.setdefault(path, []).append(int(match.group(3)))
    timing = {
        path: {"requests": len(ms), "median_ms": statistics.median(ms), "max_ms": max(ms)}
        for path, ms in sorted(times.items(), key=lambda item: -statistics.median(item[1]))
    }
    return statuses, errors, timing


def soak(args, workdir: Path) -> dict:
    log(f"Soak: generating the dataset at scale {args.scale:g} in {SOAK_DB}")
    url, summary = common.prepare_site_database(SOAK_DB, args.scale, args.seed)
    log(summary)
    static_root = workdir / "static"
    env = common.django_env(url, static_root=static_root, page_cache_seconds=600)
    common.manage(env, "collectstatic", "--noinput", "-v0")
    chosen = common.python_json(
        common.django_env(url, static_root=static_root, page_cache_seconds=0), "pages.py"
    )
    paths = [page["path"] for page in chosen["pages"].values()] + chosen["extra"]
    script = workdir / "rotate.lua"
    script.write_text(LUA % {"paths": ", ".join(json.dumps(p) for p in paths)})

    server = common.start_server(env, workdir, "soak")
    try:
        log(f"Warming up over {len(paths)} URLs")
        common.wrk(server.url("/"), seconds=5, connections=16, script=script, timeout_s=args.timeout)
        common.settle(server, url)
        before = {pid: common.memory_kib(pid) for pid in server.worker_pids()}
        log_start = len(server.log_path.read_text(errors="replace").splitlines())

        sampler = MemorySampler(server)
        importer = ImportLoop(env, workdir, args.batch, args.seed)
        sampler.start()
        importer.start()
        log(f"Load: wrk -c{args.connections} for {args.duration:g} s while imports run")
        try:
            result = common.wrk(
                server.url("/"),
                seconds=args.duration,
                connections=args.connections,
                script=script,
                timeout_s=args.timeout,
            )
        finally:
            importer.stop.set()
            importer.join(timeout=660)
        settled = common.settle(server, url).seconds
        sampler.stop.set()
        sampler.join(timeout=5)
        after = {pid: common.memory_kib(pid) for pid in server.worker_pids()}
        log_statuses, errors_by_path, timing = access_log_statuses(server.log_path, log_start)
        (common.ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
        shutil.copy(server.log_path, common.ROOT / "bench" / "results" / "gunicorn-soak.log")
        log_text = server.log_path.read_text(errors="replace")
        worker_timeouts = log_text.count("WORKER TIMEOUT")
        tracebacks = log_text.count("Traceback (most recent call last)")
    finally:
        server.stop()

    found = re.search(r"STATUSES (\{.*\})", result.output)
    statuses = {k: int(v) for k, v in json.loads(found.group(1)).items()} if found else {}
    server_errors = sum(count for status, count in statuses.items() if status.startswith("5"))
    socket_errors = sum(result.socket_errors.values())
    peak_mb = max(sampler.peak_kib.values(), default=0) / 1024
    imports_ok = bool(importer.rounds) and all(r["exit_code"] == 0 for r in importer.rounds)
    checks = {
        "no 5xx": server_errors == 0,
        "no socket errors": socket_errors == 0,
        "imports succeeded while serving": imports_ok,
        f"every worker under {args.max_worker_mb:g} MB": peak_mb <= args.max_worker_mb,
    }
    return {
        "dataset": summary,
        "paths": paths,
        "connections": args.connections,
        "duration_s": args.duration,
        "wrk": result.as_dict(),
        "statuses": statuses,
        "access_log_statuses": dict(log_statuses),
        "server_errors_by_path": dict(errors_by_path),
        "time_by_path": timing,
        "worker_timeouts": worker_timeouts,
        "tracebacks": tracebacks,
        "imports": importer.rounds,
        "settle_s": round(settled, 1),
        "memory_mb": {
            "before": {pid: round(m.get("VmRSS", 0) / 1024, 1) for pid, m in before.items()},
            "peak_during": {pid: round(kib / 1024, 1) for pid, kib in sampler.peak_kib.items()},
            "after": {pid: round(m.get("VmRSS", 0) / 1024, 1) for pid, m in after.items()},
        },
        "checks": checks,
        "passed": all(checks.values()),
    }


def print_summary(report: dict) -> None:
    wrk = report["wrk"]
    memory = report["memory_mb"]
    print()
    print(
        f"Soak: {report['connections']} connections for {report['duration_s']:g} s "
        f"over {len(report['paths'])} URLs"
    )
    print(f"Dataset: {report['dataset']}")
    print(
        f"  {wrk['requests']} requests, {wrk['requests_per_second']:.1f} req/s, "
        f"p50 {wrk['p50_ms']:.0f} ms, p99 {wrk['p99_ms']:.0f} ms"
    )
    print(f"  statuses (wrk): {report['statuses']}; socket errors: {wrk['socket_errors']}")
    if report["server_errors_by_path"]:
        print(f"  5xx by path (access log): {report['server_errors_by_path']}")
    print(f"  worker timeouts: {report['worker_timeouts']}, tracebacks in the log: {report['tracebacks']}")
    print("  server time per path (access log), slowest first: requests, median ms, max ms")
    for path, figures in report["time_by_path"].items():
        print(
            f"    {path[:66]:<66} {figures['requests']:>6} "
            f"{figures['median_ms']:>8.0f} {figures['max_ms']:>8}"
        )
    rounds = report["imports"]
    imported = sum(r["totals"].get("created", 0) + r["totals"].get("updated", 0) for r in rounds)
    print(
        f"  imports: {len(rounds)} batches, {imported} articles written, "
        f"exit codes {[r['exit_code'] for r in rounds]}"
    )
    print(
        "  worker RSS MB before: "
        + ", ".join(f"{v:.0f}" for v in memory["before"].values())
        + "; peak during: "
        + ", ".join(f"{v:.0f}" for v in memory["peak_during"].values())
        + "; after: "
        + ", ".join(f"{v:.0f}" for v in memory["after"].values())
    )
    for name, ok in report["checks"].items():
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    print(f"Soak {'passed' if report['passed'] else 'FAILED'}.")


def main(argv=None) -> int:
    args = parse_args(argv)
    workdir = common.temp_dir("framework-guide-soak-")
    try:
        common.require_tools()
        report = soak(args, workdir)
    except (HarnessError, subprocess.TimeoutExpired) as exc:
        print(f"\nsoak: harness error: {exc}\n(logs kept in {workdir})", file=sys.stderr)
        return 2
    finally:
        common.stop_all()
        if not args.keep_db:
            common.drop_database(SOAK_DB)
    output = common.ROOT / "bench" / "results" / "soak.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print_summary(report)
    print(f"Written to {output}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
