"""The editors' coverage dashboard: where the guide's evidence is thin, contested or stale."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max

from articles.models import STALE_AFTER, Claim
from frameworks.consensus import is_contested
from frameworks.models import Framework, FrameworkKind, Topic


@dataclass
class TopicCoverage:
    topic_id: int
    topic: str
    sources: int
    contested: bool
    stale_only: bool


@dataclass
class FrameworkCoverage:
    framework_id: int
    name: str
    unreviewed: int = 0
    missing: list[tuple[int, str]] = field(default_factory=list)
    single_source: list[TopicCoverage] = field(default_factory=list)
    contested: list[TopicCoverage] = field(default_factory=list)
    stale_only: list[TopicCoverage] = field(default_factory=list)


def build_coverage(
    frameworks: list[tuple[int, str]],
    topics: list[tuple[int, str]],
    rows: list[dict],
    unreviewed: dict[int, int],
    stale_before: date,
) -> list[FrameworkCoverage]:
    """Shape (framework, topic, kind, source, latest date) rows into per-framework coverage.

    Pure: the queries happen in `coverage()`; this only counts.
    """
    sources: dict[tuple[int, int], set[int]] = defaultdict(set)
    kinds: dict[tuple[int, int], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    latest: dict[tuple[int, int], date | None] = {}
    for row in rows:
        place = (row["framework_id"], row["topic_id"])
        sources[place].add(row["article__source_id"])
        kinds[place][row["kind"]].add(row["article__source_id"])
        newest = row["latest"]
        if place not in latest or (newest is not None and (latest[place] is None or newest > latest[place])):
            latest[place] = newest
    result = []
    for framework_id, name in frameworks:
        entry = FrameworkCoverage(framework_id, name, unreviewed.get(framework_id, 0))
        for topic_id, topic in topics:
            place = (framework_id, topic_id)
            if place not in sources:
                entry.missing.append((topic_id, topic))
                continue
            pros, cons = kinds[place].get("pro", set()), kinds[place].get("con", set())
            info = TopicCoverage(
                topic_id,
                topic,
                len(sources[place]),
                contested=is_contested(pros, cons),
                stale_only=latest[place] is not None and latest[place] < stale_before,
            )
            if info.sources == 1:
                entry.single_source.append(info)
            if info.contested:
                entry.contested.append(info)
            if info.stale_only:
                entry.stale_only.append(info)
        result.append(entry)
    return result


@dataclass
class Unreviewed:
    pk: int
    name: str
    unreviewed: int


def coverage(today: date, limit: int = 10) -> tuple[list[FrameworkCoverage], list[Unreviewed]]:
    """Per-framework coverage, and the frameworks (resources too) with most claims to review."""
    catalogue = list(Framework.objects.values_list("pk", "name", "kind"))
    frameworks = [(pk, name) for pk, name, kind in catalogue if kind != FrameworkKind.RESOURCE]
    topics = list(Topic.objects.values_list("pk", "name"))
    rows = list(
        # Frameworks awaiting review too: an editor checks their coverage before accepting them.
        Claim.objects.public(unreviewed_frameworks=True)
        .filter(topic__isnull=False)
        .order_by()
        .values("framework_id", "topic_id", "kind", "article__source_id")
        .annotate(latest=Max("article__published"))
    )
    unreviewed = dict(
        Claim.objects.awaiting_review()
        .order_by()
        .values("framework_id")
        .annotate(n=Count("pk"))
        .values_list("framework_id", "n")
    )
    queue = sorted(
        (Unreviewed(pk, name, unreviewed[pk]) for pk, name, _kind in catalogue if unreviewed.get(pk)),
        key=lambda entry: (-entry.unreviewed, entry.name),
    )[:limit]
    return build_coverage(frameworks, topics, rows, unreviewed, today - STALE_AFTER), queue
