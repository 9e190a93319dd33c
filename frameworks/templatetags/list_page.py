"""The list's filters rendered by Jinja2: a form of twenty fields and forty-odd options, which
Django's template language, one include per field, took about 3 ms to write."""

from django import forms, template
from django.forms.widgets import ChoiceWidget

from guide.caching import in_this_process
from guide.jinja2 import render

register = template.Library()

# Widgets whose values are picked, not typed: a few values each.
PICKED = (forms.CheckboxInput, ChoiceWidget)
# A value longer than this (nobody picks it from a list) is not worth remembering.
MAX_REMEMBERED_VALUE = 200


@register.simple_tag
def list_filters(filterset) -> str:
    """The filters and sort beside the list (frameworks/jinja2/frameworks/list_filters.html)."""
    return render(
        "frameworks/list_filters.html", {"filterset": filterset, "form": filterset.form, "widget": widget}
    )


def widget(bound) -> str:
    """The field's widget, as {{ bound }} writes it. A checkbox or a list of choices (every
    topic, every source) writes the same for everyone who set it alike, until the content
    changes the choices: it is written once per process and content version for each value it
    is set to. Text a reader typed is written each time."""
    value = repr(bound.data)
    if not isinstance(bound.field.widget, PICKED) or len(value) > MAX_REMEMBERED_VALUE:
        return str(bound)
    form = type(bound.form)
    state = f"{bound.html_name}:{bound.form.is_bound}:{bool(bound.errors)}:{value}"
    name = f"widget:{form.__module__}.{form.__qualname__}:{state}"
    return in_this_process(name, lambda: str(bound))
