"""Pick the benchmarked URLs for the database in DATABASE_URL and count each page's SQL queries,
cold (the first request after a content change) and warm (the same request again).

Run by bench/run.py and bench/soak.py with the benchmark's environment (bench.settings,
PAGE_CACHE_SECONDS=0); prints one JSON document: {"pages": {name: {"path", "queries_cold",
"queries", "status", "bytes"}}, "extra": [paths for the soak test]}, "queries" being warm.
The pages are chosen from the data, the heaviest of their kind: the framework with the most
claims, the four most-discussed frameworks, the article with the most claims.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from articles.models import Article, ClaimStatus  # noqa: E402
from frameworks.models import Framework, FrameworkKind, Topic  # noqa: E402
from guide.caching import content_changed  # noqa: E402

SEARCH_WORD = os.environ.get("BENCH_SEARCH_WORD", "throughput")
PUBLIC = ~Q(claims__status=ClaimStatus.REJECTED) & Q(claims__withdrawn=False)


def choose_paths() -> dict[str, str]:
    by_claims = (
        Framework.objects.frameworks().annotate(n=Count("claims", filter=PUBLIC)).order_by("-n", "name")
    )
    top = list(by_claims.values_list("slug", flat=True)[:4])
    kind = (
        Framework.objects.frameworks()
        .values_list("kind", flat=True)
        .annotate(n=Count("pk"))
        .order_by("-n", "kind")
        .first()
    ) or FrameworkKind.MICRO
    topic = (
        Topic.objects.annotate(n=Count("claims"))
        .order_by("-n", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    article = (
        Article.objects.published()
        .annotate(n=Count("claims", filter=PUBLIC))
        .order_by("-n", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    return {
        "home": reverse("home"),
        "framework list": reverse("frameworks:list"),
        "framework list page 2": f"{reverse('frameworks:list')}?page=2",
        "framework list filtered": f"{reverse('frameworks:list')}?kind={kind}&topic={topic}",
        "framework detail": reverse("frameworks:detail", args=[top[0]]),
        "compare 4": f"{reverse('frameworks:compare')}?frameworks={','.join(top)}",
        "article detail": reverse("articles:detail", args=[article]),
        "article list": reverse("articles:list"),
        "claims browser": reverse("articles:claims"),
        "search": f"{reverse('articles:search')}?q={SEARCH_WORD}",
        "api framework": reverse("api:framework", args=[top[0]]),
    }


def extra_paths() -> list[str]:
    """More reader pages for the soak test's URL rotation."""
    source = Article.objects.published().values_list("source__slug", flat=True).first()
    return [
        reverse("articles:sources"),
        reverse("articles:source", args=[source]),
        reverse("api:frameworks"),
        reverse("feed-articles"),
        f"{reverse('frameworks:list')}?sort=sources",
    ]


def measure(path: str) -> dict:
    client = Client()
    # Cold as after an import: a new content version, so nothing remembered is used (rather
    # than clearing the cache, which may be a Redis others share), and no content types cached.
    content_changed()
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as cold:
        client.get(path)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(path)
    return {
        "path": path,
        "queries_cold": len(cold),
        "queries": len(warm),
        "status": response.status_code,
        "bytes": len(response.content),
    }


def main() -> None:
    pages = {name: measure(path) for name, path in choose_paths().items()}
    print(json.dumps({"pages": pages, "extra": extra_paths()}))


if __name__ == "__main__":
    main()
