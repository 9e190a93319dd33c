"""`make bench`: page throughput against a baseline view, query counts, and the import benchmark.

    .venv/bin/python bench/run.py [--scale 1.0] [--duration 10] [--quick] [--skip-http] [--skip-import]

HTTP: a fresh PostgreSQL database filled by `manage.py generate_dataset`, served by gunicorn with
the repository's gunicorn.conf.py and DJANGO_DEBUG=0, measured with wrk at concurrency 16: every
page cold (PAGE_CACHE_SECONDS=0) and warm (page cache in Redis), each against a trivial Django
view served by the same server in the same run. Ratios are the figures to compare between runs;
absolute numbers drift with the machine.

Import: 1,000 generated files (bench/corpus.py) imported into an empty database that has only
the topic and framework fixtures, against the time to parse them alone; then re-imported
unchanged; with the import process's peak memory.

Results are printed and written to bench/results/latest.json. The exit status is 0 whether or
not the targets are met (this reports, it does not gate); 1 means the harness itself failed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common, corpus
from bench.common import HarnessError, log

RESULTS = common.ROOT / "bench" / "results"
# BENCH_DB_PREFIX keeps two checkouts benchmarking on one PostgreSQL out of each other's way.
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "framework_guide_bench")
SITE_DB = DB_PREFIX
SMALL_DB = f"{DB_PREFIX}_small"
IMPORT_DB = f"{DB_PREFIX}_import"
CONCURRENCY = 16

# Targets from the issue (on a 2-core machine, wrk on the same host).
COLD_MIN_RATIO = 0.25
COLD_MAX_P99_MS = 100.0
WARM_MIN_RATIO = 0.80
ALONE_MAX_MS = 5.0  # one request alone, every page at scale 1...
SEARCH_ALONE_MAX_MS = 10.0  # ...but search
GROWTH_MAX = 1.5  # alone at the largest scale, against scale 1
IMPORT_MAX_PARSE_RATIO = 3.0
REIMPORT_MAX_SHARE = 0.10
IMPORT_MAX_PEAK_MB = 300
IMPORT_FILES = "400,1000"
SCALES = "0.1,1,5"
# A long import is "flat" when its last thousand files take at most this much longer each.
LONG_IMPORT_MAX_DRIFT = 1.25
EXTRA_DBS: list[str] = []  # datasets for --scales beyond the two above, dropped at the end
# A page slower than this alone gets no warm-up run (its backlog would take minutes to drain).
SLOW_SINGLE_MS = 500
ALONE_SAMPLES = 21  # one request alone: the median of this many
# Other processes using this much CPU while our server is idle make the figures unreliable.
BUSY_MACHINE_CORES = 0.2


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Framework Guide benchmarks (see bench/README.md).")
    parser.add_argument(
        "--scale", type=float, default=None, help="Dataset scale (default 1.0; --quick: 0.1)."
    )
    parser.add_argument(
        "--compare-scale",
        type=float,
        default=None,
        help="Second dataset scale for the query-count comparison (default scale / 10).",
    )
    parser.add_argument(
        "--duration", type=float, default=None, help="Seconds per wrk run (default 10; --quick: 3)."
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--quick", action="store_true", help="Smoke run: scale 0.1, 3 s runs.")
    parser.add_argument("--skip-http", action="store_true", help="No page benchmark.")
    parser.add_argument("--skip-import", action="store_true", help="No import benchmark.")
    parser.add_argument(
        "--import-files",
        default=None,
        help=f"Files for the import benchmark, one run per number (default {IMPORT_FILES}; --quick: 400).",
    )
    parser.add_argument(
        "--scales",
        default=None,
        help=f"Scales at which every page's queries and single-request time are measured, side by "
        f"side (default {SCALES}; --quick: the --scale only).",
    )
    parser.add_argument(
        "--long-import",
        type=int,
        default=0,
        metavar="FILES",
        help="Also import this many files in one run (e.g. 10000): time per file by thousand, peak memory.",
    )
    parser.add_argument("--keep-db", action="store_true", help="Keep the benchmark databases afterwards.")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    args = parser.parse_args(argv)
    if args.scale is None:
        args.scale = 0.1 if args.quick else 1.0
    if args.duration is None:
        args.duration = 3.0 if args.quick else 10.0
    if args.compare_scale is None:
        args.compare_scale = round(args.scale / 10, 4)
    if args.scale <= 0 or args.compare_scale <= 0 or args.duration < 1:
        parser.error("--scale and --compare-scale must be positive, --duration at least 1")
    try:
        args.import_files = _numbers(args.import_files or ("400" if args.quick else IMPORT_FILES), int)
        args.scales = _numbers(args.scales or (f"{args.scale:g}" if args.quick else SCALES), float)
    except ValueError:
        parser.error("--import-files and --scales are comma-separated positive numbers")
    if args.scale not in args.scales:
        args.scales = sorted({*args.scales, args.scale})
    return args


def _numbers(text: str, kind) -> list:
    numbers = sorted({kind(part) for part in str(text).split(",") if part.strip()})
    if not numbers or min(numbers) <= 0:
        raise ValueError(text)
    return numbers


# -- HTTP -----------------------------------------------------------------------------------------


def http_benchmark(args, workdir: Path) -> dict:
    started = time.monotonic()
    log(f"HTTP: generating the dataset at scale {args.scale:g} in {SITE_DB}")
    url, summary = common.prepare_site_database(SITE_DB, args.scale, args.seed)
    log(summary)
    static_root = workdir / "static"
    env_cold = common.django_env(url, static_root=static_root, page_cache_seconds=0)
    env_warm = common.django_env(url, static_root=static_root, page_cache_seconds=600)
    common.manage(env_cold, "collectstatic", "--noinput", "-v0")

    log("Counting SQL queries per page, cold and warm (Django test client, page cache off)")
    pages = common.python_json(env_cold, "pages.py")["pages"]
    log(f"... and again at scale {args.compare_scale:g} in {SMALL_DB}")
    small_url, small_summary = common.prepare_site_database(SMALL_DB, args.compare_scale, args.seed)
    small_env = common.django_env(small_url, static_root=static_root, page_cache_seconds=0)
    small_pages = common.python_json(small_env, "pages.py")["pages"]
    queries = {
        name: {
            "path": page["path"],
            "queries_cold": page["queries_cold"],
            "queries_cold_compare": small_pages[name]["queries_cold"],
            "queries": page["queries"],
            "queries_compare": small_pages[name]["queries"],
            "equal": (page["queries_cold"], page["queries"])
            == (small_pages[name]["queries_cold"], small_pages[name]["queries"]),
            "status": page["status"],
            "bytes": page["bytes"],
        }
        for name, page in pages.items()
    }

    datasets = {
        args.scale: (url, summary, pages),
        args.compare_scale: (small_url, small_summary, small_pages),
    }
    runs = []
    baselines = {}
    for mode, env in (("cold", env_cold), ("warm", env_warm)):
        log(f"Starting gunicorn ({mode}: PAGE_CACHE_SECONDS={env['PAGE_CACHE_SECONDS']})")
        server = common.start_server(env, workdir, mode)
        try:
            before = measure(server, url, "/bench/baseline/", args.duration)
            workers = len(server.worker_pids())
            mode_runs = []
            for name, page in pages.items():
                result = measure(server, url, page["path"], args.duration)
                mode_runs.append({"page": name, "mode": mode, **result})
            after = measure(server, url, "/bench/baseline/", args.duration)
        finally:
            server.stop()
        server_log = common.server_log_summary(server.log_path)
        RESULTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(server.log_path, RESULTS / f"gunicorn-{mode}.log")
        baseline_rps = (before["requests_per_second"] + after["requests_per_second"]) / 2
        baselines[mode] = {
            "requests_per_second": baseline_rps,
            "before": before,
            "after": after,
            "drift": round(after["requests_per_second"] / before["requests_per_second"] - 1, 3)
            if before["requests_per_second"]
            else None,
            "workers": workers,
            "server_log": server_log,
        }
        for run in mode_runs:
            run["ratio"] = run["requests_per_second"] / baseline_rps if baseline_rps else 0.0
            run.update(judge(run))
        runs += mode_runs
    alone_at_scale = {run["page"]: run["single_request_ms"] for run in runs if run["mode"] == "cold"}
    scaling = scaling_benchmark(args, workdir, static_root, datasets, alone_at_scale)
    return {
        "dataset": summary,
        "compare_dataset": small_summary,
        "scaling": scaling,
        "concurrency": CONCURRENCY,
        "duration_s": args.duration,
        "baseline": baselines,
        "pages": runs,
        "queries": queries,
        "seconds": round(time.monotonic() - started, 1),
    }


def alone(server: common.Server, database: str, path: str, seconds: float) -> tuple[int, int, float]:
    """(status, bytes, ms) of one request at a time on the idle, warmed server: the median of
    ALONE_SAMPLES on one kept-alive connection, after a few more on it."""
    url = server.url(path)
    common.fetch(url)  # this worker's first time: imports, templates
    common.settle(server, database)
    if common.fetch(url)[2] < SLOW_SINGLE_MS:
        # Open every worker's database connections and warm its caches before the clock runs.
        # (Skipped for pages so slow that the warm-up's backlog would take minutes to drain.)
        common.wrk(url, seconds=max(1.0, min(2.0, seconds / 3)), connections=CONCURRENCY)
        common.settle(server, database)
    # A worker's first request (imports, connections) is several times slower than the rest.
    samples = common.fetch_in_turn(url, 3 + ALONE_SAMPLES)[3:]
    status, size, _ms = samples[-1]
    return status, size, statistics.median(ms for _status, _size, ms in samples)


def measure(server: common.Server, database: str, path: str, seconds: float) -> dict:
    status, size, single_ms = alone(server, database, path, seconds)
    url = server.url(path)
    result = common.wrk(url, seconds=seconds, connections=CONCURRENCY)
    # wrk stops waiting when its time is up, the server does not: let it finish before the next run.
    settled = common.settle(server, database)
    background = settled.background_cores
    settled = settled.seconds
    if result.requests:
        figures = (
            f"{result.requests_per_second:>8.1f} req/s  p50 {result.p50_ms:6.1f} ms  "
            f"p99 {result.p99_ms:6.1f} ms"
        )
    else:
        figures = f"no request finished within {seconds:g} s"
    log(
        f"  {path[:64]:<64} {figures}  (alone {single_ms:.0f} ms)"
        + (f"  ERRORS {result.errors}" if result.errors else "")
        + (f"  (server busy {settled:.0f} s after the run)" if settled >= 2 else "")
        + (f"  (other processes busy: {background:.1f} cores)" if background >= BUSY_MACHINE_CORES else "")
    )
    return {
        "status": status,
        "bytes": size,
        "single_request_ms": round(single_ms, 1),
        **result.as_dict(),
        "settle_s": round(settled, 1),
        "background_cores": background,
    }


def scaling_benchmark(args, workdir: Path, static_root: Path, datasets: dict, alone_at_scale: dict) -> dict:
    """Every page's queries and single-request time at each of --scales, side by side: a page
    whose cost grows with the data shows it here. The pages are the heaviest of their kind at
    each scale (bench/pages.py)."""
    scales = {}
    for scale in args.scales:
        if scale in datasets:
            url, summary, pages = datasets[scale]
        else:
            name = f"{DB_PREFIX}_s{scale:g}".replace(".", "_")
            EXTRA_DBS.append(name)
            log(f"Scaling: generating the dataset at scale {scale:g} in {name}")
            url, summary = common.prepare_site_database(name, scale, args.seed)
            log(summary)
            env = common.django_env(url, static_root=static_root, page_cache_seconds=0)
            pages = common.python_json(env, "pages.py")["pages"]
            datasets[scale] = (url, summary, pages)
        if scale == args.scale:
            times = alone_at_scale
        else:
            log(f"Scaling: one request at a time at scale {scale:g} (gunicorn, page cache off)")
            env = common.django_env(url, static_root=static_root, page_cache_seconds=0)
            server = common.start_server(env, workdir, f"alone-{scale:g}")
            try:
                times = {}
                for name, page in pages.items():
                    times[name] = round(alone(server, url, page["path"], args.duration)[2], 1)
                    log(f"  {page['path'][:64]:<64} alone {times[name]:.1f} ms")
            finally:
                server.stop()
        scales[f"{scale:g}"] = {
            "dataset": summary,
            "pages": {
                name: {
                    "path": page["path"],
                    "alone_ms": times.get(name),
                    "queries_cold": page["queries_cold"],
                    "queries": page["queries"],
                    "bytes": page["bytes"],
                }
                for name, page in pages.items()
            },
        }
    return {"scales": scales, "checks": judge_scaling(scales)}


def judge_scaling(scales: dict) -> dict:
    """One request alone within ALONE_MAX_MS at scale 1 (search: SEARCH_ALONE_MAX_MS), and at the
    largest scale within GROWTH_MAX times its scale-1 time."""
    checks = {}
    base = scales.get("1")
    largest = max(scales, key=float)
    for name, page in (base or {}).get("pages", {}).items():
        limit = SEARCH_ALONE_MAX_MS if name == "search" else ALONE_MAX_MS
        check = {"alone_ms": page["alone_ms"], "target_ms": limit, "passed": (page["alone_ms"] or 0) <= limit}
        if largest != "1":
            grown = scales[largest]["pages"][name]["alone_ms"]
            ratio = grown / page["alone_ms"] if grown and page["alone_ms"] else None
            check.update(
                growth=round(ratio, 2) if ratio else None,
                growth_target=GROWTH_MAX,
                passed=check["passed"] and ratio is not None and ratio <= GROWTH_MAX,
            )
        checks[name] = check
    return checks


def judge(run: dict) -> dict:
    problems = []
    if run["status"] != 200:
        problems.append(f"status {run['status']}")
    if not run["requests"]:
        problems.append("no request finished")
    if run["non_2xx_3xx"] or sum(run["socket_errors"].values()):
        problems.append(f"{run['non_2xx_3xx'] + sum(run['socket_errors'].values())} errors under load")
    if run["mode"] == "cold":
        target = f">= {COLD_MIN_RATIO:.0%} of baseline, p99 <= {COLD_MAX_P99_MS:.0f} ms"
        if run["ratio"] < COLD_MIN_RATIO:
            problems.append(f"{run['ratio']:.1%} of baseline")
        if run["p99_ms"] > COLD_MAX_P99_MS:
            problems.append(f"p99 {run['p99_ms']:.0f} ms")
    else:
        target = f">= {WARM_MIN_RATIO:.0%} of baseline"
        if run["ratio"] < WARM_MIN_RATIO:
            problems.append(f"{run['ratio']:.1%} of baseline")
    return {"target": target, "passed": not problems, "problems": problems}


# -- import ---------------------------------------------------------------------------------------


def timed_manage(env: dict, args: list[str], output: Path) -> dict:
    """Run manage.py; wall time, exit code and this process's own peak RSS (wait4)."""
    with output.open("w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [common.PYTHON, "manage.py", *args],
            cwd=common.ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": round(seconds, 3),
        "exit_code": process.returncode,
        "peak_mb": round(usage.ru_maxrss / 1024, 1),  # Linux reports KiB
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
    }


