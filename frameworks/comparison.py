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

from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article, Claim, ClaimKind
from articles.parsing import name_key
from frameworks import charts, consensus, verdict
from frameworks.consensus import Tally
from frameworks.models import Framework, FrameworkAlias, FrameworkKind
from guide.caching import for_this_content, many_for_this_content

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
    """Framework and topic pairs with pros and cons from different independent sources, most
    sources first.

    |pro sources ∪ con sources| >= 2 with both non-empty is exactly "from different sources",
    so this is one GROUP BY query rather than a row per claim.
    """
    return list(
        Claim.objects.public()
        .independent()
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
    options: list[tuple[str, str]] = field(default_factory=list)  # (slug, its <option>), for the picker

    @property
    def ready(self) -> bool:
        return MIN_ITEMS <= len(self.chosen) <= MAX_ITEMS and not self.too_many

    @property
    def slugs(self) -> list[str]:
        return [c.slug for c in self.chosen]

    def addable_options(self) -> str:
        """The "add a framework" picker's options: every framework not chosen yet."""
        chosen = set(self.slugs)
        return mark_safe("".join(option for slug, option in self.options if slug not in chosen))


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
    facts += [(fact.label, fact.display) for fact in framework.facts()]
    return facts


@dataclass(frozen=True)
class Catalogue:
    """Every public framework by the names a URL may use for it, remembered until the content
    changes: the page resolves what was asked for without reading the catalogue each time."""

    by_slug: dict[str, int]
    by_key: dict[str, int]  # name keys of names and aliases
    names: dict[int, tuple[str, str]]  # id -> (slug, name), in name order
    aliases: list[tuple[str, str, int]]  # (key, name, framework id)
    picker: list[tuple[str, str]]  # frameworks, not resources, as (slug, name) by name
    options: list[tuple[str, str]]  # the picker's <option> for each, as (slug, HTML)


def load_catalogue() -> Catalogue:
    frameworks = list(
        Framework.objects.public().order_by("name").values_list("pk", "slug", "name", "key", "kind")
    )
    aliases = list(FrameworkAlias.objects.values_list("key", "name", "framework_id"))
    names = {pk: (slug, name) for pk, slug, name, _key, _kind in frameworks}
    by_key = {key: pk for pk, _slug, _name, key, _kind in frameworks}
    by_key.update({key: fid for key, _name, fid in aliases if key not in by_key and fid in names})
    picker = [
        (slug, name)
        for _pk, slug, name, _key, kind in sorted(frameworks, key=lambda f: f[2].casefold())
        if kind != FrameworkKind.RESOURCE
    ]
    return Catalogue(
        by_slug={slug: pk for pk, slug, _name, _key, _kind in frameworks},
        by_key=by_key,
        names=names,
        aliases=aliases,
        picker=picker,
        options=[(slug, format_html('<option value="{}">{}</option>', slug, name)) for slug, name in picker],
    )


def select_frameworks(values: Sequence[str]) -> Selection:
    """Resolve what the URL asked for, by slug, name or alias, from the remembered catalogue;
    each framework chosen is remembered too (its facts)."""
    requested = parse_requested(values)
    catalogue = for_this_content("compare-catalogue", load_catalogue)
    chosen: list[int] = []
    unknown: list[Unknown] = []
    for name in requested:
        pk = catalogue.by_slug.get(name.lower()) or catalogue.by_key.get(name_key(name))
        if pk is None:
            if name not in [u.name for u in unknown]:
                unknown.append(Unknown(name, suggest(name, catalogue)))
        elif pk not in chosen:
            chosen.append(pk)
    by_name = {f"compare-candidate:{pk}": pk for pk in chosen}
    candidates = many_for_this_content(list(by_name), lambda names: _candidates([by_name[n] for n in names]))
    return Selection(
        requested=requested,
        chosen=[candidates[name] for name in by_name if name in candidates],
        unknown=unknown,
        too_many=len(chosen) > MAX_ITEMS,
        # The picker offers frameworks only; a resource can still be compared by URL.
        catalogue=catalogue.picker,
        options=catalogue.options,
    )


def _candidates(ids: list[int]) -> dict[str, Candidate]:
    frameworks = Framework.objects.public().defer("description", "description_html").in_bulk(ids)
    return {
        f"compare-candidate:{f.pk}": Candidate(
            id=f.pk,
            slug=f.slug,
            name=f.name,
            kind=f.kind,
            kind_label=f.get_kind_display(),
            url=f.get_absolute_url(),
            facts=_facts(f),
        )
        for f in frameworks.values()
    }


def suggest(name: str, catalogue: Catalogue) -> list:
    """Close matches over names, slugs and aliases, as (slug, name) of the framework, best first."""
    spellings: dict[str, int] = {}
    for pk, (slug, framework_name) in catalogue.names.items():
        spellings.setdefault(framework_name.lower(), pk)
        spellings.setdefault(slug, pk)
    for _key, alias, fid in catalogue.aliases:
        if fid in catalogue.names:
            spellings.setdefault(alias.lower(), fid)
    matches = difflib.get_close_matches(name.lower(), list(spellings), n=6, cutoff=0.6)
    result: list[tuple[str, str]] = []
    for match in matches:
        pair = catalogue.names[spellings[match]]
        if pair not in result:
            result.append(pair)
    return result[:3]


# --------------------------------------------------------------------------------------------
# The compare page: the framework x topic matrix, a chart of it, and a bottom line

# The matrix shows the topics with most independent evidence (then sorted by how far the
# frameworks differ): a page must not grow with the data. The rest are listed, one link each.
SHOWN_TOPICS = 12


@dataclass(frozen=True)
class StrongClaim:
    title: str
    kind: str
    sources: int
    url: str


@dataclass(frozen=True)
class Cell:
    framework_slug: str
    pros: Tally  # distinct sources
    cons: Tally
    features: Tally
    contested: bool
    strongest: list[StrongClaim]

    @property
    def pro_sources(self) -> int:
        return self.pros.total

    @property
    def con_sources(self) -> int:
        return self.cons.total

    @property
    def feature_sources(self) -> int:
        return self.features.total

    @property
    def known(self) -> bool:
        return bool(self.pros.total or self.cons.total or self.features.total)

    @property
    def net(self) -> int:
        """Independent sources for minus against: what the shading and the row order go by."""
        return self.pros.independent - self.cons.independent

    @property
    def balance(self) -> str:
        """A CSS-friendly word for the cell's shading (independent sources only)."""
        if not self.known:
            return "none"
        if not (self.pros.independent or self.cons.independent):
            return "neutral"  # features, or vendors only
        if self.pros.independent and self.cons.independent and self.net == 0:
            return "mixed"
        if self.net >= 2:
            return "pro-strong"
        if self.net == 1:
            return "pro"
        if self.net <= -2:
            return "con-strong"
        return "con"

    @property
    def balance_label(self) -> str:
        return {
            "none": "No source yet",
            "mixed": "Mixed",
            "pro-strong": "Mostly positive",
            "pro": "Leans positive",
            "con-strong": "Mostly negative",
            "con": "Leans negative",
            "neutral": "No independent verdict",
        }[self.balance]


EMPTY = Tally()


def _empty_cell(framework_slug: str) -> Cell:
    return Cell(framework_slug, EMPTY, EMPTY, EMPTY, False, [])


@dataclass(frozen=True)
class TopicRow:
    slug: str | None
    name: str
    position: int
    cells: list[Cell]
    spread: int  # how far apart the frameworks' net opinions are: rows sort on this
    all_url: str  # the claims browser on this topic

    @property
    def contested(self) -> bool:
        return any(cell.contested for cell in self.cells)

    @property
    def independent_sources(self) -> int:
        return sum(c.pros.independent + c.cons.independent + c.features.independent for c in self.cells)


@dataclass(frozen=True)
class BottomLine:
    """One framework's verdict, in a line or two per side."""

    framework_slug: str
    best_for: list[StrongClaim]
    avoid_if: list[StrongClaim]


@dataclass
class Comparison:
    frameworks: list[Candidate]
    rows: list[TopicRow]  # every topic, the ones where they differ most first
    independent: bool
    hidden_vendor: int
    bottom_line: list[BottomLine] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)

    @property
    def verdicts(self) -> list[tuple[Candidate, BottomLine]]:
        return list(zip(self.frameworks, self.bottom_line, strict=True))

    @property
    def shown_rows(self) -> list[TopicRow]:
        return self.rows[:SHOWN_TOPICS]

    @property
    def other_rows(self) -> list[TopicRow]:
        return self.rows[SHOWN_TOPICS:]

    @property
    def chart(self) -> charts.Chart:
        rows = self.shown_rows
        return charts.diverging(
            [(row.name, "") for row in rows],
            [
                (f.name, [(row.cells[i].pros, row.cells[i].cons) for row in rows])
                for i, f in enumerate(self.frameworks)
            ],
            half=COMPARE_HALF,
        )

    @property
    def fact_rows(self) -> list[tuple[str, list[str]]]:
        if not self.frameworks:
            return []
        labels = [label for label, _ in self.frameworks[0].facts]
        return [(label, [f.facts[i][1] for f in self.frameworks]) for i, label in enumerate(labels)]


