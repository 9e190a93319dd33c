"""The compare page's parts rendered by Jinja2: they repeat per framework and per topic, where
Django's template language spent most of the page's time."""

from django import template

from guide.jinja2 import render

register = template.Library()

# What the tables read of the page's context (frameworks.views.compare).
TABLES_CONTEXT = (
    "selection", "comparison", "columns", "rows", "independent", "permalink", "toggle_url", "max_items",
)  # fmt: skip


@register.simple_tag
def framework_picker(selection) -> str:
    """Compare's checkbox for every framework in the catalogue (a few hundred)
    (frameworks/jinja2/frameworks/picker.html)."""
    return render("frameworks/picker.html", {"selection": selection, "chosen": set(selection.slugs)})


@register.simple_tag(takes_context=True)
def comparison_tables(context) -> str:
    """A ready comparison: its toolbar, facts, bottom line, chart and topic matrix
    (frameworks/jinja2/frameworks/comparison.html)."""
    return render("frameworks/comparison.html", {name: context[name] for name in TABLES_CONTEXT})
