"""What search engines and link previews read: schema.org JSON-LD, and the {% capture %} tag
base.html uses to print a page's title and description in its meta tags.

Loaded in every template as the `structured_data` library (settings.TEMPLATES "libraries").
The builders are plain functions from objects the page already has to dicts; the tags only add
absolute URLs and wrap the result in a JSON-LD data block. A data block is never executed, so
the Content-Security-Policy (no inline script) allows it; the JSON is escaped so that no text
(an article title such as "</script><script>...") can end the block early.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

from frameworks.models import FrameworkKind

register = template.Library()

CONTEXT = "https://schema.org"
SITE_NAME = "Framework Guide"
# What Django's json_script escapes: "<", ">" and "&" become \u escapes, which JSON reads back
# as the same characters, so neither "</script>" nor "<!--" can appear inside the block.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

Absolute = Callable[[str], str]
# Line breaks and indentation from template layout (not other Unicode spaces, which are text).
_LAYOUT_SPACE = re.compile(r"[ \t\r\n]+")


def json_ld_block(data: dict) -> SafeString:
    return _block(entity_json(data))


def entity_json(data: dict) -> str:
    """An entity as JSON-LD writes it, for a list page to remember with the row it describes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def origin(request) -> str:
    """What the request's absolute URLs start with (its scheme and host): what a remembered
    entity (entity_json) depends on besides the row it describes."""
    return request.build_absolute_uri("/")[:-1]


def _block(text: str) -> SafeString:
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text.translate(_SCRIPT_SAFE))
    )


def _compact(data: dict) -> dict:
    """Leave out what is unknown rather than publish empty values."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


# -- builders -------------------------------------------------------------------------------------


def website(absolute: Absolute) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": absolute("/"),
        "potentialAction": {
            "@type": "SearchAction",
            # A URL template: build_absolute_uri would percent-encode its braces.
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute("/search/") + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def framework_entity(framework, absolute: Absolute) -> dict:
    """A framework as a SoftwareApplication; a resource (a package index, a publisher) as a Thing."""
    url = absolute(framework.get_absolute_url())
    if framework.is_resource:
        return _compact(
            {"@type": "Thing", "@id": url, "name": framework.name, "url": url, "sameAs": framework.website}
        )
    return _compact(
        {
            "@type": "SoftwareApplication",
            "@id": url,
            "name": framework.name,
            "url": url,
            "description": framework.tagline,
            "applicationCategory": "DeveloperApplication",
            "applicationSubCategory": framework.get_kind_display(),
            "operatingSystem": "Cross-platform",
            "license": framework.license,
            "sameAs": [link for link in (framework.website, framework.repository) if link],
            "softwareHelp": {"@type": "CreativeWork", "url": framework.docs_url}
            if framework.docs_url
            else None,
        }
    )


def claim_entity(
    *, title: str, url: str, article_url: str, source_name: str, published=None, about: dict | None = None
) -> dict:
    """A claim, briefly: what it says in a few words, where it appeared, who said it, about what.
    Its text stays in the page (a few hundred claims would double a page's weight)."""
    return _compact(
        {
            "@type": "Claim",
            "name": title,
            "url": url,
            "datePublished": published.isoformat() if published else None,
            "author": {"@type": "Organization", "name": source_name},
            "appearance": {"@type": "Article", "url": article_url},
            "about": about,
        }
    )


def claim_model_entity(claim, absolute: Absolute) -> dict:
    """A Claim row, with its framework, article and the article's source loaded, as a
    schema.org Claim."""
    article = claim.article
    return claim_entity(
        title=claim.title,
        url=absolute(claim.get_absolute_url()),
        article_url=absolute(article.get_absolute_url()),
        source_name=article.source.name,
        published=article.published,
        about={"@id": absolute(claim.framework.get_absolute_url()), "name": claim.framework.name},
    )


def framework_item(framework, absolute: Absolute) -> dict:
    """A framework in a list (a Framework row, or compare's candidate, with a url), briefly."""
    url = framework.url if hasattr(framework, "url") else framework.get_absolute_url()
    return {
        "@type": "Thing" if framework.kind == FrameworkKind.RESOURCE else "SoftwareApplication",
        "name": framework.name,
        "url": absolute(url),
    }


def article_item(article, absolute: Absolute) -> dict:
    """An article in a list, briefly."""
    return _compact(
        {
            "@type": "Article",
            "headline": article.title[:110],
            "url": absolute(article.get_absolute_url()),
            "datePublished": article.published.isoformat() if article.published else None,
        }
    )


def framework_page(framework, points: Iterable, absolute: Absolute) -> dict:
    """The framework, with the points the page shows about it (ShownPoint), each as the claim of
    its first source; as its subjectOf, a claim needs no "about"."""
    entity = framework_entity(framework, absolute)
    claims = [
        claim_entity(
            title=point.title or strip_tags(point.text_html),
            url=absolute(point.lead.url),
            article_url=absolute(point.lead.url.split("#", 1)[0]),
            source_name=point.lead.source_name,
            published=point.lead.published,
        )
        for point in points
    ]
    return {"@context": CONTEXT, **entity, **({"subjectOf": claims} if claims else {})}


def article_page(article, claims: Iterable, absolute: Absolute) -> dict:
    url = absolute(article.get_absolute_url())
    data = _compact(
        {
            "@context": CONTEXT,
            "@type": "Article",
            "@id": url,
            "headline": article.title[:110],
            "name": article.title,
            "url": url,
            "mainEntityOfPage": url,
            "description": article.description,
            "datePublished": article.published.isoformat() if article.published else None,
            "dateModified": article.updated_at.isoformat() if article.updated_at else None,
            "author": [{"@type": "Person", "name": name} for name in article.authors]
            or {"@type": "Organization", "name": article.source.name},
            "publisher": {"@type": "Organization", "name": article.source.name},
            "isBasedOn": article.canonical_url,
            "keywords": ", ".join(article.tags) if article.tags else None,
        }
    )
    parts = [claim_model_entity(claim, absolute) for claim in claims]
    if parts:
        data["hasPart"] = parts
    return data


def item_list_block(name: str, url: str, items: Iterable[str]) -> SafeString:
    """json_ld_block(item_list(name, url, entities)), the entities already written as JSON
    (entity_json): the same text, without writing again what a list page remembered."""
    head = entity_json({"@context": CONTEXT, "@type": "ItemList", "name": name, "url": url})
    elements = ",".join(
        f'{{"@type":"ListItem","position":{position},"item":{item}}}'
        for position, item in enumerate(items, start=1)
    )
    return _block(f'{head[:-1]},"itemListElement":[{elements}]}}')


def item_list(name: str, url: str, items: Iterable[dict]) -> dict:
    """An ItemList of schema.org entities (each with a "url"), in page order."""
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": name,
        "url": url,
        "itemListElement": [
            {"@type": "ListItem", "position": position, "item": item}
            for position, item in enumerate(items, start=1)
        ],
    }


