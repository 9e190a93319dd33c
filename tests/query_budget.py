"""Query budgets: a page's SQL queries counted cold and warm, at two data sizes.

Cold is the first request after a content change or a restart: nothing remembered per content
version (guide.caching), no content types in Django's per-process cache. Warm is the same
request again. A count that differs between the two sizes is an N+1; a budget measured only
warm never sees the queries a remembered loader makes.
"""

import re
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

SIZES = ("small", "large")
PHASES = ("cold", "warm")


def forget_remembered() -> None:
    """Everything a process remembers between requests that would spare a page its queries."""
    cache.clear()
    ContentType.objects.clear_cache()


def queries_for(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: status {response.status_code}"
    return [query["sql"] for query in captured.captured_queries]


def measure(client, url: str) -> dict[str, list[str]]:
    forget_remembered()
    cold = queries_for(client, url)
    return {"cold": cold, "warm": queries_for(client, url)}


def shape(sql: str) -> str:
    """The query without its values, so the same query about another row reads the same."""
    sql = re.sub(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b", "?", sql)
    return re.sub(r"\?(?:, \?)+", "?, ...", sql)  # IN lists of any length


# A plain column list says nothing about why a query ran; what follows FROM does.
COLUMN_LIST = re.compile(r'SELECT (DISTINCT )?(?:"\w+"\."\w+"(?:, )?)+ FROM')


def _listing(counts: Counter, sign: str = "") -> list[str]:
    shown = ((COLUMN_LIST.sub(r"SELECT \1... FROM", sql)[:400], n) for sql, n in counts.most_common())
    return [f"    {sign}{n} x {sql}" for sql, n in shown]


def assert_query_budget(client, urls: list[str], grow, *, cold: int, warm: int) -> None:
    """Each URL, cold then warm, on the data as it is and again after `grow()` adds more: the
    same count at both sizes, and at most `cold` / `warm` queries."""
    counted = {"small": {url: measure(client, url) for url in urls}}
    grow()
    counted["large"] = {url: measure(client, url) for url in urls}
    budgets = {"cold": cold, "warm": warm}
    problems = []
    for url in urls:
        for phase in PHASES:
            small, large = (Counter(map(shape, counted[size][url][phase])) for size in SIZES)
            if small.total() != large.total():
                problems.append(
                    f"{url} {phase}: {small.total()} queries at the small size, "
                    f"{large.total()} at the large size; the ones that differ:\n"
                    + "\n".join(_listing(large - small, "+") + _listing(small - large, "-"))
                )
            for size, found in zip(SIZES, (small, large), strict=True):
                if found.total() > budgets[phase]:
                    problems.append(
                        f"{url} {phase}, {size} size: {found.total()} queries, "
                        f"budget {budgets[phase]}:\n" + "\n".join(_listing(found))
                    )
    assert not problems, "\n\n".join(problems)
