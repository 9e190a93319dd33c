from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Source
from frameworks import comparison
from frameworks.models import Framework


def listed_frameworks():
    """Frameworks worth a search engine's visit: not resources (a course marketplace is not what
    anyone searches this site for) and not ones the importer created and no editor has checked."""
    return Framework.objects.public().frameworks()


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "frameworks:list",
            "frameworks:choose",
            "articles:list",
            "articles:sources",
            "articles:claims",
        ]

    def location(self, item):
        return reverse(item)


class FrameworkSitemap(Sitemap):
    def items(self):
        return listed_frameworks().only("slug", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at


class ComparisonSitemap(Sitemap):
    """The popular comparisons whose frameworks all exist, at their canonical (sorted) address."""

    def items(self):
        slugs = {slug for trio in comparison.POPULAR_COMPARISONS for slug in trio}
        names = dict(listed_frameworks().filter(slug__in=slugs).values_list("slug", "name"))
        return [[slug for slug, _name in trio] for trio in comparison.popular_with_names(names)]

    def location(self, item):
        return comparison.canonical_path(item)


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at


class SourceSitemap(Sitemap):
    def items(self):
        return Source.objects.only("slug")


SITEMAPS = {
    "pages": StaticSitemap,
    "frameworks": FrameworkSitemap,
    "comparisons": ComparisonSitemap,
    "articles": ArticleSitemap,
    "sources": SourceSitemap,
}
