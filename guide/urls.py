from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView, TemplateView
from markdownx.views import MarkdownifyView

from articles.feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from frameworks import views as framework_views
from guide import readme
from guide.health import healthz
from guide.sitemaps import SITEMAPS

urlpatterns = [
    path("", framework_views.home, name="home"),
    path("", include("frameworks.urls")),
    path("", include("articles.urls")),
    path("api/", include("guide.api_urls")),
    path("evidence/", readme.how_to_read_the_evidence, name="evidence"),
    path("feeds/articles/", LatestArticlesFeed(), name="feed-articles"),
    path("feeds/articles/atom/", LatestArticlesAtomFeed(), name="feed-articles-atom"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # Only the editor's live preview; image upload from the editor is switched off.
    path(
        "markdownx/markdownify/",
        staff_member_required(MarkdownifyView.as_view()),
        name="markdownx_markdownify",
    ),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that do not name an icon (the admin's).
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"), permanent=True)),
]