def import_report(path: Path) -> dict:
    text = path.read_text(errors="replace")
    start = text.find("{")
    try:
        report = json.loads(text[start:]) if start != -1 else {}
    except json.JSONDecodeError:
        return {"error": text[-2000:]}
    files = report.get("files", [])
    return {
        "totals": report.get("totals", {}),
        "per_file": [f.get("seconds", 0.0) for f in files],
        "claims_created": sum(f.get("claims_created", 0) for f in files),
        "frameworks_created": sum(len(f.get("frameworks_created", [])) for f in files),
        "errors": [f["error"] for f in files if f.get("error")][:5],
    }


def import_benchmark(args, workdir: Path, files: int) -> dict:
    log(f"Import: writing {files} article files")
    directory = workdir / f"corpus-{files}"
    corpus.write_corpus(directory, files, seed=args.seed)
    size = sum(p.stat().st_size for p in directory.iterdir())
    env = fresh_import_database()

    log("Import: parsing alone (decode + parse_article, no database writes)")
    parse = common.python_json(env, "parse_only.py", str(directory))
    empty = workdir / "empty"
    empty.mkdir(exist_ok=True)
    startup = timed_manage(env, ["import_articles", str(empty)], workdir / "startup.log")
    command = ["import_articles", str(directory), "--source", "Bench corpus", "--format", "json"]
    log("Import: first import into the empty database")
    first = timed_manage(env, command, workdir / "import-1.json")
    first.update(import_report(workdir / "import-1.json"))
    log(f"  {first['seconds']:.1f} s, peak {first['peak_mb']:.0f} MB, {first.get('totals')}")
    log("Import: the same files again, unchanged")
    second = timed_manage(env, command, workdir / "import-2.json")
    second.update(import_report(workdir / "import-2.json"))
    log(f"  {second['seconds']:.1f} s, peak {second['peak_mb']:.0f} MB, {second.get('totals')}")
    if not first.get("totals"):
        raise HarnessError(f"the import printed no report:\n{common.tail(workdir / 'import-1.json')}")

    ratio = first["seconds"] / parse["seconds"] if parse["seconds"] else None
    share = second["seconds"] / first["seconds"] if first["seconds"] else None
    checks = {
        "import_vs_parse": {
            "value": ratio,
            "target": f"<= {IMPORT_MAX_PARSE_RATIO:g}x",
            "passed": ratio is not None and ratio <= IMPORT_MAX_PARSE_RATIO,
        },
        "reimport_share": {
            "value": share,
            "target": f"<= {REIMPORT_MAX_SHARE:.0%}",
            "passed": share is not None and share <= REIMPORT_MAX_SHARE,
        },
        "peak_memory_mb": {
            "value": first["peak_mb"],
            "target": f"<= {IMPORT_MAX_PEAK_MB} MB",
            "passed": max(first["peak_mb"], second["peak_mb"]) <= IMPORT_MAX_PEAK_MB,
        },
        "no_failed_files": {
            "value": first["totals"].get("failed", 0),
            "target": "0",
            "passed": first["totals"].get("failed", 0) == 0,
        },
    }
    for report in (first, second):
        report.pop("per_file", None)
    return {
        "files": files,
        "bytes": size,
        "parse": parse,
        "startup": startup,
        "first": first,
        "unchanged": second,
        "checks": checks,
    }


