from django import template
from django.conf import settings
from django.utils.html import format_html

from articles.parsing.titles import repeats
from guide.jinja2 import render

register = template.Library()


@register.filter
def title_repeats_text(claim) -> bool:
    """True when the claim's title adds nothing to its text: it has none, or it is only the
    text's opening words ("Extremely scalable" over "Extremely scalable, powering ..."), so
    showing both would print the same words twice."""
    return repeats(claim.title, claim.text)


@register.filter
def lang_attr(article) -> str:
    """` lang="es"` for text in another language than the page's, so screen readers and
    browsers read it as what it is; nothing for text in English or of unknown language."""
    code = getattr(article, "language", "")
    if not code or code == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', code)


@register.simple_tag
def claim(claim, **flags) -> str:
    """One claim in a list (`{% claim claim show_framework=True %}`; the flags are listed in
    articles/jinja2/articles/claim.html), rendered by Jinja2: a page lists up to a hundred."""
    return render("articles/claim.html", {"claim": claim, **flags})


@register.simple_tag
def article_card(article, show_source: bool = False) -> str:
    """One article in a list (`{% article_card article show_source=True %}`), rendered by Jinja2:
    the article list shows twenty, search ten."""
    return render("articles/article_card.html", {"article": article, "show_source": show_source})
