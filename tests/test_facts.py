"""Capability facts: yes / partial / no / unknown, each with its source and the day it was
checked, and where independent claims say a fact is wrong."""

import datetime
import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from articles.models import ClaimKind
from frameworks.facts import ClaimWords, disputes, says_otherwise
from frameworks.models import CAPABILITIES, FactValue, Framework
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory, TopicFactory

LIST = reverse("frameworks:list")
CHECKED = datetime.date(2026, 11, 20)
ASYNC_DOCS = "https://docs.djangoproject.com/en/stable/topics/async/"


def sourced(**facts):
    """Fields for facts given as name=(value, note)."""
    fields = {}
    for name, (value, note) in facts.items():
        fields.update({name: value, f"{name}_source": f"https://docs.example.org/{name}/"})
        fields.update({f"{name}_checked": CHECKED, f"{name}_note": note})
    return fields


# ------------------------------------------------------------------------------------------
# What a claim says about a capability


@pytest.mark.parametrize(
    ("capability", "value", "kind", "words"),
    [
        (
            "native_async",
            "yes",
            "con",
            "Async is partial\nViews can be async def, but the ORM hands work to a thread.",
        ),
        ("native_async", "yes", "con", "Async is bolted on\nThe framework is still WSGI."),
        ("has_orm", "yes", "con", "No built-in database layer"),
        ("has_orm", "yes", "con", "Nessun ORM integrato"),
        ("has_admin", "yes", "con", "Sin ORM ni admin"),
        ("has_orm", "no", "pro", "Built-in ORM with migrations"),
        ("websockets", "no", "feature", "WebSockets built in"),
        ("has_orm", "no", "feature", "ORM integrato con migrazioni"),
    ],
)
def test_claims_that_say_otherwise(capability, value, kind, words):
    assert says_otherwise(capability, value, kind, words)


@pytest.mark.parametrize(
    ("capability", "value", "kind", "words"),
    [
        ("has_orm", "yes", "con", "ORM is not the fastest"),  # a complaint, not a missing ORM
        ("has_orm", "yes", "con", "Swapping the ORM means giving up most third-party apps."),
        ("pure_python_ui", "yes", "con", "Limited UI components"),  # says nothing of Python or JS
        ("has_orm", "yes", "pro", "No ORM lock-in"),  # a pro never disputes a yes
        ("has_orm", "no", "feature", "No built-in ORM"),  # agrees with the no
        ("has_orm", "no", "pro", "Works with any ORM"),
        ("native_async", "partial", "con", "Async is partial"),  # a partial is the hedge already
        ("native_async", "unknown", "con", "No async support"),
    ],
)
def test_claims_that_do_not(capability, value, kind, words):
    assert not says_otherwise(capability, value, kind, words)


def test_a_dispute_counts_each_source_once_and_only_on_the_facts_topic(db):
    framework = FrameworkFactory(**sourced(native_async=("yes", ""), has_orm=("yes", "")))
    topic_ids = {"async-concurrency": 1, "orm-database": 2}
    claims = [
        ClaimWords(10, 1, ClaimKind.CON, 100, "Async is partial"),
        ClaimWords(11, 1, ClaimKind.CON, 100, "Async support is incomplete"),
        ClaimWords(12, 1, ClaimKind.CON, 200, "Async is an afterthought"),
        ClaimWords(13, 2, ClaimKind.CON, 300, "Async is partial"),  # on the ORM topic: not about async
    ]
    found = disputes(framework.facts(), topic_ids, claims)
    assert [(d.fact.name, d.claim_ids, d.sources) for d in found] == [("native_async", (10, 12), 2)]


# ------------------------------------------------------------------------------------------
# The framework page


