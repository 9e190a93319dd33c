"""The filters beside the article list and the claims browser (templates/articles/_filter_form.html):
their choice lists (every source, every framework, every topic) written once per process,
content version and value, as the framework list's are; and the whole sidebar, as the framework
list's, once for each way its filters are picked."""

from django import template
from django.template.loader import render_to_string

from guide.caching import in_this_process
from guide.widgets import remembered

register = template.Library()
register.filter("widget", remembered)


@register.simple_tag(takes_context=True)
def filter_sidebar(context, filterset, heading: str) -> str:
    """`{% filter_sidebar filterset "Filter claims" %}`: the sidebar, for the page it is on
    (its form sends there; "Clear all" shows once anything is asked for)."""
    request = context["request"]

    def write() -> str:
        context = {"filterset": filterset, "heading": heading, "request": request}
        return render_to_string("articles/_filter_form.html", context)

    state = filterset.picked_state()
    if state is None:
        return write()
    name = f"filter-sidebar:{type(filterset).__name__}:{request.path}:{bool(request.GET):d}:{heading}:{state}"
    return in_this_process(name, write)
