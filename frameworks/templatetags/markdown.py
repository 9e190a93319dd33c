from django import template
from django.utils.safestring import mark_safe

from guide.markdown import render_inline

register = template.Library()


@register.filter
def markdown_inline(text: str) -> str:
    """Sanitised inline HTML for one-line markdown such as a claim's text."""
    return mark_safe(render_inline(text))
