import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import F, Lookup, Q
from django.db.models.functions import Lower

from articles.models import Claim, ClaimKind, Source
from frameworks import consensus
from frameworks.consensus import NO_COUNTS, Counts
from frameworks.models import (
    CAPABILITIES,
    HAS_IT,
    Framework,
    FrameworkAlias,
    FrameworkKind,
    Interface,
    Topic,
)
from guide.caching import for_this_content, many_for_this_content
from guide.filtersets import FilterSet
from guide.widgets import FilterForm

# Longest text search we bother with: enough for any name, short enough to keep LIKE cheap.
MAX_QUERY_LENGTH = 200


class Stance(models.TextChoices):
    """What a topic filter asks for: a pro or a con on the topic (empty: any claim)."""

    PRO = ClaimKind.PRO.value, "A pro"
    CON = ClaimKind.CON.value, "A con"


class SortOrder(models.TextChoices):
    NAME = "name", "Name"
    SOURCES = "sources", "Most independent sources"
    PROS = "pros", "Most pros"
    CONS = "cons", "Most cons"
    RECENT = "recent", "Most recent claim"


COUNT_SORTS = {SortOrder.SOURCES, SortOrder.PROS, SortOrder.CONS, SortOrder.RECENT}


def sort_key(sort: str, counts: Counts) -> tuple:
    """How a count sort ranks a framework: by what independent sources say, vendors second."""
    if sort == SortOrder.PROS:
        return (-counts.pros.independent, -counts.sources.independent, -counts.pros.vendor)
    if sort == SortOrder.CONS:
        return (-counts.cons.independent, -counts.sources.independent, -counts.cons.vendor)
    if sort == SortOrder.SOURCES:
        return (-counts.sources.independent, -counts.sources.vendor)
    latest = counts.latest_published
    return (latest is None, -(latest.toordinal() if latest else 0))


class AnyOf(Lookup):
    """`column IN (ids)` for a few hundred ids, written `column = ANY(%s)` on PostgreSQL: one
    parameter, rather than one each for Django to compile and the planner to read."""

    prepare_rhs = False  # a list of ids, not one value to prepare

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", (*lhs_params, *self.rhs)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, list(self.rhs))


class YesCheckbox(forms.CheckboxInput):
    """A checkbox that reads hand-written URLs sensibly: ?x=0 or ?x=no means unticked."""

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in {"1", "true", "yes", "on"}


class YesFilter(django_filters.Filter):
    """A checkbox: ticked keeps frameworks known to have the capability (yes, or partial: the
    framework page says which); unticked filters nothing."""

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesCheckbox)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is True:
            return qs.filter(**{f"{self.field_name}__in": HAS_IT})
        return qs


# What a model choice field says of a slug that names nothing (these were model choices).
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def _choices(names: list[str]) -> dict[str, list[tuple[str, str]]]:
    """The topic and source filters' choices, as (slug, name) in the order the models sort."""
    found = {
        "topic-choices": lambda: list(Topic.objects.values_list("slug", "name")),
        "source-choices": lambda: list(Source.objects.values_list("slug", "name")),
    }
    return {name: found[name]() for name in names}


