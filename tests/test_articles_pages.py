"""Articles, sources and claims pages: filters, provenance anchors, disclosure, what stays hidden."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.db.models import F
from django.urls import reverse

from articles.models import Article, Claim, ClaimKind
from articles.views import CLAIMS_NEWEST_FIRST, NEWEST_FIRST
from tests.articles_data import populate
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory
from tests.query_budget import assert_query_budget
from tests.xss_payloads import XSS_PAYLOADS

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return populate(5)


def page(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    return response.content.decode()


# /articles/


def test_article_list_is_newest_first_with_a_count(client, data):
    html = page(client, reverse("articles:list"))
    titles = [a.title for a in sorted(data["articles"], key=lambda a: a.published, reverse=True)]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "5 articles" in html
    assert data["draft"].title not in html


def _card(html: str, article) -> str:
    """The article list's card for `article`."""
    start = html.index(f'href="{article.get_absolute_url()}"')
    return html[start : html.index("</li>", start)]


def test_article_cards_count_public_claims_and_follow_content_changes(client, data):
    url = reverse("articles:list")
    first = data["articles"][0]
    public = list(Claim.objects.public().filter(article=first))
    card = _card(page(client, url), first)
    assert f"{len(public)} claims" in card  # not its rejected or withdrawn claims
    for framework in {claim.framework for claim in public}:
        assert f'href="{framework.get_absolute_url()}">{framework.name}</a>' in card

    newcomer = FrameworkFactory(name="Newcomer", slug="newcomer")
    ClaimFactory(article=first, framework=newcomer)
    card = _card(page(client, url), first)
    assert f"{len(public) + 1} claims" in card and 'href="/frameworks/newcomer/">Newcomer</a>' in card


def test_article_count_is_per_filter_and_follows_content_changes(client, data):
    url = reverse("articles:list")
    vendor = data["vendor"]
    by_vendor = sum(article.source == vendor for article in data["articles"])
    assert "5 articles" in page(client, url)
    assert f"{by_vendor} article" in page(client, url, {"source": vendor.slug})
    assert "5 articles" in page(client, url, {"source": "nope"})  # an invalid filter is not applied
    ArticleFactory(source=vendor)
    assert f"{by_vendor + 1} articles" in page(client, url, {"source": vendor.slug})
    assert "6 articles" in page(client, url)


def test_the_sidebars_show_each_readers_filters_and_typed_text(client, data):
    claims, articles = reverse("articles:claims"), reverse("articles:list")
    for _ in range(2):  # the second time from the sidebars this process remembered
        for slug, other in (("speedy-0", "speedy-1"), ("speedy-1", "speedy-0")):
            html = page(client, claims, {"framework": slug})
            assert f'<option value="{slug}" selected>' in html and f'<option value="{other}">' in html
            assert 'href="/claims/">Clear all</a>' in html
        assert 'href="/claims/">Clear all</a>' not in page(client, claims)
        assert 'href="/claims/">Clear all</a>' in page(client, claims, {"page": "2"})
        for text in ("fast", "quick"):
            assert f'value="{text}"' in page(client, claims, {"text": text, "framework": "speedy-0"})
        html = page(client, articles, {"source": data["vendor"].slug})
        assert f'<option value="{data["vendor"].slug}" selected>' in html
        assert 'action="/articles/"' in html and 'href="/articles/">Clear all</a>' in html
    FrameworkFactory(name="Newcomer", slug="newcomer")  # new content: new choices
    assert '<option value="newcomer">Newcomer</option>' in page(client, claims)


def test_article_list_filters_by_source_framework_and_year(client, data):
    vendor_articles = [a for a in data["articles"] if a.source == data["vendor"]]
    html = page(client, reverse("articles:list"), {"source": data["vendor"].slug})
    assert f"{len(vendor_articles)} articles" in html
    for article in data["articles"]:
        assert (article.title in html) == (article in vendor_articles)

    lone = FrameworkFactory(name="Lonely", slug="lonely")
    ClaimFactory(article=data["articles"][3], framework=lone)
    ClaimFactory(article=data["articles"][2], framework=lone, status="rejected")
    html = page(client, reverse("articles:list"), {"framework": "lonely"})
    assert "1 article" in html and data["articles"][3].title in html
    assert data["articles"][2].title not in html  # only a rejected claim about it

    old = ArticleFactory(title="An old one", published=datetime.date(2019, 5, 1))
    html = page(client, reverse("articles:list"), {"year": "2019"})
    assert old.title in html and data["articles"][0].title not in html


