import django_filters
from django.db.models import Q

from frameworks.models import Framework, FrameworkKind, Interface


class FrameworkFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label="Search")
    kind = django_filters.MultipleChoiceFilter(choices=FrameworkKind.choices, label="Kind")
    interface = django_filters.ChoiceFilter(choices=[c for c in Interface.choices if c[0]], label="Interface")

    # Resources (PyPI, course sites...) are hidden from the reader's list unless asked for by kind.
    hide_resources = True

    class Meta:
        model = Framework
        fields = ["q", "kind", "interface"]

    def __init__(self, *args, api: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if api:
            self.hide_resources = False

    def filter_text(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(aliases__name__icontains=value) | Q(tagline__icontains=value)
        ).distinct()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.hide_resources and not self.form.cleaned_data.get("kind"):
            queryset = queryset.frameworks()
        return queryset