@pytest.fixture
def django_async(db):
    django = FrameworkFactory(
        name="Django",
        slug="django",
        native_async=FactValue.YES,
        native_async_source=ASYNC_DOCS,
        native_async_checked=CHECKED,
        native_async_note="Async views under ASGI",
    )
    topic = TopicFactory(name="Async & concurrency", slug="async-concurrency")
    independent = SourceFactory(name="Independent blog")
    con = ClaimFactory(
        framework=django,
        topic=topic,
        kind=ClaimKind.CON,
        article=ArticleFactory(source=independent),
        title="Async is partial",
        text="Views can be async, but large parts of the ORM still hand work to a thread pool.",
    )
    vendor = SourceFactory(name="Vendor blog", affiliation=FrameworkFactory(name="Rival"))
    ClaimFactory(
        framework=django, topic=topic, kind=ClaimKind.CON, article=ArticleFactory(source=vendor),
        title="No real async", text="Async is bolted on.",
    )  # fmt: skip
    return django, topic, con


def test_each_fact_shows_its_value_source_date_and_note(client, db):
    framework = FrameworkFactory(**sourced(native_async=("partial", "Async views; the ORM runs in a thread")))
    html = client.get(framework.get_absolute_url()).content.decode()
    assert '<span class="yn yn-partial">Partial</span>' in html
    assert "Async views; the ORM runs in a thread" in html
    assert 'href="https://docs.example.org/native_async/"' in html
    assert 'checked <time datetime="2026-11-20">20 Nov 2026</time>' in html


def test_a_fact_independent_sources_dispute_says_so_beside_it(client, django_async):
    django, topic, con = django_async
    response = client.get(django.get_absolute_url())
    html = response.content.decode()
    assert "<strong>Disputed:</strong> 1 independent source says otherwise" in html
    assert f"#claim-{con.pk}" in html and "“Async is partial”" in html
    assert f"?framework=django&amp;independent=1&amp;topic={topic.slug}" in html
    shown = {f.fact.name: f for f in response.context["page"].facts}
    assert len(shown["native_async"].disputed_by) == 1  # the vendor's con does not count
    assert not shown["has_orm"].disputed


def test_a_fact_that_agrees_with_the_evidence_is_not_disputed(client, django_async):
    django, _topic, _con = django_async
    Framework.objects.filter(pk=django.pk).update(native_async=FactValue.PARTIAL)
    assert "Disputed" not in client.get(django.get_absolute_url()).content.decode()


def test_the_coverage_dashboard_lists_disputed_facts(editor_client, django_async):
    django, topic, _con = django_async
    html = editor_client.get(reverse("admin:coverage")).content.decode()
    assert "Native async: Yes</a> (1 independent source says otherwise)" in html
    assert f"framework__id__exact={django.pk}&amp;topic__id__exact={topic.pk}&amp;kind__exact=con" in html


# ------------------------------------------------------------------------------------------
# The list's filters, compare and the API keep their shapes


def test_a_capability_filter_keeps_yes_and_partial(client, db):
    FrameworkFactory(name="Django", native_async=FactValue.PARTIAL)
    FrameworkFactory(name="FastAPI", native_async=FactValue.YES)
    FrameworkFactory(name="Flask", native_async=FactValue.NO)
    FrameworkFactory(name="Mystery")
    listed = client.get(LIST, {"native_async": "1"}).context["json_ld_frameworks"]
    names = [json.loads(entity)["name"] for entity in listed]
    assert names == ["Django", "FastAPI"]


def test_compare_shows_partial(client, db):
    FrameworkFactory(name="Django", slug="django", native_async=FactValue.PARTIAL)
    FrameworkFactory(name="FastAPI", slug="fastapi", native_async=FactValue.YES)
    body = client.get(
        reverse("frameworks:compare"), {"frameworks": "django,fastapi", "format": "json"}
    ).json()
    values = {column["slug"]: column["facts"]["Native async"] for column in body["frameworks"]}
    assert values == {"django": "Partial", "fastapi": "Yes"}


def test_the_api_gives_every_fact_with_its_source_and_a_yes_or_no(client, django_async):
    facts = client.get(reverse("api:framework", args=["django"])).json()["facts"]
    assert set(facts) == {name for name, _label in CAPABILITIES}
    assert facts["native_async"] == {
        "value": "yes", "has": True, "source": ASYNC_DOCS, "checked": "2026-11-20", "note": "Async views under ASGI",
    }  # fmt: skip
    assert facts["has_orm"] == {"value": "unknown", "has": None, "source": None, "checked": None, "note": ""}


