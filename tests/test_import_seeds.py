"""The four real published articles in ../shared/seeds, imported as the product expects."""

import json
from collections import Counter

import pytest
from django.core.management import call_command

from articles.models import Article, Claim, Source
from frameworks.models import Framework, FrameworkKind
from guide.caching import content_changed
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")


def seed(prefix):
    return str(next(SEEDS.glob(f"{prefix}_*")))


def import_seeds():
    call_command("import_articles", seed("000"), source="Reflex blog", affiliated_with="reflex", verbosity=0)
    call_command("import_articles", seed("001"), source="Reflex blog", affiliated_with="reflex", verbosity=0)
    call_command("import_articles", seed("002"), source="Luvaha blog", verbosity=0)
    call_command("import_articles", seed("003"), source="Pratt Solutions", verbosity=0)


def counts(article):
    result: dict[str, Counter] = {}
    for claim in Claim.objects.filter(article=article).select_related("framework"):
        result.setdefault(claim.framework.name, Counter())[claim.kind] += 1
    return result


@pytest.fixture
def seeded(catalogue):
    import_seeds()


def article_from(prefix):
    return Article.objects.get(source_path=seed(prefix))


def test_seed_000_pros_cons_and_conclusion(seeded):
    result = counts(article_from("000"))
    expected = {
        "Reflex": (6, 2), "Django": (5, 3), "Flask": (4, 4), "Streamlit": (4, 5),
        "Gradio": (2, 3), "Dash": (5, 2), "FastAPI": (5, 3),
    }  # fmt: skip
    assert set(result) == set(expected)
    for name, (pros, cons) in expected.items():
        assert (result[name]["pro"], result[name]["con"], result[name]["summary"]) == (
            pros,
            cons,
            1,
        ), name


def test_seed_001_labels_continuations_and_todo_notes(seeded):
    article = article_from("001")
    result = counts(article)
    expected = {
        "Reflex": (5, 2), "FastAPI": (4, 2), "Django": (4, 3), "Flask": (2, 3),
        "Streamlit": (3, 3), "Gradio": (2, 2), "Dash": (3, 2),
    }  # fmt: skip
    assert {name: (c["pro"], c["con"]) for name, c in result.items()} == expected
    cloud = Claim.objects.get(article=article, framework__name="Dash", title="Cloud deployment")
    assert "cannot be easily deployed can be deployed with containers" in cloud.text
    assert not Framework.objects.filter(name__icontains="todo").exists()
    assert "TODO" not in article.body
    assert "python exec" not in article.body


def test_seed_002_features_alias_and_metadata(seeded):
    article = article_from("002")
    result = counts(article)
    expected = {
        "Django": 4,
        "Flask": 4,
        "FastAPI": 4,
        "Gradio": 4,
        "Streamlit": 4,
        "Tornado": 3,
        "Reflex": 3,
    }
    assert {name: c["feature"] for name, c in result.items()} == expected
    assert all(set(c) == {"feature"} for c in result.values())
    assert Framework.objects.named("Pynecone").get().name == "Reflex"
    assert article.authors == ["luvaha"]
    assert str(article.published) == "2025-07-20"
    assert "Tornado" in article.tags
    assert "<!--truncate-->" not in article.body


def test_seed_003_frameworks_resources_and_table(seeded):
    article = article_from("003")
    result = counts(article)
    frameworks = {"Django", "Flask", "FastAPI", "Pyramid", "Starlette", "Tornado"}
    resources = {"PyPI", "Udemy", "Coursera", "O'Reilly", "Packt", "Real Python"}
    assert set(result) == frameworks | resources
    for name, c in result.items():
        assert (c["pro"], c["con"], c["feature"], c["summary"]) == (4, 2, 2, 1), name
    assert set(Framework.objects.resources().values_list("name", flat=True)) == resources
    assert not Framework.objects.filter(name__in=resources, needs_review=False).exists()
    assert all(Framework.objects.get(name=n).kind != FrameworkKind.RESOURCE for n in frameworks)
    assert article.slug == "best-python-frameworks-for-web-development"
    price = Claim.objects.get(article=article, framework__name="Udemy", title="Access / Price")
    assert price.kind == "feature" and price.topic.slug == "cost"


def test_across_seeds_one_framework_each_and_no_noise(seeded):
    for name in ("Dash", "Reflex", "Django", "Flask", "FastAPI"):
        assert Framework.objects.filter(name=name).count() == 1
    names = set(Framework.objects.filter(claims__isnull=False).values_list("name", flat=True))
    assert not any(
        word in name.lower()
        for name in names
        for word in ("conclusion", "vs", "todo", "key factors", "comparison")
    )
    assert Claim.objects.count() == 60 + 40 + 26 + 108
    assert Source.objects.get(name="Reflex blog").affiliation.slug == "reflex"


def test_reimporting_the_seeds_changes_nothing(seeded, django_assert_max_num_queries):
    before = list(Claim.objects.order_by("pk").values_list("pk", "updated_at"))
    articles_before = list(Article.objects.order_by("pk").values_list("pk", "updated_at"))
    import_seeds()
    assert list(Claim.objects.order_by("pk").values_list("pk", "updated_at")) == before
    assert list(Article.objects.order_by("pk").values_list("pk", "updated_at")) == articles_before


def test_api_shows_seed_claims_with_article_and_source(seeded, client):
    data = client.get("/api/frameworks/reflex/").json()
    assert data["name"] == "Reflex" and "Pynecone" in data["aliases"]
    sources = {claim["article"]["source"] for claim in data["claims"]}
    assert "reflex-blog" in sources
    first = data["claims"][0]
    assert set(first) >= {"id", "kind", "topic", "title", "text", "status", "article"}
    assert set(first["article"]) >= {"slug", "title", "published", "source"}


def test_framework_list_hides_the_six_resources_unless_asked(seeded, client):
    seed_frameworks = {
        "Django",
        "Flask",
        "FastAPI",
        "Pyramid",
        "Starlette",
        "Tornado",
        "Reflex",
        "Streamlit",
        "Gradio",
        "Dash",
    }
    resources = {"PyPI", "Udemy", "Coursera", "O'Reilly", "Packt", "Real Python"}

    def listed(**query):
        names, page = set(), 1
        while True:  # every page of the list
            context = client.get("/frameworks/", {**query, "page": page}).context
            names |= {json.loads(f)["name"] for f in context["json_ld_frameworks"]}
            if not context["page"].has_next():
                return names
            page += 1

    assert seed_frameworks <= listed() and not resources & listed()
    assert not listed(kind="resource")  # the import created them: hidden until an editor accepts them
    Framework.objects.filter(name__in=resources).update(needs_review=False)
    content_changed()  # as the editors' "accept" action does (guide.admin_locking.bulk_change)
    assert listed(kind="resource") == resources and not resources & listed()


def test_seed_claims_are_filed_under_topics(seeded):
    claims = Claim.objects.exclude(kind="summary").select_related("topic")
    untopiced = [claim for claim in claims if claim.topic is None]
    assert len(untopiced) <= 0.05 * claims.count(), [c.label for c in untopiced]
    # Who a framework is for, and the conclusion's verdicts, are not evidence on a topic.
    audience = Claim.objects.filter(title="Target audience / Use case")
    assert audience.count() == 12 and not audience.exclude(topic=None).exists()
    assert not Claim.objects.filter(kind="summary", title="Conclusion").exclude(topic=None).exists()


def test_seed_titles_never_just_repeat_the_text_cut_off(seeded):
    cut_off = [c for c in Claim.objects.all() if c.title.endswith("…") and c.text.startswith(c.title[:-1])]
    assert cut_off == []
