"""The compare page: frameworks side by side, topic by topic, with exports that agree with it."""

import csv
import io
import re

import pytest
from django.urls import reverse

from articles.models import Claim, ClaimKind
from frameworks import consensus
from frameworks.comparison import SHOWN_TOPICS, Candidate, build_comparison
from frameworks.consensus import EvidenceRow, TopicInfo
from frameworks.models import Framework
from tests.conftest import SEEDS
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    ClaimFactory,
    FrameworkFactory,
    SourceFactory,
    TopicFactory,
)
from tests.query_budget import assert_query_budget
from tests.test_frameworks_pages import populate

COMPARE = reverse("frameworks:compare")


def candidate(pk, slug):
    return Candidate(id=pk, slug=slug, name=slug.title(), kind="micro", kind_label="Micro", url="/", facts=[])


TOPICS = {1: TopicInfo("docs", "Docs", 1), 2: TopicInfo("speed", "Speed", 2), 3: TopicInfo("x", "X", 3)}
TOPIC_IDS = {info.slug: pk for pk, info in TOPICS.items()}


def row(pk, framework_id, topic, kind, source, title="t", vendor=False, point=None):
    return EvidenceRow(
        id=pk,
        framework_id=framework_id,
        topic_id=TOPIC_IDS.get(topic),
        kind=kind,
        point_id=point,
        title=title,
        source_id=source,
        published=None,
        vendor="Vendor's own blog" if vendor else "",
    )


# ------------------------------------------------------------------------------------------
# The pure shaping function


def test_counts_are_by_distinct_source_and_rows_differing_most_come_first():
    a, b = candidate(1, "a"), candidate(2, "b")
    claims = [
        # "docs": both frameworks liked, no difference
        row(1, 1, "docs", ClaimKind.PRO, source=10),
        row(2, 2, "docs", ClaimKind.PRO, source=10),
        # "speed": a praised by two sources (three claims making one point), b criticised by one
        row(3, 1, "speed", ClaimKind.PRO, source=10, title="Fast", point=30),
        row(4, 1, "speed", ClaimKind.PRO, source=10, title="Fast!", point=30),
        row(5, 1, "speed", ClaimKind.PRO, source=11, title="fast", point=30),
        row(6, 2, "speed", ClaimKind.CON, source=11, title="Slow"),
        row(7, 2, "speed", ClaimKind.PRO, source=12, title="Quick enough"),
        row(8, 1, None, ClaimKind.FEATURE, source=10),
    ]
    result = build_comparison([a, b], claims, TOPICS, independent=False)
    assert [r.slug for r in result.rows] == ["speed", "docs", None]
    speed_a, speed_b = result.rows[0].cells
    assert (speed_a.pro_sources, speed_a.con_sources) == (2, 0)
    assert (speed_b.pro_sources, speed_b.con_sources) == (1, 1)
    assert speed_b.contested and not speed_a.contested
    # "Fast", "Fast!" and "fast" are one point backed by two sources, shown by its newest claim
    assert speed_a.strongest[0].title == "fast" and speed_a.strongest[0].sources == 2
    assert speed_a.strongest[0].url == "/claims/?framework=a&point=30"
    assert len(speed_a.strongest) == 1
    other = result.rows[-1]
    assert other.name == "Other" and not other.cells[1].known
    assert other.cells[1].balance_label == "No source yet"


def test_one_source_arguing_both_ways_is_not_contested():
    a = candidate(1, "a")
    claims = [row(1, 1, "x", ClaimKind.PRO, 10), row(2, 1, "x", ClaimKind.CON, 10)]
    cell = build_comparison([a, candidate(2, "b")], claims, TOPICS, independent=False).rows[0].cells[0]
    assert not cell.contested and cell.balance == "mixed"


def test_vendors_never_shade_a_cell():
    a = candidate(1, "a")
    claims = [row(1, 1, "x", ClaimKind.PRO, 10), row(2, 1, "x", ClaimKind.CON, 11, vendor=True)]
    cell = build_comparison([a, candidate(2, "b")], claims, TOPICS, independent=False).rows[0].cells[0]
    assert cell.contested and cell.balance == "pro"
    assert (cell.pros.independent, cell.cons.independent, cell.cons.vendor) == (1, 0, 1)


def test_independent_only_drops_vendor_claims_before_counting():
    a, b = candidate(1, "a"), candidate(2, "b")
    claims = [row(1, 1, "x", ClaimKind.PRO, 10, vendor=True), row(2, 1, "x", ClaimKind.CON, 11)]
    result = build_comparison([a, b], claims, TOPICS, independent=True)
    cell = result.rows[0].cells[0]
    assert (cell.pro_sources, cell.con_sources, result.hidden_vendor) == (0, 1, 1)


