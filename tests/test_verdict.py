"""The decision layer: a framework's verdict, the evidence chart, and pages that do not grow with the data."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.models import ClaimKind
from frameworks import charts, consensus, verdict
from frameworks.consensus import EvidenceRow, Tally
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory, TopicFactory

RECENT = datetime.date.today() - datetime.timedelta(days=30)


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Best for\nTyped JSON APIs", "best"),
        ("Conclusion\nDash is best when a dashboard must live for years.", "best"),
        ("Veredicto\nIdeal para prototipos rápidos.", "best"),
        ("结论\n适合数据应用。", "best"),
        ("Verdict\nNot ideal for a tiny script.", "avoid"),  # "avoid" wins over "ideal for"
        ("Fazit\nNicht geeignet für kleine Skripte.", "avoid"),
        ("总结\n不适合小型项目。", "avoid"),
        ("Conclusion\nA solid framework with a long history.", None),
        ("Summary\nMy ideals formed early.", None),  # whole words only
    ],
)
def test_which_way_a_summary_leans(text, side):
    assert verdict.leaning(text) == side


def _row(pk, kind, source, *, topic=1, point=None, vendor=False, said=""):
    return EvidenceRow(
        pk, 1, topic, kind, point or pk, f"Claim {pk}", source, RECENT, "X's own blog" if vendor else "", said
    )


def test_the_verdict_is_independent_summaries_then_the_strongest_point_of_each_topic():
    rows = [
        _row(1, ClaimKind.SUMMARY, 10, topic=None, said="Best for\nTyped JSON APIs"),
        _row(2, ClaimKind.SUMMARY, 99, topic=None, said="Best for\nEverything", vendor=True),
        _row(3, ClaimKind.PRO, 10, topic=1, point=30),
        _row(4, ClaimKind.PRO, 11, topic=1, point=30),  # two sources: the strongest pro
        _row(5, ClaimKind.PRO, 12, topic=1),  # same topic as the strongest: left out
        _row(6, ClaimKind.PRO, 12, topic=2),
        _row(7, ClaimKind.PRO, 99, topic=3, vendor=True),  # vendors never make the verdict
        _row(8, ClaimKind.CON, 13, topic=2),
    ]
    judged = verdict.verdict(consensus.weigh(rows))
    assert [p.claim.id for p in judged.best_for] == [1, 4, 6]
    assert [p.claim.id for p in judged.avoid_if] == [8]
    assert not judged.thin


def test_no_independent_source_means_no_verdict():
    rows = [
        _row(1, ClaimKind.PRO, 99, vendor=True),
        _row(2, ClaimKind.SUMMARY, 99, vendor=True, said="Best for\nAll"),
    ]
    judged = verdict.verdict(consensus.weigh(rows))
    assert judged.best_for == judged.avoid_if == [] and judged.thin


def test_the_chart_is_a_few_paths_whatever_the_number_of_topics():
    topics = [(f"Topic {n}", f"#t{n}") for n in range(40)]
    tallies = [(Tally(n % 5, n % 2), Tally(n % 3, 0)) for n in range(40)]
    chart = charts.diverging(topics, [("Django", tallies)])
    (column,) = chart.columns
    assert column.pro_independent.count("M") == sum(1 for pros, _ in tallies if pros.independent)
    # Against grows left of the axis, for right of it; vendors beyond the independent part.
    row = column.rows[9]  # 4 independent + 1 vendor for, 0 against
    assert row.pro_x > column.axis and row.con_x < column.axis
    assert row.description == "Topic 9: 4 independent sources for (+1 vendor), 0 independent sources against"


def verdict_page(client, framework, **params):
    return client.get(reverse("frameworks:detail", args=[framework.slug]), params)


def test_a_framework_page_opens_with_its_verdict_linked_to_the_evidence(client, db):
    django = FrameworkFactory(name="Django", slug="django")
    orm = TopicFactory(name="ORM & database", slug="orm-database")
    one, two = SourceFactory(name="One"), SourceFactory(name="Two")
    summary = ClaimFactory(
        framework=django,
        kind=ClaimKind.SUMMARY,
        title="Best for",
        text="Database-backed sites",
        article=ArticleFactory(source=one),
    )
    for source in (one, two):
        ClaimFactory(framework=django, topic=orm, title="A great ORM", article=ArticleFactory(source=source))
    ClaimFactory(framework=django, topic=orm, kind=ClaimKind.CON, title="Heavy for tiny services")
    html = verdict_page(client, django).content.decode()
    verdict_html = html[html.index('id="verdict-title"') : html.index('class="facts card"')]
    assert "Best for" in verdict_html and "Avoid if" in verdict_html
    assert f"{summary.article.get_absolute_url()}#claim-{summary.pk}" in verdict_html
    assert ">Database-backed sites</a>" in verdict_html
    assert '>ORM &amp; database: A great ORM</a> <span class="muted">2 sources' in verdict_html
    assert "Heavy for tiny services" in verdict_html
    assert "Not enough independent evidence yet" not in verdict_html


def test_a_framework_only_its_vendor_writes_about_has_no_verdict(client, db):
    reflex = FrameworkFactory(name="Reflex", slug="reflex")
    blog = SourceFactory(name="Reflex blog", affiliation=reflex)
    ClaimFactory(framework=reflex, title="Pure Python", article=ArticleFactory(source=blog))
    html = verdict_page(client, reflex).content.decode()
    assert html.count("Not enough independent evidence yet") == 2
    assert "Pure Python" in html  # still on the page, badged, below the verdict


def test_one_independent_source_says_so(client, db):
    flask = FrameworkFactory(name="Flask", slug="flask")
    ClaimFactory(framework=flask, title="Small core")
    assert "a single independent source" in verdict_page(client, flask).content.decode()


class _Counter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = 0

    def handle_starttag(self, tag, attrs):
        self.elements += 1


def element_count(html: str) -> int:
    counter = _Counter()
    counter.feed(html)
    return counter.elements


def busy(frameworks, topics, claims_per_topic):
    """Every framework with claims on every topic, from many sources."""
    sources = SourceFactory.create_batch(8)
    for framework in frameworks:
        for topic in topics:
            for n in range(claims_per_topic):
                ClaimFactory(
                    framework=framework,
                    topic=topic,
                    kind=ClaimKind.CON if n % 3 == 0 else ClaimKind.PRO,
                    title=f"{topic.name} point {n} " + "long words " * 8,
                    text="A sentence long enough to be a real claim, with a [link](https://example.com). "
                    * 3,
                    article=ArticleFactory(source=sources[n % len(sources)]),
                )


@pytest.mark.parametrize("claims_per_topic", [3, 12])
def test_a_framework_page_and_a_compare_of_six_stay_small_at_any_data_size(client, db, claims_per_topic):
    frameworks = [FrameworkFactory(name=f"Framework {n}", slug=f"fw-{n}") for n in range(6)]
    topics = [TopicFactory(name=f"Topic number {n}", slug=f"topic-{n}") for n in range(24)]
    busy(frameworks, topics, claims_per_topic)
    for url in (
        reverse("frameworks:detail", args=["fw-0"]),
        reverse("frameworks:compare") + "?frameworks=" + ",".join(f.slug for f in frameworks),
    ):
        html = client.get(url).content.decode()
        assert element_count(html) <= 1000, url
        assert len(html.encode()) <= 100_000, url
