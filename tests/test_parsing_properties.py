"""Property-based tests: whatever the text, the parser answers with data or its own clear error."""

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.parsing import ArticleError, decode, parse_article
from tests.test_parsing import catalogue

MARKDOWN_BITS = st.sampled_from(
    ["---\n", "+++\n", "# ", "## ", "### 1. ", "- ", " - ", "* ", "1. ", "**", "Pros", "Cons:", "✅ ", "❌ ",
     "| a | b |\n", "|---|---|\n", "<br>", "```", "```python exec\n", "Django", "Flask", "Plotly Dash", ":",
     "--", "(formerly X)", "\n", "\n\n", "title: T\n", "date: 2024-01-01\n", "&a ", "*a ", "!!python/object ",
     "<!--truncate-->", "import X from 'y'\n", "<Callout>", "{ #x }", "\r\n", "\r", "\t", "\ufeff"]
)  # fmt: skip
ARTICLES = st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=20)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLES)
def test_any_text_parses_or_raises_article_error(text):
    try:
        article = parse_article(text, catalogue())
    except ArticleError:
        return
    assert article.title
    assert all(claim.kind in {"pro", "con", "feature", "summary"} for claim in article.claims)
    assert len({claim.key for claim in article.claims}) == len(article.claims)


@settings(max_examples=100, deadline=None)
@given(ARTICLES)
def test_parsing_is_deterministic(text):
    def outcome():
        try:
            return parse_article(text, catalogue())
        except ArticleError as error:
            return str(error)

    assert outcome() == outcome()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_raise_article_error(data):
    with contextlib.suppress(ArticleError):
        decode(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLES, st.integers(min_value=1, max_value=400))
def test_any_text_repeated_parses_in_bounded_time_and_memory(text, times):
    """The same bits repeated up to some 100 KB: a superlinear step would show here."""
    import time
    import tracemalloc

    text = text * times
    tracemalloc.start()
    started = time.process_time()  # CPU time: other work on the machine does not count
    try:
        parse_article(text, catalogue())
    except ArticleError:
        pass
    finally:
        elapsed = time.process_time() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < 5 + len(text) / 20_000, f"{len(text):,} characters took {elapsed:.1f} s"
    assert peak < 50 * 1024 * 1024 + 400 * len(text), f"{len(text):,} characters took {peak:,} bytes"
