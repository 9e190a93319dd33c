from django.contrib import admin
from django.db.models import Count
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from articles.models import Article, Claim, Source

# Changing any of these marks a claim as edited by an editor.
EDITED_FIELDS = {"framework", "kind", "topic", "title", "text", "status"}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "affiliation", "article_count", "homepage"]
    list_filter = ["kind", ("affiliation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["affiliation"]
    search_fields = ["name", "homepage"]
    autocomplete_fields = ["affiliation"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_articles=Count("articles"))

    @admin.display(description="Articles", ordering="num_articles")
    def article_count(self, obj):
        return obj.num_articles

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm("articles.change_affiliation"):
            return []
        return ["affiliation"]


class ClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    fields = ["framework", "kind", "topic", "title", "status", "edited", "withdrawn", "line"]
    readonly_fields = ["framework", "topic", "edited", "withdrawn", "line"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("framework", "topic")

    def has_add_permission(self, request, obj):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published", "claim_count", "import_status", "draft"]
    list_filter = ["import_status", "draft", ("source", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["source"]
    search_fields = ["title", "slug", "description"]
    autocomplete_fields = ["source"]
    date_hierarchy = "published"
    inlines = [ClaimInline]
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    readonly_fields = ["source_path", "content_hash", "import_status", "imported_at", "warnings"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "source", "authors", "published", "draft", "edited"]}),
        ("Content", {"fields": ["description", "tags", "canonical_url", "body"]}),
        (
            "Import",
            {
                "classes": ["collapse"],
                "fields": [
                    "source_path",
                    "content_hash",
                    "import_status",
                    "imported_at",
                    "warnings",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_claims=Count("claims"))

    @admin.display(description="Claims", ordering="num_claims")
    def claim_count(self, obj):
        return obj.num_claims

    def save_model(self, request, obj, form, change):
        if change and form.changed_data:
            obj.edited = True
        super().save_model(request, obj, form, change)

    @admin.display(description="Import warnings")
    def warnings(self, obj):
        return "\n".join(obj.import_warnings) or "None"


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["title", "framework", "kind", "topic", "status", "edited", "article", "line"]
    list_filter = ["status", "kind", "topic", "edited", "withdrawn"]
    list_select_related = ["framework", "topic", "article"]
    search_fields = ["title", "text", "framework__name", "article__title"]
    autocomplete_fields = ["framework", "article", "topic"]
    readonly_fields = ["heading", "line", "edited", "withdrawn", "imported_title", "imported_text"]
    fieldsets = [
        (None, {"fields": ["framework", "kind", "topic", "title", "text", "status"]}),
        (
            "Provenance",
            {"fields": ["article", "heading", "line", "edited", "withdrawn"]},
        ),
        (
            "As last imported",
            {"classes": ["collapse"], "fields": ["imported_title", "imported_text"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        # An editor's version must survive re-imports of the article.
        if change and set(form.changed_data) & EDITED_FIELDS:
            obj.edited = True
        super().save_model(request, obj, form, change)
