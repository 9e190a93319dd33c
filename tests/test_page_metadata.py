"""What link previews and search engines read: Open Graph and Twitter tags, JSON-LD, feed links."""

import json
from html.parser import HTMLParser

import pytest

from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory

HOSTILE = '</script><script>alert("x")</script><!-- & \u2028 "quoted" \'single\''

PUBLIC_PAGES = [
    "/",
    "/frameworks/",
    "/frameworks/django/",
    "/compare/?frameworks=django,flask",
    "/articles/",
    "/articles/django-vs-flask-vs-fastapi-topic-by-topic/",
    "/sources/",
    "/sources/byte-sized-backend/",
    "/claims/",
    "/search/?q=async",
]


class Head(HTMLParser):
    """The meta and link tags, and the text of every script element, of one page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.scripts: list[tuple[dict, str]] = []
        self.title = ""
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta.setdefault(attrs.get("property") or attrs["name"], []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag in ("script", "title"):
            self._in = (tag, attrs)
            if tag == "script":
                self.scripts.append((attrs, ""))

    def handle_data(self, data):
        if self._in and self._in[0] == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._in and self._in[0] == "title":
            self.title += data

    def handle_endtag(self, tag):
        if self._in and self._in[0] == tag:
            self._in = None

    def one(self, name: str) -> str:
        values = self.meta.get(name, [])
        assert len(values) == 1, f"{name}: {values}"
        return values[0]

    def json_ld(self) -> list[dict]:
        return [
            json.loads(text) for attrs, text in self.scripts if attrs.get("type") == "application/ld+json"
        ]


def strings(data) -> list[str]:
    if isinstance(data, dict):
        return [text for value in data.values() for text in strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in strings(value)]
    return [data] if isinstance(data, str) else []


def head_of(client, url) -> Head:
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


def test_every_public_page_has_link_previews_feed_links_and_no_inline_script(client, sample_site):
    """One sample site for all the pages (loading it is the slow part)."""
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        head = Head(html)

        title = head.title.removesuffix(" · Framework Guide")
        assert title and head.one("og:title") == head.one("twitter:title") == title, url
        description = head.one("description")
        assert description and head.one("og:description") == head.one("twitter:description") == description
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert canonical == [head.one("og:url")] and canonical[0].startswith("http://testserver/"), url
        assert head.one("og:site_name") == "Framework Guide"
        assert head.one("og:type") in ("website", "article")
        assert head.one("twitter:card") == "summary"

        alternates = {link["type"]: link["href"] for link in head.links if link.get("rel") == "alternate"}
        assert alternates == {
            "application/rss+xml": "/feeds/articles/",
            "application/atom+xml": "/feeds/articles/atom/",
        }, url
        footer = html.split('<footer class="site-footer">', 1)[1]
        assert 'href="/feeds/articles/"' in footer and 'href="/feeds/articles/atom/"' in footer

        # The CSP forbids inline script; JSON-LD data blocks are never executed, so they may be.
        for attrs, text in head.scripts:
            assert attrs.get("src") or attrs.get("type") == "application/ld+json", (url, attrs, text[:80])


def test_framework_page_is_a_software_application_with_its_claims(client, sample_site):
    (data,) = head_of(client, "/frameworks/django/").json_ld()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "SoftwareApplication" and data["name"] == "Django"
    assert data["url"] == "http://testserver/frameworks/django/"
    assert data["applicationCategory"] == "DeveloperApplication"
    assert "https://www.djangoproject.com/" in data["sameAs"]
    claims = data["subjectOf"]
    assert claims and {claim["@type"] for claim in claims} == {"Claim"}
    first = claims[0]
    assert first["url"].startswith("http://testserver/articles/") and "#claim-" in first["url"]
    assert first["appearance"]["@type"] == "Article" and first["author"]["name"]


def test_a_resource_is_not_called_software(client, db):
    FrameworkFactory(name="Course Market", slug="course-market", kind="resource")
    (data,) = head_of(client, "/frameworks/course-market/").json_ld()
    assert data["@type"] == "Thing"


def test_article_page_is_an_article_with_its_claims(client, sample_site):
    url = "/articles/django-vs-flask-vs-fastapi-topic-by-topic/"
    head = head_of(client, url)
    (data,) = head.json_ld()
    assert data["@type"] == "Article" and data["url"] == f"http://testserver{url}"
    assert data["headline"] and data["datePublished"] == head.one("article:published_time")
    assert head.one("og:type") == "article"
    assert data["publisher"]["@type"] == "Organization"
    parts = data["hasPart"]
    assert parts and all(part["@type"] == "Claim" for part in parts)
    assert all(part["appearance"]["url"] == data["url"] for part in parts)
    assert {part["about"]["name"] for part in parts} >= {"Django", "Flask", "FastAPI"}


@pytest.mark.parametrize(
    ("url", "item_type"),
    [
        ("/frameworks/", "SoftwareApplication"),
        ("/compare/?frameworks=django,flask", "SoftwareApplication"),
        ("/articles/", "Article"),
        ("/sources/", "Organization"),
        ("/claims/", "Claim"),
        ("/sources/byte-sized-backend/", "Claim"),
    ],
)
def test_lists_are_item_lists(client, sample_site, url, item_type):
    (data,) = head_of(client, url).json_ld()
    assert data["@type"] == "ItemList"
    items = data["itemListElement"]
    assert items and [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert {item["item"]["@type"] for item in items} == {item_type}
    assert all(item["item"]["url"].startswith("http://testserver/") for item in items)


def test_compare_lists_the_frameworks_compared(client, sample_site):
    (data,) = head_of(client, "/compare/?frameworks=django,flask").json_ld()
    assert [item["item"]["name"] for item in data["itemListElement"]] == ["Django", "Flask"]
    assert data["name"] == "Django vs Flask"


def test_home_names_the_site_and_its_search(client, db):
    (data,) = head_of(client, "/").json_ld()
    assert data["@type"] == "WebSite"
    target = data["potentialAction"]["target"]["urlTemplate"]
    assert target == "http://testserver/search/?q={search_term_string}"


@pytest.fixture
def hostile_content(db):
    framework = FrameworkFactory(name="Hostile", slug="hostile", tagline=HOSTILE)
    source = SourceFactory(name="Source " + HOSTILE[:60], slug="hostile-source")
    article = ArticleFactory(
        title=HOSTILE, slug="hostile", source=source, description=HOSTILE, tags=[HOSTILE], authors=[HOSTILE]
    )
    ClaimFactory(framework=framework, article=article, title=HOSTILE, text=HOSTILE)
    return framework, article


@pytest.mark.parametrize(
    "url",
    ["/frameworks/hostile/", "/articles/hostile/", "/claims/", "/sources/hostile-source/", "/articles/"],
)
def test_hostile_text_cannot_leave_the_json_ld_block(client, hostile_content, url):
    html = client.get(url).content.decode()
    head = Head(html)
    blocks = [text for attrs, text in head.scripts if attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1 and len(head.scripts) == 1  # no second, injected script element
    assert "<" not in blocks[0] and ">" not in blocks[0]
    # The escaping is JSON's own: the data reads back exactly as written.
    assert HOSTILE in strings(json.loads(blocks[0]))


def test_an_item_list_of_remembered_entities_is_the_item_list_written_whole():
    from guide.structured_data import entity_json, item_list, item_list_block, json_ld_block

    entities = [
        {"@type": "Claim", "name": HOSTILE, "url": "http://testserver/claims/?a=1&b=2"},
        {"name": "é 中"},
    ]
    for items in (entities, entities[:1], []):
        remembered = item_list_block(HOSTILE, "http://testserver/x/", [entity_json(e) for e in items])
        assert remembered == json_ld_block(item_list(HOSTILE, "http://testserver/x/", items))


def test_hostile_text_is_escaped_in_meta_tags(client, hostile_content):
    head = head_of(client, "/articles/hostile/")
    assert head.one("og:title") == HOSTILE
    assert head.one("og:description").startswith(HOSTILE[:20])
    assert head.one("article:tag") == HOSTILE
