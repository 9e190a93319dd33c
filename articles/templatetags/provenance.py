from django import template
from django.conf import settings
from django.utils.html import format_html

register = template.Library()


@register.filter
def title_repeats_text(claim) -> bool:
    """True when the claim's title is only the opening words of its text.

    The importer titles an untitled bullet with its first words ("Large callback graphs take
    planning…"); showing both would print the same sentence twice.
    """
    title = claim.title.rstrip("….: ").strip().lower()
    return bool(title) and claim.text.strip().lower().startswith(title)


@register.filter
def lang_attr(article) -> str:
    """` lang="es"` for text in another language than the page's, so screen readers and
    browsers read it as what it is; nothing for text in English or of unknown language."""
    code = getattr(article, "language", "")
    if not code or code == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', code)
