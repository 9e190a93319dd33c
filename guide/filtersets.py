"""The FilterSet every reader-facing filter sidebar is built on: django-filter's, made cheap to
build on every request.

django-filter deep-copies every filter (with its choices) for each request, then builds a form
class and a form field per filter, which the form deep-copies once more: on the framework list
that was 2 ms before any query ran. Here each filter is copied shallowly (what a request changes
of it is its parent, its model and its `extra`), and the form class is built once per process
and content version: its choices (topics, sources, years) change only with the content. Its
forms share its fields rather than deep-copying them as Django's do, but for those with a
queryset (copying them took 1 ms of each framework list page).
"""

import copy
import hashlib

import django_filters
from django import forms

from guide.caching import content_version
from guide.widgets import MAX_REMEMBERED_VALUE, PICKED


def _copy(filter_):
    copied = copy.copy(filter_)
    copied.extra = dict(filter_.extra)
    if filter_.method is not None:
        copied.method = filter_.method  # its FilterMethod calls the method on the copy's parent
    return copied


class _SharedFields(dict):
    """A form class's fields, which every form of the class reads as they are rather than
    deep-copying them (BaseForm.__init__): nothing changes a sidebar's fields once the class is
    built, and the class is built anew when the content changes. But for the model choice
    fields: compiling a queryset's SQL changes its query in place for a moment (its aliases'
    reference counts), so two threads must never render one, and each form gets its own copy
    (with its own queryset), as Django gives it."""

    def __deepcopy__(self, memo):
        return {
            name: copy.deepcopy(field, memo) if isinstance(field, forms.ModelChoiceField) else field
            for name, field in self.items()
        }


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose form class, for the same content, is the same for every request: a
    subclass may set its filters' choices in __init__ from the content, nothing per request."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        base_filters = self.base_filters
        self.base_filters = {}  # for the moment super() deep-copies them: nothing
        super().__init__(data, queryset, request=request, prefix=prefix)
        del self.base_filters  # the class's again
        model = self.queryset.model
        self.filters = {name: _copy(filter_) for name, filter_ in base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = model
            filter_.parent = self

    def get_form_class(self):
        version = content_version()
        built = type(self).__dict__.get("_form_class")
        if built is None or built[0] != version:
            form_class = super().get_form_class()
            form_class.base_fields = _SharedFields(form_class.base_fields)
            built = (version, form_class)
            type(self)._form_class = built  # one per subclass; a race only builds it twice
        return built[1]

    def applied(self) -> str:
        """What this filter set filters by (its valid values, as it applies them), in a few
        characters: a name for what it finds, to remember its count by."""
        self.form.is_valid()
        values = sorted(
            (name, str(getattr(value, "pk", value)))
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "", False)
        )
        return hashlib.sha256(repr(values).encode()).hexdigest()[:24]

    def picked_state(self) -> str | None:
        """How the reader set the filters, as each widget reads them, when every value set was
        picked (from a list, or a checkbox): what a sidebar shows besides the content's choices,
        the same for everyone who set them alike. None when something was typed (a search
        text, a hidden value), which is written afresh each time."""
        form = self.form
        typed = [name for name, field in form.fields.items() if not isinstance(field.widget, PICKED)]
        if any(form[name].data for name in typed):
            return None
        state = repr([form[name].data for name in form.fields])
        return state if len(state) <= MAX_REMEMBERED_VALUE * 4 else None