def test_booleans_still_read_and_write_as_yes_and_no(db):
    framework = FrameworkFactory(has_orm=True, has_admin=False, has_auth=None)
    framework.refresh_from_db()
    assert (framework.has_orm, framework.has_admin, framework.has_auth) == ("yes", "no", "unknown")
    assert Framework.objects.filter(has_orm=True).get() == framework
    assert [f.has for f in framework.facts()][:3] == [True, False, None]


# ------------------------------------------------------------------------------------------
# Editors


def framework_form(framework, **changes):
    data = {
        "name": framework.name, "slug": framework.slug, "kind": framework.kind, "tagline": framework.tagline,
        "description": "", "interface": "", "expected_version": framework.version,
        "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0,
        "major_releases-TOTAL_FORMS": 0, "major_releases-INITIAL_FORMS": 0,
    }  # fmt: skip
    for name, _label in CAPABILITIES:
        data[name] = getattr(framework, name)
    data.update(changes)
    return data


def test_an_editor_setting_a_fact_must_say_where_it_comes_from(editor_client, db):
    framework = FrameworkFactory()
    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    response = editor_client.post(url, framework_form(framework, has_orm="yes"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Where does “Built-in ORM” come from?" in html and "When was the source read?" in html

    ok = framework_form(framework, has_orm="yes", has_orm_source="https://docs.example.org/orm/")
    ok["has_orm_checked"] = "2026-11-30"
    assert editor_client.post(url, ok).status_code == 302
    framework.refresh_from_db()
    assert (framework.has_orm, framework.has_orm_checked) == ("yes", datetime.date(2026, 11, 30))


def test_editors_add_major_releases_on_the_framework(editor_client, db):
    framework = FrameworkFactory(name="Django")
    url = reverse("admin:frameworks_framework_change", args=[framework.pk])
    assert "Major releases (claims written before one are marked possibly stale)" in (
        editor_client.get(url).content.decode()
    )
    data = framework_form(framework)
    data.update({
        "major_releases-TOTAL_FORMS": 1, "major_releases-0-version": "5.0",
        "major_releases-0-released": "2023-12-04",
        "major_releases-0-notes_url": "https://docs.djangoproject.com/en/stable/releases/5.0/",
    })  # fmt: skip
    assert editor_client.post(url, data).status_code == 302
    assert [str(r) for r in framework.major_releases.all()] == ["Django 5.0"]


# ------------------------------------------------------------------------------------------
# Data: the migration and the catalogue


def test_the_migration_turns_booleans_into_values(db):
    migration = importlib.import_module("frameworks.migrations.0005_sourced_capability_facts")
    framework = FrameworkFactory()
    # As the column holds them once it is text: PostgreSQL writes true/false, SQLite 1/0.
    Framework.objects.filter(pk=framework.pk).update(has_orm="1", has_admin="false", has_auth="t")
    migration.to_values(apps, None)
    framework.refresh_from_db()
    assert (framework.has_orm, framework.has_admin, framework.has_auth) == ("yes", "no", "yes")


def test_every_sourced_fact_in_the_catalogue_has_a_date_and_an_official_link():
    rows = json.loads(Path("fixtures/frameworks.json").read_text(encoding="utf-8"))
    sourced_facts = 0
    for row in rows:
        if row["model"] != "frameworks.framework":
            continue
        fields = row["fields"]
        for name, _label in CAPABILITIES:
            assert fields[name] in {"yes", "partial", "no", "unknown"}, (fields["slug"], name)
            if fields[f"{name}_source"]:
                sourced_facts += 1
                assert fields[f"{name}_source"].startswith("https://") and fields[f"{name}_checked"]
            if fields[name] == "partial":
                assert fields[f"{name}_note"], f"{fields['slug']}.{name}: a partial says what is missing"
    assert sourced_facts >= 100
