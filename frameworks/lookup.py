"""Finding a framework from whatever a URL or an article calls it."""

from django.http import Http404

from frameworks.models import Framework


def framework_for_slug(slug: str, queryset=None) -> tuple[Framework, bool]:
    """The framework a URL slug names, and whether that slug is an alias (so: redirect)."""
    queryset = queryset if queryset is not None else Framework.objects.all()
    framework = queryset.filter(slug=slug).first()
    if framework is not None:
        return framework, False
    framework = queryset.named(slug).first()
    if framework is None:
        raise Http404(f"No framework called {slug!r}.")
    return framework, True
