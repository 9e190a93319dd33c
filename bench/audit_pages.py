"""The pages every audit looks at (axe-core and the Nu checker in tests/browser/test_audit.py,
Lighthouse in bench/audit.py), on the sample content `make run` loads. Add a page here to audit it.
"""

from typing import NamedTuple


class AuditedPage(NamedTuple):
    name: str
    path: str
    # Search results and the 404 page are noindex on purpose: Lighthouse's SEO score for them
    # is not held to the target.
    indexable: bool = True
    # Lighthouse refuses to audit an error page; axe-core and the Nu checker audit it all the same.
    status: int = 200


AUDITED_PAGES: list[AuditedPage] = [
    AuditedPage("home", "/"),
    AuditedPage("framework list", "/frameworks/"),
    AuditedPage("framework page", "/frameworks/django/"),
    AuditedPage("compare", "/compare/?frameworks=django,fastapi,flask"),
    AuditedPage("article", "/articles/django-vs-flask-vs-fastapi-topic-by-topic/"),
    AuditedPage("sources", "/sources/"),
    AuditedPage("claims", "/claims/"),
    AuditedPage("search", "/search/?q=async", indexable=False),
    AuditedPage("choose", "/choose/?need=json-api&need=async"),
    AuditedPage("page not found", "/no-such-page/", indexable=False, status=404),
]
