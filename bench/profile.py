"""Profile pages in-process: where the time goes (pyinstrument) and every SQL query with its time.

    .venv/bin/python bench/run.py --skip-import --keep-db        # leaves framework_guide_bench
    .venv/bin/python bench/profile.py /frameworks/django/ "/search/?q=throughput"

Uses the benchmark's settings (DEBUG off, page cache off) against DATABASE_URL, by default the
database `make bench --keep-db` leaves behind. Needs pyinstrument (a dev dependency).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402

os.environ.setdefault("DATABASE_URL", common.database_url("framework_guide_bench"))
for key, value in common.django_env(os.environ["DATABASE_URL"], page_cache_seconds=0).items():
    os.environ.setdefault(key, value)
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--sql-chars", type=int, default=300, help="How much of each query to show.")
    args = parser.parse_args()
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit(f"pyinstrument is not installed: {sys.executable} -m pip install pyinstrument")
    # Pages reference hashed static names; without a manifest they cannot render with DEBUG off.
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    for path in args.paths:
        client.get(path)  # warm: imports, templates, connection
        profiler = Profiler(interval=0.0005)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            profiler.start()
            response = client.get(path)
            profiler.stop()
        total = time.perf_counter() - started
        sql = sum(float(q["time"]) for q in queries.captured_queries)
        print(f"=== {path}: {response.status_code}, {len(response.content):,} bytes, {total * 1000:.0f} ms")
        print(f"    {len(queries)} queries, {sql * 1000:.0f} ms in the database")
        for query in queries.captured_queries:
            print(f"    {float(query['time']) * 1000:7.1f} ms  {query['sql'][: args.sql_chars]}")
        print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main()
