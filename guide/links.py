"""The URL of one object by its slug: reverse() once per URL pattern, then a string replace; and
the URL of a page without arguments, reversed once.

A page links to tens of frameworks, articles and claims, and reverse() walks the URL patterns
and quotes its arguments each time (a tenth of an article's or the list's time). A slug is
already what the URL holds, so the URL for any slug is the URL for a placeholder with the slug
put in its place; slugs reverse() would quote (none the site makes) go through reverse().
"""

import re
from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

PLACEHOLDER = "__slug__"
PLAIN = re.compile(r"[-a-zA-Z0-9_]+\Z")  # left as it is by reverse() and the slug converter


# Keyed on the script prefix and the resolver, so a request under another prefix or a test with
# another URLconf gets its own.
@lru_cache(maxsize=64)
def _pattern(name: str, prefix: str, resolver) -> str:
    return reverse(name, args=[PLACEHOLDER])


def fixed_url(name: str) -> str:
    """reverse(name) for a page whose URL takes no arguments (the site's frame names fifteen)."""
    return fixed_urls()[name]


class _FixedURLs(dict):
    """{name: reverse(name)} for one script prefix and URLconf, filled as names are asked for."""

    def __missing__(self, name: str) -> str:
        url = self[name] = reverse(name)
        return url


@lru_cache(maxsize=16)
def _fixed(prefix: str, resolver) -> _FixedURLs:
    return _FixedURLs()


def fixed_urls() -> dict[str, str]:
    """The URLs of pages without arguments, for the current script prefix and URLconf: reading
    those two is most of fixed_url()'s time, so a template that names many reads them once."""
    return _fixed(get_script_prefix(), get_resolver(get_urlconf()))


def slug_url(name: str, slug: str) -> str:
    """reverse(name, args=[slug]) for a URL whose only argument is a slug."""
    if not PLAIN.match(slug):
        return reverse(name, args=[slug])
    return _pattern(name, get_script_prefix(), get_resolver(get_urlconf())).replace(PLACEHOLDER, slug, 1)
