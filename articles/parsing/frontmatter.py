"""Front matter: YAML or TOML between delimiters, or a header of `key: value` lines."""

from __future__ import annotations

import re
import tomllib

import yaml

from articles.parsing.text import MAX_FRONT_MATTER_BYTES, ArticleError


class _NoAliasSafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases: no alias bombs, no shared structures."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases (*name) are not allowed in front matter", event.start_mark
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "YAML anchors (&name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


# Keys a header without delimiters may hold (Pelican, JBake, "title: x" closed by "---").
HEADER_KEYS = {
    "title", "date", "author", "authors", "tags", "category", "categories", "slug", "summary",
    "description", "status", "type", "stage", "lang", "language", "sortorder", "toc",
    "sidebartitle", "meta", "keywords", "modified", "published", "draft", "layout", "subtitle",
}  # fmt: skip
_HEADER_LINE = re.compile(r"^([A-Za-z][\w-]{0,30})\s*[:=]\s?(.*)$")
_CLOSER = re.compile(r"^(-{3,}|~{3,}|\+{3,})\s*$")


def split_front_matter(text: str) -> tuple[dict, int]:
    """The front matter mapping and the number of lines it takes (0 when there is none): YAML
    between `---` lines, TOML between `+++` lines (after blank lines, too), or a header of
    `key: value` / `key=value` lines without an opening delimiter."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines[:50]) if line.strip()), None)
    if first is None:
        return {}, 0
    fence = lines[first].strip()
    if fence not in ("---", "+++"):
        return _bare_header(lines, first)
    closers = {fence, "..."} if fence == "---" else {fence}
    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() in closers), None)
    if end is None:
        raise ArticleError(
            f"front matter opened with {fence!r} on line {first + 1} is never closed", line=first + 1
        )
    raw = "\n".join(lines[first + 1 : end])
    if len(raw.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise ArticleError(f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KiB", line=1)
    meta = _toml(raw, first) if fence == "+++" else _yaml(raw, first)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError(
            f"front matter must be a mapping of keys to values, not a {type(meta).__name__}", line=1
        )
    return meta, end + 1


def _toml(raw: str, first: int):
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) + first + 1 if match else first + 1
        raise ArticleError(f"invalid TOML front matter: {exc}", line=line) from exc
    except (ValueError, RecursionError) as exc:
        # An integer of thousands of digits, arrays nested thousands deep.
        problem = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ArticleError(f"invalid value in TOML front matter: {problem}", line=1) from exc


# A plain value with ": " inside ("title: Flask: a review") is not YAML, but it is what people
# write (GitHub shows it): read it as the text it is meant to be.
_COLON_VALUE = re.compile(r"^([A-Za-z][\w-]{0,30}):[ \t]+([^\s'\"\[{|>&*!#%@`][^#\n]*?:\s.*?)\s*$", re.M)


def _quoted_values(raw: str) -> str:
    return _COLON_VALUE.sub(lambda m: f"{m.group(1)}: '" + m.group(2).replace("'", "''") + "'", raw)


def _yaml(raw: str, first: int):
    try:
        return _yaml_load(raw)
    except yaml.MarkedYAMLError as exc:
        if "mapping values are not allowed" in str(exc) and _quoted_values(raw) != raw:
            try:
                return _yaml_load(_quoted_values(raw))
            except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
                pass
        _yaml_error(exc, first)
    except yaml.YAMLError as exc:
        raise ArticleError(f"invalid YAML front matter: {exc}", line=1) from exc
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # e.g. `date: 2024-02-30`: YAML reads it as a date that does not exist.
        problem = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ArticleError(f"invalid value in YAML front matter: {problem}", line=1) from exc


def _yaml_load(raw: str):
    return yaml.load(raw, Loader=_NoAliasSafeLoader) if raw.strip() else {}


def _yaml_error(exc: yaml.MarkedYAMLError, first: int):
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + first + 2 if mark else first + 1
    problem = exc.problem or exc.context or "could not be read"
    if "could not determine a constructor" in str(exc):
        problem = "YAML tags such as !!python/... are not allowed"
    raise ArticleError(f"invalid YAML front matter: {problem}", line=line) from exc


def _bare_header(lines: list[str], first: int) -> tuple[dict, int]:
    """ "title: Django" / "title=Sanic" lines at the top, ended by a blank line or a `---` /
    `~~~~~~` line: a header when it names a title, or is closed and has two known keys."""
    meta: dict = {}
    end = first
    while end < len(lines) and end - first < 40:
        match = _HEADER_LINE.match(lines[end].strip())
        if not match or match.group(1).lower() not in HEADER_KEYS:
            break
        meta[match.group(1).lower()] = match.group(2).strip().strip("\"'")
        end += 1
    closed = end < len(lines) and bool(_CLOSER.match(lines[end].strip()))
    if "title" not in meta and not (closed and len(meta) >= 2):
        return {}, 0
    return meta, end + 1 if closed else end
