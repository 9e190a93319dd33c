from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guide.markdown import ALLOWED_TAGS, _parser, render_inline, render_markdown, sanitize_html
from tests.xss_payloads import XSS_PAYLOADS

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcdoc", "data", "background"}


class Inspector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc"}:
                self.problems.append(f"attribute {name}")
            if name in URL_ATTRIBUTES and value:
                # What a browser would take as the scheme (it strips control characters first).
                scheme = urlsplit("".join(ch for ch in value if ord(ch) > 32)).scheme.lower()
                if scheme and scheme not in {"http", "https", "mailto"}:
                    self.problems.append(f"{name}={value!r}")


def problems(html: str) -> list[str]:
    inspector = Inspector()
    inspector.feed(html)
    return inspector.problems


def test_there_are_at_least_thirty_payloads():
    assert len(XSS_PAYLOADS) >= 30


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_renders_inert(payload):
    html = render_markdown(f"Intro paragraph.\n\n{payload}\n\nAfter.")
    assert problems(html) == []
    assert "<script" not in html.lower()


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_inside_inline_markdown_renders_inert(payload):
    html = render_markdown(f"- **Title**: {payload}\n- [link]({payload})")
    assert problems(html) == []


def test_ordinary_markdown_survives():
    html = render_markdown(
        "# Title\n\nSome **bold** and `code`, a [link](https://example.org) and "
        "![alt](https://example.org/a.png).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "<h1>Title</h1>" in html
    assert '<a href="https://example.org" rel="nofollow noopener noreferrer">link</a>' in html
    assert '<img src="https://example.org/a.png" alt="alt">' in html
    assert "<table>" in html


def test_mailto_links_are_kept_and_script_links_dropped():
    html = render_markdown("[mail](mailto:a@example.org) [bad](javascript:x)")
    assert 'href="mailto:a@example.org"' in html
    assert problems(html) == []
    assert 'href="javascript' not in html


def test_empty_input_renders_nothing():
    assert render_markdown("") == ""


def test_bare_urls_become_links_but_not_script_urls():
    html = render_markdown("Learn more: https://example.org/docs and javascript:alert(1)")
    assert '<a href="https://example.org/docs"' in html
    assert 'href="javascript' not in html


def test_claim_text_is_rendered_as_inline_markdown_on_public_pages(client, db):
    from tests.factories import ClaimFactory

    claim = ClaimFactory(text="Ship with `reflex deploy`, **no** <script>alert(1)</script> needed.")
    html = client.get(claim.article.get_absolute_url()).content.decode()
    assert "<code>reflex deploy</code>" in html and "<strong>no</strong>" in html
    assert "<script>alert(1)" not in html


INLINE_BITS = st.sampled_from(
    [" ", ".", ". ", "a", "Z", "é", "js", "org", "com", "www", "@", ":", "http", "*", "_", "`", "~~", "[", "]",
     "(", ")", "<", ">", "&", "&amp;", "\\", "!", "#", "|", '"', "'", "\t", "\n", "\r", "\xa0", "\x00", "\x0c",
     "\u2028", "\ufeff", "1.", "- "]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(INLINE_BITS, st.text(max_size=8)), max_size=30).map("".join))
def test_plain_claim_text_skips_the_renderer_with_the_same_result(text):
    """render_inline returns text with nothing to render as it is: exactly what rendering it would give."""
    assert render_inline(text) == (sanitize_html(_parser().renderInline(text)) if text else "")


@pytest.mark.parametrize("text", ["Put it in app.py", "See README.md", "Edit main.rs", "Runs on ASP.NET"])
def test_file_names_are_not_links(text):
    assert "<a" not in render_markdown(text)


@pytest.mark.parametrize(
    "text, href",
    [
        ("Docs at www.djangoproject.com", "http://www.djangoproject.com"),
        ("See fastapi.tiangolo.com", "http://fastapi.tiangolo.com"),
        ("Models on huggingface.co", "http://huggingface.co"),
        ("Learn more: https://example.net/x", "https://example.net/x"),
        ("Write to team@example.com", "mailto:team@example.com"),
    ],
)
def test_bare_web_addresses_are_links(text, href):
    assert f'href="{href}"' in render_markdown(text)


def test_the_parser_s_rules_are_compiled_before_any_request():
    """Rule chains compiled lazily, by two request threads at once, can each read the other's
    half-built list: each parser, the site's and the importer's, has its chains compiled before
    anything can use it."""
    from articles.parsing.blocks import markdown as importer_parser
    from guide.markdown import _parser

    for parser in (_parser.__wrapped__(), importer_parser):
        rulers = [parser.core.ruler, parser.block.ruler, parser.inline.ruler, parser.inline.ruler2]
        assert all(ruler.__cache__ is not None for ruler in rulers)
