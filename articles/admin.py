from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from articles.importing import Importer
from articles.models import Article, Claim, ClaimStatus, Source
from frameworks.models import Framework, Topic
from guide.admin_locking import VersionedAdminMixin, bulk_change

# Changing any of these marks a claim as edited by an editor, so re-imports keep it.
EDITED_FIELDS = {"framework", "kind", "topic", "title", "text", "status"}
ARTICLE_CONTENT_FIELDS = {
    "title",
    "authors",
    "published",
    "canonical_url",
    "description",
    "tags",
    "body",
    "draft",
}


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
    readonly_fields = ["framework", "kind", "topic", "title", "status", "edited", "withdrawn", "line"]
    show_change_link = True
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("framework", "topic")

    def has_add_permission(self, request, obj):
        return False


@admin.register(Article)
class ArticleAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "source", "published", "claim_count", "import_status", "edited", "draft"]
    list_filter = ["import_status", "edited", "draft", ("source", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["source"]
    search_fields = ["title", "slug", "description"]
    autocomplete_fields = ["source"]
    date_hierarchy = "published"
    inlines = [ClaimInline]
    actions = ["reimport"]
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    readonly_fields = ["source_path", "content_hash", "import_status", "imported_at", "warnings"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "source", "authors", "published", "draft", "edited"]}),
        ("Content", {"fields": ["description", "tags", "canonical_url", "body"]}),
        (
            "Import",
            {
                "classes": ["collapse"],
                "fields": ["source_path", "content_hash", "import_status", "imported_at", "warnings"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_claims=Count("claims"))

    @admin.display(description="Claims", ordering="num_claims")
    def claim_count(self, obj):
        return obj.num_claims

    @admin.display(description="Import warnings")
    def warnings(self, obj):
        return "\n".join(obj.import_warnings) or "None"

    def save_model(self, request, obj, form, change):
        if change and set(form.changed_data) & ARTICLE_CONTENT_FIELDS:
            obj.edited = True  # a re-import keeps the editor's version
        super().save_model(request, obj, form, change)

    @admin.action(description="Re-import from the stored original text", permissions=["change"])
    def reimport(self, request, queryset):
        importer = Importer()
        for article in queryset.select_related("source"):
            report = importer.import_bytes(
                article.source_path or article.slug, article.original_text.encode("utf-8"), force=True
            )
            if report.status == "failed":
                self.message_user(request, f"{article.title}: {report.error}", messages.ERROR)
                continue
            summary = (
                f"{article.title}: {report.status}; claims {report.claims_created} new, "
                f"{report.claims_updated} updated, {report.claims_unchanged} unchanged, "
                f"{report.claims_withdrawn} withdrawn"
            )
            if report.frameworks_created:
                summary += f"; new frameworks to review: {', '.join(report.frameworks_created)}"
            level = messages.WARNING if report.conflicts else messages.SUCCESS
            self.message_user(request, summary, level)
            for conflict in report.conflicts:
                self.message_user(
                    request, f"{article.title}: kept the editor's version: {conflict}", messages.WARNING
                )


class EvidenceFilter(admin.SimpleListFilter):
    title = "evidence"
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return [
            ("contested", "Contested topic"),
            ("single", "Single source"),
            ("stale", "Possibly stale (older than 18 months)"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "contested":
            return queryset.contested()
        if self.value() == "single":
            return queryset.single_source()
        if self.value() == "stale":
            return queryset.stale()
        return queryset


class TopicChoiceForm(forms.Form):
    topic = forms.ModelChoiceField(Topic.objects.all(), help_text="The topic for every selected claim.")


class FrameworkChoiceForm(forms.Form):
    framework = forms.ModelChoiceField(
        Framework.objects.all(), help_text="The framework the selected claims are really about."
    )


@admin.register(Claim)
class ClaimAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "framework", "kind", "topic", "status", "edited", "source", "article", "line"]
    list_filter = [
        "status",
        "kind",
        "topic",
        ("framework", admin.RelatedOnlyFieldListFilter),
        ("article__source", admin.RelatedOnlyFieldListFilter),
        "edited",
        "withdrawn",
        EvidenceFilter,
    ]
    list_select_related = ["framework", "topic", "article", "article__source"]
    search_fields = ["title", "text", "framework__name", "article__title"]
    autocomplete_fields = ["framework", "article", "topic"]
    readonly_fields = ["heading", "line", "edited", "withdrawn", "imported_title", "imported_text"]
    actions = ["verify", "reject", "set_topic", "move_to_framework"]
    # Claim texts are one-line markdown (`code`, *emphasis*, links): edit them with a preview.
    formfield_overrides = {models.TextField: {"widget": AdminMarkdownxWidget(attrs={"rows": 4})}}
    fieldsets = [
        (None, {"fields": ["framework", "kind", "topic", "title", "text", "status"]}),
        ("Provenance", {"fields": ["article", "heading", "line", "edited", "withdrawn"]}),
        ("As last imported", {"classes": ["collapse"], "fields": ["imported_title", "imported_text"]}),
    ]

    @admin.display(description="Source", ordering="article__source__name")
    def source(self, obj):
        return obj.article.source

    def save_model(self, request, obj, form, change):
        if change and set(form.changed_data) & EDITED_FIELDS:
            obj.edited = True
        super().save_model(request, obj, form, change)

    def _bulk(self, request, queryset, verb, **changes):
        count = bulk_change(request, queryset, f"Bulk action: {verb}", edited=True, **changes)
        self.message_user(request, f"{verb} {count} claim{'s' if count != 1 else ''}.", messages.SUCCESS)

    @admin.action(description="Verify selected claims", permissions=["change"])
    def verify(self, request, queryset):
        self._bulk(request, queryset, "Verified", status=ClaimStatus.VERIFIED)

    @admin.action(description="Reject selected claims", permissions=["change"])
    def reject(self, request, queryset):
        self._bulk(request, queryset, "Rejected", status=ClaimStatus.REJECTED)

    @admin.action(description="Set the topic of selected claims…", permissions=["change"])
    def set_topic(self, request, queryset):
        return self._with_choice(request, queryset, TopicChoiceForm, "set_topic", "topic", "Set the topic of")

    @admin.action(description="Move selected claims to another framework…", permissions=["change"])
    def move_to_framework(self, request, queryset):
        return self._with_choice(
            request, queryset, FrameworkChoiceForm, "move_to_framework", "framework", "Moved"
        )

    def _with_choice(self, request, queryset, form_class, action, field, verb):
        """An action that first asks for a value, then applies it to every selected claim."""
        form = form_class(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            value = form.cleaned_data[field]
            self._bulk(request, queryset, f"{verb} ({value})", **{field: value})
            return None
        return TemplateResponse(
            request,
            "admin/claims_action_form.html",
            {
                **self.admin_site.each_context(request),
                "title": verb.rstrip() + " claims",
                "form": form,
                "action": action,
                "claims": queryset.select_related("framework", "article"),
                "opts": self.model._meta,
            },
        )
