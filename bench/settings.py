"""The site's own settings plus a baseline view, for `make bench` and `make soak`.

Everything else (middleware, cache, database, DEBUG) is guide/settings.py driven by the same
environment variables, so the baseline is served exactly like the real pages.
"""

from guide.settings import *  # noqa: F403
from guide.settings import CACHES

ROOT_URLCONF = "bench.baseline_urls"

# The benchmark's keys stay apart from anyone else's in a shared Redis.
CACHES["default"]["KEY_PREFIX"] = "bench"
