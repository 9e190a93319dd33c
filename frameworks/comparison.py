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
from datetime import date

from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from articles.models import STALE_AFTER, Claim, ClaimKind, ClaimStatus, vendor_q
from articles.parsing import name_key
from frameworks.models import CAPABILITIES, Framework, FrameworkAlias, FrameworkKind

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


def is_contested(pro_sources: set, con_sources: set) -> bool:
    """Pros and cons from *different* sources (one source hedging itself is not a dispute)."""
    return bool(pro_sources) and bool(con_sources) and len(pro_sources | con_sources) >= 2


def yes_no_unknown(value: bool | None) -> str:
    return "Unknown" if value is None else ("Yes" if value else "No")


# --------------------------------------------------------------------------------------------
# The framework page: its claims, grouped by topic


@dataclass
class ShownClaim:
    claim: Claim
    sources: int  # distinct sources making a claim of this kind on this topic for the framework
    is_vendor: bool
    is_stale: bool
    is_verified: bool


@dataclass
class TopicSection:
    name: str
    slug: str | None
    contested: bool
    pro_sources: int
    con_sources: int
    groups: list[tuple[str, list[ShownClaim]]]  # (kind label, claims), pros, cons, features...


@dataclass
class FrameworkClaims:
    sections: list[TopicSection]
    shown: int
    hidden_vendor: int
    summaries: list[ShownClaim] = field(default_factory=list)


KIND_ORDER = [ClaimKind.PRO, ClaimKind.CON, ClaimKind.FEATURE, ClaimKind.SUMMARY]
KIND_PLURALS = {
    ClaimKind.PRO: "Pros",
    ClaimKind.CON: "Cons",
    ClaimKind.FEATURE: "Features",
    ClaimKind.SUMMARY: "Summaries",
}


def group_claims(claims: Iterable[Claim], *, independent: bool, today: date | None = None) -> FrameworkClaims:
    """Shape one framework's public claims (loaded with with_related()) into topic sections.

    Counts and the contested flag are computed on what is shown: with independent=True the
    vendor claims are left out before counting, so the page never counts what it hides.
    """
    today = today or timezone.localdate()
    stale_before = today - STALE_AFTER
    all_claims = list(claims)
    visible = [c for c in all_claims if not (independent and c.is_vendor)]

    by_topic: dict[int | None, list[Claim]] = defaultdict(list)
    for claim in visible:
        by_topic[claim.topic_id].append(claim)

    def order(topic_id):
        if topic_id is None:
            return (1, 0, "")  # "Other" goes last
        topic = by_topic[topic_id][0].topic
        return (0, topic.position, topic.name)

    sections = []
    for topic_id in sorted(by_topic, key=order):
        topic_claims = by_topic[topic_id]
        sources_by_kind: dict[str, set[int]] = defaultdict(set)
        for claim in topic_claims:
            sources_by_kind[claim.kind].add(claim.article.source_id)
        groups = []
        for kind in KIND_ORDER:
            of_kind = [c for c in topic_claims if c.kind == kind]
            if not of_kind:
                continue
            of_kind.sort(key=lambda c: (c.article.published or date.min, c.pk), reverse=True)
            groups.append(
                (
                    KIND_PLURALS[kind],
                    [
                        ShownClaim(
                            claim=c,
                            sources=len(sources_by_kind[kind]),
                            is_vendor=c.is_vendor,
                            is_stale=c.article.published is not None and c.article.published < stale_before,
                            is_verified=c.status == ClaimStatus.VERIFIED,
                        )
                        for c in of_kind
                    ],
                )
            )
        topic = topic_claims[0].topic
        sections.append(
            TopicSection(
                name=topic.name if topic else "Other",
                slug=topic.slug if topic else None,
                contested=is_contested(sources_by_kind[ClaimKind.PRO], sources_by_kind[ClaimKind.CON]),
                pro_sources=len(sources_by_kind[ClaimKind.PRO]),
                con_sources=len(sources_by_kind[ClaimKind.CON]),
                groups=groups,
            )
        )
    return FrameworkClaims(
        sections=sections, shown=len(visible), hidden_vendor=len(all_claims) - len(visible)
    )


