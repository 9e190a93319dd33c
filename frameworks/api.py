"""Read-only JSON: the shapes are public (product.md) and must not change."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect

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
    page = Paginator(filterset.qs.only("slug", "name", "kind"), PAGE_SIZE).get_page(request.GET.get("page"))

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
                    "url": request.build_absolute_uri(framework.get_absolute_url()),
                }
                for framework in page
            ],
        }
    )


def framework_detail(request, slug):
    framework, is_alias = framework_for_slug(slug, Framework.objects.with_related())
    if is_alias:
        return redirect("api:framework", slug=framework.slug, permanent=True)
    claims = (
        Claim.objects.public()
        .filter(framework=framework)
        .select_related("topic", "article", "article__source")
        .order_by("-article__published", "article_id", "position")
    )
    return JsonResponse(
        {
            "slug": framework.slug,
            "name": framework.name,
            "kind": framework.kind,
            "aliases": [alias.name for alias in framework.aliases.all()],
            "website": framework.website,
            "url": request.build_absolute_uri(framework.get_absolute_url()),
            "claims": [
                {
                    "id": claim.pk,
                    "kind": claim.kind,
                    "topic": claim.topic.slug if claim.topic else None,
                    "title": claim.title,
                    "text": claim.text,
                    "status": claim.status,
                    "article": {
                        "slug": claim.article.slug,
                        "title": claim.article.title,
                        "published": claim.article.published,
                        "source": claim.article.source.slug,
                    },
                    "url": request.build_absolute_uri(claim.get_absolute_url()),
                }
                for claim in claims
            ],
        }
    )
