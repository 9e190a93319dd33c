"""The framework page's evidence: the verdict, the chart, and the strongest points per topic.

A popular framework has thousands of claims and a reader can use a few per topic, so the page
shows the verdict, one chart row per topic and the strongest points of each topic, each with the
sources that make it, and links to the claims browser for the rest: what the page weighs grows
with the data, what it shows does not. Beside the facts, where independent claims dispute one.
Three queries whatever the amount of data (the claims, narrow, with the words of summaries only;
the topics, remembered; the words of the claims shown or weighed against a fact), and the major
releases that mark claims possibly stale, remembered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from django.urls import reverse

from articles.models import Claim, ClaimKind, ClaimStatus
from frameworks import charts, consensus, facts, freshness, verdict
from frameworks.consensus import Evidence, PointEvidence, Tally, TopicEvidence, TopicInfo
from frameworks.models import Fact

SHOWN_PER_TOPIC = 2  # the strongest pro and con of each topic...
SHOWN_POINTS = 30  # ...for the topics with most evidence, up to this many points in all
CITED = 3  # sources named under a point; the rest are a link away
WEIGHED_AGAINST_A_FACT = 10  # a fact's strongest opposing points read for a dispute
KIND_LABELS = {
    ClaimKind.PRO: "Pro",
    ClaimKind.CON: "Con",
    ClaimKind.FEATURE: "Feature",
    ClaimKind.SUMMARY: "Summary",
}


@dataclass(frozen=True)
class Citation:
    """One source making a point: its claim in its article."""

    url: str  # the article, anchored at the claim
    article_title: str
    source_name: str
    published: date | None
    vendor: str  # "Reflex's own blog", or ""
    verified_at: datetime | None
    stale_reason: str | None  # "written before Django 5.0, Dec 2023"

    @property
    def stale(self) -> bool:
        return self.stale_reason is not None


@dataclass(frozen=True)
class ShownPoint:
    kind: str
    kind_label: str
    title: str
    text_html: str  # the representative claim's words, when they say more than its title
    topic: str  # the topic's name, "" for none
    sources: Tally
    citations: list[Citation]  # the first CITED sources, independent ones first
    more_sources: int
    url: str  # its claim in its article; for a point several claims make, all of them

    @property
    def lead(self) -> Citation:
        return self.citations[0]


@dataclass(frozen=True)
class TopicBlock:
    name: str
    slug: str | None
    anchor: str
    contested: bool
    pros: Tally
    cons: Tally
    features: Tally
    claims: int
    points: list[ShownPoint]
    all_url: str  # every claim on the topic


@dataclass(frozen=True)
class Counterclaim:
    """An independent claim that says a fact is wrong."""

    said: str
    url: str
    source_name: str


@dataclass(frozen=True)
class ShownFact:
    fact: Fact
    disputed_by: list[Counterclaim]  # one per independent source; empty when none disputes it
    all_url: str  # every independent claim on the fact's topic

    @property
    def disputed(self) -> bool:
        return bool(self.disputed_by)


@dataclass(frozen=True)
class EvidenceSummary:
    """What the page says of the evidence as a whole. The page is remembered, and the weighed
    evidence of a popular framework (every point, thousands of rows) takes longer to read back
    from the cache than the rest of the page takes to render."""

    sources: Tally
    hidden_vendor: int
    vendors: tuple[str, ...]


@dataclass(frozen=True)
class FrameworkPage:
    best_for: list[ShownPoint]
    avoid_if: list[ShownPoint]
    thin: bool  # the verdict rests on fewer than verdict.ENOUGH_SOURCES independent sources
    chart: charts.Chart
    topics: list[TopicBlock]
    evidence: EvidenceSummary
    facts: list[ShownFact]

    @property
    def shown(self) -> list[ShownPoint]:
        return [*self.best_for, *self.avoid_if, *(p for t in self.topics for p in t.points)]


@dataclass(frozen=True)
class ClaimWords:
    title: str
    text: str
    text_html: str
    verified_at: datetime | None
    article_slug: str
    article_title: str
    source_name: str


def load_words(ids: list[int]) -> dict[int, ClaimWords]:
    """What the page prints of the claims it shows, by id (never an article's body)."""
    if not ids:
        return {}
    rows = Claim.objects.filter(pk__in=ids).values_list(
        "id",
        "title",
        "text",
        "text_html",
        "verified_at",
        "article__slug",
        "article__title",
        "article__source__name",
    )
    return {pk: ClaimWords(*rest) for pk, *rest in rows}


def strongest(topic: TopicEvidence, shown: int = SHOWN_PER_TOPIC) -> list[PointEvidence]:
    """The strongest pro and con of a topic (or its strongest points of any kind when it has
    one side only), strongest first."""
    picked = [points[0] for kind in (ClaimKind.PRO, ClaimKind.CON) if (points := topic.of_kind(kind))]
    for point in topic.points:
        if len(picked) >= shown:
            break
        if point not in picked:
            picked.append(point)
    return sorted(picked, key=lambda p: p.rank)[:shown]


def _topic_order(topic: TopicEvidence, info: TopicInfo | None) -> tuple:
    # Most independent evidence first; claims without a topic last.
    return (info is None, -topic.independent_sources, -topic.claims, info.position if info else 0)


def build(
    framework, *, independent: bool = False, verified: bool = False, today: date | None = None
) -> FrameworkPage:
    today = today or date.today()
    evidence = consensus.weigh(
        consensus.load_rows([framework.pk], verified=verified, unreviewed=True), independent=independent
    )
    infos = consensus.topics()
    topics = sorted(evidence.topics, key=lambda t: _topic_order(t, infos.get(t.topic_id)))
    chosen, budget = {}, SHOWN_POINTS
    for topic in topics:  # most evidence first: the least discussed topics are a link away
        chosen[topic.topic_id] = strongest(topic, min(SHOWN_PER_TOPIC, budget))
        budget -= len(chosen[topic.topic_id])
    judged = verdict.verdict(evidence)
    points = [*judged.points, *(p for picked in chosen.values() for p in picked)]
    topic_ids = {info.slug: pk for pk, info in infos.items()}
    known = framework.facts()
    against = _weighed_against_facts(evidence, known, topic_ids)
    shown_ids = {c.id for p in points for c in p.cited[:CITED]}
    words = load_words(sorted(shown_ids | {c.id for c in against}))

    charted = [t for t in topics if t.pros.total or t.cons.total]  # features take no side
    browse = _browse_url(framework.slug, independent=independent, verified=verified)
    releases = freshness.major_releases().get(framework.pk, [])
    shown = _Shower(words, infos, browse, releases, today)
    return FrameworkPage(
        best_for=[shown(p) for p in judged.best_for],
        avoid_if=[shown(p) for p in judged.avoid_if],
        thin=judged.thin,
        chart=charts.diverging(
            [(_name(t, infos), f"#{_anchor(t, infos)}") for t in charted],
            [(framework.name, [(t.pros, t.cons) for t in charted])],
        ),
        topics=[
            TopicBlock(
                name=_name(t, infos),
                slug=infos[t.topic_id].slug if t.topic_id in infos else None,
                anchor=_anchor(t, infos),
                contested=t.contested,
                pros=t.pros,
                cons=t.cons,
                features=t.features,
                claims=t.claims,
                points=[shown(p) for p in chosen[t.topic_id]],
                all_url=f"{browse}&topic={infos[t.topic_id].slug}" if t.topic_id in infos else browse,
            )
            for t in topics
        ],
        evidence=EvidenceSummary(evidence.sources, evidence.hidden_vendor, evidence.vendors),
        facts=_shown_facts(framework.slug, known, topic_ids, against, words, shown),
    )


def _weighed_against_facts(evidence: Evidence, known: list[Fact], topic_ids: dict[str, int]) -> list:
    """The independent claims that could dispute a fact: those of the strongest points of the
    kinds that can, on each fact's topic (a bounded number, however many claims there are)."""
    by_topic = {t.topic_id: t for t in evidence.topics}
    rows = []
    for fact in known:
        kinds = facts.DISPUTING_KINDS.get(fact.value, ())
        topic = by_topic.get(topic_ids.get(facts.TOPICS[fact.name]))
        if not kinds or topic is None:
            continue
        opposing = [p for p in topic.points if p.kind in kinds and p.sources.independent]
        for point in opposing[:WEIGHED_AGAINST_A_FACT]:
            rows.extend(c for c in point.cited if not c.is_vendor)
    return rows


def _shown_facts(slug, known, topic_ids, against, words, shown) -> list[ShownFact]:
    claim_words = [
        facts.ClaimWords(
            row.id, row.topic_id, row.kind, row.source_id, f"{words[row.id].title}\n{words[row.id].text}"
        )
        for row in against
    ]
    disputed = {d.fact.name: d for d in facts.disputes(known, topic_ids, claim_words)}
    independent_browse = _browse_url(slug, independent=True, verified=False)
    return [
        ShownFact(
            fact,
            [shown.counterclaim(pk) for pk in disputed[fact.name].claim_ids] if fact.name in disputed else [],
            f"{independent_browse}&topic={facts.TOPICS[fact.name]}",
        )
        for fact in known
    ]


def _name(topic: TopicEvidence, infos: dict[int, TopicInfo]) -> str:
    return infos[topic.topic_id].name if topic.topic_id in infos else "Other"


def _anchor(topic: TopicEvidence, infos: dict[int, TopicInfo]) -> str:
    return f"topic-{infos[topic.topic_id].slug}" if topic.topic_id in infos else "topic-other"


def _browse_url(slug: str, *, independent: bool, verified: bool) -> str:
    query = {"framework": slug}
    if independent:
        query["independent"] = "1"
    if verified:
        query["status"] = ClaimStatus.VERIFIED
    return reverse("articles:claims") + "?" + urlencode(query)


class _Shower:
    """Turns weighed points into what the page prints, from the words loaded for them."""

    def __init__(
        self,
        words: dict[int, ClaimWords],
        infos: dict[int, TopicInfo],
        browse: str,
        releases: list[freshness.Release],
        today: date,
    ):
        self.words, self.infos, self.browse = words, infos, browse
        self.releases, self.today = releases, today
        # reverse() once, not per claim: the slug is the only part that changes.
        self.article_url = reverse("articles:detail", args=["__slug__"])

    def claim_url(self, pk: int) -> str:
        return self.article_url.replace("__slug__", self.words[pk].article_slug) + f"#claim-{pk}"

    def citation(self, row) -> Citation:
        words = self.words[row.id]
        return Citation(
            url=self.claim_url(row.id),
            article_title=words.article_title,
            source_name=words.source_name,
            published=row.published,
            vendor=row.vendor,
            verified_at=words.verified_at,
            stale_reason=freshness.reason(self.releases, row.published, self.today),
        )

    def counterclaim(self, pk: int) -> Counterclaim:
        words = self.words[pk]
        return Counterclaim(words.title or words.text[:160], self.claim_url(pk), words.source_name)

    def __call__(self, point: PointEvidence) -> ShownPoint:
        lead = self.words[point.claim.id]
        topic = self.infos.get(point.topic_id)
        # A summary's words are the verdict ("Best for: typed JSON APIs"); a title says the rest.
        summary = point.kind == ClaimKind.SUMMARY or not lead.title
        says_more = lead.text.strip() != lead.title.strip()
        return ShownPoint(
            kind=point.kind,
            kind_label=KIND_LABELS[point.kind],
            title="" if summary else lead.title,
            text_html=lead.text_html if summary or says_more else "",
            topic=topic.name if topic else "",
            sources=point.sources,
            citations=[self.citation(row) for row in point.cited[:CITED]],
            more_sources=max(len(point.cited) - CITED, 0),
            # One claim: the place in its article; more: every claim making the point.
            url=f"{self.browse}&point={point.point}"
            if point.point and point.claims > 1
            else self.citation(point.claim).url,
        )
