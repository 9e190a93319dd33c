"""Turn one markdown article into plain data: metadata, frameworks and claims.

This package knows nothing of Django or the database: text in, dataclasses out. The catalogue
of known framework names and the topic vocabulary come in as plain data, so the same rules
run in tests, in `--dry-run` and in the real import.

The pipeline:
1. `text.decode` bytes strictly (UTF-8 with or without BOM, UTF-16 with a BOM).
2. `frontmatter`: YAML (`---`) or TOML (`+++`) front matter, or none.
3. `cleaning`: a line-preserving clean-up (MDX imports and JSX wrappers, `<!--truncate-->`) so
   markdown-it sees plain CommonMark while every line number still points into the original.
4. `blocks` and `sections`: markdown-it-py turns the body into blocks (headings, paragraphs,
   lists, tables) grouped into a tree of sections by heading level.
5. `reader`: each section is classified (about one framework, a pros/cons label, a TODO note,
   or other) and its lists and tables become claims.
"""

from __future__ import annotations

import re

from articles.parsing.blocks import _md, to_blocks
from articles.parsing.cleaning import clean_body, preclean_lines
from articles.parsing.frontmatter import dateline, read_metadata, split_front_matter
from articles.parsing.model import Catalogue, ParsedArticle, ParsedClaim, ParsedFramework, TopicRule
from articles.parsing.reader import ArticleReader
from articles.parsing.sections import to_sections
from articles.parsing.text import (
    MAX_CLAIMS,
    MAX_LINE_CHARS,
    MAX_LINES,
    MAX_TITLE_LENGTH,
    ArticleError,
    decode,
    name_key,
    slugify,
    stable_slug,
)


def parse_article(text: str, catalogue: Catalogue) -> ParsedArticle:
    """Read one article (already decoded). Raises ArticleError for input it cannot accept."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    line_count = text.count("\n") + 1
    if line_count > MAX_LINES:
        raise ArticleError(f"the file has {line_count:,} lines; an article may have at most {MAX_LINES:,}")
    meta, body_start = split_front_matter(text)
    warnings: list[str] = []
    info = read_metadata(meta, warnings)
    lines = text.split("\n")
    drop = preclean_lines(lines, body_start)
    # A line this long is an embedded image or minified markup, never a claim; the markdown
    # parser's time on such lines grows faster than their length.
    long_lines = [i for i, line in enumerate(lines) if len(line) > MAX_LINE_CHARS and i not in drop]
    if long_lines:
        warnings.append(
            f"line {long_lines[0] + 1}: {len(long_lines)} line(s) over {MAX_LINE_CHARS:,} characters not read"
        )
    visible = "\n".join(
        "" if i in drop or len(line) > MAX_LINE_CHARS else line for i, line in enumerate(lines)
    )
    tokens = _md.parse(visible)

    # Executable code fences (```python exec / eval) mean nothing outside their blog.
    for token in tokens:
        if token.type == "fence" and token.map and re.search(r"\b(exec|eval)\b", token.info):
            drop.update(range(token.map[0], token.map[1]))
    blocks = to_blocks(tokens)
    for block in blocks:
        if block.kind == "heading" and re.match(r"^\W*todo\b", block.inline.text, re.I):
            drop.add(block.line - 1)
    title = info.title
    if not title:
        h1 = next(
            (
                b
                for b in blocks
                if b.kind == "heading" and b.level == 1 and not re.match(r"^\W*todo\b", b.inline.text, re.I)
            ),
            None,
        )
        first = h1 or next((b for b in blocks if b.kind == "heading"), None)
        if first is None or not first.inline.text:
            raise ArticleError("no title: add a 'title' to the front matter or start with a '# ' heading")
        title = first.inline.text
        if len(title) > MAX_TITLE_LENGTH:
            raise ArticleError(
                f"title is {len(title)} characters; the limit is {MAX_TITLE_LENGTH}",
                line=first.line,
            )
        if first.level == 1:
            drop.add(first.line - 1)
            if first.line < len(lines) and re.match(r"^=+\s*$", lines[first.line]):
                drop.add(first.line)  # setext underline
            blocks = [b for b in blocks if b is not first]
    slug = info.slug or stable_slug(title, "article")
    published, authors = info.published, info.authors
    if published is None:
        published, author = dateline(blocks)
        authors = authors or ([author] if author else [])

    reader = ArticleReader(catalogue)
    root = to_sections(reader.promote_bold_headings(blocks))
    reader.classify(root, None)
    reader.read(root, None, None, None)
    reader.finish()
    return ParsedArticle(
        **{**vars(info), "title": title, "slug": slug, "published": published, "authors": authors},
        body=clean_body(lines, drop, info.canonical_url),
        frameworks=list(reader.frameworks.values()),
        claims=reader.claims,
        warnings=warnings + reader.warnings,
    )


__all__ = [
    "MAX_CLAIMS",
    "MAX_LINES",
    "ArticleError",
    "Catalogue",
    "ParsedArticle",
    "ParsedClaim",
    "ParsedFramework",
    "TopicRule",
    "decode",
    "name_key",
    "parse_article",
    "slugify",
    "stable_slug",
]
