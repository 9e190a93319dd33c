"""Front matter and other metadata: YAML or TOML headers, dates, and datelines in the text."""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from urllib.parse import urlsplit

import yaml

from articles.parsing.blocks import Block
from articles.parsing.model import Metadata
from articles.parsing.text import (
    MAX_FRONT_MATTER_BYTES,
    MAX_SLUG_LENGTH,
    MAX_TITLE_LENGTH,
    ArticleError,
    slugify,
)


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


def split_front_matter(text: str) -> tuple[dict, int]:
    """The front matter mapping and the number of lines it takes (0 when there is none)."""
    lines = text.split("\n")
    fence = lines[0].strip()
    if fence not in ("---", "+++"):
        return {}, 0
    closers = {fence, "..."} if fence == "---" else {fence}
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in closers), None)
    if end is None:
        raise ArticleError(f"front matter opened with {fence!r} on line 1 is never closed", line=1)
    raw = "\n".join(lines[1:end])
    if len(raw.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise ArticleError(f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KiB", line=1)
    if fence == "+++":
        try:
            meta = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"line (\d+)", str(exc))
            line = int(match.group(1)) + 1 if match else 1
            raise ArticleError(f"invalid TOML front matter: {exc}", line=line) from exc
        except (ValueError, RecursionError) as exc:
            # An integer of thousands of digits, arrays nested thousands deep.
            problem = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise ArticleError(f"invalid value in TOML front matter: {problem}", line=1) from exc
    else:
        try:
            meta = yaml.load(raw, Loader=_NoAliasSafeLoader) if raw.strip() else {}
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 2 if mark else 1
            problem = exc.problem or exc.context or "could not be read"
            if "could not determine a constructor" in str(exc):
                problem = "YAML tags such as !!python/... are not allowed"
            raise ArticleError(f"invalid YAML front matter: {problem}", line=line) from exc
        except yaml.YAMLError as exc:
            raise ArticleError(f"invalid YAML front matter: {exc}", line=1) from exc
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:
            # e.g. `date: 2024-02-30`: YAML reads it as a date that does not exist.
            problem = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise ArticleError(f"invalid value in YAML front matter: {problem}", line=1) from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError(
            f"front matter must be a mapping of keys to values, not a {type(meta).__name__}", line=1
        )
    return meta, end + 1


_DATE_FORMATS = [
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%d/%m/%Y", "%B %d, %Y", "%b %d, %Y",
    "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%d %B, %Y", "%d %b, %Y", "%B %Y", "%b %Y",
    "%Y%m%d", "%a, %d %b %Y", "%A, %B %d, %Y", "%a %b %d %Y",
]  # fmt: skip


def parse_date(value, field_name: str = "date") -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(int(value))
    elif isinstance(value, str):
        text = " ".join(value.split())
    else:
        raise ArticleError(f"front matter field {field_name!r} must be a date, not a {type(value).__name__}")
    if len(text) > 100:
        raise ArticleError(f"front matter field {field_name!r}: {text[:40]!r}... is too long to be a date")
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    # JavaScript's Date.toString(): "Mon Mar 04 2024 10:00:00 GMT+0000 (Coordinated Universal Time)"
    cleaned = re.sub(r"\s*\([^)]*\)$|\s*GMT[+-]\d{4}", "", cleaned)
    try:
        return datetime.fromisoformat(cleaned.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    # RFC 2822 dates carry a time and zone after the date.
    cleaned = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?(\s*([+-]\d{4}|[A-Z]{2,4}))?$", "", cleaned)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ArticleError(f"front matter field {field_name!r}: cannot read {text[:60]!r} as a date")


def _text_field(meta: dict, name: str, max_length: int | None = None) -> str:
    value = meta.get(name)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ArticleError(f"front matter field {name!r} must be text, not a {type(value).__name__}")
    value = " ".join(str(value).split())
    if max_length and len(value) > max_length:
        raise ArticleError(
            f"front matter field {name!r} is {len(value)} characters; the limit is {max_length}"
        )
    return value


def _list_field(meta: dict, name: str) -> list[str]:
    value = meta.get(name)
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = " ".join(value.split())
        parts = (
            re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", value) if name.startswith("author") else value.split(",")
        )
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, dict) and name.startswith("author"):
        value = [value]
    if not isinstance(value, list):
        raise ArticleError(f"front matter field {name!r} must be a list, not a {type(value).__name__}")
    items = []
    for item in value:
        if isinstance(item, dict) and name.startswith("author"):
            item = item.get("name") or item.get("title") or ""
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise ArticleError(f"front matter field {name!r} must hold text items")
        item = " ".join(str(item).split())
        if item and item not in items:
            items.append(item[:100])
    return items


def _first(meta: dict, *names: str) -> str | None:
    return next((name for name in names if meta.get(name) not in (None, "")), None)


def web_url(value: str) -> str:
    """`value` when it is a well-formed http(s) address of at most 500 characters, else ""."""
    value = value.strip()
    try:
        parts = urlsplit(value)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # "https://[::1/post": an unclosed IPv6 bracket, a bad port
        ok = False
    return value if ok and len(value) <= 500 and not any(c.isspace() for c in value) else ""


def read_metadata(meta: dict, warnings: list[str]) -> Metadata:
    lowered = {str(k).strip().lower(): v for k, v in meta.items()}
    title = _text_field(lowered, "title", MAX_TITLE_LENGTH)
    slug_value = _text_field(lowered, "slug")
    slug = ""
    if slug_value:
        last = [part for part in slug_value.strip().split("/") if part]
        slug = slugify(last[-1] if last else "", max_length=10_000)
        if len(slug) > MAX_SLUG_LENGTH:
            raise ArticleError(
                f"front matter field 'slug' is {len(slug)} characters; the limit is {MAX_SLUG_LENGTH}"
            )
    date_keys = (
        "date", "published", "pubdate", "publishdate", "published_at", "datepublished",
        "date_published", "publish_date", "pubdatetime", "published_on", "created", "created_at",
    )  # fmt: skip
    date_key = _first(lowered, *date_keys)
    published = None
    draft = False
    if date_key == "published" and isinstance(lowered["published"], bool):
        draft = not lowered["published"]
        date_key = _first(lowered, *(key for key in date_keys if key != "published"))
    if date_key:
        published = parse_date(lowered[date_key], date_key)
    author_key = _first(lowered, "authors", "author")
    authors = _list_field(lowered, author_key) if author_key else []
    description_key = _first(lowered, "description", "summary", "excerpt", "subtitle")
    description = _text_field(lowered, description_key) if description_key else ""
    tags = _list_field(lowered, "tags") or _list_field(lowered, "keywords")
    if "draft" in lowered:
        value = lowered["draft"]
        if isinstance(value, str):
            value = value.strip().lower() in {"true", "yes", "1", "on"}
        draft = bool(value)
    canonical = ""
    for key in ("canonical_url", "canonical", "url", "link", "permalink"):
        value = lowered.get(key)
        if isinstance(value, str) and value.strip():
            canonical = web_url(value)
            if canonical:
                break
            warnings.append(
                f"front matter field {key!r}: {value.strip()[:80]!r} is not a web address; ignored"
            )
    source_key = _first(lowered, "source", "publisher")
    source = _text_field(lowered, source_key, 120) if source_key else ""
    return Metadata(title, slug, published, authors, description, tags[:50], draft, canonical, source)


_DATELINE = re.compile(
    r"^\W*(?:published|posted|updated|last updated|date)(?:\s+on)?\s*:?\s*(.+?)(?:\s+by\s+(.+?))?[\s.*_]*$",
    re.I,
)


def dateline(blocks: list[Block]) -> tuple[date | None, str]:
    """Date and author from a line near the top ("*Published 12 October 2022 by Sam*"), for
    articles whose front matter does not say."""
    for block in blocks[:6]:
        if block.kind != "paragraph":
            continue
        for line in "".join(run.text for run in block.inline.runs).split("\n"):
            if len(line) > 200:
                continue  # a dateline is short; a long line is prose
            match = _DATELINE.match(line.strip())
            if match:
                try:
                    return parse_date(match.group(1).strip(" .*_")), (match.group(2) or "").strip()[:100]
                except ArticleError:
                    continue
    return None, ""
