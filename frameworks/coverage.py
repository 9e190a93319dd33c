"""The editors' coverage dashboard: where the guide's evidence is thin, contested or stale, and
the facts independent claims dispute."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import BooleanField, Case, Count, Q, TextField, Value, When
from django.db.models.functions import Concat

from articles.models import Claim, vendor_q
from frameworks import facts, freshness
from frameworks.consensus import TOPIC_KINDS, is_contested
from frameworks.models import CAPABILITIES, Framework, FrameworkKind, Topic


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
    disputed: list[facts.Dispute] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return bool(self.missing or self.single_source or self.contested or self.stale_only or self.disputed)


def build_coverage(
    frameworks: list[tuple[int, str]],
    topics: list[tuple[int, str]],
    rows: list[tuple],
    unreviewed: dict[int, int],
    disputed: dict[int, list[facts.Dispute]] | None = None,
) -> list[FrameworkCoverage]:
    """Shape (framework, topic, kind, source, fresh) rows, one per claim, into per-framework
    coverage. A topic has only stale claims when none of its claims is fresh.

    Pure: the queries happen in `coverage()`; this only counts.
    """
    sources: dict[tuple[int, int], set[int]] = defaultdict(set)
    kinds: dict[tuple[int, int], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    fresh: set[tuple[int, int]] = set()
    for framework_id, topic_id, kind, source_id, is_fresh in rows:
        place = (framework_id, topic_id)
        sources[place].add(source_id)
        kinds[place][kind].add(source_id)
        if is_fresh:
            fresh.add(place)
    result = []
    for framework_id, name in frameworks:
        entry = FrameworkCoverage(
            framework_id,
            name,
            unreviewed.get(framework_id, 0),
            disputed=(disputed or {}).get(framework_id, []),
        )
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
                stale_only=place not in fresh,
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


# Every column Framework.facts() reads, and nothing else of the framework.
_FACT_FIELDS = [
    f"{name}{part}" for name, _label in CAPABILITIES for part in ("", "_source", "_checked", "_note")
]


def coverage(today: date, limit: int = 10) -> tuple[list[FrameworkCoverage], list[Unreviewed]]:
    """Per-framework coverage, and the frameworks (resources too) with most claims to review."""
    catalogue = list(Framework.objects.only("pk", "name", "kind", *_FACT_FIELDS))
    frameworks = [(f.pk, f.name) for f in catalogue if f.kind != FrameworkKind.RESOURCE]
    topics = list(Topic.objects.values_list("pk", "name", "slug"))
    # One row per claim on a topic: whether it is fresh, and the words of the independent ones
    # that could dispute a fact (the only text the page reads).
    weighed_against_facts = Q(topic__slug__in=set(facts.TOPICS.values()), kind__in=TOPIC_KINDS) & ~vendor_q()
    claims = (
        # Frameworks awaiting review too: an editor checks their coverage before accepting them.
        Claim.objects.public(unreviewed_frameworks=True)
        .filter(topic__isnull=False)
        .order_by()
        .annotate(
            fresh=Case(
                When(freshness.stale_q(today), then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            ),
            words=Case(
                When(
                    weighed_against_facts, then=Concat("title", Value("\n"), "text", output_field=TextField())
                ),
                default=Value(""),
                output_field=TextField(),
            ),
        )
        .values_list("framework_id", "topic_id", "kind", "article__source_id", "fresh", "id", "words")
    )
    rows, against = [], defaultdict(list)
    for framework_id, topic_id, kind, source_id, fresh, pk, words in claims.iterator(chunk_size=5000):
        rows.append((framework_id, topic_id, kind, source_id, fresh))
        if words:
            against[framework_id].append(facts.ClaimWords(pk, topic_id, kind, source_id, words))
    unreviewed = dict(
        Claim.objects.awaiting_review()
        .order_by()
        .values("framework_id")
        .annotate(n=Count("pk"))
        .values_list("framework_id", "n")
    )
    queue = sorted(
        (Unreviewed(f.pk, f.name, unreviewed[f.pk]) for f in catalogue if unreviewed.get(f.pk)),
        key=lambda entry: (-entry.unreviewed, entry.name),
    )[:limit]
    topic_ids = {slug: pk for pk, _name, slug in topics}
    disputed = {
        f.pk: found
        for f in catalogue
        if f.pk in against and (found := facts.disputes(f.facts(), topic_ids, against[f.pk]))
    }
    named = [(pk, name) for pk, name, _slug in topics]
    return build_coverage(frameworks, named, rows, unreviewed, disputed), queue
