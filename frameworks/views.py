from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from articles.models import Article, Claim, Source
from frameworks.filters import FrameworkFilter
from frameworks.lookup import framework_for_slug
from frameworks.models import Framework


def home(request):
    return render(
        request,
        "frameworks/home.html",
        {
            "framework_count": Framework.objects.frameworks().count(),
            "source_count": Source.objects.count(),
            "claim_count": Claim.objects.public().count(),
            "latest_articles": Article.objects.published().with_related()[:5],
        },
    )


def framework_list(request):
    filterset = FrameworkFilter(request.GET, queryset=Framework.objects.all(), request=request)
    page = Paginator(filterset.qs, 30).get_page(request.GET.get("page"))
    return render(request, "frameworks/list.html", {"filterset": filterset, "page": page})


def framework_detail(request, slug):
    framework, is_alias = framework_for_slug(slug, Framework.objects.with_related())
    if is_alias:
        return redirect(framework, permanent=True)
    claims = Claim.objects.public().filter(framework=framework).with_related()
    return render(request, "frameworks/detail.html", {"framework": framework, "claims": claims})


def compare(request):
    return render(request, "frameworks/compare.html", {})
