from django.contrib import admin
from django.db.models import Count, Q
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from frameworks.models import Framework, FrameworkAlias, Topic


class FrameworkAliasInline(admin.TabularInline):
    model = FrameworkAlias
    extra = 1
    fields = ["name"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = [
        "name", "kind", "interface", "first_release", "public_claims", "needs_review", "updated_at",
    ]  # fmt: skip
    list_filter = ["needs_review", "kind", "interface", "has_orm", "has_admin", "native_async"]
    search_fields = ["name", "aliases__name", "tagline"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FrameworkAliasInline]
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "tagline", "needs_review"]}),
        ("Description", {"fields": ["description"]}),
        (
            "Facts",
            {
                "fields": [
                    "website",
                    "docs_url",
                    "repository",
                    "license",
                    "first_release",
                    "interface",
                ]
            },
        ),
        (
            "Capabilities",
            {
                "fields": [
                    ("has_orm", "has_admin", "has_auth", "native_async"),
                    ("has_templating", "auto_api_docs", "pure_python_ui", "websockets"),
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                public_claim_count=Count(
                    "claims", filter=Q(claims__withdrawn=False) & ~Q(claims__status="rejected")
                )
            )
        )

    @admin.display(description="Claims", ordering="public_claim_count")
    def public_claims(self, obj):
        return obj.public_claim_count


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "keywords"]
    list_editable = ["position"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}
