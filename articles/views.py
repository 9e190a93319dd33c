"""Reader pages for articles, sources, claims and search: the provenance side of the guide.

Every page loads what it shows in a fixed number of queries (tests/test_articles_pages.py locks
them): claims are fetched with their framework, topic and article joined, and counts are
annotations, so nothing in a template touches the database.
"""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, F
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles import search as site_search
from articles.filters import ArticleFilter, ClaimFilter
from articles.models import Article, Claim, Source, public_q
from articles.search import ARTICLE_BODY_FIELDS
from articles.templatetags import provenance
from guide import structured_data
from guide.caching import for_this_content, rows_for_this_content
from guide.links import slug_url

ARTICLES_PER_PAGE = 20
CLAIMS_PER_PAGE = 50
CLAIMS_SHOWN = 100  # on an article's page; the claims browser pages through the rest

PUBLIC_CLAIM = public_q("claims__")
NEWEST_FIRST = (F("published").desc(nulls_last=True), "title", "pk")
# Each article's claims in turn, the articles in the article list's order: the claims browser
# then walks that list's index (articles migration 0019) and sorts one article's claims at a
# time, where ordering same-day articles by id sorted the claims of every article of the newest
# day (1,400 of them at 300,000 claims).
CLAIMS_NEWEST_FIRST = (
    F("article__published").desc(nulls_last=True),
    "article__title",
    "article_id",
    "position",
    "pk",
)


def _article_cards(request, ids: list[int]) -> list[tuple[str, str]]:
    """Each article's card in the article list, with its number of public claims and the
    frameworks they are about, and its JSON-LD entity (structured_data.entity_json), rendered
    once per content change: a card shows only its article, so every filter and page that lists
    it reuses it. One query for the articles not rendered yet and one for their claims, never
    an aggregate over every article."""

    def render_missing(pks: list[int]) -> dict[int, tuple[str, str]]:
        found = Article.objects.published().for_lists().in_bulk(pks)
        rows = (
            Claim.objects.public()
            .filter(article__in=list(found))
            .values_list("article_id", "framework__name", "framework__slug")
            .annotate(n=Count("pk"))
            .order_by("article_id", "framework__name", "framework__slug")
        )
        counts, frameworks = defaultdict(int), defaultdict(list)
        for article_id, name, slug, n in rows:
            counts[article_id] += n
            frameworks[article_id].append({"name": name, "url": slug_url("frameworks:detail", slug)})
        cards = {}
        for pk, article in found.items():
            article.claim_count = counts[pk]
            article.framework_list = frameworks[pk]
            entity = structured_data.article_item(article, request.build_absolute_uri)
            cards[pk] = (
                provenance.article_card(article, show_source=True),
                structured_data.entity_json(entity),
            )
        return cards

    name = f"listed-article:{structured_data.origin(request)}"
    return list(rows_for_this_content(name, ids, render_missing).values())


def article_list(request):
    articles = Article.objects.published().order_by(*NEWEST_FIRST)
    filterset = ArticleFilter(request.GET, queryset=articles, request=request)
    # The page reads its articles' ids: their cards are remembered.
    paginator = Paginator(filterset.qs.values_list("pk", flat=True), ARTICLES_PER_PAGE)
    # Counted once per filter and content change, like the claims browser's: not for each page.
    name = f"article-count:{filterset.applied()}"
    paginator.count = for_this_content(name, lambda: paginator.count)
    page = paginator.get_page(request.GET.get("page"))
    shown = _article_cards(request, list(page.object_list))
    return render(
        request,
        "articles/list.html",
        {
            "filterset": filterset,
            "page": page,
            "cards": [card for card, _entity in shown],
            "json_ld_articles": [entity for _card, entity in shown],
        },
    )


def _group_by_framework(claims) -> list[tuple]:
    """[(framework, [claims])] in the order the article first mentions each framework, each
    framework with why its claims here may be out of date (`stale_reason`: one article, one
    framework, one reason)."""
    groups: dict[int, tuple] = {}
    for claim in claims:
        groups.setdefault(claim.framework_id, (claim.framework, []))[1].append(claim)
    for framework, grouped in groups.values():
        framework.stale_reason = grouped[0].stale_reason
    return list(groups.values())


def article_detail(request, slug):
    # The page shows only content: rendered once per content change and day (claims turn stale
    # by the day), then read back with its article in one cache read. A miss is a 404, never
    # remembered.
    shown = for_this_content(
        f"article-page:{slug}:{timezone.localdate()}:{structured_data.origin(request)}",
        lambda: _article_shown(request, slug),
    )
    return render(request, "articles/detail.html", shown)