def test_the_matrix_shows_the_topics_with_most_evidence_and_lists_the_rest():
    topics = {pk: TopicInfo(f"t{pk}", f"Topic {pk}", pk) for pk in range(1, 21)}
    claims = [
        EvidenceRow(pk * 100 + n, 1, pk, ClaimKind.PRO, None, "x", n, None, "")
        for pk in topics
        for n in range(pk)  # topic N has N sources
    ]
    result = build_comparison([candidate(1, "a"), candidate(2, "b")], claims, topics, independent=False)
    assert len(result.shown_rows) == SHOWN_TOPICS
    assert {r.slug for r in result.shown_rows} == {f"t{pk}" for pk in range(20 - SHOWN_TOPICS + 1, 21)}
    assert [r.slug for r in result.other_rows] == [f"t{pk}" for pk in range(20 - SHOWN_TOPICS, 0, -1)]


# ------------------------------------------------------------------------------------------
# The page


@pytest.fixture
def trio(db):
    topic = TopicFactory(name="Performance", slug="performance")
    django, flask, fastapi = (
        FrameworkFactory(name=name, slug=name.lower(), has_orm=has_orm)
        for name, has_orm in (("Django", True), ("Flask", False), ("FastAPI", None))
    )
    one, two = SourceFactory(name="One"), SourceFactory(name="Two")
    vendor = SourceFactory(name="Django blog", affiliation=django)
    ClaimFactory(framework=django, topic=topic, article=ArticleFactory(source=one), title="Fast enough")
    ClaimFactory(framework=django, topic=topic, article=ArticleFactory(source=one), title="Caching")
    ClaimFactory(framework=django, topic=topic, article=ArticleFactory(source=vendor), title="Blazing")
    ClaimFactory(
        framework=django, topic=topic, article=ArticleFactory(source=two), kind=ClaimKind.CON, title="Heavy"
    )
    ClaimFactory(framework=fastapi, topic=topic, article=ArticleFactory(source=two), title="Very fast")
    return django, flask, fastapi


