"""The framework list and framework pages, as a reader uses them."""

import datetime
import json

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Claim, ClaimKind, ClaimStatus
from frameworks import consensus
from frameworks.consensus import EvidenceRow, Tally
from frameworks.models import Framework, FrameworkKind, Interface
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    ClaimFactory,
    FrameworkFactory,
    SourceFactory,
    TopicFactory,
)
from tests.query_budget import assert_query_budget

LIST = reverse("frameworks:list")
TODAY = timezone.localdate()
RECENT = TODAY - datetime.timedelta(days=30)
OLD = TODAY - datetime.timedelta(days=4 * 365)  # past the three years that make a claim possibly stale


def populate(size, anchor=None):
    """`size` frameworks, each with claims from a vendor and an independent source.

    The first framework (or `anchor`, to grow an earlier one) is in every article.
    """
    topics = TopicFactory.create_batch(3)
    frameworks = FrameworkFactory.create_batch(size, has_orm=True)
    for framework in frameworks:
        AliasFactory(framework=framework)
    if anchor is not None:
        frameworks[0] = anchor
    vendor = SourceFactory(affiliation=frameworks[0])
    independent = SourceFactory()
    kinds = [ClaimKind.PRO, ClaimKind.CON, ClaimKind.FEATURE]
    for index in range(size):
        article = ArticleFactory(source=vendor if index % 2 else independent)
        for offset, framework in enumerate([frameworks[index], frameworks[0], frameworks[1]]):
            ClaimFactory(
                article=article,
                framework=framework,
                topic=topics[(index + offset) % 3] if offset != 2 else None,
                kind=kinds[(index + offset) % 3],
            )
    return frameworks, topics, independent


def names_in(response):
    return [json.loads(entity)["name"] for entity in response.context["json_ld_frameworks"]]


# ------------------------------------------------------------------------------------------
# The list


def test_resources_are_hidden_unless_asked_for(client, db):
    FrameworkFactory(name="Flask", kind=FrameworkKind.MICRO)
    FrameworkFactory(name="PyPI", kind=FrameworkKind.RESOURCE)
    assert names_in(client.get(LIST)) == ["Flask"]
    assert names_in(client.get(LIST, {"kind": "resource"})) == ["PyPI"]
    assert names_in(client.get(LIST, {"kind": ["resource", "micro"]})) == ["Flask", "PyPI"]
    # The JSON API lists everything (product.md), through the same FilterSet.
    slugs = [r["name"] for r in client.get(reverse("api:frameworks")).json()["results"]]
    assert slugs == ["Flask", "PyPI"]


def test_text_search_covers_name_alias_and_tagline(client, db):
    dash = FrameworkFactory(name="Dash", tagline="Analytical apps")
    AliasFactory(framework=dash, name="Plotly Dash")
    FrameworkFactory(name="Flask", tagline="Small core")
    assert names_in(client.get(LIST, {"q": "plotly"})) == ["Dash"]
    assert names_in(client.get(LIST, {"q": "small"})) == ["Flask"]
    assert names_in(client.get(LIST, {"q": "  "})) == ["Dash", "Flask"]


def test_capability_and_interface_filters(client, db):
    FrameworkFactory(name="Django", has_orm=True, interface=Interface.BOTH)
    FrameworkFactory(name="Flask", has_orm=False, interface=Interface.WSGI)
    FrameworkFactory(name="Mystery", has_orm=None)
    assert names_in(client.get(LIST, {"has_orm": "1"})) == ["Django"]
    assert names_in(client.get(LIST, {"has_orm": "on"})) == ["Django"]
    assert names_in(client.get(LIST, {"has_orm": "0"})) == ["Django", "Flask", "Mystery"]
    assert names_in(client.get(LIST, {"interface": "wsgi"})) == ["Flask"]


