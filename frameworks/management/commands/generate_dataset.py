"""Generate a large, realistic dataset for benchmarks: `manage.py generate_dataset [--scale 1.0]`.

Deterministic: the same --seed and --scale give the same rows (dates are offsets from today, so
"possibly stale" stays meaningful). The shape follows what the importer produces from real
articles: a few popular frameworks in most articles (the first 25 are the catalogue in
fixtures/frameworks.json, so the home page's popular comparisons resolve), a long tail of
small ones, resources, aliases, vendor sources that praise their own framework and knock
competitors, and framework x topic pairs where sources disagree.

Rows go in with bulk_create, so the fields save() would derive are set here: Framework.key and
description_html, Article.body_html (the real renderer), Claim.key, and each claim's point (claims
with the same framework, kind, topic and title, as the importer would group them). No history
rows are written.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from bisect import bisect
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from html import escape as _escape
from itertools import accumulate

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Claim, ClaimKind, ClaimStatus, ImportStatus, Point, Source, SourceKind
from articles.parsing import name_key
from articles.points import point_key
from frameworks.models import (
    CAPABILITIES,
    FactValue,
    Framework,
    FrameworkAlias,
    FrameworkKind,
    Interface,
    MajorRelease,
    Topic,
)
from guide.caching import content_changed
from guide.markdown import render_inline, render_markdown

FIXTURES = settings.BASE_DIR / "fixtures"
BATCH = 2000
ARTICLE_CHUNK = 500  # articles whose claims are built and written together: bounded memory at 10x

# The default size; --scale multiplies every count.
FRAMEWORKS, SOURCES, ARTICLES, CLAIMS = 300, 40, 3000, 60000
RESOURCE_SHARE = 0.10
VENDOR_SHARE = 0.20
YEARS = 5

# -- vocabulary (ours, written for this generator) ------------------------------------------------

SYLLABLES = [
    "ka", "ri", "to", "me", "lo", "va", "zen", "quo", "bri", "fal", "mor", "nix", "pel", "sar", "tur",
    "vel", "wyn", "xo", "yam", "zu", "dra", "gle", "phi", "cor", "lum", "nav", "ost", "ryn", "sil",
    "tam", "bel", "cas", "dor", "fen", "hal", "jun", "kel", "mir", "nor", "pax", "rho", "sen", "tav",
    "ul", "vor",
]  # fmt: skip
NAME_ENDINGS = ["", "", "", "", " API", " Web", "Kit", "py", " Stack", " UI", "Flow", "Serve", "Dash"]
RESOURCE_ENDINGS = [
    " Academy",
    " Courses",
    " Press",
    " Package Index",
    " Learning Hub",
    " Books",
    " Bootcamp",
]
SYNTHETIC_KINDS = [
    (FrameworkKind.MICRO, 18),
    (FrameworkKind.ASYNC_API, 16),
    (FrameworkKind.FULL_STACK, 10),
    (FrameworkKind.ASGI_TOOLKIT, 8),
    (FrameworkKind.ASYNC_NETWORKING, 6),
    (FrameworkKind.PYTHON_UI, 9),
    (FrameworkKind.DATA_APP, 9),
    (FrameworkKind.ML_DEMO, 5),
    (FrameworkKind.LIBRARY, 6),
    (FrameworkKind.OTHER, 8),
]
INTERFACES = {
    FrameworkKind.MICRO: [Interface.WSGI, Interface.WSGI, Interface.BOTH],
    FrameworkKind.FULL_STACK: [Interface.WSGI, Interface.BOTH],
    FrameworkKind.ASYNC_API: [Interface.ASGI],
    FrameworkKind.ASGI_TOOLKIT: [Interface.ASGI],
    FrameworkKind.ASYNC_NETWORKING: [Interface.OWN_SERVER, Interface.ASGI],
    FrameworkKind.PYTHON_UI: [Interface.OWN_SERVER, Interface.ASGI],
    FrameworkKind.DATA_APP: [Interface.OWN_SERVER, Interface.WSGI],
    FrameworkKind.ML_DEMO: [Interface.OWN_SERVER],
}
# Chance that a capability is true for a kind (the rest split between false and unknown).
LIKELY = {
    FrameworkKind.FULL_STACK: {"has_orm", "has_admin", "has_auth", "has_templating"},
    FrameworkKind.MICRO: {"has_templating"},
    FrameworkKind.ASYNC_API: {"native_async", "auto_api_docs", "websockets"},
    FrameworkKind.ASGI_TOOLKIT: {"native_async", "websockets"},
    FrameworkKind.ASYNC_NETWORKING: {"native_async", "websockets"},
    FrameworkKind.PYTHON_UI: {"pure_python_ui", "websockets", "native_async"},
    FrameworkKind.DATA_APP: {"pure_python_ui"},
    FrameworkKind.ML_DEMO: {"pure_python_ui", "auto_api_docs"},
}
TAGLINES = {
    FrameworkKind.MICRO: "A small core you extend one package at a time",
    FrameworkKind.FULL_STACK: "Everything a database-backed site needs, in one package",
    FrameworkKind.ASYNC_API: "Typed, async APIs with the schema generated for you",
    FrameworkKind.ASGI_TOOLKIT: "Building blocks for ASGI services",
    FrameworkKind.ASYNC_NETWORKING: "Event-loop networking with its own server",
    FrameworkKind.PYTHON_UI: "Interactive web apps without writing JavaScript",
    FrameworkKind.DATA_APP: "Turn an analysis into a shareable app",
    FrameworkKind.ML_DEMO: "Put a model behind a demo page in minutes",
    FrameworkKind.LIBRARY: "A library web frameworks build on",
    FrameworkKind.OTHER: "A Python web tool with its own take",
    FrameworkKind.RESOURCE: "Where Python developers learn and find packages",
}
LICENSES = ["MIT", "BSD-3-Clause", "Apache-2.0", "MIT", "BSD-2-Clause", "LGPL-3.0", ""]

SOURCE_ADJECTIVES = [
    "Quiet", "Northern", "Pragmatic", "Curious", "Tidy", "Midnight", "Patient", "Brisk", "Honest",
    "Sturdy", "Lucid", "Nimble", "Plain", "Stray", "Humble", "Weekly", "Remote", "Distant", "Careful",
    "Steady",
]  # fmt: skip
SOURCE_NOUNS = [
    "Lambda", "Harbor", "Kettle", "Compass", "Lantern", "Orchard", "Backend", "Stack", "Pipeline",
    "Terminal", "Ledger", "Signal", "Workshop", "Foundry", "Beacon", "Garden", "Circuit", "Atlas",
    "Meridian", "Relay",
]  # fmt: skip
SOURCE_TYPES = [
    (" Blog", SourceKind.INDEPENDENT_BLOG),
    (" Dev", SourceKind.INDEPENDENT_BLOG),
    (" Consulting", SourceKind.CONSULTANCY),
    (" Labs", SourceKind.CONSULTANCY),
    (" Review", SourceKind.PUBLICATION),
    (" Magazine", SourceKind.PUBLICATION),
    (" Community", SourceKind.COMMUNITY),
    (" Docs", SourceKind.DOCS),
]
FIRST_NAMES = [
    "Ada", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Gustav", "Hana", "Ivo", "Jana", "Kofi",
    "Lena", "Mateo", "Nadia", "Oskar", "Pia", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zora",
]  # fmt: skip
LAST_NAMES = [
    "Adeyemi", "Bergström", "Castell", "Dubois", "Eriksen", "Fontaine", "Grell", "Haddad", "Ibarra",
    "Jovanović", "Kaur", "Lindqvist", "Moreau", "Novak", "Okonkwo", "Petrov", "Quinlan", "Rossi",
    "Sato", "Teller", "Urquhart", "Varga", "Whitlock", "Yilmaz", "Zeller",
]  # fmt: skip

# Per topic slug: what a claim on that topic is about. Topics not listed use their own name.
ASPECTS = {
    "performance": ["request throughput", "response latency", "memory use per worker"],
    "async-concurrency": ["async views", "concurrent connections", "background tasks"],
    "learning-curve": ["onboarding for new developers", "getting started", "the number of concepts"],
    "documentation": ["the official docs", "tutorials and examples", "API reference pages"],
    "ecosystem": ["third-party packages", "the plugin ecosystem", "community extensions"],
    "maturity-stability": ["release stability", "long-term support", "backwards compatibility"],
    "admin": ["the generated admin", "back-office screens", "editing content"],
    "orm-database": ["the ORM", "schema migrations", "database access"],
    "auth": ["authentication", "permissions", "login and sessions"],
    "security": ["security defaults", "CSRF protection", "security releases"],
    "frontend-ui": ["building the frontend", "UI components", "styling pages"],
    "templating": ["the template language", "server-rendered pages", "template inheritance"],
    "flexibility": ["project layout", "swapping components", "customisation"],
    "scalability": ["scaling out", "horizontal scaling", "large codebases"],
    "deployment": ["deployment", "container images", "hosting options"],
    "typing-validation": ["request validation", "type hints", "serialisation"],
    "api-docs": ["OpenAPI docs", "interactive API docs", "schema generation"],
    "data-visualisation": ["charts", "dashboards", "plotting"],
    "ml-integration": ["model serving", "ML demos", "notebook workflows"],
    "state-interactivity": ["app state", "callbacks", "interactive widgets"],
    "real-time": ["WebSockets", "live updates", "server-sent events"],
    "productivity": ["developer productivity", "time to first feature", "boilerplate"],
    "cost": ["hosting cost", "licensing cost", "paid tiers"],
}
PRO_TITLES = [
    "Great {aspect}",
    "Strong {aspect}",
    "Excellent {aspect}",
    "Solid {aspect}",
    "Painless {aspect}",
]
CON_TITLES = ["Weak {aspect}", "Limited {aspect}", "Awkward {aspect}", "Patchy {aspect}", "Costly {aspect}"]
FEATURE_TITLES = ["Built-in {aspect}", "First-class {aspect}", "{Aspect} out of the box"]
SUMMARY_TITLES = ["Verdict", "Best for", "Our take", "Bottom line"]
PRO_TEXTS = [
    "{name} gets {aspect} right, {detail}.",
    "In our experience {name} shines at {aspect}: {detail}.",
    "{Aspect} is a real strength of {name}, {detail}.",
    "We were impressed by {aspect} in {name}; {detail}.",
]
CON_TEXTS = [
    "{Aspect} is where {name} struggles: {detail}.",
    "We kept fighting {aspect} in {name}, {detail}.",
    "{name} falls short on {aspect}; {detail}.",
    "Expect friction with {aspect} in {name}, {detail}.",
]
FEATURE_TEXTS = [
    "{name} ships {aspect} in the box, {detail}.",
    "{Aspect} comes with {name} and needs no extra package.",
    "{name} includes {aspect}, configured with a few lines.",
]
SUMMARY_TEXTS = [
    "Pick {name} when {aspect} matters more than anything else; look elsewhere if it does not.",
    "{name} is a sound default for teams that care about {aspect}.",
    "A good fit for small teams, {name} rewards learning its conventions early.",
]
GOOD_DETAILS = [
    "which saved us weeks on the last project",
    "and the defaults are sensible",
    "even as the codebase grew past a hundred modules",
    "with throughput to spare on modest hardware",
    "so new colleagues were productive in days",
    "and the maintainers document every change",
    "without reaching for a third-party package",
]
BAD_DETAILS = [
    "and the workarounds are poorly documented",
    "which cost us a week of debugging",
    "once traffic grew beyond a single server",
    "so every project reinvents the same glue code",
    "and upgrades broke it twice last year",
    "unless you add several extensions first",
    "which slows down reviews on a large team",
]
INTRO = [
    "We have shipped services with each of these frameworks and kept them running for more than a year.",
    "This comparison started as an internal wiki page and grew every time a new project asked the question.",
    "Benchmarks only tell part of the story, so we focus on what it is like to maintain each option.",
    "Readers keep asking which framework to pick; here is what we tell them, with the trade-offs.",
]
CLOSING = [
    "There is no single winner: pick the framework whose trade-offs match your team.",
    "If in doubt, build the same small feature in two candidates and compare the code.",
    "Whatever you choose, budget time for the parts the framework leaves to you.",
]
TITLES = [
    "{a} vs {b}: which one should you pick in {year}?",
    "{n} Python web frameworks compared",
    "Why we moved from {a} to {b}",
    "A field guide to {a}, {b} and friends",
    "{a} in production: lessons from {n} years",
    "Choosing between {a} and {b} for your next API",
    "The state of Python web frameworks, {year} edition",
    "{a}, {b} or something else? Notes from a rewrite",
]
TAG_WORDS = ["python", "web", "frameworks", "api", "async", "comparison", "backend", "dashboards"]


def escape(text: str) -> str:
    return _escape(text, quote=False)


def _release_fields(fields: dict) -> dict:
    return {
        "version": fields["version"],
        "released": date.fromisoformat(fields["released"]),
        "notes_url": fields.get("notes_url", ""),
    }


def _weighted_cum(weights):
    return list(accumulate(weights))


def _pick(rng: random.Random, items, cum):
    return items[bisect(cum, rng.random() * cum[-1])]


def insert_rows(model, objects) -> None:
    """bulk_create without reading ids back; on PostgreSQL through COPY, several times faster."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key or getattr(f, "generated", False))]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objects:
            copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])


