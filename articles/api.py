"""Read-only JSON: the shapes are public (product.md) and must not change."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from articles.models import Article, Claim


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().with_related(), slug=slug)
    public_claims = Claim.objects.public().filter(article=article)
    framework_slugs = (
        public_claims.order_by("framework__slug").values_list("framework__slug", flat=True).distinct()
    )
    return JsonResponse(
        {
            "slug": article.slug,
            "title": article.title,
            "authors": article.authors,
            "published": article.published,
            "source": article.source.slug,
            "canonical_url": article.canonical_url,
            "tags": article.tags,
            "frameworks": list(framework_slugs),
            "claims_count": public_claims.count(),
            "url": request.build_absolute_uri(article.get_absolute_url()),
        }
    )
