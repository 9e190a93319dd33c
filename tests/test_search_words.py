"""The search vocabulary (articles/search_words.toml) and how a query is compared with it."""

import json
from pathlib import Path

import pytest

from articles.search_words import (
    CONCEPTS,
    concepts_in,
    fold,
    indexed_pairs,
    is_cjk,
    pairs,
    split_scripts,
)

TOPICS = Path(__file__).resolve().parent.parent / "fixtures" / "topics.json"


def names(query: str) -> list[str]:
    return [found.concept.name for found in concepts_in(query)]


@pytest.mark.parametrize(
    "query",
    [
        "async",
        "Asynchronous",
        "ASYNCIO",
        "asíncrono",
        "asincrona",
        "asynchrone",
        "асинхронный",
        "异步",
        "非同期",
        "비동기",
    ],
)
def test_async_in_every_language_means_native_async(query):
    [found] = [found for found in concepts_in(query) if found.concept.name == "async"]
    assert found.concept.facts == ("native_async",)
    assert found.concept.topics == ("async-concurrency",)


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        ("websockets", "real-time"),  # a plural
        ("realtime chat", "real-time"),  # "-" and " " alike, or none
        ("real time", "real-time"),
        ("Django admin panel", "admin"),
        ("panel de administración", "admin"),
        ("databases", "orm"),
        ("full stack", "full-stack"),
        ("Full-Stack", "full-stack"),
        ("templates", "templating"),
        ("Templating engines", "templating"),
        ("tableau de bord", "data-app"),
        ("仪表板", "data-app"),
        ("データベースが使える", "orm"),  # CJK anywhere in the query
        ("실시간으로", "real-time"),
        ("ＡＳＧＩ", "asgi"),  # full-width letters
    ],
)
def test_phrases_match_whole_words_in_any_form(query, concept):
    assert concept in names(query)


@pytest.mark.parametrize("query", ["fastapi", "html", "asyncpg-free", "pyramid", "adminx", "orme", "realtor"])
def test_a_word_inside_another_names_nothing(query):
    assert names(query) == []


def test_what_named_a_concept_covers_those_words_only():
    [found] = concepts_in("real-time chat")
    assert found.covers("real") and found.covers("time")
    assert not found.covers("chat")
    [cjk] = concepts_in("非同期処理")
    assert cjk.covers("非同期処理")  # the query's one CJK word contains the concept's


def test_the_vocabulary_names_real_facts_kinds_and_topics():
    topic_slugs = {row["fields"]["slug"] for row in json.loads(TOPICS.read_text(encoding="utf-8"))}
    for concept in CONCEPTS:
        assert set(concept.topics) <= topic_slugs, concept.name
        assert concept.words or concept.pattern.pattern, concept.name
        if concept.about_frameworks:
            assert concept.label, concept.name


def test_reasons_say_what_the_framework_has_in_the_words_of_its_page():
    [async_api] = [c for c in CONCEPTS if c.name == "async"]
    assert async_api.reasons({"native_async": "yes", "kind": "async_api"}) == ["Native async"]
    for not_in_full in ("partial", "unknown", "no"):
        assert async_api.reasons({"native_async": not_in_full}) == []
    [python_ui] = [c for c in CONCEPTS if c.name == "python-ui"]
    # Found by its kind, a framework is not said to have the concept's fact when it does not.
    assert python_ui.reasons({"pure_python_ui": "no", "kind": "python_ui"}) == ["Web apps in pure Python"]
    [micro] = [c for c in CONCEPTS if c.name == "micro"]
    assert micro.reasons({"kind": "micro"}) == ["Microframework"]
    assert micro.list_filter() == "kind=micro"
    assert async_api.list_filter() == "native_async=1"


def test_fold_drops_case_and_accents_but_not_cjk_marks():
    assert fold("Asíncrono ÉVOLUTIVITÉ") == "asincrono evolutivite"
    assert fold("ｱｼﾝｸ") == "アシンク"  # half-width kana made whole
    assert fold("が") == "が"  # the voicing mark is part of the letter


def test_cjk_words_are_cut_into_pairs():
    assert (
        is_cjk("异步") and is_cjk("비동기") and is_cjk("非同期") and not is_cjk("django") and not is_cjk("")
    )
    assert split_scripts("django的异步") == ["django", "的异步"]
    assert split_scripts("fastapi") == ["fastapi"]
    assert pairs("异步框架") == ["异步", "步框", "框架"]
    assert pairs("快") == ["快"]
    assert indexed_pairs("异步框架") == ["异步", "步框", "框架", "架"]
    assert indexed_pairs("快") == ["快"]
