"""Read-only JSON: the shapes are public (product.md) and must not change.

Open data lists every framework, those an import created and no editor has accepted yet
included (marked "reviewed": false), with their claims: tools that check the importer read them
here, while readers' pages wait for an editor."""

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from articles.models import Claim
from frameworks.filters import FrameworkFilter
from frameworks.lookup import framework_for_slug
from frameworks.models import Framework

PAGE_SIZE = 100


def framework_list(request):
    filterset = FrameworkFilter(
        request.GET, queryset=Framework.objects.order_by("name"), request=request, api=True
    )
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    page = Paginator(filterset.qs.only("slug", "name", "kind", "needs_review"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )

    def page_url(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return JsonResponse(
        {
            "count": page.paginator.count,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
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


def framework_detail(request, slug):
    try:
        framework, is_alias = framework_for_slug(slug, Framework.objects.with_related())
    except Http404:
        return JsonResponse({"error": f"No framework called {slug!r}."}, status=404)
    if is_alias:
        return redirect("api:framework", slug=framework.slug, permanent=True)
    # Plain rows, not model instances: a framework can have thousands of claims, and their
    # articles' bodies must not be loaded to list them.
    claims = (
        Claim.objects.public(unreviewed_frameworks=True)
        .filter(framework=framework)
        .order_by("-article__published", "article_id", "position")
        .values(
            "pk", "kind", "topic__slug", "title", "text", "status", "verified_at", "article__slug",
            "article__title", "article__published", "article__source__slug",
        )
    )  # fmt: skip
    article_url = request.build_absolute_uri(reverse("articles:detail", args=["SLUG"]))
    return JsonResponse(
        {
            "slug": framework.slug,
            "name": framework.name,
            "kind": framework.kind,
            "reviewed": not framework.needs_review,
            "aliases": [alias.name for alias in framework.aliases.all()],
            "website": framework.website,
            "url": request.build_absolute_uri(framework.get_absolute_url()),
            "claims": [
                {
                    "id": claim["pk"],
                    "kind": claim["kind"],
                    "topic": claim["topic__slug"],
                    "title": claim["title"],
                    "text": claim["text"],
                    "status": claim["status"],
                    "verified_at": claim["verified_at"],
                    "article": {
                        "slug": claim["article__slug"],
                        "title": claim["article__title"],
                        "published": claim["article__published"],
                        "source": claim["article__source__slug"],
                    },
                    "url": f"{article_url.replace('SLUG', claim['article__slug'])}#claim-{claim['pk']}",
                }
                for claim in claims
            ],
        }
    )
