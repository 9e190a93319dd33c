"""The list's filters rendered by Jinja2: a form of twenty fields and forty-odd options, which
Django's template language, one include per field, took about 3 ms to write."""

from django import template

from guide.jinja2 import render
from guide.widgets import remembered

register = template.Library()


@register.simple_tag
def list_filters(filterset) -> str:
    """The filters and sort beside the list (frameworks/jinja2/frameworks/list_filters.html)."""
    return render(
        "frameworks/list_filters.html", {"filterset": filterset, "form": filterset.form, "widget": remembered}
    )