def often_covered_with(framework: Framework, limit: int = 5) -> list[Framework]:
    """Frameworks that appear in the most articles alongside this one, in one aggregate query."""
    articles = Claim.objects.public().filter(framework=framework).values("article_id")
    together = Claim.objects.public().filter(article_id__in=articles)
    return list(
        Framework.objects.frameworks()
        .exclude(pk=framework.pk)
        # filter() before annotate() on the same relation: the count only sees these claims.
        .filter(claims__in=together)
        .annotate(shared=Count("claims__article", distinct=True))
        .order_by("-shared", "name")
        .only("name", "slug")[:limit]
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
    frameworks = list(Framework.objects.defer("description", "description_html").order_by("name"))
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


@dataclass(frozen=True)
class ClaimRow:
    """One public claim, flattened from a values() row."""

    id: int
    framework_id: int
    topic_slug: str | None
    topic_name: str | None
    topic_position: int
    kind: str
    title: str
    source_id: int
    source_name: str
    published: date | None
    url: str
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


def build_comparison(
    frameworks: Sequence[Candidate], claims: Iterable[ClaimRow], *, independent: bool
) -> Comparison:
    """Pure: shape claim rows into one row per topic with a cell per framework.

    Counts are of distinct sources, not of claims, so one article repeating itself does not
    outweigh two sources agreeing. Topics where the frameworks' balances differ most come
    first; claims without a topic go to a last "Other" row.
    """
    ids = {f.id for f in frameworks}
    kept: list[ClaimRow] = []
    hidden = 0
    for claim in claims:
        if claim.framework_id not in ids or claim.kind not in TOPIC_KINDS:
            continue
        if independent and claim.is_vendor:
            hidden += 1
            continue
        kept.append(claim)

    # topic -> framework -> claims
    grid: dict[str | None, dict[int, list[ClaimRow]]] = defaultdict(lambda: defaultdict(list))
    topics: dict[str | None, tuple[int, str]] = {}
    for claim in kept:
        grid[claim.topic_slug][claim.framework_id].append(claim)
        topics[claim.topic_slug] = (claim.topic_position, claim.topic_name or "Other")

    rows = []
    for slug, (_position, name) in topics.items():
        cells = [_cell(f.slug, grid[slug].get(f.id, [])) for f in frameworks]
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
    return Comparison(frameworks=list(frameworks), rows=rows, independent=independent, hidden_vendor=hidden)


def _cell(framework_slug: str, claims: list[ClaimRow]) -> Cell:
    sources: dict[str, set[int]] = defaultdict(set)
    # Claims that say the same thing (same kind, same title once normalised) back each other.
    backed: dict[tuple[str, str], list[ClaimRow]] = defaultdict(list)
    for claim in claims:
        sources[claim.kind].add(claim.source_id)
        backed[(claim.kind, name_key(claim.title) or str(claim.id))].append(claim)
    ranked = sorted(
        backed.values(),
        key=lambda group: (
            -len({c.source_id for c in group}),
            KIND_ORDER.index(group[0].kind),
            -max((c.published or date.min).toordinal() for c in group),
            group[0].title,
        ),
    )
    strongest = [
        StrongClaim(
            title=group[0].title,
            kind=group[0].kind,
            sources=len({c.source_id for c in group}),
            url=group[0].url,
        )
        for group in ranked[:STRONGEST_SHOWN]
    ]
    return Cell(
        framework_slug=framework_slug,
        pro_sources=len(sources[ClaimKind.PRO]),
        con_sources=len(sources[ClaimKind.CON]),
        feature_sources=len(sources[ClaimKind.FEATURE]),
        contested=is_contested(sources[ClaimKind.PRO], sources[ClaimKind.CON]),
        strongest=strongest,
    )


def load_claim_rows(framework_ids: Sequence[int]) -> list[ClaimRow]:
    """Every public claim about these frameworks, in one query, vendor flag computed by the DB."""
    rows = (
        Claim.objects.public()
        .filter(framework_id__in=framework_ids, kind__in=TOPIC_KINDS)
        .annotate(
            is_vendor=Case(
                When(vendor_q(), then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )
        .values(
            "id",
            "framework_id",
            "topic__slug",
            "topic__name",
            "topic__position",
            "kind",
            "title",
            "article__slug",
            "article__source_id",
            "article__source__name",
            "article__published",
            "is_vendor",
        )
        .order_by("id")
    )
    article_url = reverse("articles:detail", args=["__slug__"])
    return [
        ClaimRow(
            id=row["id"],
            framework_id=row["framework_id"],
            topic_slug=row["topic__slug"],
            topic_name=row["topic__name"],
            topic_position=row["topic__position"] or 0,
            kind=row["kind"],
            title=row["title"],
            source_id=row["article__source_id"],
            source_name=row["article__source__name"],
            published=row["article__published"],
            # reverse() once, not per row: the slug is the only part that changes.
            url=article_url.replace("__slug__", row["article__slug"]) + f"#claim-{row['id']}",
            is_vendor=bool(row["is_vendor"]),
        )
        for row in rows
    ]


def compare(selection: Selection, *, independent: bool) -> Comparison:
    claims = load_claim_rows([c.id for c in selection.chosen]) if selection.ready else []
    comparison = build_comparison(
        selection.chosen if selection.ready else [], claims, independent=independent
    )
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
