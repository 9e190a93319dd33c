from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from articles.models import Article, Claim, Source


def article_list(request):
    articles = Article.objects.published().with_related()
    page = Paginator(articles, 30).get_page(request.GET.get("page"))
    return render(request, "articles/list.html", {"page": page})


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().with_related(), slug=slug)
    claims = Claim.objects.public().filter(article=article).select_related("framework", "topic")
    return render(request, "articles/detail.html", {"article": article, "claims": claims})


def source_list(request):
    return render(request, "articles/sources.html", {"sources": Source.objects.with_related()})


def source_detail(request, slug):
    source = get_object_or_404(Source.objects.with_related(), slug=slug)
    articles = source.articles.published()
    return render(request, "articles/source.html", {"source": source, "articles": articles})


def claim_list(request):
    claims = Claim.objects.public().with_related().order_by("-article__published", "position")
    page = Paginator(claims, 50).get_page(request.GET.get("page"))
    return render(request, "articles/claims.html", {"page": page})


def search(request):
    return render(request, "articles/search.html", {"query": request.GET.get("q", "")})
