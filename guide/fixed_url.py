"""{% fixed_url 'name' %}: {% url 'name' %} for a page whose URL takes no arguments, reversed once
per process, URLconf and script prefix (guide.links.fixed_url). The site's frame (base.html)
names fifteen such pages on every page, and {% url %} took about 60 us for each: most of the
frame's time. The script prefix and URLconf are read once per page, not once per URL."""

from django import template
from django.utils.html import escape

from guide.links import fixed_urls

register = template.Library()


class FixedURLNode(template.Node):
    def __init__(self, name: str):
        self.name = name

    def render(self, context):
        # Kept for the rest of this render (the page and the base it extends).
        urls = context.render_context.get(FixedURLNode)
        if urls is None:
            urls = context.render_context[FixedURLNode] = fixed_urls()
        url = urls[self.name]
        return escape(url) if context.autoescape else url


@register.tag(name="fixed_url")
def fixed_url_tag(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "'\"" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError("usage: {% fixed_url 'view-name' %}")
    return FixedURLNode(bits[1][1:-1])
