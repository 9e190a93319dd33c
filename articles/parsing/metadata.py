"""What an article says about itself: title, date, authors, language, from its front matter
and, where that is silent, from the text and the file's name."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import PurePath
from urllib.parse import urlsplit

from articles.parsing.blocks import Block
from articles.parsing.dates import local_date
from articles.parsing.model import Metadata
from articles.parsing.text import MAX_SLUG_LENGTH, MAX_TITLE_LENGTH, ArticleError, slugify

_DATE_FORMATS = [
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%d/%m/%Y", "%B %d, %Y", "%b %d, %Y",
    "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%d %B, %Y", "%d %b, %Y",
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
    if text[:1] + text[-1:] in ("()", "[]", "<>"):
        text = text[1:-1].strip()  # "(2022-03-14)"
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
    local = local_date(text)
    if local and len((text[: local[1].start()] + text[local[1].end() :]).split()) <= 2:
        return local[0]  # "5 febbraio 2025", "2024年10月5日"
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
    authors = name.startswith("author")
    if isinstance(value, str):
        value = " ".join(value.split())
        parts = re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", value) if authors else value.split(",")
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, dict) and authors:
        value = [value]
    if not isinstance(value, list):
        raise ArticleError(f"front matter field {name!r} must be a list, not a {type(value).__name__}")
    items = []
    for item in value:
        text = _list_item(item, name, authors)
        if text and text not in items:
            items.append(text[:100])
    return items


def _list_item(item, name: str, authors: bool) -> str:
    if isinstance(item, dict) and authors:
        item = item.get("name") or item.get("title") or ""
    if isinstance(item, bool) or not isinstance(item, (str, int, float)):
        raise ArticleError(f"front matter field {name!r} must hold text items")
    return " ".join(str(item).split())


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


DATE_KEYS = (
    "date", "published", "pubdate", "publishdate", "published_at", "datepublished",
    "date_published", "publish_date", "pubdatetime", "published_on", "created", "created_at",
    "fecha", "datum", "tanggal",
)  # fmt: skip


def read_metadata(meta: dict, warnings: list[str]) -> Metadata:
    lowered = {str(k).strip().lower(): v for k, v in meta.items()}
    published, draft = _published(lowered, warnings)
    author_key = _first(lowered, "authors", "author")
    description_key = _first(lowered, "description", "summary", "excerpt", "subtitle")
    source_key = _first(lowered, "source", "publisher")
    language_key = _first(lowered, "lang", "language", "locale")
    return Metadata(
        title=_text_field(lowered, "title", MAX_TITLE_LENGTH),
        slug=_slug(lowered),
        published=published,
        authors=_list_field(lowered, author_key) if author_key else [],
        description=_text_field(lowered, description_key) if description_key else "",
        tags=(_list_field(lowered, "tags") or _list_field(lowered, "keywords"))[:50],
        draft=draft,
        canonical_url=_canonical(lowered, warnings),
        source=_text_field(lowered, source_key, 120) if source_key else "",
        language=language_code(str(lowered[language_key])) if language_key else "",
    )


def _slug(meta: dict) -> str:
    value = _text_field(meta, "slug")
    last = [part for part in value.strip().split("/") if part]
    slug = slugify(last[-1], max_length=10_000) if last else ""
    if len(slug) > MAX_SLUG_LENGTH:
        raise ArticleError(
            f"front matter field 'slug' is {len(slug)} characters; the limit is {MAX_SLUG_LENGTH}"
        )
    return slug


def _published(meta: dict, warnings: list[str]) -> tuple[date | None, bool]:
    """The publication date, and whether the article is a draft ("published: false" says both)."""
    date_key = _first(meta, *DATE_KEYS)
    draft = False
    if date_key == "published" and isinstance(meta["published"], bool):
        draft = not meta["published"]
        date_key = _first(meta, *(key for key in DATE_KEYS if key != "published"))
    if "draft" in meta:
        value = meta["draft"]
        draft = value.strip().lower() in {"true", "yes", "1", "on"} if isinstance(value, str) else bool(value)
    if not date_key:
        return None, draft
    try:
        return parse_date(meta[date_key], date_key), draft
    except ArticleError as exc:
        warnings.append(f"{exc}: imported without a date")
        return None, draft


def _canonical(meta: dict, warnings: list[str]) -> str:
    for key in ("canonical_url", "canonical", "url", "link", "permalink"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            canonical = web_url(value)
            if canonical:
                return canonical
            if "://" in value or value.strip().startswith("//"):  # "/technologie/django/" is a path
                warnings.append(
                    f"front matter field {key!r}: {value.strip()[:80]!r} is not a web address; ignored"
                )
    return ""


_DATELINE = re.compile(
    r"^\W*(?:published|posted|updated|last updated|date|datum|fecha|data|date de publication|"
    r"дата|tarih|ngày|tanggal|日期|日付|날짜)(?:\s+on)?\W*?[:：]?\s*(.+?)(?:\s+by\s+(.+?))?[\s.*_]*$",
    re.I,
)


# "Autor: Jonas Becker, 12.01.2025": an author line that ends with the date.
_AUTHOR_LINE = re.compile(
    r"^\W*(?:author|by|autor|auteur|autore|автор|yazar|penulis|tác giả|作者|著者|작성자)\s*[:：]?\s*"
    r"([^,|·•]{2,60}?)\s*[,|·•–—]\s*([^,|·•]{6,40}?)[\s.*_]*$",
    re.I,
)
# "Ngày đăng: 22/04/2025", "發布日期：2024-07-12", "Yayın tarihi: 10 Mart 2025".
_LABELLED = re.compile(
    r"^\W*((?:[^:：\n]{0,20}?)(?:publ|post|date|datum|fecha|data|дата|опублик|tarih|ngày|tanggal|terbit|"
    r"日|일|gepubliceerd|veröffentlicht|erschienen|updated|aggiornat|atualizad)[^:：\n]{0,20})[:：]\s*"
    r"(.{6,40}?)[\s.*_]*$",
    re.I,
)


_BY = re.compile(r"^[\s,]+(?:by|par|por|von|di|door|przez|от|від|oleh|bởi)\s+([^\d,;]{2,60})$", re.I)


def dateline(blocks: list[Block]) -> tuple[date | None, str]:
    """Date and author from a line near the top ("*Published 12 October 2022 by Sam*",
    "*Pubblicato il 5 febbraio 2025*", "2024年10月5日"), for articles whose front matter does
    not say."""
    for block in blocks[:8]:
        if block.kind != "paragraph":
            continue
        for line in "".join(run.text for run in block.inline.runs).split("\n", 5)[:5]:
            if len(line) > 200:
                continue  # a dateline is short; a long line is prose
            found = _line_date(line.strip())
            if found:
                return found
    return None, ""


def _line_date(line: str) -> tuple[date, str] | None:
    """A dateline's date and author: "Published 12 October 2022 by Sam", "Autor: Jonas Becker,
    12.01.2025", "Ngày đăng: 22/04/2025", or a date in the article's language alone on its line."""
    written = []  # (what may be a date, who wrote it), in the order they are tried
    if match := _DATELINE.match(line):
        written.append((match.group(1).strip(" .*_"), (match.group(2) or "").strip()))
    if author := _AUTHOR_LINE.match(line):
        written.append((author.group(2), author.group(1).strip()))
    labelled = _LABELLED.match(line)
    if labelled and len(labelled.group(1).split()) <= 4:
        written.append((labelled.group(2), ""))
    for text, by in written:
        try:
            return parse_date(text), by[:100]
        except ArticleError:
            continue
    return _local_dateline(line)


