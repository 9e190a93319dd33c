"""Search in Chinese, Japanese and Korean, which put no spaces between words: a word is found
inside a longer run of characters, on PostgreSQL (character pairs in the stored vectors) as on
SQLite (the same pairs, by substring). The sample claims are our own sentences."""

import pytest
from django.db import connection
from django.urls import reverse

from articles.search import search
from articles.search_words import CJK_RUN, indexed_pairs
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory
from tests.query_budget import assert_query_budget

CHINESE = ("原生异步支持", "基于事件循环的异步框架，适合高并发的接口服务。")
JAPANESE = ("非同期処理が得意", "イベントループ上で動くので、大量の同時接続でも応答が速い。")
KOREAN = ("비동기 지원", "비동기를 기본으로 지원하여 웹소켓 처리에 강하다.")


@pytest.fixture
def cjk_claims(db):
    fastapi = FrameworkFactory(name="FastAPI", slug="fastapi")
    sanic = FrameworkFactory(name="Sanic", slug="sanic")
    made = {}
    for language, (title, text), framework in (
        ("zh", CHINESE, fastapi),
        ("ja", JAPANESE, sanic),
        ("ko", KOREAN, sanic),
    ):
        article = ArticleFactory(title=f"{title}：比较", body=text, language=language)
        made[language] = ClaimFactory(article=article, framework=framework, title=title, text=text)
    ClaimFactory(framework=fastapi, title="Async support", text="Native async views.")
    return made


def claim_titles(query: str) -> list[str]:
    return sorted(claim.title for claim in search(query).claims)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("异步", [CHINESE[0]]),  # inside the title's run and the text's
        ("并发", [CHINESE[0]]),  # inside the text only
        ("异步框架", [CHINESE[0]]),
        ("同時接続", [JAPANESE[0]]),
        ("非同期", [JAPANESE[0]]),
        ("速", [JAPANESE[0]]),  # one character
        ("비동기", [KOREAN[0]]),  # "비동기를": a particle attached
        ("웹소켓", [KOREAN[0]]),
        ("fastapi 异步", [CHINESE[0]]),  # a word in another script too
        ("异步 -并发", []),
        ("同期", [JAPANESE[0]]),  # Japanese kanji, not the Chinese claim's 异步
    ],
)
def test_a_cjk_word_is_found_inside_a_run(cjk_claims, query, found):
    assert claim_titles(query) == found


def test_no_claim_is_found_by_pairs_it_does_not_hold(cjk_claims):
    assert claim_titles("异同") == []
    assert claim_titles("步异") == []


def test_articles_are_found_by_their_cjk_body_too(cjk_claims):
    assert [a.title for a in search("高并发").articles] == [f"{CHINESE[0]}：比较"]


def test_cjk_matches_are_marked(client, cjk_claims):
    html = client.get(reverse("articles:search"), {"q": "异步"}).content.decode()
    assert "原生<mark>异步</mark>支持" in html
    html = client.get(reverse("articles:search"), {"q": "异步框架"}).content.decode()
    assert "的<mark>异步框架</mark>" in html


def test_a_cjk_concept_finds_frameworks_by_their_facts(cjk_claims):
    FrameworkFactory(name="Quart", slug="quart", native_async=True)
    results = search("非同期")
    assert [f.name for f in results.frameworks] == ["Quart"]
    assert results.frameworks[0].reasons == ["Native async"]


def test_a_cjk_search_has_a_fixed_number_of_queries(client, cjk_claims):
    FrameworkFactory(name="Quart", slug="quart", native_async=True)
    url = reverse("articles:search") + "?q=%E5%BC%82%E6%AD%A5"  # 异步

    def grow():
        for n in range(20):
            ClaimFactory(title=f"异步测试 {n}", text="更多的异步内容。", framework__native_async=True)

    assert_query_budget(client, [url], grow, cold=9, warm=2)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL function is PostgreSQL's")
@pytest.mark.parametrize(
    "text",
    [CHINESE[1], JAPANESE[1], KOREAN[1], "快", "Django 和 Flask 都很好", "no CJK at all", "", "ー々〆〇ｱｲ"],
)
def test_the_index_cuts_pairs_as_search_does(db, text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_cjk_bigrams(%s)", [text])
        [[indexed]] = cursor.fetchall()
    expected = [pair for run in CJK_RUN.findall(text) for pair in indexed_pairs(run)]
    assert indexed.split() == expected
