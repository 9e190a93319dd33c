import django_filters
from django import forms
from django.db import models
from django.db.models import Count, F, Max, Q, QuerySet

from articles.models import Claim, ClaimKind, Source, public_q, vendor_q
from frameworks.models import CAPABILITIES, Framework, FrameworkAlias, FrameworkKind, Interface, Topic
from guide.caching import for_this_content

# Longest text search we bother with: enough for any name, short enough to keep LIKE cheap.
MAX_QUERY_LENGTH = 200


class Stance(models.TextChoices):
    """What a topic filter asks for: a pro or a con on the topic (empty: any claim)."""

    PRO = ClaimKind.PRO.value, "A pro"
    CON = ClaimKind.CON.value, "A con"


class SortOrder(models.TextChoices):
    NAME = "name", "Name"
    SOURCES = "sources", "Most sources"
    PROS = "pros", "Most pros"
    RECENT = "recent", "Most recent claim"


COUNT_SORTS = {SortOrder.SOURCES, SortOrder.PROS, SortOrder.RECENT}


def public_claims_q(prefix: str = "claims__", independent: bool = False) -> Q:
    """Public claims across the relation, optionally without vendor claims, as one Q."""
    q = public_q(prefix)
    if independent:
        q &= ~vendor_q(prefix)
    return q


def claim_counts(prefix: str = "", only: Q | None = None) -> dict:
    """The list's per-framework figures as aggregates over claims reached through `prefix`:
    distinct sources, pros, cons and the latest article date, of the claims `only` keeps.

    Claims are counted without DISTINCT (which costs a sort per framework): wherever these are
    used, the only join is claims with their (forward) article and source, one row per claim.
    """

    def of_kind(kind: str) -> Q:
        condition = Q(**{f"{prefix}kind": kind})
        return condition if only is None else only & condition

    return {
        "source_count": Count(f"{prefix}article__source", distinct=True, filter=only),
        "pro_count": Count(f"{prefix}pk", filter=of_kind(ClaimKind.PRO)),
        "con_count": Count(f"{prefix}pk", filter=of_kind(ClaimKind.CON)),
        "latest_published": Max(f"{prefix}article__published", filter=only),
    }


def with_claim_counts(queryset: QuerySet, independent: bool = False) -> QuerySet:
    """Annotate each framework with claim_counts(), for sorting the whole list by them.

    One GROUP BY query for the whole page, never a query per row. Filters that look at claims
    (topic, source) or aliases use subqueries, so they narrow the frameworks without narrowing
    these counts (or repeating a claim row).
    """
    return queryset.annotate(**claim_counts("claims__", public_claims_q(independent=independent)))


def counts_by_framework(claims: QuerySet) -> dict[int, dict]:
    """claim_counts() of these claims for every framework they are about, in one GROUP BY."""
    rows = claims.values("framework_id").annotate(**claim_counts()).order_by()
    return {row.pop("framework_id"): row for row in rows}


class YesCheckbox(forms.CheckboxInput):
    """A checkbox that reads hand-written URLs sensibly: ?x=0 or ?x=no means unticked."""

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in {"1", "true", "yes", "on"}


class YesFilter(django_filters.Filter):
    """A capability checkbox: ticked keeps frameworks known to have it; unticked filters nothing."""

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesCheckbox)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is True:
            return qs.filter(**{self.field_name: True})
        return qs


class FrameworkFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
        max_length=MAX_QUERY_LENGTH,
        help_text="Name, alias or tagline.",
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=FrameworkKind.choices, label="Kind", widget=forms.CheckboxSelectMultiple
    )
    interface = django_filters.ChoiceFilter(
        choices=[c for c in Interface.choices if c[0]], label="Interface", empty_label="Any"
    )
    has_orm = YesFilter(label="Built-in ORM")
    has_admin = YesFilter(label="Admin interface")
    has_auth = YesFilter(label="Authentication")
    native_async = YesFilter(label="Native async")
    has_templating = YesFilter(label="Templating")
    auto_api_docs = YesFilter(label="Automatic API docs")
    pure_python_ui = YesFilter(label="UI in pure Python")
    websockets = YesFilter(label="WebSockets")
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        label="Topic",
        empty_label="Any topic",
    )
    stance = django_filters.ChoiceFilter(
        choices=Stance.choices,
        method="filter_nothing",  # read by filter_topic, means nothing alone
        label="With",
        empty_label="Any claim",
    )
    source = django_filters.ModelChoiceFilter(
        queryset=Source.objects.all(),
        to_field_name="slug",
        method="filter_source",
        label="Source",
        empty_label="Any source",
    )
    independent = YesFilter(
        method="filter_nothing",  # changes the counts, applied in filter_queryset
        label="Independent sources only",
        help_text="Leave out claims from vendors' own sources.",
    )
    sort = django_filters.ChoiceFilter(
        choices=SortOrder.choices,
        method="filter_nothing",  # applied last, after the counts exist
        label="Sort by",
        empty_label=None,
    )

    # Resources (PyPI, course sites...) are hidden from the reader's list unless asked for by kind.
    hide_resources = True

    class Meta:
        model = Framework
        fields = ["q", "kind", "interface"]

    def __init__(self, *args, api: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if api:
            self.hide_resources = False

    @property
    def capability_fields(self):
        return [self.form[name] for name, _label in CAPABILITIES]

    @property
    def independent_only(self) -> bool:
        self.form.is_valid()  # cleans once; an invalid field elsewhere leaves this one readable
        return bool(self.form.cleaned_data.get("independent"))

    @property
    def show_more(self) -> bool:
        """Open the "more filters" disclosure when one of them is in use or has an error."""
        names = ["interface", "topic", "stance", "source", *(name for name, _label in CAPABILITIES)]
        return any(self.data.get(name) or self.form.errors.get(name) for name in names)

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_text(self, queryset, name, value):
        value = value.strip()[:MAX_QUERY_LENGTH]
        if not value:
            return queryset
        # A subquery for aliases rather than a join, so no duplicate rows and no DISTINCT.
        aliased = FrameworkAlias.objects.filter(name__icontains=value).values("framework_id")
        return queryset.filter(Q(name__icontains=value) | Q(tagline__icontains=value) | Q(pk__in=aliased))

    def _claims(self):
        claims = Claim.objects.public()
        if self.form.cleaned_data.get("independent"):
            claims = claims.independent()
        return claims

    def filter_topic(self, queryset, name, topic):
        claims = self._claims().filter(topic=topic)
        stance = self.form.cleaned_data.get("stance")
        if stance:
            claims = claims.filter(kind=stance)
        return queryset.filter(pk__in=claims.values("framework_id"))

    def filter_source(self, queryset, name, source):
        return queryset.filter(pk__in=self._claims().filter(article__source=source).values("framework_id"))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if self.hide_resources and not data.get("kind"):
            queryset = queryset.frameworks()
        if data.get("sort") in COUNT_SORTS:
            queryset = with_claim_counts(queryset, independent=bool(data.get("independent")))
        return queryset.order_by(*self.ordering(data.get("sort")))

    def attach_counts(self, frameworks: list) -> list:
        """Counts for the frameworks on one page. Sorting by name needs no counts in the query:
        they come from every framework's counts, aggregated once per content change."""
        frameworks = list(frameworks)
        if frameworks and not hasattr(frameworks[0], "source_count"):
            independent = bool(self.form.cleaned_data.get("independent"))
            counts = for_this_content(
                f"framework-counts:{independent:d}", lambda: counts_by_framework(self._claims())
            )
            none = {"source_count": 0, "pro_count": 0, "con_count": 0, "latest_published": None}
            for framework in frameworks:
                for name, value in counts.get(framework.pk, none).items():
                    setattr(framework, name, value)
        return frameworks

    @staticmethod
    def ordering(sort: str | None) -> list:
        if sort == SortOrder.SOURCES:
            return ["-source_count", "name"]
        if sort == SortOrder.PROS:
            return ["-pro_count", "name"]
        if sort == SortOrder.RECENT:
            return [F("latest_published").desc(nulls_last=True), "name"]
        return ["name"]