def test_topic_filter_with_stance(client, db):
    topic = TopicFactory(slug="performance")
    fast = FrameworkFactory(name="Fast")
    slow = FrameworkFactory(name="Slow")
    FrameworkFactory(name="Silent")
    ClaimFactory(framework=fast, topic=topic, kind=ClaimKind.PRO)
    ClaimFactory(framework=slow, topic=topic, kind=ClaimKind.CON)
    ClaimFactory(framework=slow, topic=topic, kind=ClaimKind.PRO, status=ClaimStatus.REJECTED)
    assert names_in(client.get(LIST, {"topic": "performance"})) == ["Fast", "Slow"]
    assert names_in(client.get(LIST, {"topic": "performance", "stance": "pro"})) == ["Fast"]
    assert names_in(client.get(LIST, {"topic": "performance", "stance": "con"})) == ["Slow"]
    TopicFactory(slug="security")  # no claims: no framework, rather than an error
    response = client.get(LIST, {"topic": "security"})
    assert names_in(response) == [] and "No frameworks match these filters" in response.content.decode()


def test_source_filter_and_counts_are_not_narrowed_by_it(client, db):
    source = SourceFactory(slug="byte-sized")
    django = FrameworkFactory(name="Django")
    FrameworkFactory(name="Flask")
    ClaimFactory(framework=django, article=ArticleFactory(source=source))
    ClaimFactory(framework=django)  # another source
    response = client.get(LIST, {"source": "byte-sized"})
    assert names_in(response) == ["Django"]
    assert "from 2 independent sources" in response.content.decode()


def test_independent_only_leaves_vendor_claims_out_of_the_counts(client, db):
    reflex = FrameworkFactory(name="Reflex")
    vendor = ArticleFactory(source=SourceFactory(affiliation=reflex))
    ClaimFactory(framework=reflex, article=vendor, kind=ClaimKind.PRO)
    ClaimFactory(framework=reflex, article=vendor, kind=ClaimKind.PRO)
    ClaimFactory(framework=reflex, kind=ClaimKind.PRO)
    page = client.get(LIST).content.decode()
    # Independent first, the vendor's part beside it, named.
    assert ">1 pro<" in page and "+2 pros from Reflex&#x27;s own blog" in page
    page = client.get(LIST, {"independent": "1"}).content.decode()
    assert ">1 pro<" in page and "own blog" not in page
    assert 'name="independent" value="1"' in page  # carried over to the compare form


@pytest.mark.parametrize("sort", ["", "pros"])
def test_counts_stay_exact_with_every_filter_that_looks_across_a_relation(client, db, sort):
    # Filters that look at claims or aliases narrow the frameworks, never the counts.
    topic = TopicFactory(slug="performance")
    source = SourceFactory(slug="byte-sized")
    reflex = FrameworkFactory(name="Reflex", kind="full_stack")
    AliasFactory(framework=reflex, name="Pynecone")
    AliasFactory(framework=reflex, name="Pynecone.io")
    vendor = ArticleFactory(source=SourceFactory(affiliation=reflex))
    for article in (ArticleFactory(source=source), ArticleFactory(source=source), vendor):
        ClaimFactory(framework=reflex, article=article, topic=topic, kind=ClaimKind.PRO)
    ClaimFactory(framework=reflex, article=vendor, topic=topic, kind=ClaimKind.CON)
    params = {
        "q": "pynecone",
        "kind": "full_stack",
        "topic": "performance",
        "stance": "pro",
        "source": "byte-sized",
        "sort": sort,
    }
    (row,) = client.get(LIST, params).context["rows"]
    assert ">2 pros<" in row and ">0 cons<" in row and "from 1 independent source<" in row
    assert "+1 pro, 1 con from Reflex" in row
    (row,) = client.get(LIST, {**params, "independent": "1"}).context["rows"]
    assert ">2 pros<" in row and ">0 cons<" in row and "from 1 independent source<" in row
    assert "Reflex&#x27;s own" not in row