def fresh_import_database() -> dict:
    """An empty database with only the topic and framework fixtures; its environment."""
    url = common.recreate_database(IMPORT_DB)
    env = common.django_env(url)
    common.manage(env, "migrate", "--noinput", "-v0")
    fixtures = common.ROOT / "fixtures"
    common.manage(env, "loaddata", str(fixtures / "topics.json"), str(fixtures / "frameworks.json"), "-v0")
    return env


def long_import_benchmark(args, workdir: Path) -> dict:
    """--long-import files in one run: the time per file for each thousand (from the report's
    per-file times), which must stay flat as the database grows, and the peak memory."""
    files = args.long_import
    log(f"Long import: writing {files} article files")
    directory = workdir / "corpus-long"
    corpus.write_corpus(directory, files, seed=args.seed + 1)
    env = fresh_import_database()
    log(f"Long import: {files} files in one run")
    command = ["import_articles", str(directory), "--source", "Bench corpus", "--format", "json"]
    run = timed_manage(env, command, workdir / "import-long.json")
    run.update(import_report(workdir / "import-long.json"))
    per_file = run.pop("per_file", [])
    if not run.get("totals") or not per_file:
        raise HarnessError(f"the import printed no report:\n{common.tail(workdir / 'import-long.json')}")
    by_thousand = [
        round(statistics.mean(per_file[start : start + 1000]) * 1000, 2)
        for start in range(0, len(per_file), 1000)
    ]
    drift = by_thousand[-1] / by_thousand[0] if by_thousand[0] else None
    log(f"  {run['seconds']:.0f} s, peak {run['peak_mb']:.0f} MB; ms per file by thousand: {by_thousand}")
    return {
        "files": files,
        **run,
        "ms_per_file_by_thousand": by_thousand,
        "checks": {
            "flat": {
                "value": round(drift, 2) if drift else None,
                "target": f"last thousand <= {LONG_IMPORT_MAX_DRIFT:g}x the first",
                "passed": drift is not None and drift <= LONG_IMPORT_MAX_DRIFT,
            },
            "peak_memory_mb": {
                "value": run["peak_mb"],
                "target": f"<= {IMPORT_MAX_PEAK_MB} MB",
                "passed": run["peak_mb"] <= IMPORT_MAX_PEAK_MB,
            },
            "no_failed_files": {
                "value": run["totals"].get("failed", 0),
                "target": "0",
                "passed": run["totals"].get("failed", 0) == 0,
            },
        },
    }


