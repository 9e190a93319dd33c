"""Reader pages for articles, sources, claims and search: the provenance side of the guide.

Every page loads what it shows in a fixed number of queries (tests/test_articles_pages.py locks
them): claims are fetched with their framework, topic and article joined, and counts are
annotations, so nothing in a template touches the database.
"""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles import search as site_search
from articles.filters import ArticleFilter, ClaimFilter
from articles.models import Article, Claim, Source, public_q
from articles.search import ARTICLE_BODY_FIELDS
from guide import structured_data
from guide.caching import for_this_content

ARTICLES_PER_PAGE = 20
CLAIMS_PER_PAGE = 50
CLAIMS_SHOWN = 100  # on an article's page; the claims browser pages through the rest

PUBLIC_CLAIM = public_q("claims__")
NEWEST_FIRST = (F("published").desc(nulls_last=True), "title", "pk")
CLAIMS_NEWEST_FIRST = (F("article__published").desc(nulls_last=True), "article_id", "position", "pk")


def _frameworks_by_article(articles) -> dict[int, list]:
    """Which frameworks each article makes public claims about: one query for the whole page."""
    rows = (
        Claim.objects.public()
        .filter(article__in=articles)
        .values_list("article_id", "framework__name", "framework__slug")
        .distinct()
        .order_by("article_id", "framework__name")
    )
    frameworks = defaultdict(list)
    for article_id, name, slug in rows:
        frameworks[article_id].append({"name": name, "slug": slug})
    return frameworks


def _with_frameworks(page):
    frameworks = _frameworks_by_article([article.pk for article in page])
    for article in page:
        article.framework_list = frameworks.get(article.pk, [])
    return page


def article_list(request):
    articles = (
        Article.objects.published()
        .with_related()
        .without_text()
        .annotate(claim_count=Count("claims", filter=PUBLIC_CLAIM))
        .order_by(*NEWEST_FIRST)
    )
    filterset = ArticleFilter(request.GET, queryset=articles, request=request)
    page = Paginator(filterset.qs, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/list.html", {"filterset": filterset, "page": _with_frameworks(page)})


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
        f"article-page:{slug}:{timezone.localdate()}", lambda: _article_shown(request, slug)
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


def source_list(request):
    sources = (
        Source.objects.with_related()
        .annotate(
            # distinct: the two counts join through the same rows and would multiply each other.
            article_count=Count("articles", filter=Q(articles__draft=False), distinct=True),
            claim_count=Count("articles__claims", filter=public_q("articles__claims__"), distinct=True),
        )
        .order_by("name")  # Meta.ordering is not applied to aggregate queries
    )
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


def claim_list(request):
    claims = Claim.objects.public().for_lists().order_by(*CLAIMS_NEWEST_FIRST)
    filterset = ClaimFilter(request.GET, queryset=claims, request=request)
    page = Paginator(filterset.qs, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/claims.html", {"filterset": filterset, "page": page})


def search(request):
    results = site_search.search(request.GET.get("q", ""))
    return render(request, "articles/search.html", {"results": results, "query": results.query})
