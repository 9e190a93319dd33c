"""Claim titles: a claim's own title stays; one that would only repeat the opening of its text
becomes a few words of their own, or nothing. Every sample is written for the test."""

import pytest

from articles.parsing import parse_article
from articles.parsing.titles import short_title, shown_title
from tests.test_parsing_golden import fixture_catalogue


def shown(text: str) -> str:
    """What a reader sees for a bullet written without a title."""
    return shown_title(short_title(text), text)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # The first clause, when it stands alone.
        ("Remarkably quick, even with the debug toolbar switched on.", "Remarkably quick"),
        ("The cold start vanishes if the worker is kept warm between requests.", "The cold start vanishes"),
        ("Queries stay readable once the project grows past fifty models.", "Queries stay readable"),
        (
            "Plenty of ready-made add-ons for chores like payments, tags and search.",
            "Plenty of ready-made add-ons for chores",
        ),
        (
            "The template language is stricter than Jinja in a few places.",
            "The template language is stricter",
        ),
        # What comes before an explanation.
        ("Built-in task queue (backed by Redis or a database table)", "Built-in task queue"),
        ("Zero-config deployment — one command and the app is live.", "Zero-config deployment"),
        ("内置缓存：页面和查询结果都可以缓存。", "内置缓存"),
        # A few words are their own title.
        ("Automatic migrations", "Automatic migrations"),
        ("No HTML, CSS or JavaScript needed", "No HTML, CSS or JavaScript needed"),
        # Nothing stands alone: no title, the text says it once.
        ("Every endpoint we moved to it answered in half the time it took before the rewrite.", ""),
        ("Since it is tiny, reading the whole source on a train ride is realistic.", ""),
        ("Handy, well-documented, batteries-free extras.", "Handy, well-documented, batteries-free extras"),
        ("Offers clear, opinionated defaults for new teams and for very large codebases alike.", ""),
    ],
)
def test_an_untitled_claim_gets_a_short_title_or_none(text, title):
    assert shown(text) == title


def test_a_title_of_the_articles_own_stays():
    assert shown_title("Ecosystem", "Fewer extensions than its older rivals, but growing.") == "Ecosystem"
    assert shown_title("Target audience", "Teams that need an admin on day one") == "Target audience"


def test_a_bold_line_that_is_the_whole_text_is_shortened_like_any_other():
    long = "Schema migrations are generated from the models and reviewed in the same pull request"
    assert shown_title(long, long) == ""
    assert shown_title("Async views", "Async views") == "Async views"


def test_a_title_after_an_adr_marker_starts_with_a_capital():
    assert (
        shown("it keeps the request cycle simple, which new hires appreciate.")
        == "It keeps the request cycle simple"
    )
    assert shown("eBook and print editions") == "eBook and print editions"


def test_a_decimal_point_never_cuts_a_title():
    assert shown("Synchronous (async views arrived in version 3.1, still partial)") == "Synchronous"


def test_changing_the_shown_title_keeps_the_claims_identity():
    """A claim's key is made from the words it was first known by: shortening what a reader sees
    never withdraws a claim on the next import."""
    article = parse_article(
        "---\ntitle: T\n---\n## Flask\n\nPros:\n"
        "- Every endpoint we moved to it answered in half the time it took before the rewrite.\n"
        "- Remarkably quick, even with the debug toolbar switched on.\n",
        fixture_catalogue(),
    )
    first, second = article.claims
    assert (first.title, second.title) == ("", "Remarkably quick")
    assert first.known_as == short_title(first.text) and first.key
    assert second.known_as == "Remarkably quick"
