"""Consensus: what sources say about a framework, topic by topic and point by point, independent
sources first.

The one place that counts evidence, for the framework page, compare, the list, the home page and
the API, so no two of them can disagree:

- A *point* is one thing several claims say (articles/points.py). It counts once per distinct
  source that makes it, however often one article repeats it.
- A *vendor* claim is any claim from a source affiliated with a framework (a vendor's own blog),
  whatever framework it is about. Every count has an independent part and a vendor part, and
  rankings go by the independent part: vendors are shown, never allowed to outvote.
- A topic is *contested* when different sources argue both ways on it.

Loading is separate from weighing: the loaders run a fixed number of queries and hand plain rows
to pure functions (Django Packages' build_element_map is the pattern).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.db.models import Case, Count, F, Max, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat, Left

from articles.models import Claim, ClaimKind, vendor_label, vendor_q
from frameworks.models import Topic
from guide.caching import for_this_content

# Claim kinds that take a side on a topic; summaries are overall verdicts, not topic-level.
TOPIC_KINDS = (ClaimKind.PRO, ClaimKind.CON, ClaimKind.FEATURE)


class EvidenceRow(NamedTuple):
    """One public claim, with only what weighing needs: no text, no article columns but two."""

    id: int
    framework_id: int
    topic_id: int | None
    kind: str
    point_id: int | None
    title: str
    source_id: int
    published: date | None
    vendor: str  # "Reflex's own blog" for a vendor claim, "" for an independent one
    said: str = ""  # a summary's title and text, a line each, for the verdict; "" for other kinds

    @property
    def is_vendor(self) -> bool:
        return bool(self.vendor)

    @property
    def summary_text(self) -> str:
        return self.said.partition("\n")[2]


@dataclass(frozen=True)
class Tally:
    """Distinct sources (or points) on one side, the independent part first."""

    independent: int = 0
    vendor: int = 0

    @property
    def total(self) -> int:
        return self.independent + self.vendor

    def as_json(self) -> dict:
        return {"independent": self.independent, "vendor": self.vendor}


@dataclass(frozen=True)
class PointEvidence:
    point: int | None  # the Point's id; None for a claim no point groups yet
    kind: str
    topic_id: int | None
    claim: EvidenceRow  # stands for the point: an independent source's if any, then the newest
    sources: Tally  # distinct sources making the point
    claims: int
    # Claims to cite, one per source: independent sources first, then the newest.
    cited: tuple[EvidenceRow, ...]
    vendors: tuple[str, ...]  # the vendor labels among its sources

    @property
    def rank(self) -> tuple:
        newest = max((self.claim.published or date.min), *(c.published or date.min for c in self.cited))
        return (-self.sources.independent, -self.sources.vendor, -newest.toordinal(), -self.claim.id)


@dataclass(frozen=True)
class TopicEvidence:
    topic_id: int | None
    pros: Tally  # distinct sources with a pro on the topic
    cons: Tally
    features: Tally
    contested: bool  # pros and cons from different sources
    claims: int
    points: list[PointEvidence]  # every point on the topic, strongest first

    def of_kind(self, kind: str) -> list[PointEvidence]:
        return [p for p in self.points if p.kind == kind]

    @property
    def independent_sources(self) -> int:
        return self.pros.independent + self.cons.independent + self.features.independent


@dataclass(frozen=True)
class Evidence:
    """Everything sources say about one framework, weighed."""

    topics: list[TopicEvidence]
    summaries: list[PointEvidence]  # overall verdicts, strongest first
    pros: Tally  # points: backed by an independent source / by vendors only
    cons: Tally
    features: Tally
    sources: Tally  # distinct sources
    claims: int  # claims counted
    hidden_vendor: int  # vendor claims left out ("independent sources only")
    vendors: tuple[str, ...] = ()

    @property
    def points(self) -> Iterable[PointEvidence]:
        for topic in self.topics:
            yield from topic.points


def weigh(rows: Iterable[EvidenceRow], *, independent: bool = False) -> Evidence:
    """Pure: one framework's claims as points and topics, counted by distinct sources.

    With `independent`, vendor claims are left out entirely (and counted as hidden), so a page
    never counts what it hides."""
    hidden = 0
    grouped: dict[tuple, list[EvidenceRow]] = defaultdict(list)
    for row in rows:
        if independent and row.is_vendor:
            hidden += 1
            continue
        grouped[(row.topic_id, row.kind, row.point_id or -row.id)].append(row)

    points = [_point(claims) for claims in grouped.values()]
    by_topic: dict[int | None, list[PointEvidence]] = defaultdict(list)
    summaries = []
    for point in points:
        (summaries if point.kind == ClaimKind.SUMMARY else by_topic[point.topic_id]).append(point)
    rows_by_topic: dict[int | None, list[EvidenceRow]] = defaultdict(list)
    for (topic_id, kind, _group), claims in grouped.items():
        if kind != ClaimKind.SUMMARY:
            rows_by_topic[topic_id].extend(claims)

    every = [row for claims in grouped.values() for row in claims]
    return Evidence(
        topics=[_topic(topic_id, by_topic[topic_id], rows_by_topic[topic_id]) for topic_id in by_topic],
        summaries=sorted(summaries, key=lambda p: p.rank),
        pros=_point_tally(points, ClaimKind.PRO),
        cons=_point_tally(points, ClaimKind.CON),
        features=_point_tally(points, ClaimKind.FEATURE),
        sources=_source_tally(every),
        claims=len(every),
        hidden_vendor=hidden,
        vendors=tuple(sorted({row.vendor for row in every if row.vendor})),
    )


def _point(claims: list[EvidenceRow]) -> PointEvidence:
    by_source: dict[int, EvidenceRow] = {}
    for claim in sorted(claims, key=_citation_order, reverse=True):
        by_source.setdefault(claim.source_id, claim)
    cited = tuple(by_source.values())
    first = cited[0]
    return PointEvidence(
        point=first.point_id,
        kind=first.kind,
        topic_id=first.topic_id,
        claim=first,
        sources=_source_tally(cited),
        claims=len(claims),
        cited=cited,
        vendors=tuple(sorted({c.vendor for c in cited if c.vendor})),
    )


def _citation_order(claim: EvidenceRow) -> tuple:
    # An independent source is better evidence than a vendor saying the same; then the newest.
    return (not claim.is_vendor, claim.published or date.min, claim.id)


def _source_tally(claims: Iterable[EvidenceRow]) -> Tally:
    independent, vendor = set(), set()
    for claim in claims:
        (vendor if claim.is_vendor else independent).add(claim.source_id)
    return Tally(independent=len(independent), vendor=len(vendor))


def _point_tally(points: Iterable[PointEvidence], kind: str) -> Tally:
    of_kind = [p for p in points if p.kind == kind]
    backed = sum(1 for p in of_kind if p.sources.independent)
    return Tally(independent=backed, vendor=len(of_kind) - backed)


def _topic(topic_id: int | None, points: list[PointEvidence], claims: list[EvidenceRow]) -> TopicEvidence:
    by_kind: dict[str, list[EvidenceRow]] = defaultdict(list)
    for claim in claims:
        by_kind[claim.kind].append(claim)
    sources = {kind: {c.source_id for c in by_kind[kind]} for kind in (ClaimKind.PRO, ClaimKind.CON)}
    return TopicEvidence(
        topic_id=topic_id,
        pros=_source_tally(by_kind[ClaimKind.PRO]),
        cons=_source_tally(by_kind[ClaimKind.CON]),
        features=_source_tally(by_kind[ClaimKind.FEATURE]),
        contested=is_contested(sources[ClaimKind.PRO], sources[ClaimKind.CON]),
        claims=len(claims),
        points=sorted(points, key=lambda p: p.rank),
    )


def is_contested(pro_sources: set, con_sources: set) -> bool:
    """Pros and cons from *different* sources (one source hedging itself is not a dispute)."""
    return bool(pro_sources) and bool(con_sources) and len(pro_sources | con_sources) >= 2


# --------------------------------------------------------------------------------------------
# Loading


def evidence_rows(claims: QuerySet) -> list[EvidenceRow]:
    """These claims as narrow rows, in one query."""
    # Only summaries bring their words: the verdict reads them, nothing else needs text here.
    said = Case(
        When(kind=ClaimKind.SUMMARY, then=Concat("title", Value("\n"), "text", output_field=TextField())),
        default=Value(""),
        output_field=TextField(),
    )
    # A claim whose text is its own title has none: its opening words stand in for one.
    title = Case(When(title="", then=Left("text", 200)), default=F("title"), output_field=TextField())
    rows = (
        claims.annotate(said=said, shown_title=title)
        .values_list(
            "id",
            "framework_id",
            "topic_id",
            "kind",
            "point_id",
            "shown_title",
            "article__source_id",
            "article__published",
            "said",
            "article__source__affiliation__name",
            "article__source__kind",
        )
        .order_by()  # weighing does not depend on row order
    )
    return [
        EvidenceRow(*row[:8], vendor=vendor_label(affiliation, kind) if affiliation else "", said=said)
        for *row, said, affiliation, kind in rows
    ]


def load_rows(
    framework_ids: Sequence[int], *, verified: bool = False, unreviewed: bool = False
) -> list[EvidenceRow]:
    """Every public claim about these frameworks (only verified ones if `verified`).

    `unreviewed` keeps claims about frameworks no editor has accepted yet: for a page that
    already checked its framework (an editor's preview)."""
    claims = Claim.objects.public(unreviewed_frameworks=unreviewed).filter(framework_id__in=framework_ids)
    return evidence_rows(claims.verified() if verified else claims)


@dataclass(frozen=True)
class TopicInfo:
    slug: str
    name: str
    position: int


def topics() -> dict[int, TopicInfo]:
    """Every topic by id: a few dozen rows, read once per content change."""
    return for_this_content(
        "topics",
        lambda: {
            pk: TopicInfo(slug, name, position or 0)
            for pk, slug, name, position in Topic.objects.values_list("pk", "slug", "name", "position")
        },
    )


# --------------------------------------------------------------------------------------------
# Counts for lists: every framework at once, in one GROUP BY


@dataclass(frozen=True)
class Counts:
    """A framework's card: points for and against, and the sources behind them."""

    pros: Tally = field(default_factory=Tally)  # pro points backed by an independent source / by vendors only
    cons: Tally = field(default_factory=Tally)
    sources: Tally = field(default_factory=Tally)
    latest_published: date | None = None
    vendor: str = ""  # "Reflex's own blog" when one vendor's sources make the vendor part


NO_COUNTS = Counts()


def framework_counts(claims: QuerySet, *, independent: bool = False) -> dict[int, Counts]:
    """Counts for every framework these claims are about, in one GROUP BY.

    Distinct points and sources, split into independent and vendor parts: a point counts as
    independent once any independent source makes it, as vendor when only vendors do."""
    if independent:
        claims = claims.exclude(vendor_q())
    by_vendor, independently = vendor_q(), ~vendor_q()

    def points(kind: str, only: Q | None = None) -> Count:
        condition = Q(kind=kind) if only is None else Q(kind=kind) & only
        return Count("point", distinct=True, filter=condition)

    rows = (
        claims.values("framework_id")
        .annotate(
            pros=points(ClaimKind.PRO),
            independent_pros=points(ClaimKind.PRO, independently),
            cons=points(ClaimKind.CON),
            independent_cons=points(ClaimKind.CON, independently),
            sources=Count("article__source", distinct=True),
            independent_sources=Count("article__source", distinct=True, filter=independently),
            latest=Max("article__published"),
            # Nearly always one vendor writes about a framework: name it; more are "vendors".
            vendors=Count("article__source__affiliation", distinct=True, filter=by_vendor),
            vendor=Max("article__source__affiliation__name", filter=by_vendor),
            vendor_kind=Max("article__source__kind", filter=by_vendor),
        )
        .order_by()
    )
    return {
        row["framework_id"]: Counts(
            pros=Tally(row["independent_pros"], row["pros"] - row["independent_pros"]),
            cons=Tally(row["independent_cons"], row["cons"] - row["independent_cons"]),
            sources=Tally(row["independent_sources"], row["sources"] - row["independent_sources"]),
            latest_published=row["latest"],
            vendor=vendor_label(row["vendor"], row["vendor_kind"]) if row["vendors"] == 1 else "",
        )
        for row in rows
    }


def public_claims(independent: bool = False) -> QuerySet:
    claims = Claim.objects.public()
    return claims.independent() if independent else claims


def remembered_counts(*, independent: bool = False) -> dict[int, Counts]:
    """framework_counts() of every public claim, remembered until the content changes."""
    return for_this_content(
        f"framework-counts:{independent:d}",
        lambda: framework_counts(public_claims(independent), independent=independent),
    )
