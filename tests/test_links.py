"""An object's URL by slug is what reverse() gives, under any script prefix."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from guide.links import slug_url


@pytest.mark.parametrize("name", ["frameworks:detail", "articles:detail", "articles:source"])
@pytest.mark.parametrize("slug", ["django", "a-b_c-2", "x" * 150])
@pytest.mark.parametrize("prefix", ["/", "/guide/"])
def test_slug_url_is_what_reverse_gives(name, slug, prefix):
    set_script_prefix(prefix)
    try:
        assert slug_url(name, slug) == reverse(name, args=[slug])
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("slug", ["ünïcode", "with space", ""])
def test_a_slug_no_url_can_hold_fails_as_reverse_does(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("frameworks:detail", slug)