# GIN or RUM (articles/migrations/0003 and 0018), whichever the database has.
SEARCH_INDEXES = [
    f"{table}_search_{kind}" for table in ("articles_article", "articles_claim") for kind in ("gin", "rum")
]


@contextmanager
def search_indexes_built_after():
    """On PostgreSQL, the articles' and claims' search indexes are dropped for the load and built
    again at the end (in the same transaction): building a RUM index once is many times faster
    than adding every row to it."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [SEARCH_INDEXES]
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # a table with pending checks cannot be indexed
        for _name, definition in indexes:
            cursor.execute(definition)


class Command(BaseCommand):
    help = (
        "Fill the database with a large, deterministic, realistic dataset for benchmarks: by default "
        f"{FRAMEWORKS} frameworks, {SOURCES} sources, {ARTICLES:,} articles and {CLAIMS:,} claims."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply every count (0.1 = 10x smaller, 10 = 10x larger).",
        )
        parser.add_argument("--seed", type=int, default=2024, help="Random seed (same seed, same data).")
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Delete existing frameworks, sources, articles and claims first (topics are kept).",
        )

    def handle(self, *args, scale, seed, flush, **options):
        if scale <= 0:
            raise CommandError("--scale must be positive", returncode=2)
        started = time.perf_counter()
        has_content = any(m.objects.exists() for m in (Framework, Source, Article, Claim))
        if has_content and not flush:
            raise CommandError("The database already has content: pass --flush to replace it.")
        if flush:
            self.flush()
        if not Topic.objects.exists():
            call_command("loaddata", FIXTURES / "topics.json", verbosity=0)
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        self.topics = list(Topic.objects.order_by("position", "pk"))
        counts = {
            "frameworks": max(4, round(FRAMEWORKS * scale)),
            "sources": max(3, round(SOURCES * scale)),
            "articles": max(5, round(ARTICLES * scale)),
            "claims": max(10, round(CLAIMS * scale)),
        }
        with transaction.atomic(), search_indexes_built_after():
            frameworks = self.make_frameworks(counts["frameworks"])
            self.make_releases(frameworks)
            sources = self.make_sources(counts["sources"], frameworks)
            written = self.make_articles(counts["articles"], counts["claims"], frameworks, sources)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give later
        content_changed()
        self.stdout.write(
            f"Generated {len(frameworks)} frameworks "
            f"({sum(f.kind == FrameworkKind.RESOURCE for f in frameworks)} resources), "
            f"{len(sources)} sources ({sum(s.affiliation_id is not None for s in sources)} vendor), "
            f"{written['articles']:,} articles and {written['claims']:,} claims "
            f"in {time.perf_counter() - started:.1f}s (scale {scale:g}, seed {seed})."
        )

    # -- flush ------------------------------------------------------------------------------------

    def flush(self):
        """Raw DELETEs: Model.delete() would load every row to send its signals."""
        models = [Claim, Point, Article, Source, FrameworkAlias, MajorRelease, Framework]
        tables = [m._meta.db_table for m in models] + [
            m.history.model._meta.db_table for m in (Claim, Article, Framework)
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")

    # -- frameworks -------------------------------------------------------------------------------

    def make_frameworks(self, count: int) -> list[Framework]:
        rng = self.rng
        data = json.loads((FIXTURES / "frameworks.json").read_text(encoding="utf-8"))
        # The catalogue first, leaving room for the share of resources a real guide has.
        known = [row for row in data if row["model"] == "frameworks.framework"][
            : count - round(count * RESOURCE_SHARE)
        ]
        known_aliases = [row["fields"] for row in data if row["model"] == "frameworks.frameworkalias"]
        keys: set[str] = set()
        frameworks: list[Framework] = []
        old_pk: dict[int, Framework] = {}
        for row in known:
            fields = {k: v for k, v in row["fields"].items() if k not in ("created_at", "updated_at")}
            framework = Framework(**fields)
            framework.key = name_key(framework.name)
            framework.description_html = render_markdown(framework.description)
            keys.add(framework.key)
            old_pk[row["pk"]] = framework
            frameworks.append(framework)

        synthetic = count - len(frameworks)
        resources = set(rng.sample(range(synthetic), min(synthetic, round(count * RESOURCE_SHARE))))
        kinds, kind_weights = zip(*SYNTHETIC_KINDS, strict=True)
        for i in range(synthetic):
            resource = i in resources
            name = self._new_name(keys, resource)
            kind = FrameworkKind.RESOURCE if resource else rng.choices(kinds, kind_weights)[0]
            slug = slugify(name)
            framework = Framework(
                name=name,
                slug=slug,
                key=name_key(name),
                kind=kind,
                tagline=TAGLINES[kind],
                description=(
                    f"{name} is {'a learning resource' if resource else 'a Python web tool'} that readers "
                    f"ask about. {TAGLINES[kind]}.\n\nIt first appeared around "
                    f"{rng.randint(2008, 2025)} and is maintained by a *small* team."
                ),
                website=f"https://{slug}.example.org/",
                docs_url="" if resource else f"https://docs.{slug}.example.org/",
                repository="" if resource else f"https://git.example.org/{slug}/{slug}",
                license="" if resource else rng.choice(LICENSES),
                first_release=rng.randint(2005, 2025) if rng.random() < 0.9 else None,
                interface=rng.choice(INTERFACES.get(kind, [Interface.UNKNOWN])),
                needs_review=rng.random() < 0.05,
            )
            likely = LIKELY.get(kind, set())
            for field, _label in CAPABILITIES:
                roll = rng.random()
                if resource:
                    value = FactValue.UNKNOWN
                elif field in likely:
                    value = (
                        FactValue.YES if roll < 0.7 else (FactValue.PARTIAL if roll < 0.8 else FactValue.NO)
                    )
                else:
                    value = (
                        FactValue.NO if roll < 0.6 else (FactValue.UNKNOWN if roll < 0.8 else FactValue.YES)
                    )
                setattr(framework, field, value)
                if value != FactValue.UNKNOWN:
                    setattr(framework, f"{field}_source", f"{framework.docs_url}{field.replace('_', '-')}/")
                    setattr(framework, f"{field}_checked", self.today - timedelta(days=rng.randint(0, 400)))
            framework.description_html = render_markdown(framework.description)
            frameworks.append(framework)
        Framework.objects.bulk_create(frameworks, batch_size=BATCH)

        aliases = [
            FrameworkAlias(framework=old_pk[row["framework"]], name=row["name"], key=name_key(row["name"]))
            for row in known_aliases
            if row["framework"] in old_pk
        ]
        keys.update(alias.key for alias in aliases)
        for framework in frameworks[len(known) :]:
            if rng.random() < 0.3:
                base = framework.name.split(" ")[0]
                for name in rng.sample(
                    [f"{base}.py", f"Py{base}", f"{base} Framework", self._new_name(keys)], 2
                ):
                    if name_key(name) not in keys and rng.random() < 0.7:
                        keys.add(name_key(name))
                        aliases.append(FrameworkAlias(framework=framework, name=name, key=name_key(name)))
        FrameworkAlias.objects.bulk_create(aliases, batch_size=BATCH)
        return frameworks

    def make_releases(self, frameworks: list[Framework]) -> None:
        """The catalogue's real major releases (fixtures/releases.json); for made-up frameworks, up
        to three over the years the articles span, so "possibly stale" is as common as it is on
        real data, and for the same reasons."""
        rng = self.rng
        by_slug = {f.slug: f for f in frameworks}
        rows = json.loads((FIXTURES / "releases.json").read_text(encoding="utf-8"))
        releases = [
            MajorRelease(framework=by_slug[row["fields"]["framework"][0]], **_release_fields(row["fields"]))
            for row in rows
            if row["fields"]["framework"][0] in by_slug
        ]
        known = {release.framework.slug for release in releases}
        for framework in frameworks:
            if framework.kind == FrameworkKind.RESOURCE or framework.slug in known or rng.random() < 0.4:
                continue
            first = rng.randint(1, 6)
            days = sorted(rng.sample(range(30, YEARS * 365), rng.randint(1, 3)), reverse=True)
            for major, age in enumerate(days, start=first):
                releases.append(
                    MajorRelease(
                        framework=framework,
                        version=f"{major}.0",
                        released=self.today - timedelta(days=age),
                        notes_url=f"{framework.website}releases/{major}.0/",
                    )
                )
        MajorRelease.objects.bulk_create(releases, batch_size=BATCH)

    def _new_name(self, keys: set[str], resource: bool = False) -> str:
        rng = self.rng
        for _attempt in range(1000):
            stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            name = stem + rng.choice(RESOURCE_ENDINGS if resource else NAME_ENDINGS)
            if name_key(name) not in keys and slugify(name):
                keys.add(name_key(name))
                return name
        raise CommandError("ran out of framework names: is --scale very large?")

    # -- sources ----------------------------------------------------------------------------------

    def make_sources(self, count: int, frameworks: list[Framework]) -> list[Source]:
        rng = self.rng
        popular = [f for f in frameworks if f.kind != FrameworkKind.RESOURCE][: max(5, len(frameworks) // 10)]
        vendors = rng.sample(popular, min(len(popular), max(1, round(count * VENDOR_SHARE))))
        sources, names = [], set()
        for framework in vendors:
            name = f"{framework.name} blog"
            names.add(name)
            sources.append(
                Source(
                    name=name,
                    slug=slugify(name),
                    homepage=f"https://blog.{framework.slug}.example.org/",
                    kind=SourceKind.COMPANY_BLOG,
                    affiliation=framework,
                    description=f"The official blog of the {framework.name} project.",
                )
            )
        while len(sources) < count:
            ending, kind = rng.choice(SOURCE_TYPES)
            name = f"{rng.choice(SOURCE_ADJECTIVES)} {rng.choice(SOURCE_NOUNS)}{ending}"
            if name in names:
                name = f"{name} {len(sources)}"
            names.add(name)
            slug = slugify(name)
            sources.append(
                Source(
                    name=name,
                    slug=slug,
                    homepage=f"https://{slug}.example.org/",
                    kind=kind,
                    description=f"{name} writes about Python on the web.",
                )
            )
        Source.objects.bulk_create(sources, batch_size=BATCH)
        return sources

    # -- articles and claims ----------------------------------------------------------------------

    def make_articles(self, count: int, claim_total: int, frameworks, sources) -> dict[str, int]:
        rng = self.rng
        # Popularity: a few frameworks are in most articles, a long tail in a few.
        weights = [
            (0.15 if f.kind == FrameworkKind.RESOURCE else 1.0) / (rank + 1) ** 0.9
            for rank, f in enumerate(frameworks)
        ]
        framework_cum = _weighted_cum(weights)
        source_cum = _weighted_cum([1 / (i + 2) ** 0.6 for i in range(len(sources))])
        # Each framework is good at some topics and weak at others; sources mostly agree, not always.
        profiles = {f.pk: (rng.sample(self.topics, 4), rng.sample(self.topics, 3)) for f in frameworks}
        spread = [rng.uniform(0.4, 1.6) for _ in range(count)]
        total = sum(spread)
        per_article = [max(1, int(claim_total * w / total)) for w in spread]
        for i in range(claim_total - sum(per_article)):
            per_article[i % count] += 1

        slugs: set[str] = set()
        self.points: dict[tuple, Point] = {}
        written = {"articles": 0, "claims": 0}
        for start in range(0, count, ARTICLE_CHUNK):
            plans = []
            for index in range(start, min(count, start + ARTICLE_CHUNK)):
                source = _pick(rng, sources, source_cum)
                chosen = self._choose_frameworks(frameworks, framework_cum, per_article[index], source)
                plans.append(self._article(index, source, chosen, per_article[index], profiles, slugs))
            Article.objects.bulk_create([article for article, _claims in plans], batch_size=BATCH)
            claims = [claim for article, items in plans for claim in self._claims(article, items)]
            new_points = [claim.point for claim in claims if claim.point.pk is None]
            Point.objects.bulk_create(list({id(p): p for p in new_points}.values()), batch_size=BATCH)
            for claim in claims:
                claim.point_id = claim.point.pk
            insert_rows(Claim, claims)
            written["articles"] += len(plans)
            written["claims"] += len(claims)
        return written

    def _choose_frameworks(self, frameworks, cum, claim_count: int, source: Source) -> list[Framework]:
        rng = self.rng
        wanted = min(len(frameworks), claim_count, rng.randint(2, 8))
        chosen: list[Framework] = []
        if source.affiliation is not None:
            chosen.append(source.affiliation)  # a vendor writes about its own framework
        for _attempt in range(wanted * 20):
            if len(chosen) >= wanted:
                break
            framework = _pick(rng, frameworks, cum)
            if framework not in chosen:
                chosen.append(framework)
        return chosen

    def _article(self, index, source, chosen, claim_count, profiles, slugs):
        """An unsaved Article and its claim plans [(framework, kind, topic, title, text, line, heading)]."""
        rng = self.rng
        names = [f.name for f in chosen]
        title = rng.choice(TITLES).format(
            a=names[0],
            b=names[1] if len(names) > 1 else "the rest",
            n=len(names) if rng.random() < 0.5 else rng.randint(2, 9),
            year=self.today.year - rng.randint(0, YEARS - 1),
        )
        base = slugify(title)[:180] or "article"
        slug, n = base, 1
        while slug in slugs:
            n += 1
            slug = f"{base}-{n}"
        slugs.add(slug)
        # Recent articles are more common than old ones; about half are older than 18 months.
        published = self.today - timedelta(days=int(YEARS * 365 * rng.random() ** 1.4))
        authors = [
            f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            for _ in range(1 if rng.random() < 0.7 else 2)
        ]

        # Split the claims over the frameworks, at least one each.
        shares = [1] * len(chosen)
        for _ in range(claim_count - len(chosen)):
            shares[rng.randrange(len(chosen))] += 1

        # The body in markdown and, built alongside, the HTML render_markdown() gives for it
        # (rendering 3,000 bodies would be half of this command's time).
        intro = [rng.choice(INTRO), rng.choice(INTRO)]
        lines = [intro[0], "", intro[1], ""]
        html = [f"<p>{escape(intro[0])}</p>", f"<p>{escape(intro[1])}</p>"]
        plans = []
        for framework, share in zip(chosen, shares, strict=True):
            items = [self._claim_plan(framework, source, profiles) for _ in range(share)]
            lead = f"{framework.name}: {framework.tagline.lower()}."
            lines += [f"## {framework.name}", "", lead, ""]
            html += [f"<h2>{escape(framework.name)}</h2>", f"<p>{escape(lead)}</p>"]
            for kind, label in (
                (ClaimKind.PRO, "Pros"),
                (ClaimKind.CON, "Cons"),
                (ClaimKind.FEATURE, "Features"),
            ):
                of_kind = [item for item in items if item[0] == kind]
                if not of_kind:
                    continue
                heading = f"{framework.name}: {label}"
                lines += [f"### {label}", ""]
                html += [f"<h3>{label}</h3>", "<ul>"]
                for _kind, topic, claim_title, text in of_kind:
                    lines.append(f"- **{claim_title}**: {text}")
                    html.append(f"<li><strong>{escape(claim_title)}</strong>: {escape(text)}</li>")
                    plans.append((framework, kind, topic, claim_title, text, len(lines) + 7, heading))
                lines.append("")
                html.append("</ul>")
            for _kind, topic, claim_title, text in (item for item in items if item[0] == ClaimKind.SUMMARY):
                lines += [f"**{claim_title}:** {text}", ""]
                html.append(f"<p><strong>{escape(claim_title)}:</strong> {escape(text)}</p>")
                plans.append(
                    (framework, ClaimKind.SUMMARY, topic, claim_title, text, len(lines) + 6, framework.name)
                )
        closing = rng.choice(CLOSING)
        lines += ["## Conclusion", "", closing]
        html += ["<h2>Conclusion</h2>", f"<p>{escape(closing)}</p>"]
        body = "\n".join(lines)
        tags = sorted({*(f.slug for f in chosen[:3]), *rng.sample(TAG_WORDS, 2)})
        front = (
            f"---\ntitle: {json.dumps(title)}\nauthors: {json.dumps(authors)}\n"
            f"date: {published.isoformat()}\nsource: {json.dumps(source.name)}\n"
            f"tags: {json.dumps(tags)}\n---\n"
        )  # 7 lines: the claim line numbers above count them
        original = front + body
        imported_at = timezone.make_aware(datetime.combine(published + timedelta(days=1), dt_time(9)))
        article = Article(
            title=title,
            slug=slug,
            source=source,
            authors=authors,
            published=published,
            canonical_url=f"{source.homepage}{published.year}/{slug}/" if rng.random() < 0.7 else "",
            description=f"{', '.join(names[:-1])} and {names[-1]} compared." if len(names) > 1 else title,
            tags=tags,
            body=body,
            body_html="\n".join(html) + "\n",
            draft=rng.random() < 0.01,
            original_text=original,
            content_hash=hashlib.sha256(original.encode("utf-8")).hexdigest(),
            source_path=f"generated/{slug}.md",
            import_status=ImportStatus.CREATED,
            imported_at=imported_at,
        )
        return article, plans

    def _claim_plan(self, framework, source, profiles):
        """(kind, topic, title, text) for one claim about `framework` in an article by `source`."""
        rng = self.rng
        strong, weak = profiles[framework.pk]
        roll = rng.random()
        if roll < 0.08:
            kind = ClaimKind.SUMMARY
            topic = rng.choice(strong) if rng.random() < 0.3 else None
        else:
            place = rng.random()
            if place < 0.45:
                topic, odds = rng.choice(strong), (0.6, 0.75)  # cumulative: pro, con, else feature
            elif place < 0.75:
                topic, odds = rng.choice(weak), (0.2, 0.8)
            else:
                topic, odds = rng.choice(self.topics), (0.4, 0.7)
            kind_roll = rng.random()
            kind = (
                ClaimKind.PRO
                if kind_roll < odds[0]
                else ClaimKind.CON
                if kind_roll < odds[1]
                else ClaimKind.FEATURE
            )
            if rng.random() < 0.04:
                topic = None  # the importer could not tell
        if source.affiliation_id is not None:
            own = source.affiliation_id == framework.pk
            if own and kind == ClaimKind.CON:
                kind = ClaimKind.PRO
            elif not own and kind == ClaimKind.PRO and rng.random() < 0.5:
                kind = ClaimKind.CON
        aspect = rng.choice(ASPECTS.get(topic.slug, [topic.name.lower()])) if topic else "getting things done"
        if kind == ClaimKind.SUMMARY:
            title, text = rng.choice(SUMMARY_TITLES), rng.choice(SUMMARY_TEXTS)
        elif kind == ClaimKind.PRO:
            title, text = rng.choice(PRO_TITLES), rng.choice(PRO_TEXTS)
        elif kind == ClaimKind.CON:
            title, text = rng.choice(CON_TITLES), rng.choice(CON_TEXTS)
        else:
            title, text = rng.choice(FEATURE_TITLES), rng.choice(FEATURE_TEXTS)
        detail = rng.choice(BAD_DETAILS if kind == ClaimKind.CON else GOOD_DETAILS)
        values = {"aspect": aspect, "Aspect": aspect[0].upper() + aspect[1:], "name": framework.name}
        return kind, topic, title.format(**values), text.format(detail=detail, **values)

    def _claims(self, article: Article, plans) -> list[Claim]:
        rng = self.rng
        claims = []
        for position, (framework, kind, topic, title, text, line, heading) in enumerate(plans):
            roll = rng.random()
            status = (
                ClaimStatus.VERIFIED
                if roll < 0.10
                else ClaimStatus.REJECTED
                if roll < 0.13
                else ClaimStatus.IMPORTED
            )
            key = hashlib.sha1(f"{framework.pk}|{kind}|{title}|{position}".encode()).hexdigest()[:20]
            said = point_key(title, text, framework.name)
            place = (framework.pk, kind, topic.pk if topic else None, said)
            if place not in self.points:
                self.points[place] = Point(framework=framework, kind=kind, topic=topic, title=title, key=said)
            claims.append(
                Claim(
                    point=self.points[place],
                    framework=framework,
                    article=article,
                    kind=kind,
                    topic=topic,
                    title=title,
                    text=text,
                    text_html=render_inline(text),
                    heading=heading[:300],
                    line=line,
                    position=position,
                    status=status,
                    edited=status == ClaimStatus.VERIFIED and rng.random() < 0.2,
                    withdrawn=status == ClaimStatus.IMPORTED and rng.random() < 0.03,
                    key=key,
                    imported_title=title,
                    imported_text=text,
                )
            )
        return claims
