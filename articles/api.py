"""Read-only JSON: the shapes are public (product.md) and must not change."""

from django.http import JsonResponse

from articles.models import Article, Claim


def article_detail(request, slug):
    article = Article.objects.published().with_related().defer("original_text", "body", "body_html")
    article = article.filter(slug=slug).first()
    if article is None:
        # JSON clients get a JSON 404, not the HTML error page; drafts are indistinguishable.
        return JsonResponse({"detail": "No published article with this slug."}, status=404)
    # Open data: claims about frameworks no editor has accepted yet too (see frameworks/api.py).
    claims = Claim.objects.public(unreviewed_frameworks=True).filter(article=article)
    framework_slugs = list(
        claims.order_by("framework__slug").values_list("framework__slug", flat=True).distinct()
    )
    return JsonResponse(
        {
            "slug": article.slug,
            "title": article.title,
            "authors": article.authors,
            "published": article.published,
            "source": article.source.slug,
            "source_affiliation": article.source.affiliation.slug if article.source.affiliation else None,
            "canonical_url": article.canonical_url,
            "description": article.description,
            "tags": article.tags,
            "language": article.language,
            "frameworks": framework_slugs,
            "claims_count": claims.count(),
            "url": request.build_absolute_uri(article.get_absolute_url()),
        }
    )
