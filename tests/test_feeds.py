"""RSS and Atom feeds of articles, and the sitemap: valid XML, no drafts, nothing executable."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.articles_data import populate
from tests.factories import ArticleFactory
from tests.query_budget import assert_query_budget

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_rss_feed_lists_published_articles(client):
    data = populate(3)
    root = get_xml(client, reverse("feed-articles"))
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == [
        a.title for a in sorted(data["articles"], key=lambda a: a.published, reverse=True)
    ]
    assert all(item.findtext("link").startswith("http://testserver/articles/") for item in items)
    assert data["draft"].title not in ET.tostring(root, encoding="unicode")


def test_atom_feed_is_valid(client):
    data = populate(2)
    root = get_xml(client, reverse("feed-articles-atom"))
    assert root.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    assert set(titles) == {a.title for a in data["articles"]}


def test_feed_descriptions_are_inert_html(client):
    ArticleFactory(title="Plain", description="<script>alert(1)</script> & more", body="")
    ArticleFactory(
        title="Body only", description="", body="**Bold** <script>alert(2)</script>\n\n" + "word " * 500
    )
    root = get_xml(client, reverse("feed-articles"))
    descriptions = {item.findtext("title"): item.findtext("description") for item in root.iter("item")}
    # Readers render the description as HTML: a plain description arrives escaped...
    assert descriptions["Plain"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
    # ...and the body is the sanitised HTML, cut short with its tags closed.
    body = descriptions["Body only"]
    assert "<strong>Bold</strong>" in body and "<script" not in body and "alert(2)" not in body
    assert body.rstrip().endswith("</p>") and len(body) < 1500


def test_undated_articles_do_not_break_the_feed(client):
    ArticleFactory(title="Undated", published=None, authors=[])
    root = get_xml(client, reverse("feed-articles"))
    assert root.find("./channel/item/pubDate") is not None


def test_sitemap_lists_pages_frameworks_articles_and_sources_but_not_drafts(client):
    data = populate(2)
    root = get_xml(client, reverse("sitemap"))
    locations = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    base = "http://testserver"
    assert base + data["articles"][0].get_absolute_url() in locations
    assert base + data["draft"].get_absolute_url() not in locations
    assert base + data["vendor"].get_absolute_url() in locations
    assert base + data["frameworks"][0].get_absolute_url() in locations
    assert base + reverse("articles:list") in locations


def test_feeds_and_sitemap_have_a_fixed_number_of_queries(client):
    populate(5)
    urls = [reverse("feed-articles"), reverse("feed-articles-atom"), reverse("sitemap")]
    assert_query_budget(client, urls, lambda: populate(40, start=1000), cold=7, warm=7)


def sitemap_locations(client) -> set[str]:
    return {loc.text for loc in get_xml(client, reverse("sitemap")).iter(f"{SITEMAP}loc")}


def test_sitemap_leaves_out_resources_and_unreviewed_frameworks(client):
    from tests.factories import FrameworkFactory

    listed = FrameworkFactory(slug="listed")
    resource = FrameworkFactory(slug="a-course-site", kind="resource")
    unreviewed = FrameworkFactory(slug="imported-unchecked", needs_review=True)
    locations = sitemap_locations(client)
    assert "http://testserver" + listed.get_absolute_url() in locations
    assert "http://testserver" + resource.get_absolute_url() not in locations
    assert "http://testserver" + unreviewed.get_absolute_url() not in locations


def test_sitemap_lists_the_popular_comparisons_whose_frameworks_exist(client):
    from frameworks.comparison import POPULAR_COMPARISONS
    from tests.factories import FrameworkFactory

    present = POPULAR_COMPARISONS[0]
    for slug in present:
        FrameworkFactory(slug=slug)
    for slug in POPULAR_COMPARISONS[2][:-1]:  # one framework of this trio is missing
        FrameworkFactory(slug=slug)
    compares = {url for url in sitemap_locations(client) if "/compare/" in url}
    assert compares == {"http://testserver/compare/?frameworks=" + ",".join(sorted(present))}


def test_a_comparison_with_an_unreviewed_framework_is_not_in_the_sitemap(client):
    from frameworks.comparison import POPULAR_COMPARISONS
    from tests.factories import FrameworkFactory

    first, *others = POPULAR_COMPARISONS[0]
    FrameworkFactory(slug=first, needs_review=True)
    for slug in others:
        FrameworkFactory(slug=slug)
    assert not {url for url in sitemap_locations(client) if "/compare/" in url}


def test_robots_txt_names_the_sitemap_by_its_absolute_url(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines  # the public pages stay crawlable
