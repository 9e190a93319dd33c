"""Line-preserving clean-up before markdown parsing, and the body readers see."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from articles.parsing.vocabulary import label_of

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Every pattern below that runs over article text is linear in its length: at each place a search
# can start, an attempt either succeeds or stops at a bounded distance, or where the next attempt
# would begin (tests/test_parsing_pathological.py holds them to that on megabyte inputs).
_MDX_IMPORT = re.compile(
    r"^(?:import\s+(?:[^'\"]*\sfrom\s+)?['\"][^'\"]*['\"];?|export\s+(?:const|default|function|let)\b.*)\s*$"
)
_JSX_LINE = re.compile(r"^\s*(</?[A-Z][\w.]*(\s[^<>]*)?/?>\s*)+$")
_MDX_COMMENT = re.compile(r"^\s*\{/\*.*\*/\}\s*$")
_TRUNCATE = re.compile(r"^\s*(<!--\s*(truncate|more)\s*-->|\{/\*\s*truncate\s*\*/\})\s*$", re.I)
_THEMATIC = re.compile(r"^ {0,3}([-*_])( *\1){2,} *$")


# Templating that means nothing outside its site: Hugo shortcodes, Liquid tags, kramdown
# attribute lists, Pandoc image sizes.
_SHORTCODE = re.compile(r"\{\{[<%][^{}]{0,2000}?[>%]\}\}|\{%[^{}]{0,2000}?%\}|\{\{[^{}]{0,500}\}\}")
_IAL = re.compile(r"\{:[^{}\n]{0,200}\}")
_PANDOC_ATTRS = re.compile(
    r"(?<=\))\{[^{}\n]{0,300}(?:\}|$)|^(?:\s*[\w-]{1,20}=(?:\"[^\"\n]{0,100}\"|[^\s}]{1,100})){1,5}\s*\}"
)
# Code blocks written as templating: Jekyll's {% highlight python %}, Hugo's {{< highlight python >}}.
_HIGHLIGHT = re.compile(r"^\s*\{(?:%|\{<)\s*highlight\s+(\w*)[^}]*(?:%|>\})\}\s*$")
_HIGHLIGHT_END = re.compile(r"^\s*\{(?:%\s*endhighlight\s*%|\{<\s*/highlight\s*>\})\}\s*$")
_DIRECTIVE = re.compile(r"^\s*:::\s*[\w-]*(?:\s.*)?$")
_LABELLED_TAG = re.compile(
    r"^\s*<[A-Z][\w.]*\b[^<>]*?\b(?:label|title)=[\"']([^\"'<>]{1,60})[\"'][^<>]*>\s*$"
)
_DEFINITION = re.compile(r"^ {0,3}:[ \t]+(?=\S)")
_SIGNED_DEFINITION = re.compile(r"^ {0,3}:[ \t]+([+-])[ \t]+(?=\S)")
_PLAIN_TERM = re.compile(r"^ {0,3}(?!\d{1,3}[.)]\s)\w[^*_`:|<>\[\]]{0,59}$")
_BULLET = re.compile(r"^(\s*)[●•▪◦‣∙■□➤►▶→➜➔⇒➡](?=\s)")
# Japanese and Chinese lists typed without markdown: "・軽い", "1、輕量", "2．快速".
_CJK_BULLET = re.compile(r"^(\s*)[・･](?=\S)")
_CJK_NUMBER = re.compile(r"^(\s*)(\d{1,2})[、．](?=\s*\S)\s*")
# "■Django" on a line of its own: a title, as "■" and "◆" mark them in Japanese writing.
_MARKED_TITLE = re.compile(r"^ {0,3}[■□◆◇▼▶►]\s*([^\s■□◆◇▼▶►].{0,30})$")
# Admonitions and content tabs (MkDocs, Python-Markdown): `!!! tip "Pros"`, `=== "Cons"`,
# their text indented under them; the title, when there is one, labels that text.
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s+\w|^===\+?\s+[\"']")
_ADMONITION_TITLE = re.compile(r"[\"']([^\"'\n]{1,80})[\"']\s*$")
_HEADING = re.compile(r"^#{1,6}\s")
_TIGHT_HEADING = re.compile(r"^(#{1,6})(?=[^\s#])")


def outside_fences(lines: list[str], start: int):
    """Indexes of the lines from `start` that are not inside a code fence (nor fence lines)."""
    fence = None
    for index in range(start, len(lines)):
        match = _FENCE.match(lines[index])
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        elif match:
            fence = match.group(1)
        else:
            yield index


def prepare(lines: list[str], start: int) -> tuple[list[str], set[int]]:
    """The lines markdown-it should read, and the indexes of those that are not content. Every
    decision to leave a line out is taken here; the number of lines never changes, so line
    numbers still point into the original file."""
    lines = [_HIGHLIGHT_END.sub("```", _HIGHLIGHT.sub(r"```\1", line)) for line in lines]
    drop = set(range(start))
    prose = list(outside_fences(lines, start))
    tight = _tight_headings(lines, prose)
    seen_content = admonition = False
    for index in prose:
        line = lines[index]
        if admonition and (line.startswith("    ") or not line.strip()):
            lines[index] = line[4:]  # an admonition's text, read as text rather than code
            continue
        admonition = bool(_ADMONITION.match(line))
        titled = _titled_block(line, admonition)
        if titled is not None:
            lines[index] = titled
            continue
        if admonition or _scaffolding(line) or (not seen_content and _stray_rule(line)):
            drop.add(index)
            continue
        line = _marked_up(lines, index, start)
        lines[index] = _rewrite(line, tight)
        if not lines[index].strip() and line.strip():
            drop.add(index)  # nothing but templating
        seen_content = seen_content or bool(line.strip())
    return lines, drop


def _marked_up(lines: list[str], index: int, start: int) -> str:
    """The line as markdown: a definition as a bullet (its term a heading, see _definition), a
    short title marked with a square, diamond or triangle ("■Django") alone between blank lines
    in bold."""
    line = lines[index]
    if _DEFINITION.match(line) and index > start and lines[index - 1].strip():
        line = lines[index] = _definition(lines, index, start)
    if _MARKED_TITLE.match(line) and _alone(lines, index):
        line = _MARKED_TITLE.sub(r"**\1**", line.rstrip())
    return line


def _alone(lines: list[str], index: int) -> bool:
    """Blank lines (or the file's edge) on both sides."""
    before = lines[index - 1] if index else ""
    after = lines[index + 1] if index + 1 < len(lines) else ""
    return not before.strip() and not after.strip()


def _definition(lines: list[str], index: int, start: int) -> str:
    """ "Term" then ": definition" lines (Pandoc, PHP Markdown Extra): each definition a bullet,
    a signed one (": + fast", ": - slow") marked "(+)" / "(-)"; a plain term is a heading of the
    lowest level, the name of what its definitions are about (a framework, or a glossary's word)."""
    term = lines[index - 1]
    if _PLAIN_TERM.match(term) and (index - 1 == start or not lines[index - 2].strip()):
        lines[index - 1] = f"###### {term.strip()}"
    signed = _SIGNED_DEFINITION.match(lines[index])
    return _SIGNED_DEFINITION.sub(r"- (\1) ", lines[index]) if signed else _DEFINITION.sub("- ", lines[index])


def _titled_block(line: str, admonition: bool) -> str | None:
    """A block's title as markdown: `<TabItem label="Falcon">` is a heading (what follows is
    about Falcon); `!!! success "Pros"` or `=== "Cons"` a bold label over its text (a title
    that is no label, "Good to know", is left out with its marker)."""
    title = _ADMONITION_TITLE.search(line) if admonition else None
    if title and label_of(title.group(1)):
        return f"**{title.group(1).strip()}**"
    labelled = _LABELLED_TAG.match(line)
    return f"###### {labelled.group(1)}" if labelled else None


def _scaffolding(line: str) -> bool:
    """MDX imports and JSX components, `<!--truncate-->` markers, Docusaurus `:::tip` fences."""
    return bool(
        _TRUNCATE.match(line)
        or _MDX_IMPORT.match(line)
        or _JSX_LINE.match(line)
        or _MDX_COMMENT.match(line)
        or _DIRECTIVE.match(line)
    )


def _stray_rule(line: str) -> bool:
    """A `---` or `~~~~~~` right after the front matter."""
    return bool(_THEMATIC.match(line) or re.fullmatch(r"\s*~{3,}\s*", line))


def _tight_headings(lines: list[str], prose: list[int]) -> bool:
    """ "#Heading" without a space is a heading in files that write every heading that way."""
    tight = sum(1 for i in prose if _TIGHT_HEADING.match(lines[i]))
    return tight >= 2 and not any(_HEADING.match(lines[i]) for i in prose)


def _rewrite(line: str, tight: bool) -> str:
    if "{" in line or "}" in line:
        line = _PANDOC_ATTRS.sub("", _IAL.sub("", _SHORTCODE.sub("", line)))
    if tight:
        line = _TIGHT_HEADING.sub(r"\1 ", line)
    line = _CJK_NUMBER.sub(r"\1\2. ", _CJK_BULLET.sub(r"\1- ", line))
    return _BULLET.sub(r"\1-", line)


_IMAGE = re.compile(r"(!\[[^\[\]]*\]\()(\s*+)([^)\s]++)([^()]*\))")
_LINK = re.compile(r"(?<![!\]\\])\[([^\[\]]*)\]\(\s*+([^)\s]*+)([^()]*)\)")
_REFERENCE = re.compile(r"^( {0,3}\[[^\[\]]+\]:\s*)(\S+)(.*)$")
_HTML_IMG_SRC = re.compile(r"(<img\b[^<>]*?\bsrc=)([\"'])([^\"'<>]+)\2", re.I)
_HTML_HREF = re.compile(r"(<a\b[^<>]*?\bhref=)([\"'])([^\"'<>]*)\2", re.I)


def clean_body(lines: list[str], drop: set[int], canonical_url: str) -> str:
    kept = []
    fence = None
    for index, line in enumerate(lines):
        if index in drop:
            continue
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0]:
                fence = None
        elif match:
            fence = match.group(1)
        else:
            line = _links_resolved(line, canonical_url)
        kept.append(line)
    body = "\n".join(kept)
    body = re.sub(r"\n{3,}", "\n\n", body)
    return body.strip() + "\n" if body.strip() else ""