# -- template tags --------------------------------------------------------------------------------


def _absolute(context) -> Absolute:
    return context["request"].build_absolute_uri


@register.simple_tag(takes_context=True)
def website_json_ld(context):
    return json_ld_block(website(_absolute(context)))


@register.simple_tag(takes_context=True)
def framework_json_ld(context, framework, points=()):
    return json_ld_block(framework_page(framework, points, _absolute(context)))


@register.simple_tag(takes_context=True)
def article_json_ld(context, article, claim_groups=()):
    claims = [claim for _framework, claims in claim_groups for claim in claims]
    return json_ld_block(article_page(article, claims, _absolute(context)))


@register.simple_tag(takes_context=True)
def frameworks_json_ld(context, name, frameworks):
    """An ItemList of frameworks: model rows, or compare's candidates (with a url)."""
    absolute = _absolute(context)
    items = (framework_item(framework, absolute) for framework in frameworks)
    return json_ld_block(item_list(name, absolute(context["request"].get_full_path()), items))


@register.simple_tag(takes_context=True)
def item_list_json_ld(context, name, items):
    """An ItemList of the entities a list page remembered with its rows (entity_json)."""
    return item_list_block(name, _absolute(context)(context["request"].get_full_path()), items)


@register.simple_tag(takes_context=True)
def sources_json_ld(context, name, sources):
    absolute = _absolute(context)
    items = (
        _compact({"@type": "Organization", "name": source.name, "url": absolute(source.get_absolute_url())})
        for source in sources
    )
    return json_ld_block(item_list(name, absolute(context["request"].get_full_path()), items))


@register.simple_tag(takes_context=True)
def claims_json_ld(context, name, claims):
    absolute = _absolute(context)
    items = (claim_model_entity(claim, absolute) for claim in claims)
    return json_ld_block(item_list(name, absolute(context["request"].get_full_path()), items))


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Already escaped by the template; whitespace from template layout is not content.
        context[self.name] = mark_safe(_LAYOUT_SPACE.sub(" ", self.nodelist.render(context)).strip())
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}...{% endcapture %}: render once, print as {{ name }} many times.

    base.html wraps its title, description and canonical blocks in it, so the <title>, the
    description and the Open Graph and Twitter tags say the same thing without each page
    repeating it (a block may appear only once in a template, but what it rendered may not).
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("usage: {% capture name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])