def _local_dateline(line: str) -> tuple[date, str] | None:
    """A short line that is a date in the article's language, with at most a word or three and
    an author beside it: "2025년 3월 2일 작성", "Publié le 3 mars 2024 par Léa Martin"."""
    local = local_date(line) if len(line) <= 80 else None
    if local is None:
        return None
    after = line[local[1].end() :]
    by = _BY.match(after)
    others = (line[: local[1].start()] + " " + ("" if by else after)).split()
    if len(others) <= 3 and not any(ch.isdigit() for word in others for ch in word):
        return local[0], by.group(1).strip(" .*_")[:100] if by else ""
    return None


_FILE_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def date_from_path(path: str) -> date | None:
    """A date in a file's name ("2021-10-05-my-post.md", as Jekyll names posts)."""
    match = _FILE_DATE.search(PurePath(path).name)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def title_from_path(path: str) -> str:
    stem = PurePath(path).stem if path else ""
    stem = _FILE_DATE.sub("", stem)
    return " ".join(re.split(r"[-_\s]+", stem)).strip().capitalize()


LANGUAGE_NAMES = {
    "english": "en", "spanish": "es", "español": "es", "portuguese": "pt", "português": "pt",
    "french": "fr", "français": "fr", "italian": "it", "italiano": "it", "german": "de",
    "deutsch": "de", "dutch": "nl", "polish": "pl", "polski": "pl", "russian": "ru",
    "русский": "ru", "ukrainian": "uk", "turkish": "tr", "türkçe": "tr", "indonesian": "id",
    "vietnamese": "vi", "chinese": "zh", "中文": "zh", "japanese": "ja", "日本語": "ja",
    "korean": "ko", "한국어": "ko",
}  # fmt: skip


def language_code(value: str) -> str:
    """ "en", "en-US", "pt_BR", "English" -> "en", "en", "pt", "en"; "" when unreadable."""
    value = value.strip().lower()
    if value in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[value]
    code = re.split(r"[-_]", value)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else ""


def detect_language(blocks: list[Block]) -> str:
    """The language of the prose (headings, paragraphs, list items; not code), by py3langid,
    whose model ships inside the package: nothing is downloaded."""
    import py3langid

    parts: list[str] = []
    for block in blocks:
        if block.inline is not None and block.kind in ("heading", "paragraph"):
            parts.append(block.inline.text)
        parts.extend(item.inline.text for item in block.items)
        if sum(map(len, parts)) > 5_000:
            break
    text = " ".join(parts)[:20_000]  # a sample is enough; one paragraph may be the whole file
    return py3langid.classify(text)[0] if len(text) >= 20 else ""
