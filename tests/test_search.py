"""Site search: one ranked page of frameworks, articles and claims, safe whatever is typed.

Runs on the suite's database: full-text search on PostgreSQL, the substring fallback on SQLite.
"""

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import ClaimStatus
from articles.search import MAX_QUERY_LENGTH, clean_query, highlight, query_terms, search
from frameworks.models import Framework, FrameworkKind
from tests.articles_data import populate
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    ClaimFactory,
    FrameworkFactory,
    SourceFactory,
    TopicFactory,
)
from tests.query_budget import assert_query_budget
from tests.xss_payloads import XSS_PAYLOADS

HOSTILE = [
    '"',
    "'",
    '"unbalanced',
    "*",
    "&|!",
    "django & | ! flask",
    "(((",
    "django)",
    "'); DROP TABLE articles_article; --",
    "x" * 10_000,
    "django " * 2000,
    "\x00",
    "djan\x00go",
    "!!!???...,,,",
    "-",
    "- -django",
    "or",
    "<->",
    "django:*",
    "%ff%fe",
    "\ufffd\ufffd",
    "😀 django",
    "\\",
    "$$ $1 ::text",
    "the and of",
]


def test_search_finds_frameworks_articles_and_claims(client, db):
    django = FrameworkFactory(name="Django", slug="django", tagline="Batteries included")
    AliasFactory(framework=django, name="Djangoproject")
    article = ArticleFactory(title="Why the admin matters", body="The Django admin saves weeks.")
    ClaimFactory(article=article, framework=django, title="Admin interface", text="A generated admin.")
    ArticleFactory(title="Unrelated", body="Nothing to see.")

    results = search("admin")
    assert [a.title for a in results.articles] == ["Why the admin matters"]
    assert [c.title for c in results.claims] == ["Admin interface"]
    assert results.frameworks == []

    html = client.get(reverse("articles:search"), {"q": "django"}).content.decode()
    assert '<a class="search-framework-name" href="/frameworks/django/"><mark>Django</mark></a>' in html
    assert "Why the admin matters" in html  # body match
    assert "Unrelated" not in html


def test_counts_stop_at_the_limit_and_say_so(client, db, monkeypatch):
    monkeypatch.setattr("articles.search.COUNT_LIMIT", 2)
    for n in range(3):
        ClaimFactory(title=f"Routing {n}", text="Fast routing.")
    ArticleFactory(title="Routing notes", body="About routing.")

    results = search("routing")
    assert (results.claim_count, results.claims_capped) == (2, True)
    assert (results.article_count, results.articles_capped) == (1, False)
    assert len(results.claims) == 3  # the list itself is not capped by the count
    html = client.get(reverse("articles:search"), {"q": "routing"}).content.decode()
    assert "More than 3 results" in html
    assert '<span class="count">2+</span>' in html
    assert '<span class="count">1</span>' in html


def test_article_snippets_are_plain_text_from_the_body(db):
    ArticleFactory(title="Notes", body="Intro.\n\n## Async\n\nThe **event loop** & friends: <b>x</b>")
    [article] = search("event loop").articles
    assert "<mark>event</mark> <mark>loop</mark> &amp; friends" in article.text_html
    assert "<strong>" not in article.html and "&lt;b" not in article.html


def test_every_word_must_match_and_claims_match_on_their_framework(db):
    flask = FrameworkFactory(name="Flask", slug="flask")
    ClaimFactory(framework=flask, title="Small core", text="Easy to learn.")
    ClaimFactory(framework=FrameworkFactory(name="Other"), title="Small core", text="Easy to learn.")
    results = search("flask small")
    [claim] = results.claims
    assert ">Flask</a>" in claim.html


def test_titles_rank_above_bodies(db):
    ArticleFactory(title="Notes", body="Performance " * 1 + "other words " * 50, published=None)
    ArticleFactory(title="Performance in depth", body="Some text.", published=None)
    results = search("performance")
    assert [a.title for a in results.articles] == ["Performance in depth", "Notes"]