def _article_shown(request, slug: str) -> dict:
    article = get_object_or_404(Article.objects.published().with_related().defer("original_text"), slug=slug)
    public = Claim.objects.public().filter(article=article)
    in_order = public.select_related("framework", "topic").with_freshness().order_by("position", "pk")
    claims = list(in_order[:CLAIMS_SHOWN])
    # Counted only when the page cannot show them all: the rest are one link away.
    claim_count = len(claims) if len(claims) < CLAIMS_SHOWN else public.count()
    for claim in claims:
        # is_vendor and stale_reason read the article and its source: reuse the one loaded.
        claim.article = article
    claim_groups = _group_by_framework(claims)
    context = {
        "article": article,
        "outline": [(f.slug, f.name) for f, _claims in claim_groups],
        "claim_groups": claim_groups,
        "claim_count": claim_count,
        "claims_not_shown": claim_count - min(claim_count, CLAIMS_SHOWN),
    }
    return {
        "article": article,
        "claim_count": claim_count,
        "json_ld": structured_data.json_ld_block(
            structured_data.article_page(
                article, [c for _f, grouped in claim_groups for c in grouped], request.build_absolute_uri
            )
        ),
        "body": mark_safe(render_to_string("articles/_detail_body.html", context, request)),
    }


def _source_counts() -> dict[int, tuple[int, int]]:
    """{source id: (published articles, public claims)}, counted over every claim: once per
    content change."""
    articles = dict(Article.objects.published().values_list("source_id").annotate(n=Count("pk")).order_by())
    claims = dict(Claim.objects.public().values_list("article__source_id").annotate(n=Count("pk")).order_by())
    return {
        source: (articles.get(source, 0), claims.get(source, 0)) for source in articles.keys() | claims.keys()
    }


def source_list(request):
    counts = for_this_content("source-counts", _source_counts)
    sources = list(Source.objects.with_related().order_by("name"))
    for source in sources:
        source.article_count, source.claim_count = counts.get(source.pk, (0, 0))
    return render(request, "articles/sources.html", {"sources": sources})


def source_detail(request, slug):
    source = get_object_or_404(Source.objects.with_related(), slug=slug)
    articles = (
        source.articles.published()
        .without_text()
        .annotate(claim_count=Count("claims", filter=PUBLIC_CLAIM))
        .order_by(*NEWEST_FIRST)
    )
    claims = (
        Claim.objects.public()
        .filter(article__source=source)
        .select_related("framework", "topic", "article")
        .with_freshness()
        .defer(*ARTICLE_BODY_FIELDS)
        .order_by(*CLAIMS_NEWEST_FIRST)
    )
    page = Paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    for claim in page:
        claim.article.source = source  # for is_vendor, without joining the source again
    return render(
        request,
        "articles/source.html",
        {"source": source, "articles": articles, "page": page},
    )


def _listed_claims(request, ids: list[int]) -> list[tuple[str, str]]:
    """Each claim's row in the claims browser and its JSON-LD entity (structured_data.
    entity_json), rendered once per content change and day (claims turn stale by the day): a
    row shows only the claim, so every filter and page that lists it reuses it, and a page of
    claims is one cache read, with one query for the claims not remembered yet."""
    absolute = request.build_absolute_uri

    def render_missing(pks: list[int]) -> dict[int, tuple[str, str]]:
        return {
            pk: (
                provenance.claim(row, show_framework=True, show_article=True, show_source=True),
                structured_data.entity_json(structured_data.claim_model_entity(row, absolute)),
            )
            for pk, row in Claim.objects.for_lists().in_bulk(pks).items()
        }

    name = f"listed-claim:{timezone.localdate()}:{structured_data.origin(request)}"
    return list(rows_for_this_content(name, ids, render_missing).values())


def claim_list(request):
    claims = Claim.objects.public().order_by(*CLAIMS_NEWEST_FIRST)
    filterset = ClaimFilter(request.GET, queryset=claims, request=request)
    paginator = Paginator(filterset.qs.values_list("pk", flat=True), CLAIMS_PER_PAGE)
    # Counting every public claim a filter keeps is most of the page's work (23 ms at 60,000
    # claims): counted once per filter and content change, not again for each page of it.
    paginator.count = for_this_content(f"claim-count:{filterset.applied()}", lambda: paginator.count)
    page = paginator.get_page(request.GET.get("page"))
    shown = _listed_claims(request, list(page.object_list))
    return render(
        request,
        "articles/claims.html",
        {
            "filterset": filterset,
            "page": page,
            "rows": [row for row, _entity in shown],
            "json_ld_claims": [entity for _row, entity in shown],
        },
    )


def search(request):
    results = site_search.search(request.GET.get("q", ""))
    return render(request, "articles/search.html", {"results": results, "query": results.query})
