from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Claim
from frameworks.merging import merge_frameworks, plan_merge
from frameworks.models import CAPABILITIES, FactValue, Framework, FrameworkAlias, MajorRelease, Topic
from guide.admin_locking import VersionedAdminMixin, VersionedForm, bulk_change


class FrameworkAliasInline(admin.TabularInline):
    model = FrameworkAlias
    extra = 1
    fields = ["name"]


class MajorReleaseInline(admin.TabularInline):
    model = MajorRelease
    extra = 1
    fields = ["version", "released", "notes_url"]
    verbose_name_plural = "major releases (claims written before one are marked possibly stale)"


class FrameworkForm(VersionedForm):
    """A fact an editor sets or changes needs its source and the date it was read: every fact a
    reader sees says where it comes from. Facts nobody touches keep what they have."""

    def clean(self):
        cleaned = super().clean()
        for name, label in CAPABILITIES:
            parts = [name, f"{name}_source", f"{name}_checked"]
            if not set(parts) & set(self.changed_data) or cleaned.get(name) in (None, FactValue.UNKNOWN):
                continue
            if not cleaned.get(f"{name}_source"):
                self.add_error(f"{name}_source", f"Where does “{label}” come from? Link the docs page.")
            if not cleaned.get(f"{name}_checked"):
                self.add_error(f"{name}_checked", "When was the source read?")
        return cleaned


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        Framework.objects.all(),
        label="Merge into",
        help_text="The framework that stays. The selected ones become its aliases.",
    )
    confirm = forms.BooleanField(
        label="Move the claims, names and affiliations listed above, then delete the duplicates",
    )


@admin.register(Framework)
class FrameworkAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "name", "kind", "interface", "first_release", "public_claims", "needs_review", "updated_at",
    ]  # fmt: skip
    list_filter = ["needs_review", "kind", "interface", "has_orm", "has_admin", "native_async"]
    search_fields = ["name", "aliases__name", "tagline"]
    prepopulated_fields = {"slug": ["name"]}
    form = FrameworkForm
    inlines = [FrameworkAliasInline, MajorReleaseInline]
    actions = ["accept", "merge"]
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "tagline", "needs_review"]}),
        ("Description", {"fields": ["description"]}),
        (
            "Facts",
            {"fields": ["website", "docs_url", "repository", "license", "first_release", "interface"]},
        ),
        (
            "Capabilities",
            {
                "description": "Each fact from the framework's own documentation: its value, the page "
                "that says so, the day you read it, and for a partial, what is missing.",
                "fields": [
                    (name, f"{name}_source", f"{name}_checked", f"{name}_note") for name, _ in CAPABILITIES
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        # What readers see (or will, once the framework is accepted): the one public rule.
        public = (
            Claim.objects.public(unreviewed_frameworks=True)
            .filter(framework=OuterRef("pk"))
            .order_by()
            .values("framework")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return super().get_queryset(request).annotate(public_claim_count=Coalesce(Subquery(public), 0))

    def save_model(self, request, obj, form, change):
        if "_accept" in request.POST:  # "Save and accept" on the change form
            obj.needs_review = False
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            obj.claims.all().refresh_search_vectors()  # claims are found by their framework's name

    @admin.display(description="Public claims", ordering="public_claim_count")
    def public_claims(self, obj):
        return obj.public_claim_count

    @admin.action(description="Accept selected (show them to readers)", permissions=["change"])
    def accept(self, request, queryset):
        count = bulk_change(request, queryset, "Bulk action: accepted", needs_review=False)
        self.message_user(
            request, f"Accepted {count} framework{'s' if count != 1 else ''}: readers can see them now."
        )

    @admin.action(description="Merge selected into another framework…", permissions=["change"])
    def merge(self, request, queryset):
        """Asks which framework stays, shows what will move, and merges in one transaction."""
        duplicates = list(queryset.order_by("name"))
        form = MergeForm(request.POST if "apply" in request.POST else None)
        plans = [plan_merge(duplicate) for duplicate in duplicates]
        if any(plan.sources for plan in plans) and not request.user.has_perm("articles.change_affiliation"):
            self.message_user(
                request,
                "Sources are affiliated with a framework you selected; moving an affiliation is a "
                "senior editor's decision. Ask one to merge these, or to change the sources first.",
                messages.ERROR,
            )
            return None
        if form.is_valid():
            target = form.cleaned_data["target"]
            with transaction.atomic():
                merged = [
                    merge_frameworks(duplicate, target, user=request.user)
                    for duplicate in duplicates
                    if duplicate.pk != target.pk
                ]
            if merged:
                names = ", ".join(f"{plan.name} ({plan.claims} claims)" for plan in merged)
                self.message_user(
                    request,
                    f"Merged {names} into {target.name}. Their names are now aliases and their old "
                    "pages redirect.",
                    messages.SUCCESS,
                )
            return None
        return TemplateResponse(
            request,
            "admin/merge_frameworks.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge frameworks",
                "form": form,
                "plans": plans,
                "opts": self.model._meta,
            },
        )


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "keywords"]
    list_editable = ["position"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            obj.claims.all().refresh_search_vectors()  # claims are found by their topic's name
