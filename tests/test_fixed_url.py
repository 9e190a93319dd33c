"""{% fixed_url %} writes what {% url %} writes, remembered per URLconf and script prefix."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import clear_script_prefix, set_script_prefix


def render(source: str) -> str:
    return Template("{% load fixed_url %}" + source).render(Context())


def test_it_writes_what_url_writes():
    for name in ("home", "frameworks:list", "articles:search", "api:frameworks", "feed-articles"):
        assert render(f"{{% fixed_url '{name}' %}}") == Template(f"{{% url '{name}' %}}").render(Context())


def test_it_follows_the_script_prefix():
    assert render("{% fixed_url 'frameworks:list' %}") == "/frameworks/"
    set_script_prefix("/guide/")
    try:
        assert render("{% fixed_url 'frameworks:list' %}") == "/guide/frameworks/"
    finally:
        clear_script_prefix()
    assert render("{% fixed_url 'frameworks:list' %}") == "/frameworks/"


@pytest.mark.parametrize("source", ["{% fixed_url %}", "{% fixed_url home %}", "{% fixed_url 'a' 'b' %}"])
def test_only_a_quoted_view_name_is_accepted(source):
    with pytest.raises(TemplateSyntaxError, match="fixed_url"):
        render(source)


def test_it_follows_the_urlconf_of_the_request():
    from django.urls import include, path, set_urlconf

    import guide.urls

    class Mounted:  # a URLconf that serves the whole site under /mounted/
        urlpatterns = [path("mounted/", include(guide.urls))]

    page = "{% fixed_url 'home' %} {% fixed_url 'frameworks:list' %} {% fixed_url 'home' %}"
    set_urlconf(Mounted)
    try:
        assert render(page) == "/mounted/ /mounted/frameworks/ /mounted/"
    finally:
        set_urlconf(None)
    assert render(page) == "/ /frameworks/ /"