@pytest.mark.parametrize(
    "params", [{"source": "nobody"}, {"framework": "no-such"}, {"year": "1888"}, {"year": "abc"}]
)
def test_invalid_article_filters_show_an_error_beside_the_field(client, data, params):
    html = page(client, reverse("articles:list"), params)
    assert 'class="field-error"' in html
    assert "could not be used" in html
    assert data["articles"][0].title in html  # the rest of the page still works


def test_article_list_pagination_keeps_the_filters(client, data):
    populate(25, start=100)
    html = page(client, reverse("articles:list"), {"year": "2024"})
    assert "page=2" in html and "year=2024" in html
    assert 'rel="next" href="?year=2024&amp;page=2"' in html
    html = page(client, reverse("articles:list"), {"year": "2024", "page": "2"})
    assert "Page 2 of" in html


def test_empty_article_list_says_so(client, db):
    assert "No articles match" in page(client, reverse("articles:list"))


# /articles/<slug>/


def test_article_page_shows_claims_with_anchors_lines_and_badges(client, data):
    article = data["articles"][1]  # from the vendor source
    html = page(client, article.get_absolute_url())
    for claim in article.claims.exclude(status="rejected").filter(withdrawn=False):
        assert f'id="claim-{claim.pk}"' in html
        assert f"line {claim.line}" in html
    assert "Verified" in html and "Vendor" in html
    assert "A. Writer" in html
    framework = data["frameworks"][0]
    assert f'id="about-{framework.slug}"' in html  # grouped under the framework
    assert html.index(f'id="about-{framework.slug}"') < html.index(f'id="about-{data["frameworks"][2].slug}"')


def test_article_page_discloses_the_source_affiliation(client, data):
    vendor_article = data["articles"][1]
    html = page(client, vendor_article.get_absolute_url())
    assert "Published by" in html and data["vendor"].name in html
    assert "affiliated with" in html and data["frameworks"][0].get_absolute_url() in html
    html = page(client, data["articles"][0].get_absolute_url())
    assert "no known affiliation" in html


def test_company_blog_is_named_as_the_makers(client, db):
    reflex = FrameworkFactory(name="Reflex", slug="reflex")
    article = ArticleFactory(
        source=SourceFactory(name="Reflex blog", kind="company_blog", affiliation=reflex)
    )
    html = page(client, article.get_absolute_url())
    assert "the blog of the makers of" in html and 'href="/frameworks/reflex/"' in html


def test_rejected_withdrawn_and_draft_claims_are_never_shown(client, data):
    urls = [
        data["articles"][0].get_absolute_url(),
        reverse("articles:claims"),
        data["independent"].get_absolute_url(),
        reverse("articles:search") + "?q=speed",
    ]
    for url in urls:
        html = page(client, url)
        for hidden in ("Rejected speed claim", "Withdrawn speed claim", "Draft speed claim"):
            assert hidden not in html, (url, hidden)


def test_drafts_and_unknown_articles_are_404(client, data):
    assert client.get(data["draft"].get_absolute_url()).status_code == 404
    assert client.get("/articles/no-such-article/").status_code == 404


def test_article_body_is_sanitised(client, db):
    article = ArticleFactory(body="\n\n".join(XSS_PAYLOADS))
    html = page(client, article.get_absolute_url())
    body = html.split('class="article-body prose"', 1)[1]
    assert "<script" not in body.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", body, re.IGNORECASE)  # no event handlers
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*(javascript|vbscript|data):", body, re.IGNORECASE)


def test_claim_text_and_framework_names_are_escaped(client, db):
    payload = "<script>alert(1)</script>"
    claim = ClaimFactory(title=payload, text=payload, framework=FrameworkFactory(name=f"X{payload}"))
    for url in (
        claim.article.get_absolute_url(),
        reverse("articles:claims"),
        claim.article.source.get_absolute_url(),
    ):
        html = page(client, url)
        assert payload not in html, url
        assert "&lt;script&gt;" in html


# /sources/


def test_sources_list_counts_articles_and_public_claims(client, data):
    html = page(client, reverse("articles:sources")).split("<main", 1)[1]  # not the head's JSON-LD
    row = html.split(data["independent"].name, 1)[1].split("</tr>", 1)[0]
    # 3 published articles from the independent source (index 0, 2, 4), 3 public claims each; the
    # draft, the rejected and the withdrawn claims are not counted.
    assert 'data-label="Articles">3<' in row
    assert ">9<" in row
    vendor_row = html.split(data["vendor"].name, 1)[1].split("</tr>", 1)[0]
    assert "Affiliated" in vendor_row and data["frameworks"][0].name in vendor_row