def test_aliases_find_their_framework(db):
    reflex = FrameworkFactory(name="Reflex", slug="reflex")
    AliasFactory(framework=reflex, name="Pynecone")
    assert [f.name for f in search("pynecone").frameworks] == ["Reflex"]


def test_matched_words_are_highlighted_and_stems_too(client, db):
    ClaimFactory(title="Scalability", text="It scales to many servers.")
    html = client.get(reverse("articles:search"), {"q": "scaling"}).content.decode()
    assert "<mark>Scalability</mark>" in html
    assert "<mark>scales</mark>" in html


def test_claims_are_shown_as_their_words_not_their_markdown(client, db):
    ClaimFactory(
        title="Pitfalls", text="One blocking call inside an `async def` view stalls **every** request."
    )
    html = client.get(reverse("articles:search"), {"q": "blocking"}).content.decode()
    assert "One <mark>blocking</mark> call inside an async def view stalls every request." in html


def test_what_search_remembers_of_each_result_follows_content_changes(client, db):
    django = FrameworkFactory(name="Django", slug="django")
    alias = AliasFactory(framework=django, name="Djangoproject")
    article = ArticleFactory(title="Routing notes", description="Routing, fast.", body="About routing.")
    claim = ClaimFactory(article=article, framework=django, title="Fast routing", text="Routing is quick.")

    def page(query):
        return client.get(reverse("articles:search"), {"q": query}).content.decode()

    assert "<mark>Routing</mark> is quick." in page("routing")
    # The same items for another query: marked for that query, not the first one's.
    assert "Routing is <mark>quick</mark>." in page("quick")
    assert "also Djangoproject" in page("django")
    claim.text = "Routing is swift."
    claim.save()
    article.description = "Routing, swift."
    article.save()
    alias.name = "Djangoweb"
    alias.save()
    html = page("routing")
    assert "<mark>Routing</mark> is swift." in html and "<mark>Routing</mark>, swift." in html
    assert "also Djangoweb" in page("django")
    assert [f.name for f in search("djangoweb").frameworks] == ["Django"]
    FrameworkFactory(name="Ñandú", slug="nandu")
    assert [f.name for f in search("ñandú").frameworks] == ["Ñandú"]  # case aside, in any script
    assert [f.name for f in search("ÑANDÚ").frameworks] == ["Ñandú"]
    claim.status = ClaimStatus.REJECTED
    claim.save()
    assert "Fast routing" not in page("routing")


def test_highlight_escapes_before_marking():
    assert highlight("a <b> & amp", ["amp"]) == "a &lt;b&gt; &amp; <mark>amp</mark>"
    assert highlight("<script>", ["script"]) == "&lt;<mark>script</mark>&gt;"
    assert highlight("Fast & safe", []) == "Fast &amp; safe"


