"""Consensus, contested topics and the side-by-side comparison.

Loading is separate from shaping: the loaders run a fixed number of queries and hand plain rows
to pure, typed functions (Django Packages' build_element_map is the pattern), so the templates
only read dataclasses and never walk relations.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from django.db.models import BooleanField, Case, Count, Exists, F, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from articles.models import STALE_AFTER, Article, Claim, ClaimKind, ClaimStatus, vendor_q
from articles.parsing import name_key
from frameworks.models import CAPABILITIES, Framework, FrameworkAlias, FrameworkKind
from guide.caching import many_for_this_content

MIN_ITEMS = 2
MAX_ITEMS = 6
# Anything beyond this many names in a URL is not a comparison anyone meant; don't parse it all.
MAX_REQUESTED = 50
MAX_NAME_LENGTH = 100
STRONGEST_SHOWN = 3

# Claim kinds that take a side on a topic; summaries are overall verdicts, not topic-level.
TOPIC_KINDS = (ClaimKind.PRO, ClaimKind.CON, ClaimKind.FEATURE)

# Frameworks people most often weigh against each other, linked from the home page.
POPULAR_COMPARISONS: list[tuple[str, ...]] = [
    ("django", "flask", "fastapi"),
    ("fastapi", "litestar", "starlette"),
    ("streamlit", "gradio", "dash"),
    ("reflex", "nicegui", "flet"),
    ("flask", "quart", "bottle"),
]


def popular_with_names(names: dict[str, str]) -> list[list[tuple[str, str]]]:
    """The popular comparisons whose frameworks all exist, as [(slug, name), ...]."""
    return [
        [(slug, names[slug]) for slug in trio]
        for trio in POPULAR_COMPARISONS
        if all(slug in names for slug in trio)
    ]


def canonical_path(slugs: Iterable[str]) -> str:
    """The one address of a comparison: its slugs sorted, so "flask,django" and "django,flask"
    are one page to search engines and the sitemap (the page keeps the reader's column order)."""
    return reverse("frameworks:compare") + "?frameworks=" + ",".join(sorted(slugs))


def is_contested(pro_sources: set, con_sources: set) -> bool:
    """Pros and cons from *different* sources (one source hedging itself is not a dispute)."""
    return bool(pro_sources) and bool(con_sources) and len(pro_sources | con_sources) >= 2


def yes_no_unknown(value: bool | None) -> str:
    return "Unknown" if value is None else ("Yes" if value else "No")


# --------------------------------------------------------------------------------------------
# The framework page: its claims, grouped by topic, strongest first
#
# A popular framework has thousands of claims and a reader can use a handful per topic, so the
# page ranks them and shows the strongest few per topic and kind, linking to the claims browser
# for the rest. Two queries whatever the amount of data: one narrow scan (no text, no article
# columns) for ranking and counting, then the printable columns of the claims actually shown.

SHOWN_PER_GROUP = 3

KIND_ORDER = [ClaimKind.PRO, ClaimKind.CON, ClaimKind.FEATURE, ClaimKind.SUMMARY]
KIND_PLURALS = {
    ClaimKind.PRO: "Pros",
    ClaimKind.CON: "Cons",
    ClaimKind.FEATURE: "Features",
    ClaimKind.SUMMARY: "Summaries",
}


@lru_cache(maxsize=8192)
def title_key(title: str) -> str:
    """Claims whose titles differ only in case, accents or punctuation say the same thing.

    Cached: a page ranks thousands of claims drawn from a few hundred distinct titles.
    """
    return name_key(title)


class FrameworkClaimRow(NamedTuple):
    """One public claim about the framework, with only what ranking and counting need."""

    id: int
    topic_id: int | None
    kind: str
    title: str
    source_id: int
    published: date | None
    is_vendor: bool


@dataclass(frozen=True)
class ClaimDetail:
    """What the page prints about a claim it shows; loaded for those claims only."""

    text: str
    text_html: str  # sanitised, rendered when the claim was saved
    verified_at: datetime | None  # when an editor verified it; None while it is not verified
    url: str  # the article, anchored at the claim
    article_title: str
    source_name: str
    topic_slug: str | None
    topic_name: str | None
    topic_position: int


@dataclass(frozen=True)
class Consensus:
    """Claims of one kind on one topic that say the same thing, and the one that stands for them."""

    claim: FrameworkClaimRow  # the representative: an independent source if any, then the newest
    sources: int  # distinct sources making it


@dataclass(frozen=True)
class RankedGroup:
    kind: str
    sources: int  # distinct sources making any claim of this kind on the topic
    claims: int
    items: list[Consensus]  # the strongest, at most `per_group`
    more: int  # consensus items not shown


@dataclass(frozen=True)
class RankedTopic:
    topic_id: int | None
    claims: int
    contested: bool
    groups: list[RankedGroup]


@dataclass(frozen=True)
class RankedClaims:
    topics: list[RankedTopic]
    counted: int  # claims behind the counts (vendor claims are not counted when hidden)
    hidden_vendor: int

    @property
    def shown_ids(self) -> list[int]:
        return [item.claim.id for t in self.topics for g in t.groups for item in g.items]


def rank_framework_claims(
    rows: Iterable[FrameworkClaimRow], *, independent: bool, per_group: int = SHOWN_PER_GROUP
) -> RankedClaims:
    """Pure: count one framework's claims per topic and pick the strongest few per topic and kind.

    A consensus item is every claim of one kind on one topic with the same title (once
    normalised); items rank by distinct sources, then by their newest article. Counts are of
    distinct sources and leave out vendor claims when those are hidden, so the page never
    counts what it hides.
    """
    hidden = 0
    # topic -> kind -> title key -> claims
    grid: dict[int | None, dict[str, dict[str, list[FrameworkClaimRow]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for row in rows:
        if independent and row.is_vendor:
            hidden += 1
            continue
        grid[row.topic_id][row.kind][title_key(row.title) or str(row.id)].append(row)

    topics = []
    counted = 0
    for topic_id, by_kind in grid.items():
        sources_by_kind: dict[str, set[int]] = {}
        groups = []
        topic_claims = 0
        for kind in KIND_ORDER:
            same = by_kind.get(kind)
            if not same:
                continue
            items = []
            kind_sources: set[int] = set()
            kind_claims = 0
            for claims in same.values():
                sources = {c.source_id for c in claims}
                kind_sources |= sources
                kind_claims += len(claims)
                items.append(
                    (
                        -len(sources),
                        -max((c.published or date.min).toordinal() for c in claims),
                        -max(c.id for c in claims),
                        claims,
                        len(sources),
                    )
                )
            items.sort(key=lambda item: item[:3])
            sources_by_kind[kind] = kind_sources
            topic_claims += kind_claims
            groups.append(
                RankedGroup(
                    kind=kind,
                    sources=len(kind_sources),
                    claims=kind_claims,
                    items=[
                        Consensus(claim=max(claims, key=_representative_order), sources=n)
                        for *_order, claims, n in items[:per_group]
                    ],
                    more=max(len(items) - per_group, 0),
                )
            )
        counted += topic_claims
        topics.append(
            RankedTopic(
                topic_id=topic_id,
                claims=topic_claims,
                contested=is_contested(
                    sources_by_kind.get(ClaimKind.PRO, set()), sources_by_kind.get(ClaimKind.CON, set())
                ),
                groups=groups,
            )
        )
    return RankedClaims(topics=topics, counted=counted, hidden_vendor=hidden)


def _representative_order(claim: FrameworkClaimRow) -> tuple:
    # An independent source is better evidence than a vendor saying the same; then the newest.
    return (not claim.is_vendor, claim.published or date.min, claim.id)


@dataclass(frozen=True)
class ShownClaim:
    id: int
    kind: str
    title: str
    text: str
    text_html: str
    sources: int  # distinct sources making this claim (same title) on this topic
    url: str
    article_title: str
    source_name: str
    published: date | None
    is_vendor: bool
    is_stale: bool
    verified_at: datetime | None


@dataclass(frozen=True)
class ClaimGroup:
    kind: str
    label: str
    sources: int
    claims: int
    items: list[ShownClaim]
    more: int


@dataclass(frozen=True)
class TopicSection:
    name: str
    slug: str | None
    position: int
    contested: bool
    pro_sources: int
    con_sources: int
    feature_sources: int
    claims: int
    groups: list[ClaimGroup]
    browse_url: str  # the claims browser, filtered to this framework and topic

    @property
    def truncated(self) -> bool:
        return any(group.more for group in self.groups)


@dataclass(frozen=True)
class FrameworkClaims:
    sections: list[TopicSection]
    shown: int  # claims counted on the page
    hidden_vendor: int


def framework_claims(
    ranked: RankedClaims,
    details: dict[int, ClaimDetail],
    *,
    browse_url: str,
    today: date,
) -> FrameworkClaims:
    """Pure: the ranked claims and the details of those shown, as topic sections for the page.

    `browse_url` is the claims browser already filtered to the framework; a topic adds itself.
    """
    stale_before = today - STALE_AFTER
    sections = []
    for topic in ranked.topics:
        first = details[topic.groups[0].items[0].claim.id]
        groups = []
        sources: dict[str, int] = {}
        for group in topic.groups:
            sources[group.kind] = group.sources
            items = []
            for item in group.items:
                claim, detail = item.claim, details[item.claim.id]
                items.append(
                    ShownClaim(
                        id=claim.id,
                        kind=claim.kind,
                        title=claim.title,
                        text=detail.text,
                        text_html=detail.text_html,
                        sources=item.sources,
                        url=detail.url,
                        article_title=detail.article_title,
                        source_name=detail.source_name,
                        published=claim.published,
                        is_vendor=claim.is_vendor,
                        is_stale=claim.published is not None and claim.published < stale_before,
                        verified_at=detail.verified_at,
                    )
                )
            groups.append(
                ClaimGroup(
                    kind=group.kind,
                    label=KIND_PLURALS[group.kind],
                    sources=group.sources,
                    claims=group.claims,
                    items=items,
                    more=group.more,
                )
            )
        sections.append(
            TopicSection(
                name=first.topic_name or "Other",
                slug=first.topic_slug,
                position=first.topic_position,
                contested=topic.contested,
                pro_sources=sources.get(ClaimKind.PRO, 0),
                con_sources=sources.get(ClaimKind.CON, 0),
                feature_sources=sources.get(ClaimKind.FEATURE, 0),
                claims=topic.claims,
                groups=groups,
                # Claims without a topic cannot be filtered on: "Other" links to all of them.
                browse_url=f"{browse_url}&topic={first.topic_slug}" if first.topic_slug else browse_url,
            )
        )
    sections.sort(key=lambda s: (s.slug is None, s.position, s.name))
    return FrameworkClaims(sections=sections, shown=ranked.counted, hidden_vendor=ranked.hidden_vendor)


def load_framework_claim_rows(framework: Framework, *, verified: bool = False) -> list[FrameworkClaimRow]:
    """Every public claim about the framework (only the verified ones if `verified`), narrow: no
    text, no article columns but two. The framework's page checked the framework itself: an
    editor previewing one an import created sees the claims readers will."""
    claims = Claim.objects.public(unreviewed_frameworks=True).filter(framework=framework)
    if verified:
        claims = claims.verified()
    rows = (
        claims.annotate(is_vendor=_vendor_flag())
        .values_list(
            "id", "topic_id", "kind", "title", "article__source_id", "article__published", "is_vendor"
        )
        .order_by()
    )
    return [FrameworkClaimRow._make(row) for row in rows]


def load_claim_details(ids: Sequence[int]) -> dict[int, ClaimDetail]:
    """The printable columns of the claims a page shows, by id (never the article's body)."""
    if not ids:
        return {}
    rows = Claim.objects.filter(pk__in=ids).values_list(
        "id",
        "text",
        "text_html",
        "verified_at",
        "article__slug",
        "article__title",
        "article__source__name",
        "topic__slug",
        "topic__name",
        "topic__position",
    )
    article_url = reverse("articles:detail", args=["__slug__"])
    return {
        pk: ClaimDetail(
            text=text,
            text_html=text_html,
            verified_at=verified,
            # reverse() once, not per claim: the slug is the only part that changes.
            url=article_url.replace("__slug__", slug) + f"#claim-{pk}",
            article_title=title,
            source_name=source,
            topic_slug=topic_slug,
            topic_name=topic_name,
            topic_position=topic_position or 0,
        )
        for pk, text, text_html, verified, slug, title, source, topic_slug, topic_name, topic_position in rows
    }


def load_framework_claims(
    framework: Framework, *, independent: bool, verified: bool = False, today: date | None = None
) -> FrameworkClaims:
    ranked = rank_framework_claims(
        load_framework_claim_rows(framework, verified=verified), independent=independent
    )
    browse_url = reverse("articles:claims") + f"?framework={framework.slug}"
    if independent:
        browse_url += "&independent=1"
    if verified:
        browse_url += f"&status={ClaimStatus.VERIFIED}"
    return framework_claims(
        ranked,
        load_claim_details(ranked.shown_ids),
        browse_url=browse_url,
        today=today or timezone.localdate(),
    )


def _vendor_flag() -> Case:
    return Case(When(vendor_q(), then=Value(True)), default=Value(False), output_field=BooleanField())


# A popular framework is in most articles; its latest ones say enough about what it is weighed
# against, and bound the work (counting over all of them read every claim in the database).
COVERED_WITH_ARTICLES = 200


def often_covered_with(framework: Framework, limit: int = 5) -> list[dict]:
    """Frameworks that appear in the most of this one's latest articles: [{"name", "slug"}].

    One aggregate over the claims of those articles (the index on article and framework keeps
    both the "is it about this framework" probe and the count to index lookups).
    """
    about = Claim.objects.public().filter(article=OuterRef("pk"), framework=framework)
    latest = (
        Article.objects.published()
        .filter(Exists(about))
        .order_by("-published", "-pk")
        .values("pk")[:COVERED_WITH_ARTICLES]
    )
    return list(
        Claim.objects.public()
        .filter(article__in=latest)
        .exclude(framework=framework)
        .exclude(framework__kind=FrameworkKind.RESOURCE)
        .values(name=F("framework__name"), slug=F("framework__slug"))
        .annotate(shared=Count("article", distinct=True))
        .order_by("-shared", "name")[:limit]
    )


def most_contested(limit: int = 6) -> list[dict]:
    """Framework and topic pairs with pros and cons from different sources, most sources first.

    |pro sources ∪ con sources| >= 2 with both non-empty is exactly "from different sources",
    so this is one GROUP BY query rather than a row per claim.
    """
    return list(
        Claim.objects.public()
        .filter(topic__isnull=False, kind__in=[ClaimKind.PRO, ClaimKind.CON])
        .values("framework__name", "framework__slug", "topic__name", "topic__slug")
        .annotate(
            pro_sources=Count("article__source", distinct=True, filter=Q(kind=ClaimKind.PRO)),
            con_sources=Count("article__source", distinct=True, filter=Q(kind=ClaimKind.CON)),
            sources=Count("article__source", distinct=True),
        )
        .filter(pro_sources__gte=1, con_sources__gte=1, sources__gte=2)
        .order_by("-sources", "framework__name", "topic__name")[:limit]
    )


# --------------------------------------------------------------------------------------------
# The compare page: which frameworks were asked for


@dataclass(frozen=True)
class Candidate:
    """A framework as the compare page needs it: facts, no description."""

    id: int
    slug: str
    name: str
    kind: str
    kind_label: str
    url: str
    facts: list[tuple[str, str]]  # (label, value) in display order, never blank


@dataclass(frozen=True)
class Unknown:
    name: str
    suggestions: list[tuple[str, str]]  # (slug, name)


@dataclass
class Selection:
    requested: list[str]
    chosen: list[Candidate]
    unknown: list[Unknown]
    too_many: bool
    catalogue: list[tuple[str, str]]  # frameworks (not resources) as (slug, name), for the picker

    @property
    def ready(self) -> bool:
        return MIN_ITEMS <= len(self.chosen) <= MAX_ITEMS and not self.too_many

    @property
    def slugs(self) -> list[str]:
        return [c.slug for c in self.chosen]

    def addable(self) -> list[tuple[str, str]]:
        chosen = set(self.slugs)
        return [(slug, name) for slug, name in self.catalogue if slug not in chosen]


def parse_requested(values: Sequence[str]) -> list[str]:
    """`?frameworks=a,b&frameworks=c` -> ["a", "b", "c"]: commas and repeats mixed, trimmed."""
    names: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.replace("\x00", "").strip()[:MAX_NAME_LENGTH]
            if part:
                names.append(part)
            if len(names) > MAX_REQUESTED:
                return names
    return names


def _facts(framework: Framework) -> list[tuple[str, str]]:
    facts = [
        ("Kind", framework.get_kind_display()),
        ("Interface", framework.get_interface_display() if framework.interface else "Unknown"),
        ("First release", str(framework.first_release) if framework.first_release else "Unknown"),
        ("License", framework.license or "Unknown"),
    ]
    facts += [(label, yes_no_unknown(getattr(framework, name))) for name, label in CAPABILITIES]
    return facts


def select_frameworks(values: Sequence[str]) -> Selection:
    """Resolve what the URL asked for, by slug, name or alias, in two queries.

    The whole catalogue is small (tens to a few hundred rows) and the page needs it anyway for
    the "add a framework" picker and for suggestions, so resolving in Python costs nothing extra.
    """
    requested = parse_requested(values)
    frameworks = list(Framework.objects.public().defer("description", "description_html").order_by("name"))
    aliases = list(FrameworkAlias.objects.values_list("key", "name", "framework_id"))
    by_id = {f.pk: f for f in frameworks}
    by_slug = {f.slug: f for f in frameworks}
    by_key = {f.key: f for f in frameworks}
    by_key.update({key: by_id[fid] for key, _name, fid in aliases if key not in by_key and fid in by_id})

    chosen: list[Framework] = []
    unknown: list[Unknown] = []
    for name in requested:
        framework = by_slug.get(name.lower()) or by_key.get(name_key(name))
        if framework is None:
            if name not in [u.name for u in unknown]:
                unknown.append(Unknown(name, suggest(name, frameworks, aliases)))
        elif framework not in chosen:
            chosen.append(framework)
    return Selection(
        requested=requested,
        chosen=[
            Candidate(
                id=f.pk,
                slug=f.slug,
                name=f.name,
                kind=f.kind,
                kind_label=f.get_kind_display(),
                url=f.get_absolute_url(),
                facts=_facts(f),
            )
            for f in chosen
        ],
        unknown=unknown,
        too_many=len(chosen) > MAX_ITEMS,
        # The picker offers frameworks only; a resource can still be compared by URL.
        catalogue=[
            (f.slug, f.name)
            for f in sorted(frameworks, key=lambda f: f.name.casefold())
            if f.kind != FrameworkKind.RESOURCE
        ],
    )


def suggest(name: str, frameworks: Sequence[Framework], aliases: Sequence[tuple[str, str, int]]) -> list:
    """Close matches over names, slugs and aliases, as (slug, name) of the framework, best first."""
    by_id = {f.pk: f for f in frameworks}
    spellings: dict[str, Framework] = {}
    for f in frameworks:
        spellings.setdefault(f.name.lower(), f)
        spellings.setdefault(f.slug, f)
    for _key, alias, fid in aliases:
        if fid in by_id:
            spellings.setdefault(alias.lower(), by_id[fid])
    matches = difflib.get_close_matches(name.lower(), list(spellings), n=6, cutoff=0.6)
    result: list[tuple[str, str]] = []
    for match in matches:
        pair = (spellings[match].slug, spellings[match].name)
        if pair not in result:
            result.append(pair)
    return result[:3]


# --------------------------------------------------------------------------------------------
# The compare page: the framework x topic matrix


class ClaimRow(NamedTuple):
    """One public claim, flattened from a values_list() row: no text, no article body."""

    id: int
    framework_id: int
    topic_slug: str | None
    topic_name: str | None
    topic_position: int | None
    kind: str
    title: str
    source_id: int
    published: date | None
    article_slug: str
    is_vendor: bool


@dataclass(frozen=True)
class StrongClaim:
    title: str
    kind: str
    sources: int
    url: str


@dataclass(frozen=True)
class Cell:
    framework_slug: str
    pro_sources: int
    con_sources: int
    feature_sources: int
    contested: bool
    strongest: list[StrongClaim]

    @property
    def known(self) -> bool:
        return bool(self.pro_sources or self.con_sources or self.feature_sources)

    @property
    def net(self) -> int:
        return self.pro_sources - self.con_sources

    @property
    def balance(self) -> str:
        """A CSS-friendly word for the cell's shading."""
        if not self.known:
            return "none"
        if self.pro_sources and self.con_sources and self.net == 0:
            return "mixed"
        if self.net >= 2:
            return "pro-strong"
        if self.net == 1:
            return "pro"
        if self.net <= -2:
            return "con-strong"
        if self.net == -1:
            return "con"
        return "neutral"  # features only

    @property
    def balance_label(self) -> str:
        return {
            "none": "No source yet",
            "mixed": "Mixed",
            "pro-strong": "Mostly positive",
            "pro": "Leans positive",
            "con-strong": "Mostly negative",
            "con": "Leans negative",
            "neutral": "Features only",
        }[self.balance]


@dataclass(frozen=True)
class TopicRow:
    slug: str | None
    name: str
    cells: list[Cell]
    spread: int  # how far apart the frameworks' net opinions are: rows sort on this

    @property
    def contested(self) -> bool:
        return any(cell.contested for cell in self.cells)


@dataclass
class Comparison:
    frameworks: list[Candidate]
    rows: list[TopicRow]
    independent: bool
    hidden_vendor: int
    unknown: list[Unknown] = field(default_factory=list)

    @property
    def fact_rows(self) -> list[tuple[str, list[str]]]:
        if not self.frameworks:
            return []
        labels = [label for label, _ in self.frameworks[0].facts]
        return [(label, [f.facts[i][1] for f in self.frameworks]) for i, label in enumerate(labels)]


@dataclass(frozen=True)
class FrameworkColumn:
    """One framework's column of the matrix: a cell per topic it has claims on. Depends on that
    framework's claims alone, so any comparison that includes it can reuse it."""

    cells: dict[str | None, Cell]
    topics: dict[str | None, tuple[int, str]]  # topic slug -> (position, name)
    hidden_vendor: int


def framework_column(
    framework_slug: str, claims: Iterable[ClaimRow], *, independent: bool, article_url: str
) -> FrameworkColumn:
    """Pure: one framework's claim rows as cells. Claims that say the same thing (same kind,
    same title once normalised) count once, by their distinct sources."""
    kinds = {str(kind) for kind in TOPIC_KINDS}
    hidden = 0
    # topic -> (kind, title key) -> claims that say the same thing
    grid: dict[str | None, dict[tuple[str, str], list[ClaimRow]]] = defaultdict(lambda: defaultdict(list))
    topics: dict[str | None, tuple[int, str]] = {}
    for claim in claims:
        if claim.kind not in kinds:
            continue
        if independent and claim.is_vendor:
            hidden += 1
            continue
        topics.setdefault(claim.topic_slug, (claim.topic_position or 0, claim.topic_name or "Other"))
        grid[claim.topic_slug][(claim.kind, title_key(claim.title) or str(claim.id))].append(claim)
    return FrameworkColumn(
        cells={slug: _cell(framework_slug, backed, article_url) for slug, backed in grid.items()},
        topics=topics,
        hidden_vendor=hidden,
    )


def assemble_comparison(
    frameworks: Sequence[Candidate], columns: Sequence[FrameworkColumn], *, independent: bool
) -> Comparison:
    """Pure: the frameworks' columns side by side, one row per topic any of them has.

    Topics where the frameworks' balances differ most come first; claims without a topic go
    to a last "Other" row.
    """
    topics: dict[str | None, tuple[int, str]] = {}
    for column in columns:
        for slug, meta in column.topics.items():
            topics.setdefault(slug, meta)
    rows = []
    for slug, (_position, name) in topics.items():
        cells = [
            column.cells.get(slug) or _cell(framework.slug, {}, "")
            for framework, column in zip(frameworks, columns, strict=True)
        ]
        nets = [cell.net for cell in cells]
        rows.append(TopicRow(slug=slug, name=name, cells=cells, spread=max(nets) - min(nets)))
    rows.sort(
        key=lambda row: (
            row.slug is None,
            -row.spread,
            -sum(c.pro_sources + c.con_sources for c in row.cells),
            topics[row.slug][0],
            row.name,
        )
    )
    return Comparison(
        frameworks=list(frameworks),
        rows=rows,
        independent=independent,
        hidden_vendor=sum(column.hidden_vendor for column in columns),
    )


def build_comparison(
    frameworks: Sequence[Candidate],
    claims: Iterable[ClaimRow],
    *,
    independent: bool,
    article_url: str = "/articles/{slug}/",
) -> Comparison:
    """Pure: shape claim rows into one row per topic with a cell per framework.

    Counts are of distinct sources, not of claims, so one article repeating itself does not
    outweigh two sources agreeing. `article_url` is the article page's path with a `{slug}`
    placeholder.
    """
    by_framework: dict[int, list[ClaimRow]] = defaultdict(list)
    for claim in claims:
        by_framework[claim.framework_id].append(claim)
    columns = [
        framework_column(f.slug, by_framework.get(f.id, []), independent=independent, article_url=article_url)
        for f in frameworks
    ]
    return assemble_comparison(frameworks, columns, independent=independent)


def _cell(framework_slug: str, backed: dict[tuple[str, str], list[ClaimRow]], article_url: str) -> Cell:
    sources: dict[str, set[int]] = defaultdict(set)
    ranked = []
    for (kind, _key), group in backed.items():
        group_sources = {c.source_id for c in group}
        sources[kind] |= group_sources
        latest = max((c.published for c in group if c.published), default=date.min)
        ranked.append(
            (
                -len(group_sources),
                KIND_ORDER.index(kind),
                -latest.toordinal(),
                -max(c.id for c in group),
                group,
            )
        )
    ranked.sort(key=lambda item: item[:4])
    strongest = []
    for minus_sources, _kind, _recency, _newest, group in ranked[:STRONGEST_SHOWN]:
        shown = max(group, key=_representative_order)
        strongest.append(
            StrongClaim(
                title=shown.title,
                kind=shown.kind,
                sources=-minus_sources,
                url=article_url.format(slug=shown.article_slug) + f"#claim-{shown.id}",
            )
        )
    return Cell(
        framework_slug=framework_slug,
        pro_sources=len(sources[ClaimKind.PRO]),
        con_sources=len(sources[ClaimKind.CON]),
        feature_sources=len(sources[ClaimKind.FEATURE]),
        contested=is_contested(sources[ClaimKind.PRO], sources[ClaimKind.CON]),
        strongest=strongest,
    )


def load_claim_rows(framework_ids: Sequence[int]) -> list[ClaimRow]:
    """Every public topic-level claim about these frameworks, in one narrow query."""
    rows = (
        Claim.objects.public()
        .filter(framework_id__in=framework_ids, kind__in=TOPIC_KINDS)
        .annotate(is_vendor=_vendor_flag())
        .values_list(
            "id",
            "framework_id",
            "topic__slug",
            "topic__name",
            "topic__position",
            "kind",
            "title",
            "article__source_id",
            "article__published",
            "article__slug",
            "is_vendor",
        )
        .order_by()  # the shaping does not depend on row order
    )
    return [ClaimRow._make(row) for row in rows]


def compare(selection: Selection, *, independent: bool) -> Comparison:
    chosen = selection.chosen if selection.ready else []
    # reverse() once, not per claim: the slug is the only part that changes.
    article_url = reverse("articles:detail", args=["__slug__"]).replace("__slug__", "{slug}")
    names = {f"compare-column:{c.id}:{independent:d}": c for c in chosen}

    def load(missing: list[str]) -> dict[str, FrameworkColumn]:
        # Columns are remembered per framework until the content changes; the ones not
        # remembered come from one query.
        frameworks = [names[name] for name in missing]
        rows: dict[int, list[ClaimRow]] = defaultdict(list)
        for row in load_claim_rows([f.id for f in frameworks]):
            rows[row.framework_id].append(row)
        return {
            name: framework_column(f.slug, rows[f.id], independent=independent, article_url=article_url)
            for name, f in zip(missing, frameworks, strict=True)
        }

    columns = many_for_this_content(list(names), load)
    comparison = assemble_comparison(chosen, [columns[name] for name in names], independent=independent)
    comparison.unknown = selection.unknown
    return comparison


# --------------------------------------------------------------------------------------------
# Exports: exactly what the page shows


def as_json(comparison: Comparison, build_url) -> dict:
    return {
        "independent": comparison.independent,
        "hidden_vendor_claims": comparison.hidden_vendor,
        "frameworks": [
            {
                "slug": f.slug,
                "name": f.name,
                "kind": f.kind,
                "url": build_url(f.url),
                "facts": dict(f.facts),
            }
            for f in comparison.frameworks
        ],
        "topics": [
            {
                "slug": row.slug,
                "name": row.name,
                "contested": row.contested,
                "cells": {
                    cell.framework_slug: {
                        "pro_sources": cell.pro_sources,
                        "con_sources": cell.con_sources,
                        "feature_sources": cell.feature_sources,
                        "contested": cell.contested,
                        "balance": cell.balance_label,
                        "strongest": [
                            {"title": s.title, "kind": s.kind, "sources": s.sources, "url": build_url(s.url)}
                            for s in cell.strongest
                        ],
                    }
                    for cell in row.cells
                },
            }
            for row in comparison.rows
        ],
        "unknown": [
            {"name": u.name, "suggestions": [slug for slug, _ in u.suggestions]} for u in comparison.unknown
        ],
    }


CSV_HEADER = [
    "section",
    "name",
    "framework",
    "value",
    "pro_sources",
    "con_sources",
    "feature_sources",
    "contested",
    "strongest_claims",
]


def _csv_safe(value):
    # A cell starting with = + - @ is a formula to a spreadsheet: claim titles come from the web.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def as_csv_rows(comparison: Comparison) -> list[list]:
    rows: list[list] = [CSV_HEADER]
    for label, values in comparison.fact_rows:
        for framework, value in zip(comparison.frameworks, values, strict=True):
            rows.append(["fact", label, framework.slug, value, "", "", "", "", ""])
    for row in comparison.rows:
        for cell in row.cells:
            rows.append(
                [
                    "topic",
                    row.name,
                    cell.framework_slug,
                    cell.balance_label,
                    cell.pro_sources,
                    cell.con_sources,
                    cell.feature_sources,
                    "yes" if cell.contested else "no",
                    "; ".join(f"{s.title} ({s.kind}, {s.sources} sources)" for s in cell.strongest),
                ]
            )
    return [[_csv_safe(value) for value in row] for row in rows]
