"""Choose by need: the reader ticks what they need and gets a ranked shortlist, with the reasons.

Each need is a few facts (what a framework is and has) and a few topics (what independent sources
say). A framework scores, per need:

- for each fact: +FACT_YES when it is known to have it, +FACT_PARTIAL when partly, -FACT_NO when it
  is known not to (unknown facts count nothing);
- for each topic: independent sources for minus independent sources against, each topic between
  -TOPIC_CAP and +TOPIC_CAP, so one much-discussed topic cannot outweigh the rest.

Vendors' own sources never count. Frameworks with nothing in favour are left out; ties go to the
one more independent sources wrote about, then by name. The page explains the method from these
definitions (NEEDS and the weights), so what it says is what the code does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode

from articles.models import Claim, ClaimKind
from frameworks.models import CAPABILITIES, Framework, FrameworkKind
from guide.caching import for_this_content

FACT_YES = 2
FACT_PARTIAL = 1
FACT_NO = 2  # subtracted
TOPIC_CAP = 3
SHORTLIST = 8
COMPARED = 4  # "compare these": the first few of the shortlist


@dataclass(frozen=True)
class Need:
    slug: str
    label: str
    facts: tuple[str, ...] = ()  # capability names (frameworks.models.CAPABILITIES)
    kinds: tuple[str, ...] = ()  # a framework of one of these kinds counts as having the need's main fact
    topics: tuple[str, ...] = ()  # topic slugs whose independent evidence counts


NEEDS: list[Need] = [
    Need("json-api", "A JSON API", facts=("auto_api_docs",), kinds=("async_api", "asgi_toolkit"),
         topics=("api-docs", "typing-validation")),
    Need("full-stack", "A full-stack site with admin and ORM",
         facts=("has_orm", "has_admin", "has_auth", "has_templating"), kinds=("full_stack",),
         topics=("orm-database", "admin", "auth")),
    Need("data-app", "A data app or dashboard", facts=("pure_python_ui",), kinds=("data_app",),
         topics=("data-visualisation", "state-interactivity")),
    Need("python-ui", "A UI in pure Python", facts=("pure_python_ui",),
         kinds=("python_ui", "data_app", "ml_demo"), topics=("frontend-ui", "state-interactivity")),
    Need("ml-demo", "A demo for a machine-learning model", kinds=("ml_demo",), topics=("ml-integration",)),
    Need("async", "Async and real-time", facts=("native_async", "websockets"),
         topics=("async-concurrency", "real-time")),
    Need("beginner", "Beginner friendly", topics=("learning-curve", "documentation")),
    Need("performance", "Raw performance", topics=("performance", "scalability")),
    Need("small", "A small service with few dependencies", kinds=("micro",),
         topics=("flexibility", "deployment")),
]  # fmt: skip
BY_SLUG = {need.slug: need for need in NEEDS}


@dataclass(frozen=True)
class Candidate:
    """A framework as the ranking sees it: its kind and facts ("yes", "partial", "no", "unknown")."""

    id: int
    slug: str
    name: str
    kind: str
    facts: dict[str, str]


@dataclass(frozen=True)
class Reason:
    need: str  # the need's label
    text: str  # "Built-in ORM: yes", "Learning curve: 3 independent sources for, 1 against"
    score: int
    url: str  # where the reader checks it


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: int
    reasons: list[Reason] = field(default_factory=list)
    sources: int = 0  # independent sources behind the evidence counted

    def by_need(self) -> list[tuple[str, list[Reason]]]:
        """The reasons under the need they count for, in the order the needs were asked."""
        groups: dict[str, list[Reason]] = {}
        for reason in self.reasons:
            groups.setdefault(reason.need, []).append(reason)
        return list(groups.items())


# framework id -> topic slug -> (independent sources for, independent sources against)
Evidence = dict[int, dict[str, tuple[int, int]]]


def parse_needs(values: Iterable[str]) -> list[Need]:
    """?need=json-api&need=async (or comma-separated) -> the known needs, in NEEDS order."""
    asked = {part.strip() for value in values for part in value.split(",")}
    return [need for need in NEEDS if need.slug in asked]


def _fact_score(value: str) -> int:
    return {"yes": FACT_YES, "partial": FACT_PARTIAL, "no": -FACT_NO}.get(value, 0)


def rank(
    candidates: Sequence[Candidate],
    evidence: Evidence,
    needs: Sequence[Need],
    *,
    fact_labels: dict[str, str],
    topic_names: dict[str, str],
    framework_url,
    topic_url,
) -> list[Ranked]:
    """Pure: the frameworks that suit `needs`, best first, each with its reasons."""
    ranked = []
    for candidate in candidates:
        reasons: list[Reason] = []
        sources = 0
        for need in needs:
            if need.kinds and candidate.kind in need.kinds:
                kind = FrameworkKind(candidate.kind).label
                reasons.append(Reason(need.label, f"Kind: {kind}", FACT_YES, framework_url(candidate)))
            for name in need.facts:
                value = candidate.facts.get(name, "unknown")
                if _fact_score(value):
                    text = f"{fact_labels.get(name, name)}: {value}"
                    reasons.append(Reason(need.label, text, _fact_score(value), framework_url(candidate)))
            for slug in need.topics:
                pro, con = evidence.get(candidate.id, {}).get(slug, (0, 0))
                if not (pro or con):
                    continue
                sources += pro + con
                score = max(-TOPIC_CAP, min(TOPIC_CAP, pro - con))
                text = f"{topic_names.get(slug, slug)}: {_sources(pro)} for, {con} against"
                reasons.append(Reason(need.label, text, score, topic_url(candidate, slug)))
        score = sum(r.score for r in reasons)
        if any(r.score > 0 for r in reasons) and score > 0:
            ranked.append(Ranked(candidate, score, reasons, sources))
    ranked.sort(key=lambda r: (-r.score, -r.sources, r.candidate.name.casefold()))
    return ranked[:SHORTLIST]


def _sources(n: int) -> str:
    return f"{n} independent source{'s' if n != 1 else ''}"


def tally_evidence(rows: Iterable[tuple[int, str, str, int]]) -> Evidence:
    """(framework id, topic slug, kind, independent sources) rows -> Evidence."""
    evidence: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for framework_id, topic, kind, sources in rows:
        evidence[framework_id][topic][0 if kind == "pro" else 1] += sources
    return {
        fid: {slug: (pro, con) for slug, (pro, con) in topics.items()} for fid, topics in evidence.items()
    }


# -- the data the ranking reads, remembered until the content changes --------------------------------

NOT_CANDIDATES = (FrameworkKind.RESOURCE, FrameworkKind.LIBRARY)


def candidates() -> list[Candidate]:
    """The frameworks readers see (not resources or libraries), with their facts: one query."""

    def load():
        fields = [name for name, _ in CAPABILITIES]
        rows = (
            Framework.objects.public()
            .exclude(kind__in=NOT_CANDIDATES)
            .values("id", "slug", "name", "kind", *fields)
        )
        return [
            Candidate(row["id"], row["slug"], row["name"], row["kind"], {f: str(row[f]) for f in fields})
            for row in rows
        ]

    return for_this_content("choose-candidates", load)


def evidence() -> Evidence:
    """Independent sources for and against, per framework and topic: one GROUP BY."""

    def load():
        rows = (
            Claim.objects.public()
            .independent()
            .filter(kind__in=(ClaimKind.PRO, ClaimKind.CON), topic__isnull=False)
            .values_list("framework_id", "topic__slug", "kind")
            .annotate(sources=Count("article__source", distinct=True))
            .order_by()
        )
        return tally_evidence(rows)

    return for_this_content("choose-evidence", load)


def shortlist(needs: Sequence[Need], topic_names: dict[str, str]) -> list[Ranked]:
    """rank() over the remembered candidates and evidence, with links a reader can check."""
    if not needs:
        return []
    return rank(
        candidates(),
        evidence(),
        needs,
        fact_labels=dict(CAPABILITIES),
        topic_names=topic_names,
        framework_url=lambda c: reverse("frameworks:detail", args=[c.slug]) + "#facts-title",
        topic_url=lambda c, slug: (
            reverse("articles:claims")
            + "?"
            + urlencode({"framework": c.slug, "topic": slug, "independent": "1"})
        ),
    )


def permalink(needs: Sequence[Need]) -> str:
    """/choose/?need=... in NEEDS order, whatever order they were asked in."""
    query = urlencode([("need", need.slug) for need in needs])
    return reverse("frameworks:choose") + (f"?{query}" if query else "")


def compare_url(ranked: Sequence[Ranked]) -> str | None:
    """Compare the first few of the shortlist; None when fewer than two made it."""
    slugs = [r.candidate.slug for r in ranked[:COMPARED]]
    return reverse("frameworks:compare") + "?frameworks=" + ",".join(slugs) if len(slugs) >= 2 else None


@dataclass(frozen=True)
class MethodRow:
    need: Need
    facts: list[str]
    kinds: list[str]
    topics: list[str]


def method(topic_names: dict[str, str]) -> list[MethodRow]:
    """What each need reads, in words: the page's explanation comes from NEEDS itself."""
    labels = dict(CAPABILITIES)
    return [
        MethodRow(
            need,
            [labels[name] for name in need.facts],
            [FrameworkKind(kind).label for kind in need.kinds],
            [topic_names.get(slug, slug) for slug in need.topics],
        )
        for need in NEEDS
    ]


WEIGHTS = {
    "fact_yes": FACT_YES,
    "fact_partial": FACT_PARTIAL,
    "fact_no": FACT_NO,
    "topic_cap": TOPIC_CAP,
    "shortlist": SHORTLIST,
}