COMPARE_HALF = 48  # px per side of each framework's bars


@dataclass(frozen=True)
class FrameworkColumn:
    """One framework's column of the matrix: a cell per topic it has claims on, and its bottom
    line. Depends on that framework's claims alone, so any comparison that includes it can reuse it."""

    cells: dict[int | None, Cell]
    bottom_line: BottomLine
    hidden_vendor: int


def framework_column(framework_slug: str, evidence: consensus.Evidence) -> FrameworkColumn:
    """Pure: one framework's weighed evidence as compare's cells and bottom line."""
    browse = reverse("articles:claims") + f"?framework={framework_slug}"
    judged = verdict.verdict(evidence)

    def strong(point: consensus.PointEvidence) -> StrongClaim:
        title = point.claim.summary_text if point.kind == ClaimKind.SUMMARY else point.claim.title
        url = f"{browse}&point={point.point}" if point.point else browse
        return StrongClaim(title=title[:200], kind=point.kind, sources=point.sources.total, url=url)

    cells = {
        topic.topic_id: Cell(
            framework_slug=framework_slug,
            pros=topic.pros,
            cons=topic.cons,
            features=topic.features,
            contested=topic.contested,
            strongest=[strong(p) for p in topic.points[:STRONGEST_SHOWN]],
        )
        for topic in evidence.topics
    }
    return FrameworkColumn(
        cells=cells,
        bottom_line=BottomLine(
            framework_slug,
            best_for=[strong(p) for p in judged.best_for[:BOTTOM_LINE_SHOWN]],
            avoid_if=[strong(p) for p in judged.avoid_if[:BOTTOM_LINE_SHOWN]],
        ),
        hidden_vendor=evidence.hidden_vendor,
    )


