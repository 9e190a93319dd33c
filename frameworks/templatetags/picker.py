from django import template

from guide.jinja2 import render

register = template.Library()


@register.simple_tag
def framework_picker(selection) -> str:
    """Compare's checkbox for every framework in the catalogue (a few hundred), rendered by
    Jinja2 (frameworks/jinja2/frameworks/picker.html)."""
    return render("frameworks/picker.html", {"selection": selection, "chosen": set(selection.slugs)})