def test_sort_orders(client, db):
    many, few, none = (FrameworkFactory(name=n) for n in ("Many", "Few", "None yet"))
    for _ in range(3):
        ClaimFactory(framework=many, kind=ClaimKind.PRO, article=ArticleFactory(published=OLD))
    ClaimFactory(framework=few, kind=ClaimKind.CON, article=ArticleFactory(published=RECENT))
    assert names_in(client.get(LIST)) == ["Few", "Many", "None yet"]
    assert names_in(client.get(LIST, {"sort": "sources"})) == ["Many", "Few", "None yet"]
    assert names_in(client.get(LIST, {"sort": "pros"})) == ["Many", "Few", "None yet"]
    assert names_in(client.get(LIST, {"sort": "cons"})) == ["Few", "Many", "None yet"]
    assert names_in(client.get(LIST, {"sort": "recent"})) == ["Few", "Many", "None yet"]
    assert none.name in client.get(LIST, {"sort": "recent"}).content.decode()


def test_names_sort_without_regard_to_case(client, db):
    for name in ("bottle", "Django", "aiohttp", "CherryPy"):
        FrameworkFactory(name=name)
    assert names_in(client.get(LIST)) == ["aiohttp", "bottle", "CherryPy", "Django"]


def test_sorting_by_pros_ranks_by_independent_sources_not_vendor_volume(client, db):
    loud, backed = FrameworkFactory(name="Loud"), FrameworkFactory(name="Backed")
    blog = SourceFactory(affiliation=loud)
    for n in range(5):  # five pros from the vendor's own blog
        ClaimFactory(
            framework=loud, kind=ClaimKind.PRO, title=f"Great {n}", article=ArticleFactory(source=blog)
        )
    for n in range(2):  # two pros from independent sources
        ClaimFactory(framework=backed, kind=ClaimKind.PRO, title=f"Good {n}")
    assert names_in(client.get(LIST, {"sort": "pros"})) == ["Backed", "Loud"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("kind=bogus", "kind"),
        ("sort=bogus", "sort"),
        ("topic=does-not-exist", "topic"),
        ("source=nobody", "source"),
        ("interface=zzz", "interface"),
        ("stance=maybe&topic=performance", "stance"),
        ("topic=%00", "topic"),
        ("q=abc%00def", "q"),
    ],
)
def test_invalid_filter_values_show_an_error_beside_the_field(client, catalogue, query, field):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert field in response.context["filterset"].form.errors
    assert 'class="field-error"' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "page=999999",
        "page=abc",
        "page=-1",
        "page=" + "9" * 5000,
        "page=1e9",
        "kind=micro&kind=micro&kind=full_stack&sort=name&sort=pros",
        "q=" + "x" * 10_000,
        "q=%ff%fe%c3%28",
        "q=%27%22%3Cscript%3E",
        "has_orm=" + "1" * 500,
        "topic=" + "a" * 5000,
        "frameworks=django&page=2&page=3",
        "independent=yes&independent=no",
    ],
)
def test_malformed_query_strings_never_fail(client, catalogue, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200


def test_out_of_range_page_says_which_page_is_shown(client, db):
    FrameworkFactory.create_batch(3)
    page = client.get(LIST, {"page": "999999"}).content.decode()
    assert "There is no page" in page and "showing page 1" in page


def test_each_row_has_a_compare_checkbox_in_a_get_form_to_compare(client, db):
    FrameworkFactory(name="Django", slug="django")
    page = client.get(LIST).content.decode()
    assert f'action="{reverse("frameworks:compare")}"' in page
    assert 'name="frameworks" value="django"' in page
    assert 'method="get"' in page


def test_pagination_keeps_the_filters(client, db):
    FrameworkFactory.create_batch(60, kind=FrameworkKind.MICRO)
    response = client.get(LIST, {"kind": "micro", "sort": "name"})
    assert response.context["page"].paginator.count == 60
    page = response.content.decode()
    assert "kind=micro&amp;sort=name&amp;page=2" in page
    assert "60 results" in page


def test_a_later_page_count_is_per_filter_and_follows_content_changes(client, db):
    FrameworkFactory.create_batch(55, kind=FrameworkKind.MICRO)
    FrameworkFactory.create_batch(3, kind=FrameworkKind.FULL_STACK)

    def count(**query):
        return client.get(LIST, {"page": "2", **query}).context["page"].paginator.count

    assert count() == 58 and count(kind="micro") == 55
    FrameworkFactory.create_batch(2, kind=FrameworkKind.MICRO)
    assert count() == 60 and count(kind="micro") == 57
    assert client.get(LIST, {"page": "2"}).context["page"].number == 2


def test_empty_state_helps(client, db):
    FrameworkFactory(name="Flask")
    page = client.get(LIST, {"q": "nothing like this"}).content.decode()
    assert "No frameworks match these filters" in page and "Show all frameworks" in page


# ------------------------------------------------------------------------------------------
# The framework page


def detail(client, framework, **params):
    return client.get(reverse("frameworks:detail", args=[framework.slug]), params)


def test_facts_are_never_blank(client, db):
    framework = FrameworkFactory(
        name="Django", has_orm=True, has_admin=False, has_auth=None, license="", first_release=2005
    )
    page = detail(client, framework).content.decode()
    assert "2005" in page
    for label, value in (("Built-in ORM", "Yes"), ("Admin interface", "No"), ("Authentication", "Unknown")):
        assert f'<dt>{label}</dt><dd><span class="yn yn-{value.lower()}">{value}</span>' in page
    # A fact without a source says so; an unknown one needs none.
    assert page.count("No source recorded yet") == 2
    assert "<dt>License</dt><dd>Unknown</dd>" in page


def test_alias_redirects_permanently_to_the_canonical_page(client, db):
    dash = FrameworkFactory(name="Dash", slug="dash")
    AliasFactory(framework=dash, name="Plotly Dash")
    response = client.get(reverse("frameworks:detail", args=["plotly-dash"]))
    assert response.status_code == 301 and response["Location"] == "/frameworks/dash/"
    assert client.get(reverse("frameworks:detail", args=["nothing"])).status_code == 404


def test_description_is_shown_as_html(client, db):
    framework = FrameworkFactory(description="**Batteries** included <script>alert(1)</script>")
    page = detail(client, framework).content.decode()
    assert "<strong>Batteries</strong>" in page and "<script>alert" not in page


def test_points_are_grouped_by_topic_with_badges_and_links(client, db):
    django = FrameworkFactory(name="Django")
    scalability = TopicFactory(name="Scalability", slug="scalability")
    docs = TopicFactory(name="Documentation", slug="documentation")
    blog, consultancy = SourceFactory(name="Blog"), SourceFactory(name="Consultancy")
    old = ArticleFactory(source=blog, published=OLD, title="Old article")
    new = ArticleFactory(source=consultancy, published=RECENT)
    pro = ClaimFactory(framework=django, topic=scalability, article=old, title="Extremely scalable")
    con = ClaimFactory(
        framework=django, topic=scalability, article=new, kind=ClaimKind.CON, title="Monolithic"
    )
    ClaimFactory(framework=django, topic=docs, article=new, title="Great docs", status=ClaimStatus.VERIFIED)
    ClaimFactory(framework=django, topic=docs, article=new, kind=ClaimKind.CON, title="Dense docs")
    ClaimFactory(framework=django, topic=None, article=new, title="Loose remark")
    ClaimFactory(framework=django, article=new, title="Rejected one", status=ClaimStatus.REJECTED)

    response = detail(client, django)
    page = response.content.decode()
    topics = {t.name: t for t in response.context["page"].topics}
    assert set(topics) == {"Documentation", "Scalability", "Other"}
    assert response.context["page"].topics[-1].name == "Other"
    # Pros and cons from different sources: contested. Same source both ways: not contested.
    assert topics["Scalability"].contested and not topics["Documentation"].contested
    assert "Contested" in page
    assert f"{old.get_absolute_url()}#claim-{pro.pk}" in page
    assert f"#claim-{con.pk}" in page
    assert f"Possibly stale: more than three years old ({OLD:%b %Y})" in page and "Verified" in page
    assert "Rejected one" not in page
    assert 'title="Old article">Blog<' in page


def test_claims_that_say_the_same_are_one_point_counted_by_distinct_source(client, db):
    django = FrameworkFactory()
    topic = TopicFactory()
    one, two = SourceFactory(), SourceFactory()
    for published, title in ((OLD, "Fast"), (RECENT, "fast"), (OLD, "Tiny")):
        ClaimFactory(
            framework=django,
            topic=topic,
            article=ArticleFactory(source=one, published=published),
            title=title,
        )
    (shown,) = detail(client, django).context["page"].topics
    # "Fast" and "fast" are one point; the same source twice is still one source.
    assert [(p.title, p.sources.independent) for p in shown.points] == [("fast", 1), ("Tiny", 1)]
    assert shown.pros == Tally(1, 0) and shown.claims == 3
    ClaimFactory(
        framework=django, topic=topic, article=ArticleFactory(source=two, published=OLD), title="Tiny!"
    )
    response = detail(client, django)
    (shown,) = response.context["page"].topics
    # A point shows its newest claim (so its title, article and date go together).
    assert [(p.title, p.sources.independent) for p in shown.points] == [("Tiny!", 2), ("fast", 1)]
    assert shown.pros == Tally(2, 0)
    page = response.content.decode()
    assert "Pro · 2 independent sources" in page
    assert page.count('<li class="fw-claim fw-claim-pro">') == 2


def test_a_point_made_by_a_vendor_and_an_independent_source_shows_the_independent_one():
    def row(pk, source, vendor, published=RECENT):
        return EvidenceRow(
            pk, 1, 1, ClaimKind.PRO, 7, "Great admin", source, published, "X's own blog" if vendor else ""
        )

    rows = [row(1, 10, vendor=False, published=OLD), row(2, 20, vendor=True), row(3, 30, vendor=True)]
    (point,) = consensus.weigh(rows).points
    assert (point.claim.id, point.sources) == (1, Tally(1, 2))
    assert [c.id for c in point.cited] == [1, 3, 2]  # independent first, then the newest
    evidence = consensus.weigh(rows, independent=True)
    (point,) = evidence.points
    assert (point.sources, evidence.hidden_vendor, evidence.claims) == (Tally(1, 0), 2, 1)


def test_a_busy_topic_shows_its_strongest_points_and_links_to_the_rest(client, db):
    framework = FrameworkFactory(name="Busy", slug="busy")
    topic = TopicFactory(name="Performance", slug="performance")
    sources = SourceFactory.create_batch(3)
    for day in range(60):
        published = RECENT - datetime.timedelta(days=day)
        article = ArticleFactory(source=sources[0], published=published)
        ClaimFactory(framework=framework, topic=topic, article=article, title=f"Pro number {day}")
    for source in sources:  # older, but three sources agree: the strongest
        article = ArticleFactory(source=source, published=OLD)
        ClaimFactory(framework=framework, topic=topic, article=article, title="Widely agreed")
    ClaimFactory(framework=framework, topic=topic, kind=ClaimKind.CON, title="Only con")

    response = detail(client, framework)
    page = response.content.decode()
    (shown,) = response.context["page"].topics
    assert [p.title for p in shown.points] == ["Widely agreed", "Only con"]
    assert shown.points[0].sources == Tally(3, 0) and (shown.pros, shown.claims) == (Tally(3, 0), 64)
    assert "Pro number 59<" not in page
    # Every claim is a click away, in the claims browser filtered to this framework and topic...
    claims_url = reverse("articles:claims")
    assert f'href="{claims_url}?framework=busy&amp;topic=performance">All 64 claims on Performance<' in page
    browsed = client.get(claims_url, {"framework": "busy", "topic": "performance"})
    assert browsed.context["page"].paginator.count == 64
    # ...and every claim making a point, from the point.
    point = Claim.objects.get(title="Widely agreed", article__source=sources[0]).point_id
    assert f'href="{claims_url}?framework=busy&amp;point={point}"' in page
    assert client.get(claims_url, {"framework": "busy", "point": point}).context["page"].paginator.count == 3
    # The independent view links to the independent claims.
    page = detail(client, framework, independent="1").content.decode()
    assert f"{claims_url}?framework=busy&amp;independent=1&amp;topic=performance" in page


def test_vendor_badge_and_independent_toggle(client, db):
    reflex = FrameworkFactory(name="Reflex")
    vendor_blog = SourceFactory(name="Reflex blog", affiliation=reflex)
    ClaimFactory(framework=reflex, article=ArticleFactory(source=vendor_blog), title="Pure Python")
    ClaimFactory(framework=reflex, title="Young ecosystem", kind=ClaimKind.CON)
    page = detail(client, reflex).content.decode()
    assert "Pure Python" in page and "From Reflex&#x27;s own blog</span>" in page
    page = detail(client, reflex, independent="1").content.decode()
    assert "Pure Python" not in page and "badge-vendor" not in page
    assert "Young ecosystem" in page and "1 vendor claim hidden" in page


def test_a_resource_has_the_same_page_labelled_as_a_resource(client, db):
    pypi = FrameworkFactory(name="PyPI", kind=FrameworkKind.RESOURCE)
    page = detail(client, pypi).content.decode()
    assert "is a <strong>resource</strong>" in page


def test_compare_with_frameworks_covered_in_the_same_articles(client, db):
    django, flask, fastapi, lonely = (
        FrameworkFactory(name=n, slug=n.lower()) for n in ("Django", "Flask", "FastAPI", "Lonely")
    )
    for _ in range(2):
        article = ArticleFactory()
        ClaimFactory(framework=django, article=article)
        ClaimFactory(framework=flask, article=article)
    article = ArticleFactory()
    ClaimFactory(framework=django, article=article)
    ClaimFactory(framework=fastapi, article=article)
    ClaimFactory(framework=lonely)
    response = detail(client, django)
    assert [f["name"] for f in response.context["compare_with"]] == ["Flask", "FastAPI"]
    assert "/compare/?frameworks=django,flask" in response.content.decode()


# ------------------------------------------------------------------------------------------
# Query budgets: the same number of queries whatever the amount of data


def page_urls(frameworks, topics, source):
    first = frameworks[0]
    return [
        LIST,
        f"{LIST}?kind=micro&has_orm=1&sort=sources&independent=1",
        f"{LIST}?q=Framework&topic={topics[0].slug}&stance=pro&source={source.slug}&sort=recent",
        f"{LIST}?kind=bogus&page=abc",
        f"{LIST}?page=2",
        first.get_absolute_url(),
        first.get_absolute_url() + "?independent=1",
    ]


def test_list_and_detail_pages_have_a_fixed_query_budget(client, db):
    # Page 2 is past the end at the small size (30 frameworks) and real at the large (80): it is
    # counted before it is read either way.
    frameworks, topics, source = populate(30)
    urls = page_urls(frameworks, topics, source)
    # Warm, a page of the list reads its frameworks' ids (its count is remembered); a
    # framework's page reads nothing (its lookup and what it shows are remembered). Cold, the
    # list also reads the filters' choices, the counts, the frameworks a topic and a source
    # filter keep, the page's count, and the frameworks whole for the rows it renders.
    assert_query_budget(client, urls, lambda: populate(50, anchor=frameworks[0]), cold=8, warm=1)


def test_framework_api_has_a_fixed_query_budget(client, db):
    frameworks, _topics, _source = populate(5)
    urls = [
        reverse("api:frameworks"),
        reverse("api:frameworks") + "?kind=micro&sort=pros&independent=1",
        reverse("api:framework", args=[frameworks[0].slug]),
        reverse("api:framework", args=[frameworks[0].slug]) + "?page=2",
    ]
    # Cold, the framework's own: it, its aliases, the claims' count and page, its consensus, the
    # topics and the major releases; warm, all remembered (the list reads its page of frameworks
    # and counts them).
    assert_query_budget(client, urls, lambda: populate(50, anchor=frameworks[0]), cold=7, warm=2)


def test_framework_api_rejects_bad_filters_as_json(client, db):
    response = client.get(reverse("api:frameworks"), {"sort": "bogus"})
    assert response.status_code == 400 and "sort" in response.json()["errors"]


def test_the_sidebar_shows_each_readers_filters_and_typed_search(client, db):
    FrameworkFactory(name="Fast")
    for query, shown in (("fast", 'value="fast"'), ("quick", 'value="quick"')):
        assert shown in client.get(LIST, {"q": query, "kind": "micro"}).content.decode()
    checked = client.get(LIST, {"kind": "micro", "has_orm": "1"}).content.decode()
    assert (
        'name="has_orm" id="id_has_orm" checked' in checked
        and '<details class="more-filters" open>' in checked
    )
    plain = client.get(LIST, {"kind": "micro"}).content.decode()
    assert 'id_has_orm" checked' not in plain and '<details class="more-filters">' in plain


@pytest.mark.django_db
def test_checkbox_help_text_is_rendered_where_aria_describedby_points(client):
    import re

    FrameworkFactory()
    html = client.get(LIST).content.decode()
    described = re.search(r'<input[^>]*name="independent"[^>]*aria-describedby="([^"]+)"', html)
    assert described is not None
    for help_id in described.group(1).split():
        assert re.search(rf'<p class="field-help" id="{help_id}">Leave out claims from vendors', html)


def test_the_filters_show_what_each_reader_chose_and_the_choices_of_the_content(client, db):
    TopicFactory(slug="performance", name="Performance")
    FrameworkFactory(name="Fast")
    selected = '<option value="performance" selected>Performance</option>'
    for _ in range(2):  # the second time from the widgets this process remembered
        assert selected in client.get(LIST, {"topic": "performance"}).content.decode()
        page = client.get(LIST).content.decode()
        assert '<option value="performance">Performance</option>' in page and selected not in page
    TopicFactory(slug="security", name="Security")  # new content: new choices
    assert '<option value="security">Security</option>' in client.get(LIST).content.decode()
    invalid = client.get(LIST, {"topic": "nope"}).content.decode()
    assert 'aria-invalid="true"' in invalid and 'aria-invalid="true"' not in client.get(LIST).content.decode()


def test_a_framework_deleted_since_the_page_read_its_ids_is_left_out(rf, db):
    from frameworks.views import list_rows

    kept = FrameworkFactory(name="Kept")
    rows = list_rows(rf.get(LIST), [kept.pk, kept.pk + 1000], independent=False)
    assert [json.loads(entity)["name"] for _row, entity in rows] == ["Kept"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's choice, on PostgreSQL")
def test_a_page_of_the_list_is_read_from_its_index_in_order(db):
    """The list reads its page in name order from framework_list_by_name and stops, rather than
    reading and sorting every framework (2 ms at 1,500 frameworks)."""
    from frameworks.filters import FrameworkFilter

    FrameworkFactory()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # empty tables: any plan would do
    queryset = FrameworkFilter({}, queryset=Framework.objects.public()).qs
    plan = queryset.values_list("pk", flat=True)[50:100].explain()
    assert "framework_list_by_name" in plan and "Sort" not in plan, plan
