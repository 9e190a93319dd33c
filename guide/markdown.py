"""The one markdown renderer: public pages, feeds and the admin preview all go through it.

Markdown becomes HTML with markdown-it-py (CommonMark plus tables, strikethrough and bare
URLs as links), then nh3 strips everything not on the allow-list. Raw HTML in the source is
allowed into the first step on purpose (real articles carry `<br>` and `<details>`), because
the second step decides what survives: no scripts, no event handlers, no styles, no iframes,
and only http, https and mailto links.
"""

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Element contents that must vanish with the element, not be left behind as text.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}
# What could make one line of text render as anything but itself: markdown punctuation, an
# entity or tag, a bare link ("www", "x.org", "a@b"), characters the renderer or nh3 rewrites.
# Most claims have none of it and skip both steps.
MAY_RENDER = re.compile(r"[\\`*_\[\]<>&~:@\x00\r\n\xa0\ufeff]|\.\S|www", re.IGNORECASE)


# Bare host names ending in one of these become links ("www.djangoproject.com", "gradio.app").
# By default any two-letter country domain would too, and Python articles are full of app.py,
# README.md and main.rs; "ASP.NET" is why .net is not here. URLs with a scheme are always links.
LINK_TLDS = ["com", "org", "io", "dev", "app", "ai", "co", "edu", "gov"]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # linkify: bare URLs ("Learn more: https://...") become links like their authors meant.
    parser = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(
        ["table", "strikethrough", "linkify"]
    )
    parser.linkify.tlds(LINK_TLDS)
    # Its rule chains are compiled on first use, and two threads compiling them at once can
    # each read the other's half-built list (a block with no rule that matches, text lost):
    # compiled now, before any request, by rendering a little of everything.
    parser.render("# a\n\n*b* `c` [d](https://e.org) www.f.com\n\n- g\n\n| h |\n|---|\n| ~~i~~ |\n")
    return parser


_parser()  # at import: before gunicorn forks its workers, and before their threads start


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def first_blocks(text: str, max_chars: int) -> str:
    """The whole top-level blocks (paragraphs, lists, tables...) from the start of `text` that fit
    in `max_chars`: a long document cut where a reader would not notice. Only that much of the
    text is ever parsed, so the cost is bounded by `max_chars` whatever the document holds."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars].rsplit("\n", 1)[0]
    ends = [t.map[1] for t in _parser().parse(head) if t.level == 0 and t.map and t.nesting >= 0]
    # The last block may go on past the cut: leave it out.
    return "\n".join(head.split("\n")[: ends[-2] if len(ends) > 1 else 0])


def render_markdown(text: str, max_chars: int | None = None) -> str:
    """Markdown source to sanitised HTML, safe to mark as safe in a template. With `max_chars`,
    only the whole blocks that fit are rendered (see `first_blocks`)."""
    if not text:
        return ""
    if max_chars is not None:
        text = first_blocks(text, max_chars)
    return sanitize_html(_parser().render(text))


def render_inline(text: str) -> str:
    """One line of markdown (a claim's text: `code`, *emphasis*, links) without a paragraph."""
    if not text:
        return ""
    if not MAY_RENDER.search(text):
        return text
    return sanitize_html(_parser().renderInline(text))