def test_sources_list_counts_follow_every_content_change(client, data):
    def independent_row():
        html = page(client, reverse("articles:sources")).split("<main", 1)[1]
        return html.split(data["independent"].name, 1)[1].split("</tr>", 1)[0]

    assert 'data-label="Articles">3<' in independent_row()
    article = ArticleFactory(source=data["independent"], title="One more report")
    ClaimFactory.create_batch(2, article=article, framework=data["frameworks"][1])
    row = independent_row()
    assert 'data-label="Articles">4<' in row and ">11<" in row
    article.draft = True
    article.save()
    assert 'data-label="Articles">3<' in independent_row()


def test_source_page_lists_articles_and_every_claim_from_them(client, data):
    html = page(client, data["vendor"].get_absolute_url())
    vendor_articles = [a for a in data["articles"] if a.source == data["vendor"]]
    for article in vendor_articles:
        assert article.title in html
        for claim in article.claims.all():
            assert claim.get_absolute_url() in html  # links back to the anchor in the article
    assert data["articles"][0].title not in html
    assert "Affiliated source" in html


def test_unknown_source_is_404(client, db):
    assert client.get("/sources/nobody/").status_code == 404


# /claims/


def test_claims_filters(client, data):
    url = reverse("articles:claims")
    speedy0, speedy2 = data["frameworks"][0], data["frameworks"][2]
    html = page(client, url, {"framework": speedy2.slug})
    assert "5 claims" in html and speedy0.get_absolute_url() not in html.split("results-heading")[1]

    assert "5 claims" in page(client, url, {"kind": ClaimKind.CON})
    assert "5 claims" in page(client, url, {"status": "verified"})
    assert "1 claim" in page(client, url, {"text": "claim 3-1"})
    topic_count = sum(1 for i in range(5) if i % 2 == 0) * 3
    assert f"{topic_count} claims" in page(client, url, {"topic": data["topics"][0].slug})
    assert "6 claims" in page(client, url, {"source": data["vendor"].slug})


def test_claims_independent_only_hides_vendor_claims(client, data):
    url = reverse("articles:claims")
    # The vendor source is affiliated with Speedy 0: all six of its claims go, whatever they
    # are about (two articles of three claims each).
    assert "15 claims" in page(client, url)
    html = page(client, url, {"independent": "1"})
    assert "9 claims" in html
    assert 'name="independent" value="1"' in html and "checked" in html


def test_claims_count_is_per_filter_and_follows_content_changes(client, data):
    url = reverse("articles:claims")
    speedy2 = data["frameworks"][2]
    assert "15 claims" in page(client, url)
    assert "5 claims" in page(client, url, {"framework": speedy2.slug})
    assert "5 claims" in page(client, url, {"framework": speedy2.slug, "page": "2"})
    assert "15 claims" in page(client, url, {"framework": "nope"})  # an invalid filter is not applied
    ClaimFactory(article=data["articles"][0], framework=speedy2)
    assert "6 claims" in page(client, url, {"framework": speedy2.slug})
    assert "16 claims" in page(client, url)


def test_claims_browser_rows_follow_edits(client, data):
    url = reverse("articles:claims")
    claim = Claim.objects.public().filter(status="imported").first()
    assert claim.title in page(client, url, {"article": claim.article.slug})
    claim.title = "Renamed by an editor"
    claim.save()
    html = page(client, url, {"article": claim.article.slug})
    assert "Renamed by an editor" in html and f'id="claim-{claim.pk}"' in html
    claim.status = "rejected"
    claim.save()
    assert "Renamed by an editor" not in page(client, url, {"article": claim.article.slug})


@pytest.mark.parametrize(
    "params",
    [
        {"status": "rejected"},
        {"kind": "rumour"},
        {"framework": "nope"},
        {"topic": "nope"},
        {"source": "nope"},
    ],
)
def test_invalid_claim_filters_are_errors_not_500s(client, data, params):
    html = page(client, reverse("articles:claims"), params)
    assert 'class="field-error"' in html
    assert "Rejected speed claim" not in html


def test_claims_link_to_their_article_anchor(client, data):
    html = page(client, reverse("articles:claims"))
    # public(): the article's rejected claim shares position 0 with its first public one.
    claim = data["articles"][0].claims.public().first()
    assert f'href="{data["articles"][0].get_absolute_url()}#claim-{claim.pk}"' in html


# Malformed query strings