BOTTOM_LINE_SHOWN = 2


def assemble_comparison(
    frameworks: Sequence[Candidate],
    columns: Sequence[FrameworkColumn],
    topics: dict[int, consensus.TopicInfo],
    *,
    independent: bool,
) -> Comparison:
    """Pure: the frameworks' columns side by side, one row per topic any of them has.

    Topics where the frameworks' balances differ most come first; claims without a topic go
    to a last "Other" row."""
    topic_ids = list(dict.fromkeys(topic_id for column in columns for topic_id in column.cells))
    rows = []
    claims = reverse("articles:claims")
    for topic_id in topic_ids:
        info = topics.get(topic_id)
        cells = [
            column.cells.get(topic_id) or _empty_cell(framework.slug)
            for framework, column in zip(frameworks, columns, strict=True)
        ]
        nets = [cell.net for cell in cells]
        rows.append(
            TopicRow(
                slug=info.slug if info else None,
                name=info.name if info else "Other",
                position=info.position if info else 0,
                cells=cells,
                spread=max(nets) - min(nets),
                all_url=f"{claims}?topic={info.slug}" if info else claims,
            )
        )
    # The topics with most independent evidence make the matrix; among them, where they differ most.
    by_evidence = sorted(rows, key=lambda row: (row.slug is None, -row.independent_sources, row.name))
    shown, rest = by_evidence[:SHOWN_TOPICS], by_evidence[SHOWN_TOPICS:]
    shown.sort(
        key=lambda row: (
            row.slug is None,
            -row.spread,
            -row.independent_sources,
            row.position,
            row.name,
        )
    )
    return Comparison(
        frameworks=list(frameworks),
        rows=shown + rest,
        independent=independent,
        hidden_vendor=sum(column.hidden_vendor for column in columns),
        bottom_line=[column.bottom_line for column in columns],
    )


def build_comparison(
    frameworks: Sequence[Candidate],
    rows: Iterable[consensus.EvidenceRow],
    topics: dict[int, consensus.TopicInfo],
    *,
    independent: bool,
) -> Comparison:
    """Pure: claim rows as one row per topic with a cell per framework."""
    by_framework: dict[int, list[consensus.EvidenceRow]] = defaultdict(list)
    for row in rows:
        by_framework[row.framework_id].append(row)
    columns = [
        framework_column(f.slug, consensus.weigh(by_framework.get(f.id, []), independent=independent))
        for f in frameworks
    ]
    return assemble_comparison(frameworks, columns, topics, independent=independent)


def compare(selection: Selection, *, independent: bool) -> Comparison:
    chosen = selection.chosen if selection.ready else []
    names = {f"compare-column:{c.id}:{independent:d}": c for c in chosen}

    def load(missing: list[str]) -> dict[str, FrameworkColumn]:
        # Columns are remembered per framework until the content changes; the ones not
        # remembered come from one query.
        frameworks = [names[name] for name in missing]
        rows: dict[int, list[consensus.EvidenceRow]] = defaultdict(list)
        for row in consensus.load_rows([f.id for f in frameworks]):
            rows[row.framework_id].append(row)
        return {
            name: framework_column(f.slug, consensus.weigh(rows[f.id], independent=independent))
            for name, f in zip(missing, frameworks, strict=True)
        }

    columns = many_for_this_content(list(names), load)
    comparison = assemble_comparison(
        chosen, [columns[name] for name in names], consensus.topics(), independent=independent
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
                        "pros": cell.pros.as_json(),
                        "cons": cell.cons.as_json(),
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
        "bottom_line": {
            line.framework_slug: {
                side: [
                    {"title": s.title, "kind": s.kind, "sources": s.sources, "url": build_url(s.url)}
                    for s in items
                ]
                for side, items in (("best_for", line.best_for), ("avoid_if", line.avoid_if))
            }
            for line in comparison.bottom_line
        },
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
