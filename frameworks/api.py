"""Read-only JSON: the shapes are public (product.md) and must not change.

Open data lists every framework, those an import created and no editor has accepted yet
included (marked "reviewed": false), with their claims: tools that check the importer read them
here, while readers' pages wait for an editor."""

from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone

from articles.models import Claim
from frameworks import consensus, freshness
from frameworks.filters import FrameworkFilter
from frameworks.lookup import framework_for_slug
from frameworks.models import Framework
from guide.caching import for_this_content
from guide.links import slug_url

PAGE_SIZE = 100


def framework_list(request):
    filterset = FrameworkFilter(
        request.GET, queryset=Framework.objects.order_by("name"), request=request, api=True
    )
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    page = filterset.page(request.GET.get("page"), PAGE_SIZE, with_counts=False)

    return JsonResponse(
        {
            "count": page.paginator.count,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number()) if page.has_previous() else None,
            "results": [
                {
                    "slug": framework.slug,
                    "name": framework.name,
                    "kind": framework.kind,
                    "reviewed": not framework.needs_review,
                    "url": request.build_absolute_uri(framework.get_absolute_url()),
                }
                for framework in page
            ],
        }
    )


CLAIMS_PER_PAGE = 100


def framework_detail(request, slug):
    try:
        # The framework with its count of claims and per-topic consensus: one cache read.
        entry = for_this_content(f"api-framework:{slug}", lambda: _framework_entry(slug))
    except Http404:
        return JsonResponse({"error": f"No framework called {slug!r}."}, status=404)
    framework = entry["framework"]
    if entry["is_alias"]:
        return redirect("api:framework", slug=framework.slug, permanent=True)
    # A popular framework has thousands of claims: they come a page at a time, each page
    # remembered until the content changes (and the day, which turns claims stale).
    paginator = Paginator((), CLAIMS_PER_PAGE)
    paginator.count = entry["claims_count"]
    page = paginator.get_page(request.GET.get("page"))
    today = timezone.localdate()
    claims = for_this_content(
        f"api-claims:{framework.pk}:{page.number}:{today}",
        lambda: _claims_page(framework, page.number, today),
    )
    origin = request.build_absolute_uri("/")[:-1]
    return JsonResponse(
        {
            "slug": framework.slug,
            "name": framework.name,
            "kind": framework.kind,
            "reviewed": not framework.needs_review,
            "aliases": [alias.name for alias in framework.aliases.all()],
            "website": framework.website,
            "url": origin + framework.get_absolute_url(),
            "facts": {fact.name: fact.as_json() for fact in framework.facts()},
            "consensus": entry["consensus"],
            "claims_count": paginator.count,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number()) if page.has_previous() else None,
            "claims": [{**claim, "url": origin + claim["url"]} for claim in claims],
        }
    )


def _framework_entry(slug: str) -> dict:
    framework, is_alias = framework_for_slug(slug, Framework.objects.with_related())
    if is_alias:
        return {"framework": framework, "is_alias": True}
    return {
        "framework": framework,
        "is_alias": False,
        "claims_count": _claim_rows(framework).count(),
        # Only the per-topic counts: the weighed evidence of a popular framework (every point)
        # takes longer to read back from the cache than to count again.
        "consensus": _consensus(framework),
    }


def _claim_rows(framework):
    """Plain rows, not model instances: their articles' bodies must not be loaded to list them."""
    return (
        Claim.objects.public(unreviewed_frameworks=True)
        .filter(framework=framework)
        .order_by(F("article__published").desc(nulls_last=True), "article_id", "position", "pk")
        .values(
            "pk", "kind", "topic__slug", "title", "text", "status", "verified_at", "point_id",
            "article__slug", "article__title", "article__published", "article__language",
            "article__source__slug", "article__source__affiliation_id",
        )
    )  # fmt: skip


def _claims_page(framework, number: int, today) -> list[dict]:
    """One page of the framework's claims, as the API shows them, with the path of each."""
    releases = freshness.major_releases().get(framework.pk, [])
    start = (number - 1) * CLAIMS_PER_PAGE
    rows = _claim_rows(framework)[start : start + CLAIMS_PER_PAGE]
    return [_claim(row, releases, today) for row in rows]


def _consensus(framework) -> list[dict]:
    topics = consensus.topics()
    evidence = consensus.weigh(consensus.load_rows([framework.pk], unreviewed=True))
    return [
        {
            "topic": topics[t.topic_id].slug if t.topic_id in topics else None,
            "pros": t.pros.as_json(),
            "cons": t.cons.as_json(),
            "features": t.features.as_json(),
            "contested": t.contested,
        }
        for t in sorted(evidence.topics, key=lambda t: (t.topic_id not in topics, -t.claims))
    ]


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _claim(claim: dict, releases: list[freshness.Release], today) -> dict:
    reason = freshness.reason(releases, claim["article__published"], today)
    return {
        "id": claim["pk"],
        "kind": claim["kind"],
        "topic": claim["topic__slug"],
        "title": claim["title"],
        "text": claim["text"],
        "status": claim["status"],
        "verified_at": claim["verified_at"],
        "vendor": claim["article__source__affiliation_id"] is not None,
        "stale": reason is not None,
        "stale_reason": reason,
        "point": claim["point_id"],
        "language": claim["article__language"],
        "article": {
            "slug": claim["article__slug"],
            "title": claim["article__title"],
            "published": claim["article__published"],
            "source": claim["article__source__slug"],
        },
        "url": f"{slug_url('articles:detail', claim['article__slug'])}#claim-{claim['pk']}",
    }
