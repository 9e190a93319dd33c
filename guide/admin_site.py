"""The editors' admin: Django's, plus the review counts on the index and the coverage dashboard."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone


class GuideAdminSite(admin.AdminSite):
    site_header = "Framework Guide editors"
    site_title = "Framework Guide admin"
    index_title = "Curate frameworks, sources, articles and claims"

    def get_urls(self):
        return [path("coverage/", self.admin_view(self.coverage_view), name="coverage"), *super().get_urls()]

    def index(self, request, extra_context=None):
        from articles.models import Claim
        from frameworks.models import Framework

        extra_context = {
            **(extra_context or {}),
            "claims_awaiting_review": Claim.objects.awaiting_review().count(),
            "claims_held": Claim.objects.awaiting_review().held().count(),
            "frameworks_needing_review": Framework.objects.needing_review().count(),
        }
        return super().index(request, extra_context)

    def coverage_view(self, request):
        from frameworks.coverage import coverage

        rows, most_unreviewed = coverage(timezone.localdate())
        context = {
            **self.each_context(request),
            "title": "Coverage",
            "rows": [row for row in rows if row.needs_attention],
            "most_unreviewed": most_unreviewed,
            "claims_url": reverse("admin:articles_claim_changelist"),
        }
        return TemplateResponse(request, "admin/coverage.html", context)
