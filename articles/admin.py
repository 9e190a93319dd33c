import copy
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, models, transaction
from django.db.models import Count
from django.http import QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from articles.admin_points import GROUPED_FIELDS, regroup, split_into_new_point
from articles.importing import Importer, wait_for_the_disk
from articles.models import Article, Claim, ClaimStatus, Source, review_changes
from articles.review import next_to_review, passage
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
    list_display = ["name", "kind", "affiliation", "hold_for_review", "article_count", "homepage"]
    list_filter = ["kind", "hold_for_review", ("affiliation", admin.RelatedOnlyFieldListFilter)]
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
        try:
            wait_for_the_disk()
        except DatabaseError as exc:
            self.message_user(
                request,
                f"The database did not confirm that these re-imports are on its disk ({exc}): run it again.",
                messages.ERROR,
            )


class EvidenceFilter(admin.SimpleListFilter):
    title = "evidence"
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return [
            ("contested", "Contested topic"),
            ("single", "Single source"),
            ("stale", "Possibly stale (a major release since, or over three years old)"),
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


class ReviewForm(forms.Form):
    """One decision on the review screen, about the version of the claim the editor read."""

    decision = forms.ChoiceField(choices=[("verify", "Verify"), ("reject", "Reject"), ("topic", "Set topic")])
    topic = forms.ModelChoiceField(Topic.objects.all(), required=False, empty_label="No topic")
    version = forms.IntegerField(widget=forms.HiddenInput)


# Claim texts are one line of markdown, but a bad import can make one a paragraph: the review
# queue shows the start, the review screen all of it.
LIST_TEXT_CHARS = 280


@admin.register(Claim)
class ClaimAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    # What the claim says, about what and from whom in one column, so the queue reads at laptop
    # widths beside the admin's two sidebars.
    list_display = ["claim", "topic", "status"]
    list_display_links = ["claim"]
    list_filter = [
        "status",
        "kind",
        "topic",
        ("framework", admin.RelatedOnlyFieldListFilter),
        ("article__source", admin.RelatedOnlyFieldListFilter),
        "article__source__hold_for_review",
        "edited",
        "withdrawn",
        EvidenceFilter,
    ]
    list_select_related = ["framework", "topic", "article", "article__source"]
    search_fields = ["title", "text", "framework__name", "article__title"]
    autocomplete_fields = ["framework", "article", "topic"]
    readonly_fields = ["point", "heading", "line", "edited", "withdrawn", "imported_title", "imported_text"]
    actions = [
        "verify",
        "reject",
        "set_topic",
        "move_to_framework",
        split_into_new_point,
        "withdraw",
        "restore",
    ]
    # Claim texts are one-line markdown (`code`, *emphasis*, links): edit them with a preview.
    formfield_overrides = {models.TextField: {"widget": AdminMarkdownxWidget(attrs={"rows": 4})}}
    fieldsets = [
        (None, {"fields": ["framework", "kind", "topic", "title", "text", "status"]}),
        ("Provenance", {"fields": ["article", "heading", "line", "point", "edited", "withdrawn"]}),
        ("As last imported", {"classes": ["collapse"], "fields": ["imported_title", "imported_text"]}),
    ]

    @admin.display(description="Claim", ordering="title")
    def claim(self, obj):
        return format_html(
            '<strong class="claim-title">{}</strong><span class="claim-text">{}</span>'
            '<span class="claim-meta">{} about {} · {}</span>',
            obj.title,
            Truncator(obj.text).chars(LIST_TEXT_CHARS),
            obj.get_kind_display(),
            obj.framework,
            obj.article.source,
        )

    def get_list_display(self, request):
        # The review link carries the list's filters, so "next" on the review screen stays in
        # the list the editor was working through.
        filters = request.GET.urlencode()

        @admin.display(description="Review")
        def review(obj):
            return format_html('<a href="{}">Review</a>', self._review_url(obj, filters))

        return [*super().get_list_display(request), review]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("review/", view(self.review_first_view), name="articles_claim_review_first"),
            path("<path:object_id>/review/", view(self.review_view), name="articles_claim_review"),
            *super().get_urls(),
        ]

    def has_delete_permission(self, request, obj=None):
        # Claims are withdrawn, never deleted: the roles have no delete permission on them, and
        # only a superuser is offered it (so an editor cannot delete an article's claims with it).
        return request.user.is_superuser

    @staticmethod
    def _review_url(claim, filters: str) -> str:
        url = reverse("admin:articles_claim_review", args=[claim.pk])
        return f"{url}?{urlencode({'_changelist_filters': filters})}" if filters else url

    def _changelist_url(self, filters: str) -> str:
        url = reverse("admin:articles_claim_changelist")
        return f"{url}?{filters}" if filters else url

    def _queue(self, request, filters: str):
        """The claims the changelist shows under `filters` (its query string): the same list
        filters, search and permissions, so "next" follows the list the editor came from."""
        listing = copy.copy(request)
        listing.GET = QueryDict(filters)
        try:
            return self.get_changelist_instance(listing).get_queryset(listing)
        except IncorrectLookupParameters:
            return self.get_queryset(request)

    def review_first_view(self, request):
        """Start reviewing the claims of the list the editor is looking at."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        filters = request.GET.urlencode()
        first = next_to_review(self._queue(request, filters))
        if first is None:
            self.message_user(request, "No claim in this list is awaiting review.", messages.INFO)
            return redirect(self._changelist_url(filters))
        return redirect(self._review_url(first, filters))

    def review_view(self, request, object_id):
        """The claim beside the passage of the article it came from, with the decisions."""
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        filters = request.GET.get("_changelist_filters", "")
        if request.method == "POST":
            if not self.has_change_permission(request, claim):
                raise PermissionDenied
            form = ReviewForm(request.POST)
            if form.is_valid():
                return self._decide(request, claim, form.cleaned_data, filters)
            self.message_user(request, "That decision could not be read; nothing changed.", messages.ERROR)
        following = next_to_review(self._queue(request, filters), after=claim)
        article = claim.article
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review: {claim.label}",
            "opts": self.opts,
            "claim": claim,
            "article": article,
            "passage": passage(article.original_text, claim.line),
            "form": ReviewForm(initial={"topic": claim.topic_id, "version": claim.version}),
            "can_change": self.has_change_permission(request, claim),
            "next_url": self._review_url(following, filters) if following else None,
            "changelist_url": self._changelist_url(filters),
            "change_url": reverse("admin:articles_claim_change", args=[claim.pk]),
        }
        return TemplateResponse(request, "admin/articles/claim/review.html", context)

    def _decide(self, request, claim, data, filters: str):
        """Apply one decision under the claim's row lock, unless someone changed it meanwhile."""
        here = self._review_url(claim, filters)
        one = Claim.objects.filter(pk=claim.pk)
        with transaction.atomic():
            if one.select_for_update().values_list("version", flat=True).first() != data["version"]:
                self.message_user(
                    request,
                    "Someone changed this claim after you opened it: nothing was changed. Here it is "
                    "as it is now; decide again.",
                    messages.ERROR,
                )
                return redirect(here)
            if data["decision"] == "topic":
                topic = data["topic"]
                bulk_change(
                    request,
                    one,
                    f"Review: topic set to {topic or 'none'}",
                    derive=regroup,
                    edited=True,
                    topic=topic,
                )
                self.message_user(request, f"Topic set to {topic or 'none'}.", messages.SUCCESS)
                return redirect(here)
            verb, status = {
                "verify": ("Verified", ClaimStatus.VERIFIED),
                "reject": ("Rejected", ClaimStatus.REJECTED),
            }[data["decision"]]
            bulk_change(request, one, f"Review: {verb.lower()}", edited=True, **review_changes(status))
        self.message_user(request, f"{verb} “{claim.label}”.", messages.SUCCESS)
        following = next_to_review(self._queue(request, filters), after=claim)
        if following is None:
            self.message_user(request, "Nothing else in this list is awaiting review.", messages.INFO)
            return redirect(self._changelist_url(filters))
        return redirect(self._review_url(following, filters))

    def save_model(self, request, obj, form, change):
        if change and set(form.changed_data) & EDITED_FIELDS:
            obj.edited = True
        super().save_model(request, obj, form, change)

    def _bulk(self, request, queryset, verb, **changes):
        count = bulk_change(
            request,
            queryset,
            f"Bulk action: {verb}",
            derive=regroup if changes.keys() & GROUPED_FIELDS else None,
            edited=True,
            **changes,
        )
        self.message_user(request, f"{verb} {count} claim{'s' if count != 1 else ''}.", messages.SUCCESS)

    @admin.action(description="Verify selected claims", permissions=["change"])
    def verify(self, request, queryset):
        self._bulk(request, queryset, "Verified", **review_changes(ClaimStatus.VERIFIED))

    @admin.action(description="Reject selected claims", permissions=["change"])
    def reject(self, request, queryset):
        self._bulk(request, queryset, "Rejected", **review_changes(ClaimStatus.REJECTED))

    @admin.action(description="Withdraw selected claims (hide them from readers)", permissions=["change"])
    def withdraw(self, request, queryset):
        self._bulk(request, queryset, "Withdrew", withdrawn=True)

    @admin.action(description="Restore selected withdrawn claims", permissions=["change"])
    def restore(self, request, queryset):
        self._bulk(request, queryset, "Restored", withdrawn=False)

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
