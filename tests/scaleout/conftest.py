"""`make scaleout`: the site on two app hosts, a lagging streaming replica and a shared Redis.

The parts (bench/scaleout.py) start once for the whole module and stop at the end, whatever
happens. Without them (no PostgreSQL server binaries, redis-server, HAProxy or wrk) the tests
are skipped, unless SCALEOUT_REQUIRED is set (CI installs them, so there it is a failure).
"""

import atexit
import json
import os
import signal

import pytest

from bench import scaleout
from bench.common import ROOT, HarnessError

FIGURES: list[dict] = []  # one row per phase: what the summary prints and scaleout.json keeps
RESULTS = ROOT / "bench" / "results" / "scaleout.json"


def skip_or_fail(reason: str):
    if os.environ.get("SCALEOUT_REQUIRED"):
        pytest.fail(reason)
    pytest.skip(reason)


def stop_the_run(signum, frame):
    # As Ctrl-C does: pytest stops at once and tears the parts down. (A SystemExit would only
    # fail the current test, and the run would go on.)
    raise KeyboardInterrupt


@pytest.fixture(scope="session")
def cluster():
    try:
        parts = scaleout.Cluster()
    except scaleout.Missing as exc:
        skip_or_fail(str(exc))
    atexit.register(parts.close)  # also when the run is interrupted
    signal.signal(signal.SIGTERM, stop_the_run)
    try:
        parts.start()
    except (HarnessError, OSError) as exc:
        parts.close()
        skip_or_fail(f"the parts could not start: {exc} (logs in {scaleout.LOGS})")
    yield parts
    parts.close()


@pytest.fixture(scope="session")
def ledger():
    return scaleout.Ledger()


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    write = terminalreporter.write_line
    write("")
    write(f"Scale-out figures (replica {scaleout.REPLICA_DELAY_S} s behind, max lag {scaleout.MAX_LAG_S} s):")
    write(f"  {'phase':<40} {'answered':>8} {'req/s':>6} {'5xx':>5} {'sock err':>8}  recovery")
    for row in FIGURES:
        if "note" not in row:
            write(
                f"  {row['phase']:<40} {row['answered']:>8} {row['requests_per_second']:>6.0f} "
                f"{row['5xx']:>5} {row['socket_errors']:>8}  {row['recovery']}"
            )
    for row in FIGURES:
        if "note" in row:
            write(f"  {row['phase']}: {row['note']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(FIGURES, indent=2) + "\n")
    write(
        f"Written to {RESULTS.relative_to(ROOT)}; the parts' logs are in {scaleout.LOGS.relative_to(ROOT)}/"
    )
