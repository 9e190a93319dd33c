from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Source
from frameworks.models import Framework


class StaticSitemap(Sitemap):
    def items(self):
        return ["home", "frameworks:list", "articles:list", "articles:sources", "articles:claims"]

    def location(self, item):
        return reverse(item)


class FrameworkSitemap(Sitemap):
    def items(self):
        # Resources (package indexes, course sites) have pages, but are not what the guide is for.
        return Framework.objects.public().frameworks().only("slug", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at


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
    "articles": ArticleSitemap,
    "sources": SourceSitemap,
}
