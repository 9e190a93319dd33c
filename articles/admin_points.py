"""Points in the admin: what each one groups, and an editor's merge and split.

The importer groups claims it can tell say the same thing; an editor merges what it could not
(the same point in two languages, in other words) and splits what it grouped wrongly. Both go
into the admin's "Recent actions" and each claim's history, like every other bulk change.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from articles.models import Claim, Point
from articles.points import PointIndex, point_key, point_title
from guide.admin_locking import bulk_change
from guide.caching import content_changed

GROUPED_BY = ("framework_id", "kind", "topic_id")
# Changing one of these may move a claim to another point.
GROUPED_FIELDS = {"framework", "kind", "topic"}


def regroup(claims) -> list[str]:
    """After a bulk change of topic, kind or framework: the points the claims now make."""
    PointIndex().assign(claims)
    return ["point"]


def _one_place(items) -> bool:
    """Whether every item is about one framework, of one kind, on one topic."""
    return len({tuple(getattr(item, name) for name in GROUPED_BY) for item in items}) == 1


@admin.register(Point)
class PointAdmin(admin.ModelAdmin):
    list_display = ["title", "framework", "kind", "topic", "claims", "sources"]
    list_filter = ["kind", "topic", ("framework", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["framework", "topic"]
    search_fields = ["title", "framework__name"]
    fields = ["title", "framework", "kind", "topic", "claims"]
    readonly_fields = ["framework", "kind", "topic", "claims"]
    actions = ["merge"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                claim_count=Count("claims", distinct=True),
                source_count=Count("claims__article__source", distinct=True),
            )
        )

    def has_add_permission(self, request):
        return False  # points come from claims: the importer's grouping, a merge or a split

    @admin.display(description="Claims", ordering="claim_count")
    def claims(self, obj):
        url = reverse("admin:articles_claim_changelist") + f"?point__id__exact={obj.pk}"
        return format_html(
            '<a href="{}">{} claim{}</a>', url, obj.claim_count, "s" if obj.claim_count != 1 else ""
        )

    @admin.display(description="Sources", ordering="source_count")
    def sources(self, obj):
        return obj.source_count

    @admin.action(description="Merge selected points into one", permissions=["change"])
    def merge(self, request, queryset):
        points = list(queryset.order_by("-claim_count", "pk"))
        if len(points) < 2:
            self.message_user(request, "Select at least two points to merge.", messages.WARNING)
            return
        if not _one_place(points):
            self.message_user(
                request,
                "Only points about the same framework, of the same kind and on the same topic can "
                "be merged: set the topic or kind of their claims first.",
                messages.ERROR,
            )
            return
        into, merged = points[0], points[1:]
        reason = f"Merged into point “{into.title}” (#{into.pk})"
        with transaction.atomic():
            moved = bulk_change(
                request, Claim.objects.filter(point__in=merged), reason, edited=True, point=into
            )
            LogEntry.objects.log_actions(
                request.user.pk,
                [into],
                CHANGE,
                change_message=f"Merged {len(merged)} point(s) into this one: "
                + ", ".join(f"“{p.title}” (#{p.pk})" for p in merged),
            )
            LogEntry.objects.log_actions(request.user.pk, merged, DELETION, change_message=reason)
            Point.objects.filter(pk__in=[p.pk for p in merged]).delete()
        content_changed()
        self.message_user(
            request,
            f"Merged {len(points)} points into “{into.title}” ({moved} claims moved).",
            messages.SUCCESS,
        )


@admin.action(description="Split selected claims into a new point", permissions=["change"])
def split_into_new_point(modeladmin, request, queryset):
    """Claims action: the selected claims become a point of their own."""
    claims = list(queryset.select_related("framework"))
    if not claims:
        return
    if not _one_place(claims):
        modeladmin.message_user(
            request,
            "A point is about one framework, of one kind, on one topic: select claims that share them.",
            messages.ERROR,
        )
        return
    first = claims[0]
    with transaction.atomic():
        point = Point.objects.create(
            framework_id=first.framework_id,
            kind=first.kind,
            topic_id=first.topic_id,
            title=point_title(first.title, first.text),
            key=point_key(first.title, first.text, first.framework.name),
        )
        reason = f"Split into a new point “{point.title}” (#{point.pk})"
        bulk_change(request, queryset, reason, edited=True, point=point)
        LogEntry.objects.log_actions(request.user.pk, [point], ADDITION, change_message=reason)
    modeladmin.message_user(request, f"{reason}: {len(claims)} claims.", messages.SUCCESS)
