from django import template
from django.utils.safestring import mark_safe

from guide.markdown import render_inline, render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Sanitised HTML from markdown (the same renderer as the admin preview)."""
    return mark_safe(render_markdown(text))


@register.filter
def markdown_inline(text: str) -> str:
    """Sanitised inline HTML for one-line markdown such as a claim's text."""
    return mark_safe(render_inline(text))