def _links_resolved(line: str, canonical_url: str) -> str:
    """Links and images relative to the article's own site resolved against its canonical URL,
    or, without one, made plain text (a link) or left out (an image): our pages never link to
    a path of ours that does not exist."""
    line = _IMAGE.sub(lambda m: _fix_image(m, canonical_url), line)
    line = _LINK.sub(lambda m: _fix_link(m, canonical_url), line)
    line = _REFERENCE.sub(lambda m: _fix_reference(m, canonical_url), line)
    line = _HTML_IMG_SRC.sub(lambda m: _fix_html_url(m, canonical_url), line)
    return _HTML_HREF.sub(lambda m: _fix_html_url(m, canonical_url), line)


def _fix_link(match: re.Match, canonical_url: str) -> str:
    url = _resolve(match.group(2), canonical_url) if match.group(2) else None
    return match.group(1) if url is None else f"[{match.group(1)}]({url}{match.group(3)})"


def _fix_reference(match: re.Match, canonical_url: str) -> str:
    url = _resolve(match.group(2).strip("<>"), canonical_url)
    return "" if url is None else f"{match.group(1)}{url}{match.group(3)}"


def _resolve(url: str, canonical_url: str) -> str | None:
    if urlsplit(url).scheme or url.startswith(("//", "#", "mailto:")):
        return url
    return urljoin(canonical_url, url) if canonical_url else None


def _fix_image(match: re.Match, canonical_url: str) -> str:
    url = _resolve(match.group(3), canonical_url)
    return "" if url is None else f"{match.group(1)}{match.group(2)}{url}{match.group(4)}"


def _fix_html_url(match: re.Match, canonical_url: str) -> str:
    url = _resolve(match.group(3), canonical_url) if match.group(3) else None
    return f"{match.group(1)}{match.group(2)}{url or ''}{match.group(2)}"
