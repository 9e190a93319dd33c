from django import template
from django.utils.safestring import mark_safe

from frameworks import charts

register = template.Library()


@register.simple_tag
def evidence_chart(chart, numbers=False):
    """{% evidence_chart chart numbers %}: the chart's SVG and legend (frameworks/charts.py)."""
    return mark_safe(charts.svg(chart, numbers=bool(numbers)))