# -- report ---------------------------------------------------------------------------------------


def print_summary(results: dict) -> None:
    machine = results["machine"]
    print()
    print(f"Framework Guide benchmark, {results['date']}")
    print(
        f"Machine: {machine['nproc']} CPUs ({machine['cpu']}), {machine['memory_mib']} MiB, "
        f"{machine['platform']}"
    )
    http = results.get("http")
    if http:
        print(f"Dataset: {http['dataset']}")
        print(
            f"wrk: {CONCURRENCY} connections, 2 threads, {http['duration_s']:g} s per run; "
            f"'alone': median of {ALONE_SAMPLES} requests in turn on one connection to the idle server"
        )
        print()
        header = (
            f"{'page':<24}{'mode':<6}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'x base':>8}"
            f"{'alone ms':>10}  result"
        )
        print(header)
        print("-" * (len(header) + 40))
        for mode in ("cold", "warm"):
            base = http["baseline"][mode]
            print(
                f"{'baseline':<24}{mode:<6}{base['requests_per_second']:>8.1f}"
                f"{base['before']['p50_ms']:>9.1f}{base['before']['p99_ms']:>9.1f}{1:>8.2f}"
                f"{base['before']['single_request_ms']:>10.1f}  "
                f"({base['workers']} workers; {base['before']['requests_per_second']:.0f} req/s before the "
                f"pages, {base['after']['requests_per_second']:.0f} after)"
            )
            for run in (r for r in http["pages"] if r["mode"] == mode):
                verdict = "PASS" if run["passed"] else "FAIL: " + ", ".join(run["problems"])
                if run["requests"]:
                    latency = f"{run['p50_ms']:>9.1f}{run['p99_ms']:>9.1f}"
                else:
                    latency = f"{'-':>9}{'-':>9}"
                print(
                    f"{run['page']:<24}{mode:<6}{run['requests_per_second']:>8.1f}{latency}"
                    f"{run['ratio']:>8.2f}{run['single_request_ms']:>10.1f}  {verdict}"
                )
            log_summary = base["server_log"]
            if any(log_summary.values()):
                print(
                    f"{'':<30}server log ({mode}): 5xx {log_summary['server_errors_by_path'] or 'none'}, "
                    f"worker timeouts {log_summary['worker_timeouts']}, "
                    f"tracebacks {log_summary['tracebacks']}"
                )
        print(
            f"Targets: cold >= {COLD_MIN_RATIO:.0%} of baseline and p99 <= {COLD_MAX_P99_MS:.0f} ms; "
            f"warm >= {WARM_MIN_RATIO:.0%} of baseline."
        )
        print()
        scales = f"scale {results['scale']:g} vs {results['compare_scale']:g}"
        print(f"SQL queries per page, cold/warm ({scales}):")
        for name, q in http["queries"].items():
            same = "same" if q["equal"] else "DIFFERENT"
            here = f"{q['queries_cold']}/{q['queries']}"
            there = f"{q['queries_cold_compare']}/{q['queries_compare']}"
            print(f"  {name:<26}{here:>7} vs {there:<7} {same:<10} {q['path']}")
        print_scaling(http["scaling"])
    for imp in results.get("imports", []):
        print_import(imp)
    if results.get("long_import"):
        print_long_import(results["long_import"])
    print_warnings(results, machine, http)
    print()
    print(f"Written to {results['output']}")