def test_compares_side_by_side_with_counts_by_distinct_source(client, trio):
    response = client.get(COMPARE, {"frameworks": "django,flask,fastapi"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'Django <span class="vs">vs</span> Flask' in page
    cells = response.context["comparison"].rows[0].cells
    assert [(c.pro_sources, c.con_sources) for c in cells] == [(2, 1), (0, 0), (1, 0)]
    assert cells[0].contested
    assert "No source yet" in page
    # Facts: yes / no / unknown, never blank.
    assert ">Yes<" in page and ">No<" in page and ">Unknown<" in page


def test_independent_toggle_hides_vendor_claims(client, trio):
    response = client.get(COMPARE, {"frameworks": "django,flask", "independent": "1"})
    cells = response.context["comparison"].rows[0].cells
    assert cells[0].pro_sources == 1
    page = response.content.decode()
    assert "Blazing" not in page and "1 vendor claim hidden" in page


@pytest.mark.parametrize(
    "query",
    [
        "frameworks=django,flask,fastapi",
        "frameworks=django&frameworks=flask&frameworks=fastapi",
        "frameworks=django,flask&frameworks=fastapi",
        "frameworks=Django, FLASK ,fastapi,,django",
    ],
)
def test_commas_and_repeated_parameters_mix(client, trio, query):
    response = client.get(f"{COMPARE}?{query}")
    assert response.context["selection"].slugs == ["django", "flask", "fastapi"]


def test_aliases_work_in_the_url(client, db):
    dash = FrameworkFactory(name="Dash", slug="dash")
    AliasFactory(framework=dash, name="Plotly Dash")
    FrameworkFactory(name="Streamlit", slug="streamlit")
    response = client.get(COMPARE, {"frameworks": "plotly-dash,streamlit"})
    assert response.context["selection"].slugs == ["dash", "streamlit"]
    assert response.context["permalink"] == f"{COMPARE}?frameworks=dash,streamlit"


def test_unknown_names_get_suggestions_not_an_error(client, trio):
    response = client.get(COMPARE, {"frameworks": "djnago,flask,fastapi"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "djnago" in page and "Did you mean" in page
    assert f'{COMPARE}?frameworks=flask,fastapi,django"' in page
    # The two known ones are still compared.
    assert response.context["selection"].ready


def test_one_framework_asks_for_another(client, trio):
    response = client.get(COMPARE, {"frameworks": "django"})
    page = response.content.decode()
    assert response.status_code == 200 and "pick at least one more" in page
    assert 'name="frameworks" value="django" id="pick-django" checked' in page


def test_more_than_six_is_refused(client, db):
    slugs = [FrameworkFactory().slug for _ in range(7)]
    response = client.get(COMPARE, {"frameworks": ",".join(slugs)})
    assert response.status_code == 200
    assert "at most 6" in response.content.decode()
    assert not response.context["comparison"].rows
    assert client.get(COMPARE, {"frameworks": ",".join(slugs), "format": "json"}).status_code == 400


def test_no_parameters_shows_a_picker(client, trio):
    page = client.get(COMPARE).content.decode()
    assert "Pick 2 to 6 frameworks" in page and 'value="django"' in page


@pytest.mark.parametrize(
    "query",
    [
        "frameworks=",
        "frameworks=%00",
        "frameworks=django%00,flask",
        "frameworks=" + "x" * 20_000,
        "frameworks=" + ",".join(["django"] * 2000),
        "frameworks=" + ",".join(f"n{i}" for i in range(500)),
        "frameworks=%ff%fe,flask",
        "frameworks=django,flask&format=xml",
        "frameworks=django,flask&independent=" + "9" * 5000,
        "frameworks=django&frameworks=flask&format=json&format=csv",
        "frameworks=<script>alert(1)</script>,flask",
    ],
)
def test_malformed_query_strings_never_fail(client, trio, query):
    response = client.get(f"{COMPARE}?{query}")
    assert response.status_code in (200, 400)
    assert b"<script>alert(1)</script>" not in response.content


# ------------------------------------------------------------------------------------------
# Exports agree with the page


def test_json_and_csv_export_what_the_page_shows(client, trio):
    for independent in ("", "1"):
        params = {"frameworks": "django,flask,fastapi", "independent": independent}
        shown = client.get(COMPARE, params).context["comparison"]
        data = client.get(COMPARE, {**params, "format": "json"}).json()
        assert [f["slug"] for f in data["frameworks"]] == ["django", "flask", "fastapi"]
        assert [t["name"] for t in data["topics"]] == [r.name for r in shown.rows]
        for topic, shown_row in zip(data["topics"], shown.rows, strict=True):
            for cell in shown_row.cells:
                exported = topic["cells"][cell.framework_slug]
                assert (exported["pro_sources"], exported["con_sources"], exported["contested"]) == (
                    cell.pro_sources,
                    cell.con_sources,
                    cell.contested,
                )
                assert [s["title"] for s in exported["strongest"]] == [s.title for s in cell.strongest]
        assert data["hidden_vendor_claims"] == shown.hidden_vendor
        assert data["frameworks"][0]["facts"]["Built-in ORM"] == "Yes"
        assert data["frameworks"][2]["facts"]["Built-in ORM"] == "Unknown"

        response = client.get(COMPARE, {**params, "format": "csv"})
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        topic_rows = [r for r in rows if r["section"] == "topic"]
        assert len(topic_rows) == len(shown.rows) * 3
        for r in topic_rows:
            exported = next(t for t in data["topics"] if t["name"] == r["name"])["cells"][r["framework"]]
            assert int(r["pro_sources"]) == exported["pro_sources"]
            assert int(r["con_sources"]) == exported["con_sources"]


def test_csv_neutralises_spreadsheet_formulas(client, trio):
    django = trio[0]
    ClaimFactory(framework=django, topic=None, title='=HYPERLINK("http://evil")')
    body = client.get(COMPARE, {"frameworks": "django,flask", "format": "csv"}).content.decode()
    assert "'=HYPERLINK" in body


def test_compare_page_links_its_permalink_and_exports(client, trio):
    page = client.get(COMPARE, {"frameworks": ["django", "flask"]}).content.decode()
    assert f'<link rel="canonical" href="http://testserver{COMPARE}?frameworks=django,flask">' in page
    assert "frameworks=django,flask&amp;format=json" in page
    assert re.search(r'href="[^"]*frameworks=flask"[^>]*>Remove', page)  # remove Django


def test_one_comparison_has_one_canonical_url_whatever_the_order(client, trio):
    canonical = f'<link rel="canonical" href="http://testserver{COMPARE}?frameworks=django,fastapi,flask">'
    for asked in ("flask,django,fastapi", "fastapi,flask,django", "Django,FLASK,fastapi"):
        page = client.get(COMPARE, {"frameworks": asked}).content.decode()
        assert canonical in page, asked
    repeated = client.get(COMPARE, {"frameworks": ["flask", "fastapi", "django"], "independent": "1"})
    assert canonical in repeated.content.decode()
    # The page itself keeps the reader's order.
    assert re.search(r"<h1>Flask .*FastAPI .*Django</h1>", repeated.content.decode())


# ------------------------------------------------------------------------------------------
# Query budget


def test_compare_has_a_fixed_query_budget(client, db):
    frameworks, _topics, _source = populate(5)
    slugs = ",".join(f.slug for f in frameworks[:3])
    urls = [
        f"{COMPARE}?frameworks={slugs}",
        f"{COMPARE}?frameworks={slugs}&independent=1",
        f"{COMPARE}?frameworks={slugs}&format=json",
        f"{COMPARE}?frameworks={slugs}&format=csv",
        COMPARE,
    ]
    # Cold: the catalogue and its aliases, the chosen frameworks, their claims and the topics;
    # warm, all of them are remembered.
    assert_query_budget(client, urls, lambda: populate(50, anchor=frameworks[0]), cold=5, warm=0)


# ------------------------------------------------------------------------------------------
# Acceptance, with the four real seeds


@pytest.fixture
def seeded(catalogue):
    from tests.test_import_seeds import import_seeds

    import_seeds()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_seeds_django_scalability_is_contested(client, seeded):
    response = client.get(reverse("frameworks:detail", args=["django"]))
    topics = {t.slug: t for t in response.context["page"].topics}
    assert topics["scalability"].contested
    assert 'id="topic-scalability"' in response.content.decode()


def _citations(page):
    return [c for t in page.topics for p in t.points for c in p.citations] + [
        c for p in (*page.best_for, *page.avoid_if) for c in p.citations
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_seeds_reflex_blog_claims_are_vendor_claims_whatever_they_are_about(client, seeded):
    vendor_claims = Claim.objects.public().filter(article__source__name="Reflex blog")
    assert vendor_claims.filter(framework__slug="reflex").exists()
    for slug in ("reflex", "streamlit"):  # its own framework, and a competitor
        url = reverse("frameworks:detail", args=[slug])
        response = client.get(url)
        from_blog = [c for c in _citations(response.context["page"]) if c.source_name == "Reflex blog"]
        assert from_blog and all(c.vendor == "Reflex's own blog" for c in from_blog)
        assert "From Reflex&#x27;s own blog" in response.content.decode()
        # Vendors never make the verdict.
        page = response.context["page"]
        assert all(not c.vendor for p in (*page.best_for, *page.avoid_if) for c in p.citations[:1])
        response = client.get(url, {"independent": "1"})
        assert not any(c.vendor for c in _citations(response.context["page"]))
        assert "badge-vendor" not in response.content.decode()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_seeds_reflex_card_counts_independent_sources_first(client, seeded):
    response = client.get(reverse("frameworks:list"))
    reflex = Framework.objects.get(slug="reflex")
    assert reflex.pk in response.context["page"].object_list  # the page's ids
    every = consensus.remembered_counts()
    counts = every[reflex.pk]
    assert counts.pros.vendor > counts.pros.independent  # most of its praise is its own blog's
    assert counts.vendor == "Reflex's own blog"
    page = response.content.decode()
    assert f"+{counts.pros.vendor} pros" in page and "from Reflex&#x27;s own blog" in page
    # "Most pros" ranks by independent points: Reflex's own blog cannot lift it.
    ranked = client.get(reverse("frameworks:list"), {"sort": "pros"}).context["page"].object_list
    independent = [every.get(pk, consensus.NO_COUNTS).pros.independent for pk in ranked]
    assert independent == sorted(independent, reverse=True)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_seeds_compare_django_flask_fastapi_counts_match_the_claims(client, seeded):
    response = client.get(COMPARE, {"frameworks": "django,flask,fastapi"})
    comparison = response.context["comparison"]
    assert [f.slug for f in comparison.frameworks] == ["django", "flask", "fastapi"]
    assert comparison.rows
    for topic_row in comparison.rows:
        for cell in topic_row.cells:
            claims = Claim.objects.public().filter(
                framework__slug=cell.framework_slug,
                topic__slug=topic_row.slug,
                topic__isnull=topic_row.slug is None,
            )
            for kind, count in ((ClaimKind.PRO, cell.pro_sources), (ClaimKind.CON, cell.con_sources)):
                sources = set(claims.filter(kind=kind).values_list("article__source_id", flat=True))
                assert len(sources) == count, (topic_row.name, cell.framework_slug, kind)
    data = client.get(COMPARE, {"frameworks": "django,flask,fastapi", "format": "json"}).json()
    assert [t["name"] for t in data["topics"]] == [r.name for r in comparison.rows]
    for topic, topic_row in zip(data["topics"], comparison.rows, strict=True):
        for cell in topic_row.cells:
            assert topic["cells"][cell.framework_slug]["pro_sources"] == cell.pro_sources
            assert topic["cells"][cell.framework_slug]["con_sources"] == cell.con_sources
