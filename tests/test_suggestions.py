""" "Did you mean …?": on PostgreSQL by pg_trgm similarity, elsewhere by difflib, over the words the
site knows. Runs on the suite's database."""

import pytest
from django.urls import reverse

from articles.models import ClaimStatus
from articles.search import search
from articles.suggestions import corrections, vocabulary
from frameworks.models import FrameworkKind
from tests.factories import AliasFactory, ArticleFactory, ClaimFactory, FrameworkFactory, TopicFactory
from tests.query_budget import assert_query_budget


@pytest.fixture
def site(db):
    fastapi = FrameworkFactory(name="FastAPI", slug="fastapi", tagline="APIs from type hints")
    streamlit = FrameworkFactory(name="Streamlit", slug="streamlit")
    AliasFactory(framework=FrameworkFactory(name="Reflex", slug="reflex"), name="Pynecone")
    TopicFactory(name="Scalability", slug="scalability")
    ClaimFactory(framework=fastapi, title="Performance", text="Among the quickest Python frameworks.")
    ClaimFactory(framework=streamlit, title="Dashboards in minutes", text="Charts from a script.")
    return {"fastapi": fastapi}


def test_a_typo_gets_the_word_the_site_knows(client, site):
    results = search("fastapi performnce")
    assert [f.name for f in results.frameworks] == ["FastAPI"]
    assert results.claims == []
    assert results.suggestion.query == "fastapi performance"
    assert results.suggestion.html == "fastapi <strong>performance</strong>"
    html = client.get(reverse("articles:search"), {"q": "FastAPI performnce"}).content.decode()
    assert (
        'Did you mean <a href="/search/?q=FastAPI%20performance">FastAPI <strong>performance</strong></a>?'
        in html
    )


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("performnce", "performance"),  # a letter left out
        ("fastapy", "fastapi"),  # a framework's name
        ("pynecnoe", "pynecone"),  # an alias, two letters swapped
        ("streamlt", "streamlit"),
        ("scalabilty", "scalability"),  # a topic
        ("dashbords", "dashboards"),  # a claim title's word
        ("asynchronus", "asynchronous"),  # the search vocabulary
    ],
)
def test_corrections_come_from_names_topics_the_vocabulary_and_claim_titles(site, typed, meant):
    assert corrections([typed]) == {typed: meant}


def test_known_words_and_words_of_another_kind_are_left_alone(site):
    assert corrections(["fastapi", "performance", "异步", "web2py", "xq", "zzzzqqqq"]) == {}


def test_a_search_that_finds_something_suggests_nothing(site):
    assert search("performance").suggestion is None
    assert search("zzzzqqqq").suggestion is None  # nothing close


def test_hidden_words_are_never_suggested(db):
    FrameworkFactory(name="Unreviewedly", needs_review=True)
    FrameworkFactory(name="Udemystic", kind=FrameworkKind.RESOURCE)
    ClaimFactory(title="Rejectedword", status=ClaimStatus.REJECTED)
    ClaimFactory(title="Draftedword", article=ArticleFactory(draft=True))
    ClaimFactory(title="Withdrawnword", withdrawn=True)
    words = set(vocabulary())
    assert not words & {"unreviewedly", "udemystic", "rejectedword", "draftedword", "withdrawnword"}
    assert corrections(["unreviewedli", "rejectedwerd"]) == {}


def test_a_suggestion_costs_no_query_once_remembered(client, site):
    url = reverse("articles:search") + "?q=fastapi+performnce"

    def grow():
        for n in range(20):
            ClaimFactory(title=f"Routing speed {n}", text="Quick routing.")

    # Cold: the search (2), what search remembers (its frameworks and aliases, what it shows of
    # the claims found, counts, topics), the vocabulary (2) and, on PostgreSQL, the similarity
    # query; warm: the search alone.
    assert_query_budget(client, [url], grow, cold=9, warm=2)