def print_scaling(scaling: dict) -> None:
    scales = scaling["scales"]
    names = list(next(iter(scales.values()))["pages"])
    print()
    print("One request alone (ms, gunicorn, page cache off) and SQL queries cold/warm, by scale:")
    header = f"  {'page':<24}" + "".join(f"{'scale ' + scale:>22}" for scale in scales) + "  result"
    print(header)
    for name in names:
        cells = []
        for scale in scales.values():
            page = scale["pages"].get(name, {})
            ms = f"{page['alone_ms']:.1f} ms" if page.get("alone_ms") is not None else "-"
            cells.append(f"{ms + '  ' + str(page.get('queries_cold')) + '/' + str(page.get('queries')):>22}")
        check = scaling["checks"].get(name)
        verdict = ""
        if check:
            verdict = "PASS" if check["passed"] else "FAIL"
            verdict += f" (<= {check['target_ms']:g} ms"
            if "growth" in check:
                verdict += f"; x{check['growth']} at the largest scale, <= x{check['growth_target']:g}"
            verdict += ")"
        print(f"  {name:<24}" + "".join(cells) + "  " + verdict)


def print_import(imp: dict) -> None:
    first, second, parse, checks = imp["first"], imp["unchanged"], imp["parse"], imp["checks"]

    def mark(name):
        return "PASS" if checks[name]["passed"] else "FAIL"

    print()
    print(f"Import of {imp['files']} files ({imp['bytes'] / 1e6:.1f} MB), {parse['claims']} claims:")
    print(f"  parse only             {parse['seconds']:8.2f} s")
    print(
        f"  import                 {first['seconds']:8.2f} s  = "
        f"{checks['import_vs_parse']['value']:.2f}x parse (target <= {IMPORT_MAX_PARSE_RATIO:g}x)  "
        f"{mark('import_vs_parse')}   {first['totals']}"
    )
    print(f"    of which start-up    {imp['startup']['seconds']:8.2f} s  (manage.py on an empty folder)")
    print(
        f"  re-import unchanged    {second['seconds']:8.2f} s  = "
        f"{checks['reimport_share']['value']:.0%} of the import (target <= {REIMPORT_MAX_SHARE:.0%})  "
        f"{mark('reimport_share')}   {second['totals']}"
    )
    print(
        f"  peak memory            {first['peak_mb']:8.1f} MB (re-import {second['peak_mb']:.1f} MB; "
        f"target <= {IMPORT_MAX_PEAK_MB} MB)  {mark('peak_memory_mb')}"
    )