MALFORMED = [
    "page=999999999",
    "page=-1",
    "page=abc",
    "page=1&page=2",
    "page=%00",
    "source=a&source=b",
    "framework=%ff%fe",
    "year=99999999999999999999",
    "year=%00",
    "kind=%00&topic=%00&framework=%00&source=%00&status=%00",
    "text=%00",
    "text=" + "x" * 5000,
    "independent=yes&independent=no",
    "q=%ff%fe",
    "%ff=%fe",
    "framework[]=django",
]


@pytest.mark.parametrize("query", MALFORMED)
@pytest.mark.parametrize("name", ["articles:list", "articles:claims", "articles:sources", "articles:search"])
def test_malformed_query_strings_never_500(client, data, name, query):
    response = client.get(f"{reverse(name)}?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("query", MALFORMED[:5])
def test_malformed_query_strings_on_detail_pages(client, data, query):
    for url in (data["articles"][0].get_absolute_url(), data["vendor"].get_absolute_url()):
        assert client.get(f"{url}?{query}").status_code == 200


# Titles, descriptions, canonical links


def test_pages_have_titles_descriptions_and_canonical_links(client, data):
    article = data["articles"][0]
    for url, title in [
        (reverse("articles:list"), "Articles"),
        (article.get_absolute_url(), article.title),
        (reverse("articles:sources"), "Sources"),
        (data["vendor"].get_absolute_url(), data["vendor"].name),
        (reverse("articles:claims"), "Claims"),
        (reverse("articles:search") + "?q=speed", "Search: speed"),
    ]:
        html = page(client, url)
        assert f"<title>{title} · Framework Guide</title>" in html, url
        assert '<meta name="description" content="' in html
        assert '<link rel="canonical" href="http://testserver' in html


# Query counts


def test_pages_have_a_fixed_number_of_queries(client, db):
    first = populate(5)
    urls = [
        reverse("articles:list"),
        reverse("articles:list") + f"?framework={first['frameworks'][0].slug}&year=2024",
        first["articles"][1].get_absolute_url(),
        reverse("articles:sources"),
        first["vendor"].get_absolute_url(),
        reverse("articles:claims"),
        reverse("articles:claims") + f"?framework={first['frameworks'][0].slug}&kind=pro&independent=1",
        reverse("articles:search") + "?q=speed+framework",
    ]
    assert_query_budget(client, urls, lambda: populate(40, start=1000), cold=10, warm=10)


def test_articles_and_claims_in_another_language_are_marked_and_filterable(client, db):
    from tests.factories import ArticleFactory, ClaimFactory

    spanish = ArticleFactory(title="Ventajas de Flask", language="es")
    english = ArticleFactory(title="Why Flask", language="en")
    ClaimFactory(article=spanish, title="Núcleo pequeño")
    ClaimFactory(article=english, title="Small core")
    page = client.get(spanish.get_absolute_url()).content.decode()
    assert '<h1 lang="es">' in page and 'aria-label="Article text" lang="es"' in page
    assert 'lang="en"' not in client.get(english.get_absolute_url()).content.decode().split("<body", 1)[1]
    listed = client.get("/articles/", {"language": "es"}).context["json_ld_articles"]
    assert [json.loads(a)["headline"] for a in listed] == ["Ventajas de Flask"]
    claims = client.get("/claims/", {"language": "es"}).context["json_ld_claims"]
    assert [json.loads(c)["name"] for c in claims] == ["Núcleo pequeño"]
    assert "Spanish" in client.get("/articles/").content.decode()  # the choice is named
    assert 'xml:lang="es"' in client.get("/feeds/articles/atom/").content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index (articles/migrations/0019)")
@pytest.mark.parametrize(
    "listed",
    [
        lambda: Article.objects.published().without_text().order_by(*NEWEST_FIRST),
        lambda: Claim.objects.public().for_lists().order_by(*CLAIMS_NEWEST_FIRST),
    ],
    ids=["articles", "claims"],
)
def test_lists_read_newest_first_from_an_index_instead_of_sorting_everything(db, listed):
    # Empty tables: tell the planner to avoid the plans that read every row and sort them.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
    plan = listed()[:20].explain()
    assert "articles_article_newest_first" in plan, plan


def test_the_claims_browser_lists_articles_in_the_article_list_s_order():
    """Each article's claims in turn, the articles in the order of the index the article list
    reads: so what is sorted is one article's claims at a time, never a whole day's articles."""
    published, title, _pk = NEWEST_FIRST
    assert CLAIMS_NEWEST_FIRST[:3] == (
        F(f"article__{published.expression.name}").desc(nulls_last=True),
        f"article__{title}",
        "article_id",
    )
