"""Line-preserving clean-up before markdown parsing, and the body readers see."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

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


def preclean_lines(lines: list[str], start: int) -> set[int]:
    """Indexes of lines that are not content: MDX scaffolding, truncate markers, stray rules."""
    drop = set(range(start))
    fence = None
    seen_content = False
    for index in range(start, len(lines)):
        line = lines[index]
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            seen_content = True
            continue
        if (
            _TRUNCATE.match(line)
            or _MDX_IMPORT.match(line)
            or _JSX_LINE.match(line)
            or _MDX_COMMENT.match(line)
        ):
            drop.add(index)
        elif not seen_content and _THEMATIC.match(line):
            drop.add(index)  # a stray `---` right after the front matter
        elif line.strip():
            seen_content = True
    return drop


_IMAGE = re.compile(r"(!\[[^\[\]]*\]\()(\s*+)([^)\s]++)([^()]*\))")
_HTML_IMG_SRC = re.compile(r"(<img\b[^<>]*?\bsrc=)([\"'])([^\"'<>]+)\2", re.I)


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
            line = _IMAGE.sub(lambda m: _fix_image(m, canonical_url), line)
            line = _HTML_IMG_SRC.sub(lambda m: _fix_html_image(m, canonical_url), line)
        kept.append(line)
    body = "\n".join(kept)
    body = re.sub(r"\n{3,}", "\n\n", body)
    return body.strip() + "\n" if body.strip() else ""


def _resolve(url: str, canonical_url: str) -> str | None:
    if urlsplit(url).scheme or url.startswith(("//", "#", "mailto:")):
        return url
    return urljoin(canonical_url, url) if canonical_url else None


def _fix_image(match: re.Match, canonical_url: str) -> str:
    url = _resolve(match.group(3), canonical_url)
    return "" if url is None else f"{match.group(1)}{match.group(2)}{url}{match.group(4)}"


def _fix_html_image(match: re.Match, canonical_url: str) -> str:
    url = _resolve(match.group(3), canonical_url)
    return match.group(0) if url is None else f"{match.group(1)}{match.group(2)}{url}{match.group(2)}"