def print_long_import(run: dict) -> None:
    checks = run["checks"]
    print()
    print(
        f"Long import of {run['files']} files in one run: {run['seconds']:.0f} s, {run['totals']}, "
        f"peak memory {run['peak_mb']:.0f} MB (<= {IMPORT_MAX_PEAK_MB} MB) "
        f"{'PASS' if checks['peak_memory_mb']['passed'] else 'FAIL'}"
    )
    print(f"  ms per file, by thousand: {', '.join(f'{ms:g}' for ms in run['ms_per_file_by_thousand'])}")
    print(
        f"  last thousand / first: {checks['flat']['value']} ({checks['flat']['target']}) "
        f"{'PASS' if checks['flat']['passed'] else 'FAIL'}"
    )


def print_warnings(results: dict, machine: dict, http: dict | None) -> None:
    runs = list((http or {}).get("pages", []))
    for base in (http or {}).get("baseline", {}).values():
        runs += [base["before"], base["after"]]
    busy = [r for r in runs if r.get("background_cores", 0) >= BUSY_MACHINE_CORES]
    if busy:
        worst = max(r["background_cores"] for r in busy)
        print()
        print(
            f"WARNING: other processes used up to {worst:.1f} of {machine['nproc']} cores during "
            f"{len(busy)} of the {len(runs)} runs: ratios are unreliable. Run again on a quiet machine."
        )
    if results["code_changed_during_run"]:
        print()
        print("WARNING: the code or templates changed while this ran: the figures mix two versions.")


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    workdir = common.temp_dir("framework-guide-bench-")
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": args.scale,
        "compare_scale": args.compare_scale,
        "seed": args.seed,
        "options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
    }
    fingerprint = common.source_fingerprint()
    try:
        common.require_tools(wrk=not args.skip_http)
        results["machine"] = common.machine()
        if not args.skip_http:
            results["http"] = http_benchmark(args, workdir)
        if not args.skip_import:
            results["imports"] = [import_benchmark(args, workdir, files) for files in args.import_files]
            results["import"] = results["imports"][-1]  # the largest, as before
        if args.long_import:
            results["long_import"] = long_import_benchmark(args, workdir)
    except (HarnessError, subprocess.TimeoutExpired) as exc:
        print(f"\nbench: harness error: {exc}\n(logs kept in {workdir})", file=sys.stderr)
        return 1
    finally:
        common.stop_all()
        if not args.keep_db:
            for name in (SITE_DB, SMALL_DB, IMPORT_DB, *EXTRA_DBS):
                common.drop_database(name)
    results["seconds"] = round(time.monotonic() - started, 1)
    results["source_fingerprint"] = fingerprint
    results["code_changed_during_run"] = common.source_fingerprint() != fingerprint
    args.output.parent.mkdir(parents=True, exist_ok=True)
    results["output"] = str(args.output)
    args.output.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print_summary(results)
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
