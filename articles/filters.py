"""Reader-facing filters for articles and claims.

Every filter names things by slug so a filtered page is a shareable URL. An unknown slug or an
out-of-range value is a form error shown beside its field; the page still renders with the
filters that were understood (never a 500).
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from articles.models import Article, Claim, ClaimKind, ClaimStatus, Source, language_name, vendor_q
from frameworks.models import Framework, Topic
from guide.filtersets import FilterSet
from guide.widgets import FilterForm

# Longer free-text filters are truncated rather than rejected: pasting a paragraph is not an error.
MAX_TEXT_LENGTH = 200


class CheckboxOne(forms.CheckboxInput):
    """A checkbox that submits `1`, so the URL reads `?independent=1`, and accepts on/true/yes too."""

    def format_value(self, value):
        return "1"

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in {"1", "true", "on", "yes"}


# A framework is offered by its name and slug: its descriptions stay in the database.
CHOSEN_FRAMEWORKS = Framework.objects.public().only("name", "slug").order_by("name")


def _unknown(what: str) -> dict:
    return {"invalid_choice": f"There is no {what} “%(value)s”: pick one from the list."}


def _published_years():
    # Evaluated when the form is built: one query, and only years that have articles are offered.
    dates = Article.objects.published().filter(published__isnull=False).dates("published", "year", "DESC")
    return [(str(day.year), str(day.year)) for day in dates]


def _languages():
    """The languages articles are written in, by name: one query when the form is built."""
    # order_by(): the default ordering's columns would join the DISTINCT, one row per article.
    codes = (
        Article.objects.published()
        .exclude(language="")
        .values_list("language", flat=True)
        .order_by()
        .distinct()
    )
    return sorted(((code, language_name(code)) for code in codes), key=lambda pair: pair[1])


class ArticleFilter(FilterSet):
    source = django_filters.ModelChoiceFilter(
        queryset=Source.objects.order_by("name"),
        to_field_name="slug",
        empty_label="Any source",
        label="Source",
        error_messages=_unknown("source"),
    )
    framework = django_filters.ModelChoiceFilter(
        queryset=CHOSEN_FRAMEWORKS,
        to_field_name="slug",
        empty_label="Any framework",
        label="Framework",
        method="filter_framework",
        error_messages=_unknown("framework"),
    )
    year = django_filters.ChoiceFilter(
        choices=_published_years,
        empty_label="Any year",
        label="Year",
        method="filter_year",
        error_messages={"invalid_choice": "No articles from “%(value)s”: pick a year from the list."},
    )

    language = django_filters.ChoiceFilter(
        choices=_languages,
        empty_label="Any language",
        label="Language",
        error_messages={"invalid_choice": "No articles in “%(value)s”: pick a language from the list."},
    )

    class Meta:
        model = Article
        form = FilterForm
        fields = ["source", "framework", "year", "language"]

    def filter_framework(self, queryset, name, value):
        # Exists, not a join: an article with ten claims about Django is still one row.
        claims = Claim.objects.public().filter(article=OuterRef("pk"), framework=value)
        return queryset.filter(Exists(claims))

    def filter_year(self, queryset, name, value):
        return queryset.filter(published__year=int(value))


class ClaimFilter(FilterSet):
    text = django_filters.CharFilter(method="filter_text", label="Text contains")
    framework = django_filters.ModelChoiceFilter(
        queryset=CHOSEN_FRAMEWORKS,
        to_field_name="slug",
        empty_label="Any framework",
        label="Framework",
        error_messages=_unknown("framework"),
    )
    kind = django_filters.ChoiceFilter(
        choices=ClaimKind.choices, empty_label="Any kind", label="Kind", error_messages=_unknown("claim kind")
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label="Any topic",
        label="Topic",
        error_messages=_unknown("topic"),
    )
    source = django_filters.ModelChoiceFilter(
        field_name="article__source",
        queryset=Source.objects.order_by("name"),
        to_field_name="slug",
        empty_label="Any source",
        label="Source",
        error_messages=_unknown("source"),
    )
    # Rejected claims are never public, so they are not a choice: ?status=rejected is an error.
    status = django_filters.ChoiceFilter(
        choices=[(ClaimStatus.IMPORTED, "Imported"), (ClaimStatus.VERIFIED, "Verified by an editor")],
        empty_label="Any status",
        label="Status",
        error_messages={
            "invalid_choice": "“%(value)s” is not a status readers can see: imported or verified."
        },
    )
    independent = django_filters.BooleanFilter(
        method="filter_independent", widget=CheckboxOne, label="Independent sources only"
    )
    language = django_filters.ChoiceFilter(
        field_name="article__language",
        choices=_languages,
        empty_label="Any language",
        label="Language",
        error_messages={"invalid_choice": "No claims in “%(value)s”: pick a language from the list."},
    )
    # From an article's page ("all N claims from this article"); hidden, since a choice of every
    # article would make the form as long as the archive.
    article = django_filters.CharFilter(field_name="article__slug", widget=forms.HiddenInput, label="Article")
    # From a point on a framework page ("every claim" making it); hidden for the same reason.
    point = django_filters.NumberFilter(field_name="point_id", widget=forms.HiddenInput, label="Point")

    class Meta:
        model = Claim
        form = FilterForm
        fields = [
            "text",
            "framework",
            "kind",
            "topic",
            "source",
            "status",
            "independent",
            "language",
            "article",
            "point",
        ]

    def filter_text(self, queryset, name, value):
        value = value.strip()[:MAX_TEXT_LENGTH]
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))

    def filter_independent(self, queryset, name, value):
        return queryset.exclude(vendor_q()) if value else queryset
