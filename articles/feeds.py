from datetime import UTC, datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator

from articles.models import Article

FEED_SIZE = 30


class _Languages:
    """Items in another language than the feed's carry xml:lang, as both formats allow."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class LanguagesRssFeed(_Languages, Rss201rev2Feed):
    pass


class LanguagesAtomFeed(_Languages, Atom1Feed):
    pass


class LatestArticlesFeed(Feed):
    feed_type = LanguagesRssFeed
    language = settings.LANGUAGE_CODE
    title = "Framework Guide: latest articles"
    link = reverse_lazy("articles:list")
    description = "Articles about Python web frameworks, with the claims taken from them."

    def items(self):
        return (
            Article.objects.published()
            .with_related()
            .defer("original_text", "import_warnings")
            .order_by(F("published").desc(nulls_last=True), "-created_at")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers render the description as HTML: a plain-text description is escaped, and
        # the body (already sanitised) is cut with its tags kept balanced.
        if item.description:
            return escape(item.description)
        return Truncator(item.body_html).words(120, html=True)

    def item_author_name(self, item):
        return ", ".join(item.authors) or item.source.name

    def item_categories(self, item):
        return item.tags

    def item_pubdate(self, item):
        if item.published is None:
            return item.created_at
        return datetime.combine(item.published, time(), tzinfo=UTC)

    def item_updateddate(self, item):
        return item.updated_at

    def item_extra_kwargs(self, item):
        other = item.language and item.language != settings.LANGUAGE_CODE
        return {"language": item.language} if other else {}


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = LanguagesAtomFeed
    subtitle = LatestArticlesFeed.description