def test_query_is_capped_cleaned_and_tokenised():
    assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH
    assert "\x00" not in clean_query("a\x00b")
    assert query_terms("'); DROP TABLE x; --") == ["drop", "table"]
    assert query_terms("!!!") == []
    assert query_terms("优点 a b Django django") == ["优点", "django"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_results_or_nothing_found(client, db, query):
    ClaimFactory(framework=FrameworkFactory(name="Django", slug="django"), text="Django claim.")
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing found" in html or "result" in html or "Type a framework" in html


@pytest.mark.parametrize("raw", ["%ff%fe", "%00", "%C0%AF", "a%", "%%%", "q%3D%00"])
def test_raw_undecodable_query_strings(client, db, raw):
    assert client.get(f"{reverse('articles:search')}?q={raw}").status_code == 200


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_in_the_query_is_rendered_escaped(client, db, payload):
    ClaimFactory(title="Script alert", text="An alert from a script onerror img svg.")
    html = client.get(reverse("articles:search"), {"q": payload}).content.decode()
    assert html.lower().count("<script") == 0
    assert "onerror=" not in html.replace("&#x27;", "'").split("<main", 1)[1].split("value=", 1)[0]


def test_xss_in_indexed_content_is_escaped_in_results(client, db):
    payload = "<img src=x onerror=alert(1)> speedy"
    ClaimFactory(title=payload, text=payload, framework=FrameworkFactory(name=payload, tagline=payload))
    ArticleFactory(title=payload, description=payload, body=payload)
    html = client.get(reverse("articles:search"), {"q": "speedy"}).content.decode()
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>speedy</mark>" in html


def test_content_that_spells_a_slot_is_shown_as_written(client, db):
    # What search remembers of a result has slots for its highlighted title and text.
    words = "<search-title> and <search-text> speedy"
    framework = FrameworkFactory(name="<search-text>")
    topic = TopicFactory(name="<search-title>")
    ClaimFactory(title=words, text="Speedy `<search-text>`.", framework=framework, topic=topic)
    ArticleFactory(title=words, description=words, body=words, authors=["<search-text>"])
    html = client.get(reverse("articles:search"), {"q": "speedy"}).content.decode()
    assert "<search-" not in html
    # The article's title and snippet, the claim's title; the claim's text as its markdown says.
    assert html.count("&lt;search-title&gt; and &lt;search-text&gt; <mark>speedy</mark>") == 3
    assert "<mark>Speedy</mark> &lt;search-text&gt;." in html


def test_empty_query_runs_no_search(client, db):
    assert_query_budget(client, [reverse("articles:search")], lambda: populate(5), cold=0, warm=0)


def test_search_has_a_fixed_number_of_queries(client, db):
    populate(5)
    url = reverse("articles:search") + "?q=speed+framework"
    # Warm, the best articles and the best claims (what is shown of each, and the frameworks
    # matched, are remembered). Cold, also those articles and claims, the frameworks and their
    # aliases, the topics, the counts and major releases (the claims' "possibly stale").
    assert_query_budget(client, [url], lambda: populate(40, start=1000), cold=9, warm=2)


def test_backend_in_use(db):
    """Documents which path ran: full-text on PostgreSQL, substring matching elsewhere."""
    ArticleFactory(title="Running servers", body="x")
    titles = [a.title for a in search("run").articles]
    if connection.vendor == "postgresql":
        assert titles == ["Running servers"]  # stemming: run ~ running
    else:
        assert titles == ["Running servers"]  # substring


def test_minus_leaves_a_word_out_and_connecting_words_are_ignored(db):
    django, _flask = (
        FrameworkFactory(name="Django", slug="django"),
        FrameworkFactory(name="Flask", slug="flask"),
    )
    ClaimFactory(framework=django, title="Templates", text="Django and Flask both have templates.")
    ClaimFactory(framework=django, title="Admin", text="Only Django has an admin.")
    results = search("django -flask")
    assert [f.name for f in results.frameworks] == ["Django"]
    assert [c.title for c in results.claims] == ["Admin"]
    assert query_terms("flask or the pyramid") == ["flask", "pyramid"]


# --------------------------------------------------------------------------------------------
# Frameworks by what they are and have


def found_names(results) -> list[str]:
    return [f.name for f in results.frameworks] + [name for name, _url in results.more_frameworks]


def test_async_finds_every_framework_whose_facts_say_native_async(client, catalogue):
    results = search("async")
    named = found_names(results)
    for name in ("FastAPI", "Litestar", "Starlette", "Quart", "Sanic", "Tornado", "aiohttp"):
        assert name in named
    assert "Flask" not in named  # native_async is false
    assert "Udemy" not in named  # resources never
    with_fact = [f for f in results.frameworks if f.reasons]
    assert results.frameworks[: len(with_fact)] == with_fact  # described first
    assert all(f.reasons == ["Native async"] for f in with_fact)
    [link] = results.concepts
    assert (link.label, link.url) == ("Native async", "/frameworks/?native_async=1")
    assert link.count == Framework.objects.public().frameworks().filter(native_async=True).count()

    html = client.get(reverse("articles:search"), {"q": "asíncrono"}).content.decode()
    assert '<a class="chip" href="/frameworks/?native_async=1">Native async' in html
    assert '<span class="badge badge-feature">Native async</span>' in html
    assert "?topic=async-concurrency" in html  # the topic's claims


def test_a_concept_finds_the_frameworks_that_have_it_in_full_and_says_why(db):
    FrameworkFactory(name="Fully", native_async="yes")
    FrameworkFactory(name="Partly", native_async="partial")
    FrameworkFactory(name="Not", native_async="no", tagline="Not async at all")
    FrameworkFactory(name="Uiframe", kind=FrameworkKind.PYTHON_UI, pure_python_ui="no")
    results = search("async")
    assert {f.name: f.reasons for f in results.frameworks} == {"Fully": ["Native async"], "Not": []}
    assert [link.count for link in results.concepts] == [1]
    # Found by its kind, a framework is not said to have the concept's fact when it does not.
    assert [f.reasons for f in search("pure python").frameworks] == [["Web apps in pure Python"]]


def test_frameworks_under_review_never_match_a_concept(db):
    FrameworkFactory(name="Hidden", native_async=True, needs_review=True)
    FrameworkFactory(name="Shown", native_async=True)
    assert found_names(search("async")) == ["Shown"]


def test_frameworks_more_independent_sources_discuss_rank_first(db):
    quiet, discussed = (
        FrameworkFactory(name="Aaa", native_async=True),
        FrameworkFactory(name="Zzz", native_async=True),
    )
    for n in range(2):
        ClaimFactory(framework=discussed, article=ArticleFactory(source=SourceFactory(name=f"Blog {n}")))
    ClaimFactory(framework=quiet)
    assert found_names(search("async")) == ["Zzz", "Aaa"]


def test_more_words_answered_rank_higher(db):
    FrameworkFactory(name="Quart", native_async=True, tagline="Flask's API on ASGI")
    FrameworkFactory(name="Sanic", native_async=True, tagline="Async web server")
    FrameworkFactory(name="Flask", native_async=False, tagline="Small core")
    FrameworkFactory(name="Ktor", tagline="Asynchronous web framework for Kotlin")  # the word, not the fact
    results = search("flask async")
    # Quart answers both words; then what the query describes before what it names.
    assert found_names(results) == ["Quart", "Sanic", "Flask", "Ktor"]
    assert [f.reasons for f in results.frameworks] == [["Native async"], ["Native async"], [], []]
    assert found_names(search("async orm")) == ["Sanic", "Quart", "Ktor"]  # no ORM; the tagline says async


def test_kinds_and_interfaces_are_concepts_too(db):
    FrameworkFactory(name="Bottle", kind=FrameworkKind.MICRO, interface="wsgi")
    FrameworkFactory(name="Starlette", kind=FrameworkKind.ASGI_TOOLKIT, interface="asgi")
    results = search("microframework")
    assert [(f.name, f.reasons) for f in results.frameworks] == [("Bottle", ["Microframework"])]
    assert results.concepts[0].url == "/frameworks/?kind=micro"
    assert [(f.name, f.reasons) for f in search("asgi").frameworks] == [("Starlette", ["ASGI"])]


def test_a_left_out_word_names_no_concept(db):
    FrameworkFactory(name="Django", native_async=True)
    assert found_names(search("django -async")) == ["Django"]
    assert search("django -async").concepts == []


def test_topics_named_by_the_query_link_to_their_claims(client, db):
    TopicFactory(name="Performance", slug="performance")
    TopicFactory(name="Learning curve", slug="learning-curve")
    assert [t.slug for t in search("rendimiento").topics] == ["performance"]  # by the vocabulary
    assert [t.slug for t in search("learning curve").topics] == ["learning-curve"]  # by its name
    html = client.get(reverse("articles:search"), {"q": "velocidad"}).content.decode()
    assert '<a class="badge badge-topic" href="/claims/?topic=performance">Performance</a>' in html


def test_a_concept_search_has_a_fixed_number_of_queries(client, catalogue):
    url = reverse("articles:search") + "?q=async+admin"
    ClaimFactory(title="Async admin", text="An admin with async views.")

    def grow():
        populate(10)
        for n in range(10):
            framework = FrameworkFactory(name=f"Async {n}", native_async=True, has_admin=n % 2 == 0)
            ClaimFactory(framework=framework, title=f"Async admin {n}", text="An admin with async views.")

    assert_query_budget(client, [url], grow, cold=9, warm=2)