class FrameworkFilter(FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
        max_length=MAX_QUERY_LENGTH,
        help_text="Name, alias or tagline.",
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=FrameworkKind.choices,
        label="Kind",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # a column of the framework's own: no join, no duplicate rows
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
    # Topics and sources are choices by slug, remembered until the content changes (remembered
    # in __init__), not querysets read and turned into model instances on every request.
    topic = django_filters.ChoiceFilter(
        method="filter_topic",
        label="Topic",
        empty_label="Any topic",
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    stance = django_filters.ChoiceFilter(
        choices=Stance.choices,
        method="filter_nothing",  # read by filter_topic, means nothing alone
        label="With",
        empty_label="Any claim",
    )
    source = django_filters.ChoiceFilter(
        method="filter_source",
        label="Source",
        empty_label="Any source",
        error_messages={"invalid_choice": INVALID_CHOICE},
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
        form = FilterForm
        fields = ["q", "kind", "interface"]

    def __init__(self, *args, api: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if api:
            self.hide_resources = False
        choices = many_for_this_content(["topic-choices", "source-choices"], _choices)
        self.filters["topic"].extra["choices"] = choices["topic-choices"]
        self.filters["source"].extra["choices"] = choices["source-choices"]

    def applied(self) -> str:
        return f"{super().applied()}:{self.hide_resources:d}"  # the API lists resources too

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

    def _discussed_by(self, name: str, **claims_filter):
        """The ids of the frameworks public claims matching `claims_filter` are about, remembered
        until the content changes: a topic's claims are thousands, its frameworks a few dozen.
        One name per topic or source, stance and independence (the form has checked the slugs)."""
        independent = bool(self.form.cleaned_data.get("independent"))
        return for_this_content(
            f"frameworks-discussed:{name}:{independent:d}",
            lambda: sorted(
                set(self._claims().filter(**claims_filter).values_list("framework_id", flat=True))
            ),
        )

    def filter_topic(self, queryset, name, topic):
        stance = self.form.cleaned_data.get("stance")
        claims_filter = {"topic__slug": topic, **({"kind": stance} if stance else {})}
        discussed = self._discussed_by(f"topic:{topic}:{stance or ''}", **claims_filter)
        return queryset.filter(AnyOf(F("pk"), discussed))

    def filter_source(self, queryset, name, source):
        discussed = self._discussed_by(f"source:{source}", article__source__slug=source)
        return queryset.filter(AnyOf(F("pk"), discussed))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.hide_resources and not self.form.cleaned_data.get("kind"):
            queryset = queryset.frameworks()
        return queryset.order_by(Lower("name"), "pk")

    def page(self, number, per_page: int, *, with_counts: bool = True, ids: bool = False) -> Page:
        """One page of the list, in the order asked for: frameworks each with its `counts`
        (unless not `with_counts`), or only their ids (`ids`, for a page that remembers what it
        shows of each).

        Counts come from every framework's counts, weighed once per content change
        (consensus.remembered_counts), so a count sort orders the filtered frameworks in Python
        rather than aggregating every claim on every request; ties keep the name order. What a
        filter finds, in that order, is remembered too: a page of it reads only its frameworks."""
        self.form.is_valid()  # an invalid field elsewhere leaves the sort readable
        sort = self.form.cleaned_data.get("sort")
        with_counts = with_counts and not ids
        counts = (
            consensus.remembered_counts(independent=self.independent_only)
            if with_counts or sort in COUNT_SORTS
            else {}
        )
        if sort in COUNT_SORTS:

            def in_order() -> list[int]:
                found = list(self.qs.values_list("pk", flat=True))
                found.sort(key=lambda pk: sort_key(sort, counts.get(pk, NO_COUNTS)))
                return found

            # The order depends only on the filters and the content: every page of it shares it.
            page = Paginator(for_this_content(f"framework-order:{self.applied()}", in_order), per_page)
            page = page.get_page(number)
            if not ids:
                frameworks = self.qs.in_bulk(page.object_list)
                page.object_list = [frameworks[pk] for pk in page.object_list]
        else:
            count_name = f"framework-count:{self.applied()}"
            page = counted_page(self.qs, number, per_page, count_name=count_name, ids=ids)
        if with_counts:
            for framework in page.object_list:
                framework.counts = counts.get(framework.pk, NO_COUNTS)
        return page


def counted_page(queryset, number, per_page: int, *, count_name: str, ids: bool = False) -> Page:
    """Paginator(queryset, per_page).get_page(number), its rows (or only their ids) read in a
    list. The count, which reads every row the filters keep, is remembered under `count_name`
    until the content changes; the page itself reads only its rows, in the list's order, from
    its index (framework_list_by_name)."""
    paginator = Paginator(queryset.values_list("pk", flat=True) if ids else queryset, per_page)
    paginator.count = for_this_content(count_name, lambda: paginator.count)
    page = paginator.get_page(number)
    page.object_list = list(page.object_list)
    return page
