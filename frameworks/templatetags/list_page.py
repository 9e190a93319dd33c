"""The list's filters rendered by Jinja2: a form of twenty fields and forty-odd options, which
Django's template language, one include per field, took about 3 ms to write."""

from django import template

from guide.caching import in_this_process
from guide.jinja2 import render
from guide.widgets import remembered

register = template.Library()


@register.simple_tag
def list_filters(filterset) -> str:
    """The filters and sort beside the list (frameworks/jinja2/frameworks/list_filters.html).

    The sidebar shows only how the filters are set (and the content's choices): unless the
    reader typed a search, it is written once per process and content version for each way
    they are set, like the picked widgets in it (guide/widgets.py)."""

    def write() -> str:
        context = {"filterset": filterset, "form": filterset.form, "widget": remembered}
        return render("frameworks/list_filters.html", context)

    state = filterset.picked_state()
    return write() if state is None else in_this_process(f"list-filters:{state}", write)
