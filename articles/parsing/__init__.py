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

from articles.parsing.blocks import Block, markdown, split_paragraphs, to_blocks
from articles.parsing.cleaning import clean_body, prepare
from articles.parsing.frontmatter import split_front_matter
from articles.parsing.metadata import (
    date_from_path,
    dateline,
    detect_language,
    read_metadata,
    title_from_path,
)
from articles.parsing.model import Catalogue, Kind, ParsedArticle, ParsedClaim, ParsedFramework, TopicRule
from articles.parsing.names import heading_name
from articles.parsing.reader import ArticleReader
from articles.parsing.sections import to_sections
from articles.parsing.subject import article_subject
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
from articles.parsing.vocabulary import label_of

_TODO = re.compile(r"^\W*todo\b", re.I)


def parse_article(text: str, catalogue: Catalogue, path: str = "") -> ParsedArticle:
    """Read one article (already decoded). Raises ArticleError for input it cannot accept; soft
    problems (no title, an unreadable date) are warnings. `path` is the file it came from, for a
    title or a date its name may give."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    line_count = text.count("\n") + 1
    if line_count > MAX_LINES:
        raise ArticleError(f"the file has {line_count:,} lines; an article may have at most {MAX_LINES:,}")
    meta, body_start = split_front_matter(text)
    warnings: list[str] = []
    info = read_metadata(meta, warnings)
    lines, drop = prepare(text.split("\n"), body_start)
    blocks = _blocks(lines, drop, warnings)
    title, blocks = _title(info.title, blocks, lines, drop, path, warnings)
    published, authors = info.published, info.authors
    if published is None:
        published, author = dateline(blocks)
        published = published or date_from_path(path)
        authors = authors or ([author] if author else [])
    reader = ArticleReader(catalogue)
    reader.article_framework = article_subject(title, blocks, reader.names)
    in_title = [name for name in reader.names.mentioned(title) if not reader.names.is_library(name)]
    root = to_sections(blocks, lambda inline: _names_framework(inline, reader))
    reader.read_article(root, in_title[0] if in_title else None, title)
    reader.finish()
    facts = {
        **vars(info),
        "title": title,
        "published": published,
        "authors": authors,
        "slug": info.slug or stable_slug(title, "article"),
        "language": info.language or detect_language(blocks),
    }
    return ParsedArticle(
        **facts,
        body=clean_body(lines, drop, info.canonical_url),
        frameworks=list(reader.frameworks.values()),
        claims=reader.claims,
        warnings=warnings + reader.warnings,
    )


def _blocks(lines: list[str], drop: set[int], warnings: list[str]) -> list[Block]:
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
    tokens = markdown.parse(visible)
    # Executable code fences (```python exec / eval) mean nothing outside their blog.
    for token in tokens:
        if token.type == "fence" and token.map and re.search(r"\b(exec|eval)\b", token.info):
            drop.update(range(token.map[0], token.map[1]))
    blocks = split_paragraphs(to_blocks(tokens))
    for block in blocks:
        if block.kind == "heading" and _TODO.match(block.inline.text):
            drop.add(block.line - 1)
    return blocks


def _title(title: str, blocks: list[Block], lines, drop, path: str, warnings: list[str]):
    """The article's title: the front matter's, else its first `#` heading (left out of the
    body), else its first heading or bold line, else its file's name (with a warning)."""
    if title:
        return title, blocks
    first = _title_heading(blocks)
    if first is None:
        return _untitled(blocks, path, warnings), blocks
    title = first.inline.text
    if len(title) > MAX_TITLE_LENGTH:
        warnings.append(
            f"line {first.line}: the title is {len(title)} characters; kept the first {MAX_TITLE_LENGTH}"
        )
        title = title[:MAX_TITLE_LENGTH]
    if first.level != 1:
        return title, blocks
    drop.add(first.line - 1)
    if first.line < len(lines) and re.match(r"^=+\s*$", lines[first.line]):
        drop.add(first.line)  # setext underline
    return title, [b for b in blocks if b is not first]


def _title_heading(blocks: list[Block]) -> Block | None:
    headings = [b for b in blocks if b.kind == "heading" and b.inline.text and not _TODO.match(b.inline.text)]
    return next((b for b in headings if b.level == 1), headings[0] if headings else None)


def _untitled(blocks: list[Block], path: str, warnings: list[str]) -> str:
    firsts = [b.inline.lines()[0][1] for b in blocks[:10] if b.kind == "paragraph" and b.inline.text]
    found = next((line.text for line in firsts if line.bold_only), "")
    title = found or title_from_path(path) or "Untitled"
    warnings.append(f"no title: took {title!r} from {'its first bold line' if found else 'the file name'}")
    return title[:MAX_TITLE_LENGTH]


def _names_framework(inline, reader: ArticleReader) -> bool:
    """A bold paragraph that is only a known framework's name is that framework's heading."""
    return bool(reader.names.known(heading_name(inline).name)) and label_of(inline.text) is None


__all__ = [
    "MAX_CLAIMS",
    "MAX_LINES",
    "ArticleError",
    "Catalogue",
    "Kind",
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
