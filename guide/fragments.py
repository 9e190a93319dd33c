"""{% remember name key... %}...{% endremember %}: a fragment of a page rendered once per content
version (and per day, since claims turn stale by the day), then read back from the cache.

For the parts of a page that depend only on content and on the keys given, and that cost the
most to render: an article's claims, the home page's summary.
Unlike the page cache it stays on when PAGE_CACHE_SECONDS is 0 and serves every URL that shows
the fragment (?utm_source=..., a session cookie). Whatever the fragment reads must be in its
keys: the content version covers the data, the keys cover the request (flags, the page's object).
"""

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from guide.caching import for_this_content

register = template.Library()


class RememberNode(template.Node):
    def __init__(self, nodelist, name: str, keys: list):
        self.nodelist, self.name, self.keys = nodelist, name, keys

    def render(self, context):
        keys = ":".join(str(key.resolve(context)) for key in self.keys)
        return for_this_content(
            f"fragment:{self.name}:{keys}:{timezone.localdate()}",
            lambda: mark_safe(self.nodelist.render(context)),
        )


@register.tag
def remember(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("usage: {% remember name key ... %}...{% endremember %}")
    nodelist = parser.parse(("endremember",))
    parser.delete_first_token()
    return RememberNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])
