"""No article text makes the parser slow: every pattern it runs over article text is fed input of
the largest size the importer accepts, shaped to make a backtracking pattern take quadratic time
(hours, for some of these, before they were made linear)."""

import gc
import time

import pytest

from articles.importing import DEFAULT_MAX_BYTES
from articles.parsing import ArticleError, parse_article
from articles.parsing.blocks import _MARKUP as MARKUP
from articles.parsing.blocks import MAX_INLINE_MARKUP, Inline, Run, markdown
from articles.parsing.cleaning import clean_body
from articles.parsing.metadata import parse_date
from articles.parsing.names import heading_name
from articles.parsing.text import MAX_LINE_CHARS
from articles.parsing.titles import short_items, short_title, split_title
from articles.parsing.vocabulary import label_of as label_kind
from tests.test_parsing import catalogue

SIZE = DEFAULT_MAX_BYTES  # 2 MB: what `import_articles` accepts by default
LIMIT_SECONDS = 3.0  # each case takes milliseconds now; minutes to hours before


def fill(unit: str, size: int = SIZE, head: str = "", tail: str = "") -> str:
    return head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail


def lines(unit: str, head: str = "", tail: str = "", width: int = 100) -> str:
    """Lines of about `width` characters, each `head`, `unit` repeated, `tail`: as many as the
    importer takes (20,000 lines, 50,000 markdown punctuation characters outside code). A
    quadratic pattern takes minutes on that much; a linear one milliseconds."""
    line = head + unit * max(1, (width - len(head) - len(tail)) // len(unit)) + tail
    markup = max(1, sum(1 for ch in line if ch in MARKUP))
    return (line + "\n") * min(19_000, (MAX_INLINE_MARKUP - 1_000) // markup)


def article(body: str) -> str:
    return "---\ntitle: T\n---\n\n## Flask\n\n" + body


def timed(function, *args, fails=False):
    """CPU seconds `function(*args)` takes (this process's own, so other work on the machine
    does not count, and without the garbage collector, whose passes depend on what else the
    process holds); it must return, or raise ArticleError when `fails`."""
    gc.collect()
    gc.disable()
    started = time.process_time()
    try:
        function(*args)
    except ArticleError:
        assert fails, "the input was refused before the part under test ran"
    finally:
        elapsed = time.process_time() - started
        gc.enable()
    return elapsed


# (what is attacked, a function, its argument)
WHOLE_ARTICLES = {
    "MDX import line": article(fill(" from 'a", MAX_LINE_CHARS - 10, head="import x")),
    "MDX import lines": article(lines(" from 'a", head="import x")),
    "JSX lines": article(lines("<Tab a=b ", head="<Tabs ")),
    "html images": article(lines("<img ")),
    "markdown images": article(lines("![![a](x ")),
    "dateline": "# T\n\n" + fill(" .", 199, head="Published x") + "\n",
    "truncate markers": article(lines("<!-- truncate --> x ")),
    "thematic breaks": "# T\n\n" + lines("- ", tail="x"),
    "MDX comments": article(lines("{/* */} ", head="{/*")),
    "headings with anchors": lines(" {#a", head="## Flask"),
    "headings with parentheses": lines("(", head="## Flask ", tail=" x"),
    "headings with taglines": lines(" - : --", head="## Flask"),
    "bullets with labels": article("Pros:\n\n" + lines("a: b, c and d; e – f ", head="- **a**: ")),
    "website lines": article(lines("https://", head="Website: ", tail=".")),
    "tables": article("| Pros | Cons |\n|---|---|\n" + lines("a, (b ", head="| ", tail=" |")),
    "emoji lines": article(lines("✅ ")),
}
LONG_VALUES = {
    "date in parentheses": (parse_date, fill("(", 60_000)),
    "date with ordinals": (parse_date, fill("1st ", 60_000)),
    "heading decoration": (heading_name, Inline([Run(fill("{# (( -- : ", 300_000))])),
    "label words": (label_kind, fill("pros . ", 300_000)),
    "claim title": (split_title, Inline([Run(fill("a: – ", 300_000))])),
    "claim items": (short_items, fill(", and ; ", 300_000)),
    "short title": (short_title, fill(",. ", 300_000)),
    "body images": (lambda line: clean_body([line], set(), "https://e.org/"), fill("![a](x ![", SIZE)),
    "body html images": (
        lambda line: clean_body([line], set(), "https://e.org/"),
        fill("<img src=x <img ", SIZE),
    ),
}


@pytest.fixture(scope="module", autouse=True)
def language_model_loaded():
    """The language identifier loads its model once per process (about a second): not a cost
    of the input under test."""
    parse_article(article("Flask is a small framework for web applications.\n"), catalogue())


@pytest.mark.parametrize("name", sorted(WHOLE_ARTICLES))
def test_articles_shaped_to_backtrack_parse_quickly(name):
    """The markdown parser itself is linear but slow on text like this (a second or more a
    megabyte): what the importer does on top of it must stay within a small multiple. Reading
    19,000 headings, each in a dozen languages, costs about six times what parsing them does."""
    text = WHOLE_ARTICLES[name]
    markdown_only = timed(markdown.parse, text)
    assert timed(parse_article, text, catalogue()) < 10 * markdown_only + LIMIT_SECONDS, name


@pytest.mark.parametrize("name", sorted(LONG_VALUES))
def test_long_values_shaped_to_backtrack_are_read_quickly(name):
    function, value = LONG_VALUES[name]
    assert timed(function, value, fails=function is parse_date) < LIMIT_SECONDS, name


def test_text_made_of_markup_is_refused_quickly():
    started = time.process_time()
    with pytest.raises(ArticleError, match="markdown punctuation"):
        parse_article(article("![![a](x\n" * 19_000), catalogue())
    assert time.process_time() - started < LIMIT_SECONDS


def test_too_many_lines_is_a_clear_error_before_any_parsing():
    with pytest.raises(ArticleError, match="at most 20,000"):
        parse_article(article("- a\n" * 30_000), catalogue())


def test_claims_beyond_the_limit_are_left_out_with_a_warning():
    parsed = parse_article(
        article("Pros:\n\n" + "".join(f"- point {i}\n" for i in range(1_500))), catalogue()
    )
    assert len(parsed.claims) == 1_000
    assert any("more than 1,000 claims; kept the first 1,000" in w for w in parsed.warnings)


def test_an_overlong_line_is_not_read_and_says_so():
    parsed = parse_article(article("Pros:\n\n- " + "x " * MAX_LINE_CHARS + "\n- Small\n"), catalogue())
    assert [c.text for c in parsed.claims] == ["Small"]
    assert any("not read" in w for w in parsed.warnings)
