from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article


class LatestArticlesFeed(Feed):
    title = "Framework Guide: latest articles"
    link = reverse_lazy("articles:list")
    description = "Articles about Python web frameworks, with the claims taken from them."

    def items(self):
        return Article.objects.published().with_related()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description or item.body_html[:2000]

    def item_author_name(self, item):
        return ", ".join(item.authors) or item.source.name

    def item_pubdate(self, item):
        if item.published is None:
            return item.created_at
        return datetime.combine(item.published, time(), tzinfo=UTC)

    def item_updateddate(self, item):
        return item.updated_at


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
