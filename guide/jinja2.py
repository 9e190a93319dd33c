"""The Jinja2 environment, for the templates a page repeats per row: a claim in a list
(articles/jinja2/articles/claim.html) is rendered up to a hundred times a page, and Django's template
language spent about 0.3 ms on each; compare's picker is a checkbox for each of a few hundred
frameworks (frameworks/jinja2/frameworks/picker.html), and a comparison's tables a row per fact
and per topic with a cell per framework (frameworks/jinja2/frameworks/comparison.html). Every other
template is Django's.

The filters are the ones those templates use in Django, with Django's output: `url` is reverse();
dates are written as Django's date filter writes "Y-m-d" (`iso_date`) and "j M Y" (`day_month_year`)
in the current time zone, without its per-call format lookups (half of a claim's time);
`pluralize`, `slugify` and `truncatechars` write what Django's do. Jinja2 writes an escaped quote as
&#39; or &#34; where Django writes &#x27; or &quot;: the same characters.
"""

import unicodedata
from datetime import date, datetime
from functools import lru_cache

from django.template import defaultfilters, engines
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import add_truncation_text, calculate_truncate_chars_length
from django.utils.timezone import template_localtime
from jinja2 import Environment

from guide.links import fixed_url

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(value: date | datetime) -> date:
    return template_localtime(value).date() if isinstance(value, datetime) else value


def iso_date(value: date | datetime) -> str:
    return _day(value).isoformat()


def day_month_year(value: date | datetime) -> str:
    day = _day(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def truncatechars(value, length: int) -> str:
    """Django's truncatechars, without its walk over every character for text that fits or is
    ASCII (which has no combining characters to step over): a comparison truncates a few dozen
    titles and its chart's labels, and that walk was a tenth of the page."""
    text = unicodedata.normalize("NFC", str(value))
    if len(text) <= length:
        return text
    if text.isascii() and length > 0:
        return add_truncation_text(text[: calculate_truncate_chars_length(length, None)], None)
    return defaultfilters.truncatechars(text, length)


# Django's slugify, remembered: it names the few values of the facts (yes, no, partial...).
slugify = lru_cache(maxsize=256)(defaultfilters.slugify)


def _url(name: str, *args) -> str:
    return reverse(name, args=args) if args else fixed_url(name)


def environment(**options) -> Environment:
    # The filters' own modules render Jinja2 templates through render() below.
    from articles.templatetags.provenance import lang_attr, title_repeats_text
    from frameworks.templatetags.evidence_chart import evidence_chart
    from frameworks.templatetags.markdown import markdown_inline

    env = Environment(**options)
    env.globals.update(url=_url, evidence_chart=evidence_chart)
    env.filters.update(
        day_month_year=day_month_year,
        iso_date=iso_date,
        lang_attr=lang_attr,
        markdown_inline=markdown_inline,
        pluralize=defaultfilters.pluralize,
        slugify=slugify,
        title_repeats_text=title_repeats_text,
        truncatechars=truncatechars,
    )
    return env


def render(name: str, context: dict) -> SafeString:
    """A Jinja2 template rendered for a Django template's tag; Jinja2 escaped everything it
    printed (autoescape is on), so the result is safe to insert as it is."""
    return mark_safe(engines["jinja2"].get_template(name).render(context))
