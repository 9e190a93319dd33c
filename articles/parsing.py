"""Turn one markdown article into plain data: metadata, frameworks and claims.

This module knows nothing of Django or the database: text in, dataclasses out. The catalogue
of known framework names and the topic vocabulary come in as plain data, so the same rules
run in tests, in `--dry-run` and in the real import.

The pipeline:
1. `decode` bytes strictly (UTF-8 with or without BOM, UTF-16 with a BOM), normalise newlines.
2. `split_front_matter`: YAML (`---`) or TOML (`+++`) front matter, or none.
3. A line-preserving clean-up (MDX imports and JSX wrappers, `<!--truncate-->`) so markdown-it
   sees plain CommonMark while every line number still points into the original file.
4. markdown-it-py turns the body into blocks (headings, paragraphs, lists, tables) grouped
   into a tree of sections by heading level.
5. Each section is classified (about one framework, a pros/cons label, a TODO note, or other)
   and its lists and tables become claims.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urljoin, urlsplit

import yaml
from anyascii import anyascii
from markdown_it import MarkdownIt
from markdown_it.token import Token

MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_TITLE_LENGTH = 300
MAX_SLUG_LENGTH = 200
MAX_CLAIM_TITLE = 200
MAX_NAME_LENGTH = 100
# What one article may hold. Real articles have a few hundred lines and claims; the limits keep
# what a hostile file costs to import, and any page to show, bounded.
MAX_LINES = 20_000
MAX_CLAIMS = 1_000
MAX_CLAIM_TEXT = 2_000
MAX_LINE_CHARS = 10_000


class ArticleError(ValueError):
    """Bad input: the message names what is wrong (and the line when it is known)."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name ("Plotly Dash" == "plotly-dash").

    A name with no letter or digit at all ("🚀🔥") keys as its own symbols, so two such names
    never match each other by both being empty."""
    decomposed = unicodedata.normalize("NFKD", name).casefold()
    key = "".join(ch for ch in decomposed if ch.isalnum())
    return key or "".join(ch for ch in decomposed if not ch.isspace() and unicodedata.category(ch)[0] != "M")


def slugify(value: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """An ASCII slug for URLs, other scripts transliterated ("框架" -> "kuangjia"); emoji and
    other symbols are left out. Empty when nothing is left: see `stable_slug`."""
    value = "".join(ch for ch in unicodedata.normalize("NFKC", value) if unicodedata.category(ch)[0] != "S")
    value = anyascii(value).lower()
    value = re.sub(r"[^a-z0-9\s_-]", "", value)
    value = re.sub(r"[-\s_]+", "-", value).strip("-")
    if len(value) > max_length:
        value = value[:max_length].rsplit("-", 1)[0] or value[:max_length]
    return value


def stable_slug(value: str, prefix: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """`slugify(value)`, or `prefix-<digest of value>` for a value with nothing to transliterate."""
    return slugify(value, max_length) or f"{prefix}-{hashlib.sha256(value.encode()).hexdigest()[:10]}"


# --------------------------------------------------------------------------------------------
# Input data and results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicRule:
    slug: str
    name: str
    keywords: tuple[str, ...]


@dataclass
class Catalogue:
    """What the importer already knows: framework names and aliases, and the topics."""

    names: dict[str, str] = field(default_factory=dict)  # name_key -> canonical name
    topics: list[TopicRule] = field(default_factory=list)

    def lookup(self, name: str) -> str | None:
        return self.names.get(name_key(name))


@dataclass
class ParsedFramework:
    name: str
    known: bool
    resource: bool = False
    aliases: list[str] = field(default_factory=list)
    website: str = ""
    heading: str = ""
    line: int | None = None


@dataclass
class ParsedClaim:
    framework: str
    kind: str  # pro, con, feature, summary
    title: str
    text: str
    topic: str | None
    heading: str
    line: int
    key: str = ""


# --------------------------------------------------------------------------------------------
# 1. Bytes to text
# --------------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Strict decoding with errors that say where the problem is."""
    if not data.strip():
        raise ArticleError("the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"invalid UTF-16 at byte offset {exc.start}") from exc
    else:
        nul = data.find(b"\x00")
        if nul != -1:
            raise ArticleError(f"binary file: NUL byte at offset {nul}; expected UTF-8 text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"invalid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x}); "
                "save the file as UTF-8"
            ) from exc
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise ArticleError("binary file: NUL character in the text")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > 8:
        raise ArticleError("binary file: control characters where text was expected")
    if not text.strip():
        raise ArticleError("the file is empty")
    return text


# --------------------------------------------------------------------------------------------
# 2. Front matter
# --------------------------------------------------------------------------------------------


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


@dataclass
class Metadata:
    """What the front matter says, normalised."""

    title: str
    slug: str
    published: date | None
    authors: list[str]
    description: str
    tags: list[str]
    draft: bool
    canonical_url: str
    source: str


@dataclass
class ParsedArticle(Metadata):
    body: str = ""
    frameworks: list[ParsedFramework] = field(default_factory=list)
    claims: list[ParsedClaim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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


# --------------------------------------------------------------------------------------------
# 3. Line-preserving clean-up before markdown parsing
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# 4. Markdown to blocks and sections
# --------------------------------------------------------------------------------------------


@dataclass
class Run:
    text: str
    bold: bool = False
    href: str = ""


@dataclass
class Inline:
    runs: list[Run]
    breaks: int = 0  # explicit <br> line breaks

    @property
    def text(self) -> str:
        return _squash("".join(run.text for run in self.runs))

    def split_breaks(self) -> list[str]:
        joined = "".join(run.text for run in self.runs)
        return [_squash(part) for part in joined.split("\x00") if _squash(part)]

    def links(self) -> list[tuple[str, str]]:
        return [(run.text, run.href) for run in self.runs if run.href]


@dataclass
class Item:
    inline: Inline
    line: int
    children: list[Block] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # heading, paragraph, list, table, fence, html
    line: int
    inline: Inline | None = None
    level: int = 0
    items: list[Item] = field(default_factory=list)
    rows: list[tuple[int, list[Inline]]] = field(default_factory=list)  # table rows (line, cells)
    end_line: int = 0
    info: str = ""


def _squash(text: str) -> str:
    return " ".join(text.replace("\x00", " ").split())


def _inline(token: Token) -> Inline:
    runs: list[Run] = []
    bold = 0
    href = ""
    breaks = 0
    for child in token.children or []:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold = max(0, bold - 1)
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
        elif child.type == "link_close":
            href = ""
        elif child.type == "text":
            runs.append(Run(child.content, bold > 0, href))
        elif child.type == "code_inline":
            runs.append(Run(f"`{child.content}`", bold > 0, href))
        elif child.type == "softbreak":
            runs.append(Run("\n", bold > 0, href))
        elif child.type == "hardbreak":
            runs.append(Run("\x00"))
            breaks += 1
        elif child.type == "html_inline":
            if re.match(r"<br\s*/?>|</?li\b|</?p\b", child.content, re.I):
                runs.append(Run("\x00"))
                breaks += 1
        elif child.type == "image":
            continue
    return Inline(runs, breaks)


_md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

# markdown-it reads inline markup at some 10-80 microseconds a character ("![![", "*_*_"), so
# text made of little else takes minutes a megabyte. The longest real article we know has
# about 600 such characters outside code; a file with 80 times that is not an article.
MAX_INLINE_MARKUP = 50_000
_MARKUP = frozenset("!#$%&*+-:<=>@[\\]^_`{}~")


def _limit_inline_markup(state) -> None:
    """A markdown-it core rule, run after block parsing and before the (costly) inline parsing."""
    found = 0
    for token in state.tokens:
        if token.type == "inline":
            found += sum(1 for ch in token.content if ch in _MARKUP)
    if found > MAX_INLINE_MARKUP:
        raise ArticleError(
            f"the text holds {found:,} markdown punctuation characters outside code "
            f"(a real article has a few thousand; the limit is {MAX_INLINE_MARKUP:,})"
        )


_md.core.ruler.before("inline", "limit_inline_markup", _limit_inline_markup)


def to_blocks(tokens: list[Token]) -> list[Block]:
    """Top-level blocks; lists keep their items (and nested blocks) together."""
    blocks, _ = _blocks_until(tokens, 0, None)
    return blocks


def _blocks_until(tokens: list[Token], i: int, closing: str | None) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    while i < len(tokens):
        token = tokens[i]
        if closing and token.type == closing:
            return blocks, i + 1
        line = (token.map[0] + 1) if token.map else 0
        if token.type == "heading_open":
            blocks.append(Block("heading", line, _inline(tokens[i + 1]), level=int(token.tag[1])))
            i += 3
        elif token.type == "paragraph_open":
            blocks.append(Block("paragraph", line, _inline(tokens[i + 1])))
            i += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            block = Block("list", line)
            i += 1
            close = token.type.replace("_open", "_close")
            while tokens[i].type != close:
                item_token = tokens[i]  # list_item_open
                children, i = _blocks_until(tokens, i + 1, "list_item_close")
                inline = Inline([])
                if children and children[0].kind == "paragraph":
                    inline = children.pop(0).inline
                item_line = item_token.map[0] + 1 if item_token.map else line
                block.items.append(Item(inline, item_line, children))
            blocks.append(block)
            i += 1
        elif token.type == "table_open":
            block = Block("table", line)
            i += 1
            row: list[Inline] = []
            row_line = line
            while tokens[i].type != "table_close":
                t = tokens[i]
                if t.type == "tr_open":
                    row = []
                    row_line = t.map[0] + 1 if t.map else row_line
                elif t.type == "inline":
                    row.append(_inline(t))
                elif t.type == "tr_close":
                    block.rows.append((row_line, row))
                i += 1
            blocks.append(block)
            i += 1
        elif token.type == "fence":
            end = token.map[1] if token.map else line
            blocks.append(Block("fence", line, end_line=end, info=token.info))
            i += 1
        elif token.type == "html_block":
            blocks.append(Block("html", line, Inline([Run(token.content)])))
            i += 1
        elif token.type in ("blockquote_open",):
            inner, i = _blocks_until(tokens, i + 1, "blockquote_close")
            blocks.extend(inner)
        else:
            i += 1
    return blocks, i


@dataclass
class Section:
    heading: str
    level: int
    line: int
    inline: Inline | None = None
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None
    # Filled in by classification:
    role: str = "other"  # framework, label, todo, versus, other
    framework: str | None = None
    label: str | None = None  # pro, con, feature (for label headings)
    topic: str | None = None
    numbered: bool = False


def to_sections(blocks: list[Block]) -> Section:
    root = Section("", 0, 0)
    stack = [root]
    for block in blocks:
        if block.kind == "heading":
            while stack[-1].level >= block.level:
                stack.pop()
            section = Section(block.inline.text, block.level, block.line, block.inline, parent=stack[-1])
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].blocks.append(block)
    return root


# --------------------------------------------------------------------------------------------
# 5. Vocabulary: labels, headings that are not frameworks, resources
# --------------------------------------------------------------------------------------------

PRO_LABELS = {
    "pros", "advantages", "strengths", "benefits", "upsides", "plus points", "plusses", "pluses",
    "why use it", "what we like", "what i like", "vantaggi", "punti di forza", "avantages",
    "points forts", "ventajas", "puntos fuertes", "vorteile", "stärken", "vantagens",
    "pontos fortes", "voordelen", "преимущества", "плюсы", "zalety", "fördelar", "fordele",
}  # fmt: skip
CON_LABELS = {
    "cons", "disadvantages", "weaknesses", "drawbacks", "downsides", "limitations", "minuses",
    "caveats", "what we don't like", "what i don't like", "what could be better",
    "room for improvement", "watch out for", "gotchas", "svantaggi", "punti deboli",
    "inconvénients", "inconvenients", "points faibles", "desventajas", "contras",
    "puntos débiles", "nachteile", "schwächen", "desvantagens", "pontos fracos", "nadelen",
    "недостатки", "минусы", "wady", "nackdelar", "ulemper",
}  # fmt: skip
FEATURE_LABELS = {
    "features", "key features", "core features", "main features", "highlights", "capabilities",
    "feature set", "caratteristiche", "funzionalità", "fonctionnalités", "características",
    "funktionen", "funcionalidades",
}  # fmt: skip
CJK_LABELS = {
    "优点": "pro", "優點": "pro", "优势": "pro", "優勢": "pro", "長所": "pro", "メリット": "pro",
    "利点": "pro", "장점": "pro", "缺点": "con", "缺點": "con", "劣势": "con", "劣勢": "con",
    "短所": "con", "デメリット": "con", "欠点": "con", "단점": "con", "特性": "feature",
    "功能": "feature", "特點": "feature", "特点": "feature", "機能": "feature", "주요 기능": "feature",
}  # fmt: skip
LABEL_FILLER = {
    "key", "main", "major", "top", "some", "the", "of", "and", "notable", "primary", "biggest",
    "potential", "general", "overall", "its", "their", "using", "for", "di", "de", "des", "du",
    "del", "la", "le", "les", "los", "las", "i", "gli", "principali", "principales", "clés",
    "der", "die", "das", "von",
}  # fmt: skip
PRO_EMOJI = ("✅", "✔️", "✔", "👍", "➕", "🟢", "💪", "⭐", "🚀", "👌", "🎉", "☑️", "☑")
CON_EMOJI = ("❌", "✖️", "✖", "👎", "➖", "🔴", "⚠️", "⚠", "⛔", "🚫", "🐢", "😕", "❗")
SUMMARY_COLUMNS = (
    "best for", "ideal for", "use case", "use cases", "target audience", "good for",
    "when to use", "verdict", "summary", "recommended for", "best suited", "suited for",
)  # fmt: skip
COST_COLUMNS = ("price", "pricing", "cost", "access")
NO_VALUES = {"", "no", "none", "n/a", "na", "?", "✗", "×", "not built in", "no built-in"}
YES_VALUES = {"yes", "✓", "✔", "built-in", "built in", "native", "included"}

# A heading with one of these words is never a framework name.
STOP_WORDS = {
    "intro", "introduction", "overview", "conclusion", "conclusions", "summary", "verdict", "faq",
    "faqs", "vs", "versus", "comparison", "comparisons", "comparing", "compared", "choosing",
    "choose", "choice", "why", "how", "what", "when", "which", "where", "who", "pros", "cons",
    "advantages", "disadvantages", "considerations", "factors", "table", "contents", "tips",
    "thoughts", "takeaways", "takeaway", "references", "reading", "wrap", "wrapping", "started",
    "steps", "about", "author", "bonus", "honorable", "mentions", "features", "benchmarks",
    "benchmark", "alternatives", "final", "key", "top", "best", "our", "your", "my", "we", "you",
    "todo", "note", "notes", "update", "updates", "appendix", "glossary", "methodology", "index",
    "resources", "related", "links", "sources", "credits", "disclaimer", "prerequisites",
    "installation", "install", "setup", "example", "examples", "tutorial", "conclusione",
    "deploy", "deploying", "create", "creating", "run", "running", "step", "configure", "write",
    "testing", "define", "start", "starting", "add", "adding", "using",
    "introduzione", "conclusión", "introducción", "résumé", "fazit", "einleitung", "总结", "結論",
    "结论", "简介", "介紹", "概要", "まとめ", "ecosystem", "community", "performance", "scalability",
    "security", "deployment", "documentation", "strengths", "weaknesses", "recap", "tl;dr", "tldr",
    "vantaggi", "svantaggi", "ventajas", "desventajas", "avantages", "inconvénients",
}  # fmt: skip
GENERIC_WORDS = {
    "python", "web", "framework", "frameworks", "development", "app", "apps", "application",
    "applications", "library", "libraries", "tool", "tools", "api", "apis", "the", "for", "of",
    "in", "and", "a", "an", "to", "with", "on", "building", "build", "modern", "popular",
    "backend", "frontend", "full-stack", "fullstack", "stack", "micro", "async", "data", "other",
    "more", "new", "options", "option", "2023", "2024", "2025", "2026",
}  # fmt: skip
RESOURCE_HINTS = (
    "marketplace", "learning platform", "platform", "course", "courses", "publisher", "store",
    "tutorials", "membership", "package index", "bookstore", "books", "university", "academy",
    "bootcamp", "newsletter", "podcast", "magazine", "repository", "registry",
)  # fmt: skip
ALIAS_PREFIX = re.compile(
    r"^(formerly|previously|once|née|nee|aka|a\.k\.a\.|also known as|was|ex|renamed from|"
    r"già|anteriormente|anciennement|ehemals|以前|原名|旧称)\s*:?\s+",
    re.I,
)
NOT_A_FRAMEWORK = re.compile(
    r"\b(not a (web )?framework|isn't a (web )?framework|is not a (web )?framework)", re.I
)

_EMOJI_PREFIX = re.compile(r"^[\W_]*?(?=[\w\[(`\"'“])", re.UNICODE)
_NUMBERING = re.compile(
    r"^(?:#\s*)?(?:step\s+)?(?:no\.\s*)?(?:\d{1,3}|[ivxlc]{1,6})\s*[.):\]\-–—]\s*(?=\S)|^(?:#\s*)?\d{1,3}\s+(?=\D)",
    re.I,
)
_ANCHOR = re.compile(r"(?<!\s)\s*\{\s*#[^{}]*\}\s*$")
_TAGLINE_SEPARATORS = re.compile(r"\s*(?::\s|：|--+|\s[-–—|]\s|[–—]|\s\|\s)")
_PARENS = re.compile(r"(?<!\s)\s*[(（]([^()（）]*)[)）]")


def _plain_label(text: str) -> str:
    text = text.strip().strip("*_").strip()
    text = _EMOJI_PREFIX.sub("", text) if text and not text[0].isalnum() else text
    return " ".join(text.rstrip(" \t\n\r\f\v:：.!*_").lower().split())


def label_kind(text: str, names: set[str] = frozenset()) -> str | None:
    """ "pro", "con" or "feature" when the text is only a label such as "Pros:" or "Django cons"."""
    plain = _plain_label(text)
    if not plain or len(plain) > 60:
        return None
    if not plain.isascii():
        for label, kind in CJK_LABELS.items():
            if plain == label or (plain.endswith(label) and len(plain) <= len(label) + 8):
                return kind
    for kind, labels in (("pro", PRO_LABELS), ("con", CON_LABELS), ("feature", FEATURE_LABELS)):
        if plain in labels:
            return kind
    words = re.findall(r"[\w'’-]+", plain)
    if not words or len(words) > 6:
        return None
    found = set()
    rest = []
    for word in words:
        if word in PRO_LABELS or word in ("pro", "plus"):
            found.add("pro")
        elif word in CON_LABELS:
            found.add("con")
        elif word in FEATURE_LABELS:
            found.add("feature")
        elif word not in LABEL_FILLER and name_key(word) not in names:
            rest.append(word)
    if {"pros", "cons"} <= set(words):
        return None  # "Pros and cons": the sub-labels decide
    if len(found) == 1 and not rest:
        kind = found.pop()
        return kind if kind != "pro" or "pro" not in words or len(words) > 1 else None
    return None


_INLINE_LABEL = re.compile(r"^\W{0,3}([^:：]{1,24}?)\s*[:：]\s+(.+)$")
SUMMARY_LABELS = {
    "best for", "ideal for", "great for", "good for", "use cases", "use case", "when to use it",
    "when to use", "verdict", "bottom line", "our take", "in short", "who it's for", "who is it for",
}  # fmt: skip


def inline_label_kind(label: str) -> str | None:
    """Labels that only make sense with their text on the same line: "Pro: fast", "Best for: APIs"."""
    plain = _plain_label(label)
    if plain in ("pro", "plus", "+"):
        return "pro"
    if plain in ("con", "minus", "-"):
        return "con"
    if plain in SUMMARY_LABELS:
        return "summary"
    return None


def emoji_kind(text: str) -> tuple[str | None, str]:
    stripped = text.lstrip()
    for emoji in PRO_EMOJI:
        if stripped.startswith(emoji):
            return "pro", stripped[len(emoji) :].lstrip(" \ufe0f:-–")
    for emoji in CON_EMOJI:
        if stripped.startswith(emoji):
            return "con", stripped[len(emoji) :].lstrip(" \ufe0f:-–")
    return None, text


@dataclass
class HeadingName:
    plain: str
    name: str
    numbered: bool
    aliases: list[str]
    descriptors: list[str]
    href: str


def heading_name(inline: Inline) -> HeadingName:
    plain = _ANCHOR.sub("", inline.text).strip()
    href = next((h for _, h in inline.links() if h.startswith(("http://", "https://"))), "")
    text = plain
    if text and not text[0].isalnum():
        text = _EMOJI_PREFIX.sub("", text)
    numbered = False
    match = _NUMBERING.match(text)
    if match:
        numbered = True
        text = text[match.end() :]
    text = text.strip().strip("*_").strip()
    aliases, descriptors = [], []

    def take_parens(value: str) -> str:
        def replace(m: re.Match) -> str:
            inner = m.group(1).strip()
            alias = ALIAS_PREFIX.match(inner)
            if alias:
                aliases.append(inner[alias.end() :].strip(" .\"'“”"))
            elif inner:
                descriptors.append(inner)
            return " "

        return " ".join(_PARENS.sub(replace, value).split())

    separator = _TAGLINE_SEPARATORS.search(text)
    name = text[: separator.start()] if separator else text
    name = take_parens(name)
    if separator:
        take_parens(text[separator.end() :])  # aliases in the tagline count too
    name = re.sub(r"\s+(web\s+)?(framework|library|toolkit|microframework)$", "", name, flags=re.I)
    name = re.sub(r"\s+v?\d+(\.\d+)*$", "", name).strip(" .,;:!*_\"'“”")
    return HeadingName(plain, name, numbered, aliases, descriptors, href)


def looks_like_name(name: str, topic_names: set[str]) -> bool:
    if not name or len(name) > 40 or re.search(r"[?!,;]", name):
        return False
    if not any(ch.isalnum() for ch in name):
        return False  # "🚀🔥", "‽¿¡": decoration, not a name
    words = name.split()
    if not 1 <= len(words) <= 4:
        return False
    lowered = [w.lower().strip(".'’\"") for w in words]
    if any(w in STOP_WORDS for w in lowered):
        return False
    if all(w in GENERIC_WORDS for w in lowered):
        return False
    if name_key(name) in topic_names or name_key(name).isdigit():
        return False
    # Several words make a name only when they are capitalised ("Real Python", "Full Stack Python").
    if len(words) > 1 and any(
        w[0].islower() for w, low in zip(words, lowered, strict=True) if low not in GENERIC_WORDS
    ):
        return False
    return label_kind(name) is None


# --------------------------------------------------------------------------------------------
# 6. Topics and titles
# --------------------------------------------------------------------------------------------


class TopicClassifier:
    def __init__(self, topics: list[TopicRule]):
        self.rules = []
        for topic in topics:
            words = sorted({k for k in topic.keywords if k}, key=len, reverse=True)
            if words:
                pattern = r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])"
                self.rules.append((topic, re.compile(pattern, re.I)))
        self.by_name = {name_key(t.name): t.slug for t in topics}
        self.by_name.update({name_key(t.slug): t.slug for t in topics})

    def topic_for_heading(self, heading: str) -> str | None:
        return self.by_name.get(name_key(heading))

    def classify(self, title: str, text: str) -> str | None:
        best, best_score = None, 0
        for topic, pattern in self.rules:
            # Longer keywords are more specific ("openapi" over "docs"); the title counts most.
            score = 3 * sum(len(m) for m in pattern.findall(title)) + sum(
                len(m) for m in pattern.findall(text)
            )
            if score > best_score:
                best, best_score = topic.slug, score
        return best


_TITLE_FILLER = {
    "the",
    "a",
    "an",
    "as",
    "many",
    "some",
    "its",
    "it",
    "this",
    "is",
    "for",
    "of",
    "and",
    "to",
    "very",
    "more",
}


def short_title(text: str, limit: int = 60) -> str:
    """A title for a claim written without one: its first clause with some substance, kept short."""
    text = text.strip()[: limit * 4]  # the title is short: never scan a whole long bullet
    clause = text
    for match in re.finditer(r"[,.;:—–(]|\s-\s", text):
        candidate = text[: match.start()].strip()
        if sum(1 for w in candidate.lower().split() if w not in _TITLE_FILLER) >= 2:
            clause = candidate
            break
    if len(clause) > limit:
        clause = clause[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return clause.rstrip(" .,;:") or text[:limit]


def short_items(text: str) -> list[str]:
    """ "lightweight, flexible, huge ecosystem." is three claims; a sentence with commas is one."""
    items = [item.strip(" .;") for item in re.split(r"[,;]\s*|\s+and\s+", text.rstrip("."))]
    items = [item for item in items if item]
    if len(items) >= 2 and all(len(item.split()) <= 4 for item in items):
        return items
    return [text]


def split_title(inline: Inline) -> tuple[str, str]:
    """`**Title**: text`, `**Title** – text`, `**Title.** text`, bold-only, or plain text."""
    runs = [run for run in inline.runs if run.text.strip() or run.bold]
    full = inline.text
    if runs and runs[0].bold:
        title_parts = []
        for run in runs:
            if not run.bold:
                break
            title_parts.append(run.text)
        title = _squash("".join(title_parts))
        rest = full[len(title) :] if full.startswith(title) else full
        title = title.rstrip(" :：.-–—")
        rest = re.sub(r"^[\s:：.\-–—]+", "", rest).strip()
        if title and rest:
            return title[:MAX_CLAIM_TITLE], rest
        if title:
            return title[:MAX_CLAIM_TITLE], title
    match = re.match(r"^([^:：.]{2,60})[:：]\s+(.+)$", full)  # "Title: text" without bold
    if match and len(match.group(1).split()) <= 6:
        return match.group(1).strip(), match.group(2).strip()
    match = re.match(r"^(.{2,60}?)\s+[–—]\s+(.+)$", full)  # "Title – text"
    if match and len(match.group(1).split()) <= 6:
        return match.group(1).strip(), match.group(2).strip()
    return short_title(full)[:MAX_CLAIM_TITLE], full


# --------------------------------------------------------------------------------------------
# 7. Reading the sections
# --------------------------------------------------------------------------------------------

_URL = re.compile(r"https?://[^\s<>()\[\]]*(?<![.,;:!?'\"])")  # always matches once it starts
_WEBSITE_LINE = re.compile(
    r"^\W*(learn more|website|official (web)?site|home ?page|site|more info|docs|url)\W*[:：]", re.I
)


class ArticleReader:
    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.names = dict(catalogue.names)  # grows with the frameworks this article introduces
        self.topics = TopicClassifier(catalogue.topics)
        self.topic_keys = {name_key(t.name) for t in catalogue.topics} | {
            name_key(t.slug) for t in catalogue.topics
        }
        self.frameworks: dict[str, ParsedFramework] = {}
        self.claims: list[ParsedClaim] = []
        self.dropped = 0  # claims beyond MAX_CLAIMS
        self.warnings: list[str] = []

    # -- frameworks ---------------------------------------------------------------------------

    def known(self, name: str) -> str | None:
        return self.names.get(name_key(name)) if name else None

    def add_framework(self, name: str, section: Section | None, heading: HeadingName | None) -> str:
        canonical = self.known(name)
        if canonical is None:
            canonical = name[:MAX_NAME_LENGTH]
            self.names[name_key(canonical)] = canonical
        entry = self.frameworks.get(canonical)
        if entry is None:
            entry = ParsedFramework(
                name=canonical,
                known=name_key(canonical) in self.catalogue.names,
                heading=section.heading if section else "",
                line=section.line if section else None,
            )
            self.frameworks[canonical] = entry
        if heading:
            for alias in heading.aliases:
                if alias and name_key(alias) not in self.names:
                    entry.aliases.append(alias[:MAX_NAME_LENGTH])
                    self.names[name_key(alias)] = canonical
            descriptors = " ".join(heading.descriptors).lower()
            if any(hint in descriptors for hint in RESOURCE_HINTS):
                entry.resource = True
            if heading.href and not entry.website:
                entry.website = heading.href
        return canonical

    def names_in(self, text: str) -> list[str]:
        """Known framework names mentioned in a short text, by whole words."""
        words = re.findall(r"[\w.+'’-]+", text)
        found = []
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                canonical = self.known(" ".join(words[start : start + size]))
                if canonical and canonical not in found:
                    found.append(canonical)
        return found

    def classify(self, section: Section, inside: str | None) -> None:
        """Decide what each heading is; `inside` is the framework of the enclosing section."""
        for child in section.children:
            self.classify_one(child, inside)
            self.classify(child, child.framework)

    def classify_one(self, section: Section, inside: str | None) -> None:
        inline = section.inline or Inline([])
        heading = heading_name(inline)
        section.numbered = heading.numbered
        plain_lower = heading.plain.lower()
        if re.match(r"^\W*todo\b", plain_lower):
            section.role = "todo"
            return
        if re.search(r"\b(vs\.?|versus)\b|\bor\b.*\?$", plain_lower):
            section.role = "versus"
            return
        label = label_kind(heading.plain, self.names.keys())
        if label:
            section.role, section.label, section.framework = "label", label, inside
            return
        if inside and self.is_summary_heading(heading.plain):
            # "When to use Django", "Best for": what follows sums the framework up.
            section.role, section.label, section.framework = "label", "summary", inside
            return
        section.topic = self.topics.topic_for_heading(heading.name) or self.topics.topic_for_heading(
            heading.plain
        )
        canonical = self.known(heading.name) or self.known(heading.plain)
        if canonical is None:
            for alias in heading.aliases:
                if self.known(alias):
                    canonical = self.known(alias)
        if canonical:
            if inside and canonical == inside and not heading.numbered:
                section.framework = inside  # a repeated name inside its own section
                return
            section.role, section.framework = (
                "framework",
                self.add_framework(canonical, section, heading),
            )
            return
        if inside:
            section.framework = inside  # taglines, "Key features", "Getting started"...
            return
        mentioned = self.names_in(heading.plain)
        if len(mentioned) == 1 and self.has_claim_structure(section):
            section.role, section.framework = (
                "framework",
                self.add_framework(mentioned[0], section, heading),
            )
            return
        if looks_like_name(heading.name, self.topic_keys) and (
            self.has_claim_structure(section)
            or self.has_website_line(section)
            or (heading.numbered and self.numbered_framework_siblings(section) >= 2)
        ):
            section.role, section.framework = (
                "framework",
                self.add_framework(heading.name, section, heading),
            )

    def is_summary_heading(self, text: str) -> bool:
        words = [w for w in re.findall(r"[\w'’]+", text.lower()) if name_key(w) not in self.names]
        return " ".join(words) in SUMMARY_LABELS

    def promote_bold_headings(self, blocks: list[Block]) -> list[Block]:
        """A paragraph that is only a bold framework name ("**2. Flask**") is that framework's
        heading in articles written without heading markup. It sits below every real heading."""
        promoted = []
        for block in blocks:
            runs = [run for run in block.inline.runs if run.text.strip()] if block.kind == "paragraph" else []
            if runs and all(run.bold for run in runs) and len(block.inline.text.split()) <= 8:
                name = heading_name(block.inline).name
                if self.known(name) and not label_kind(block.inline.text):
                    block = Block("heading", block.line, block.inline, level=7)
            promoted.append(block)
        return promoted

    def numbered_framework_siblings(self, section: Section) -> int:
        count = 0
        for sibling in section.parent.children if section.parent else []:
            if sibling is section or sibling.level != section.level:
                continue
            name = heading_name(sibling.inline or Inline([]))
            if name.numbered and (self.known(name.name) or sibling.role == "framework"):
                count += 1
        return count

    def has_website_line(self, section: Section) -> bool:
        for block in self.own_blocks(section):
            texts = [block.inline.text] if block.inline else [i.inline.text for i in block.items]
            if any(_WEBSITE_LINE.match(t) and _URL.search(t) for t in texts):
                return True
        return False

    def own_blocks(self, section: Section):
        """The section's blocks and those of sub-sections that belong to it (labels, taglines),
        not of sub-sections that may be about a framework of their own."""
        yield from section.blocks
        for child in section.children:
            name = heading_name(child.inline or Inline([])).name
            if label_kind(child.heading) or not (self.known(name) or looks_like_name(name, self.topic_keys)):
                yield from self.own_blocks(child)

    def has_claim_structure(self, section: Section) -> bool:
        for child in section.children:
            if label_kind(child.heading, self.names.keys()) in ("pro", "con"):
                return True
        previous = None
        for block in self.own_blocks(section):
            if block.kind == "paragraph":
                runs = [run for run in block.inline.runs if run.text.strip()]
                if label_kind(block.inline.text) in ("pro", "con") or (
                    runs and runs[0].bold and label_kind(runs[0].text) in ("pro", "con")
                ):
                    return True
                if emoji_kind(block.inline.text)[0]:
                    return True
            if block.kind == "list":
                if (
                    previous is not None
                    and previous.kind == "paragraph"
                    and previous.inline.text.rstrip("*_ ").endswith((":", "："))
                ):
                    return True
                for item in block.items:
                    if label_kind(item.inline.text) in ("pro", "con") or emoji_kind(item.inline.text)[0]:
                        return True
            previous = block
        return False

    # -- claims -------------------------------------------------------------------------------

    def add_claim(
        self,
        framework: str,
        kind: str,
        title: str,
        text: str,
        section: Section,
        line: int,
        topic_hint: str | None = None,
    ) -> None:
        text = text.strip()
        title = title.strip() or short_title(text)
        if not text or len(text) < 2:
            return
        if len(self.claims) >= MAX_CLAIMS:
            self.dropped += 1
            return
        if len(text) > MAX_CLAIM_TEXT:
            text = text[:MAX_CLAIM_TEXT].rsplit(" ", 1)[0] + "…"
        topic = topic_hint or self.topics.classify(title, text)
        self.claims.append(
            ParsedClaim(framework, kind, title[:MAX_CLAIM_TITLE], text, topic, section.heading[:300], line)
        )

    def read(self, section: Section, framework: str | None, mode: str | None, topic: str | None) -> None:
        if section.role == "todo":
            # A note to the author: its own text is not content, but an h1 TODO can still
            # enclose the next sections.
            for child in section.children:
                self.read(child, None, None, topic)
            return
        if section.role == "versus":
            framework, mode = None, None
        elif section.role == "framework":
            framework, mode = section.framework, None
        elif section.role == "label":
            mode = section.label
        topic = section.topic or topic
        self.read_blocks(section, framework, mode, topic)
        for child in section.children:
            self.read(child, framework, mode, topic)

    def read_blocks(
        self, section: Section, framework: str | None, heading_mode: str | None, topic: str | None
    ) -> None:
        pending: str | None = None
        first_paragraph = True
        for block in section.blocks:
            if block.kind == "paragraph":
                text = block.inline.text
                if framework:
                    self.note_website(framework, block.inline, first_paragraph)
                    self.note_alias(framework, text)
                    if first_paragraph and NOT_A_FRAMEWORK.search(text):
                        self.frameworks[framework].resource = self.frameworks[framework].resource or any(
                            hint in text.lower() for hint in (*RESOURCE_HINTS, "resource")
                        )
                first_paragraph = False
                label = label_kind(text, self.names.keys())
                if (
                    framework
                    and label is None
                    and self.read_paragraph_claims(block, section, framework, topic)
                ):
                    pending = None
                elif label:
                    pending = label
                elif framework and text.rstrip("*_ ").endswith((":", "：")) and not _WEBSITE_LINE.match(text):
                    pending = "feature"
                else:
                    pending = None
            elif block.kind == "list":
                self.read_list(block, section, framework, pending or heading_mode, topic)
                pending = None
            elif block.kind == "table":
                self.read_table(block, section, framework, topic)
                pending = None

    def add_label_claims(
        self, framework: str, kind: str, label: str, rest: str, section: Section, line: int, topic: str | None
    ) -> None:
        """A label with its claims on the same line: a summary is one claim titled by its label;
        "fast, simple, small" is a claim per item."""
        if kind == "summary":
            self.add_claim(framework, kind, label.strip(" :："), rest, section, line, topic)
            return
        for item in short_items(rest):
            self.add_claim(framework, kind, short_title(item), item, section, line, topic)

    def read_paragraph_claims(
        self, block: Block, section: Section, framework: str, topic: str | None
    ) -> bool:
        """Claims written as paragraphs: `**Pros:** small, fast.` or lines that open with ✅ / ❌."""
        runs = [run for run in block.inline.runs if run.text.strip()]
        if runs and runs[0].bold:
            label = runs[0].text.strip(" :：")
            rest = _squash("".join(run.text for run in runs[1:])).lstrip(":： ")
            kind = label_kind(label) or inline_label_kind(label)
            if kind and rest:  # "**Pros:** small, fast." or "**Best for:** small teams"
                self.add_label_claims(framework, kind, label, rest, section, block.line, topic)
                return True
        lines = [line.strip() for line in "".join(r.text for r in block.inline.runs).split("\n")]
        marked = [(offset, *emoji_kind(line)) for offset, line in enumerate(lines) if line]
        if not marked or not all(kind for _, kind, _ in marked):
            return False
        for offset, kind, text in marked:
            title, body = split_title(Inline([Run(text)]))
            self.add_claim(framework, kind, title, body, section, block.line + offset, topic)
        return True

    def note_website(self, framework: str, inline: Inline, first_paragraph: bool) -> None:
        entry = self.frameworks.get(framework)
        if entry is None or entry.website:
            return
        text = inline.text
        if _WEBSITE_LINE.match(text):
            url = next((h for _, h in inline.links() if h.startswith("http")), None)
            match = _URL.search(text)
            entry.website = url or (match.group(0) if match else "")
        elif first_paragraph:
            for label, href in inline.links():
                if href.startswith("http") and name_key(label) == name_key(framework):
                    entry.website = href
                    return

    def note_alias(self, framework: str, text: str) -> None:
        for name in [framework, *self.frameworks[framework].aliases]:
            pattern = (
                re.escape(name)
                + r"\s*[(（]\s*(?:formerly|previously|once known as|aka|also known as)\s+([^)）]{2,60})[)）]"
            )
            for match in re.finditer(pattern, text, re.I):
                alias = match.group(1).strip(" .\"'“”")
                if alias and name_key(alias) not in self.names:
                    self.frameworks[framework].aliases.append(alias)
                    self.names[name_key(alias)] = framework

    def read_list(
        self,
        block: Block,
        section: Section,
        framework: str | None,
        mode: str | None,
        topic: str | None,
    ) -> None:
        if framework is None:
            if mode:
                self.warnings.append(
                    f"line {block.line}: section {section.heading or '(top)'!r} has {mode}s "
                    "but no framework matched"
                )
            else:
                self.read_summaries(block, section)
            return
        for item in block.items:
            text = item.inline.text
            if not text:
                continue
            label = label_kind(text, self.names.keys())
            if label is None:
                head = next((r.text for r in item.inline.runs if r.text.strip()), "")
                head_label = (
                    label_kind(head)
                    if (item.inline.runs and item.inline.runs[0].bold) or head.rstrip().endswith(":")
                    else None
                )
                if head_label and head.strip() != text.strip():
                    # "**Pros:** fast, simple": a label with its claims on the same line.
                    mode = head_label
                    rest = text[len(_squash(head)) :].strip(" :")
                    self.add_label_claims(framework, mode, head, rest, section, item.line, topic)
                    continue
                inline = _INLINE_LABEL.match(text)
                kind = inline and inline_label_kind(inline.group(1))
                if kind:
                    # "- Pro: fast" / "- Best for: internal tools": a label for this item only.
                    label, rest = inline.group(1).strip(), inline.group(2).strip()
                    title = label if kind == "summary" else short_title(rest)
                    self.add_claim(framework, kind, title, rest, section, item.line, topic)
                    continue
            if label:
                mode = label
                for child in item.children:
                    if child.kind == "list":
                        self.read_list(child, section, framework, label, topic)
                continue
            kind, stripped = emoji_kind(text)
            if _WEBSITE_LINE.match(text) or _URL.fullmatch(text.strip()):
                self.note_website(framework, item.inline, False)
                continue
            kind = kind or mode
            if not kind:
                continue
            if stripped != text:
                title, body = split_title(Inline([Run(stripped)]))
            else:
                title, body = split_title(item.inline)
            nested = [
                i.inline.text
                for child in item.children
                if child.kind == "list"
                for i in child.items
                if i.inline.text
            ]
            if nested and all(label_kind(n) is None for n in nested):
                body = (
                    body.rstrip(".:")
                    + (": " if body.rstrip().endswith(":") or body == title else ". ")
                    + "; ".join(nested)
                )
            self.add_claim(framework, kind, title, body, section, item.line, topic)

    def read_summaries(self, block: Block, section: Section) -> None:
        """Conclusion bullets that open with bold framework names: a summary for each."""
        for item in block.items:
            names = []
            runs = [r for r in item.inline.runs if r.text.strip()]
            consumed = 0
            for run in runs:
                if run.bold and self.known(run.text.strip(" :")):
                    names.append(self.known(run.text.strip(" :")))
                    consumed += 1
                elif not run.bold and re.fullmatch(r"\s*(,|and|&|or|/|,\s*and)\s*", run.text):
                    consumed += 1
                else:
                    break
            if not names:
                continue
            rest = _squash("".join(r.text for r in runs[consumed:]))
            if len(rest.split()) < 3:
                continue
            text = item.inline.text
            title = section.heading.strip(" :") or "Summary"
            for name in dict.fromkeys(names):
                canonical = self.add_framework(name, None, None)
                self.add_claim(canonical, "summary", title, text, section, item.line)

    def read_table(self, block: Block, section: Section, framework: str | None, topic: str | None) -> None:
        if len(block.rows) < 2:
            return
        header = [cell.text for cell in block.rows[0][1]]
        body = block.rows[1:]
        # Inside one framework's section: | Pros | Cons |, a column of claims per kind.
        column_kinds = [self.column_kind(h) for h in header]
        if framework and all(column_kinds):
            for line, cells in body:
                for kind, heading, cell in zip(column_kinds, header, cells, strict=False):
                    self.table_cell(framework, kind, heading, cell, section, line, topic)
            return
        # Frameworks as columns: | Feature | Django | Flask |
        column_names = [self.known(_PARENS.sub("", h).strip()) for h in header[1:]]
        if sum(1 for n in column_names if n) >= 2:
            for line, cells in body:
                if not cells:
                    continue
                row_label = cells[0].text
                kind = label_kind(row_label) or self.column_kind(row_label)
                for index, cell in enumerate(cells[1:]):
                    name = column_names[index] if index < len(column_names) else None
                    if name:
                        framework = self.add_framework(name, None, None)
                        self.table_cell(
                            framework,
                            kind or "feature",
                            row_label,
                            cell,
                            section,
                            line,
                            topic,
                            attribute=not kind,
                        )
            return
        # A row per framework: | Framework | Pros | Cons | Best for |
        kinds = [self.column_kind(h) for h in header]
        if not any(kinds[1:]):
            return
        first = name_key(header[0]) if header else ""
        rows_named = [self.row_framework(cells[0].text) for _, cells in body if cells]
        if not (
            first
            in {
                "framework",
                "frameworks",
                "tool",
                "name",
                "library",
                "option",
                "platform",
                "resource",
                "technology",
                "project",
                "",
            }
            or sum(1 for r in rows_named if r and self.known(r)) * 2 >= len(rows_named)
        ):
            return
        for (line, cells), name in zip(body, rows_named, strict=False):
            if not name or not cells:
                continue
            canonical = (
                self.add_framework(name, None, None)
                if (self.known(name) or looks_like_name(name, self.topic_keys))
                else None
            )
            if canonical is None:
                continue
            descriptors = [m.group(1) for m in _PARENS.finditer(cells[0].text)]
            if any(h in " ".join(descriptors).lower() for h in RESOURCE_HINTS):
                self.frameworks[canonical].resource = True
            for index, cell in enumerate(cells[1:], start=1):
                if index < len(kinds) and kinds[index]:
                    self.table_cell(canonical, kinds[index], header[index], cell, section, line, topic)

    def row_framework(self, text: str) -> str | None:
        heading = heading_name(Inline([Run(text)]))
        return self.known(heading.name) or self.known(text) or heading.name or None

    def column_kind(self, header: str) -> str | None:
        plain = " ".join(header.lower().replace("/", " / ").split())
        label = label_kind(plain)
        if label:
            return label
        words = set(re.findall(r"[\w']+", plain))
        if words & {"pros", "advantages", "advantage", "strengths", "benefits"}:
            return "pro"
        if words & {"cons", "disadvantages", "weaknesses", "drawbacks", "limitations"}:
            return "con"
        if any(phrase in plain for phrase in SUMMARY_COLUMNS):
            return "summary"
        if words & set(COST_COLUMNS):
            return "cost"
        if words & {"features", "feature", "highlights", "capabilities"}:
            return "feature"
        return None

    def table_cell(
        self,
        framework: str,
        kind: str,
        header: str,
        cell: Inline,
        section: Section,
        line: int,
        topic: str | None,
        attribute: bool = False,
    ) -> None:
        """One cell: a claim per line. `attribute` when the header names a property ("Admin",
        "Performance") rather than a kind of claim ("Pros", "Best for")."""
        parts = cell.split_breaks() if cell.breaks else [cell.text]
        header = header.strip() or "Feature"
        for part in parts:
            value = part.strip()
            emoji, rest = emoji_kind(value)
            if value.strip(" -–—").lower() in NO_VALUES or (emoji == "con" and not rest and "⚠" not in value):
                continue  # "no" is not a claim; the capability facts say what is missing
            if value.lower() in YES_VALUES or (emoji == "pro" and not rest):
                value = f"{header}: yes"
            elif emoji:
                value = f"{header}: {rest or 'partly'}"
            elif attribute and len(value.split()) <= 4 and len(parts) == 1:
                value = f"{header}: {value}"  # "Performance: Good" says more than "Good"
            claim_kind, claim_topic = kind, topic
            if kind == "cost":
                claim_kind, claim_topic = "feature", self.cost_topic()
            if attribute:
                title = header if len(parts) == 1 else short_title(part)
            else:
                # A "Pros" or "Key advantages" column: the cell speaks for itself.
                value = part.strip()
                title = short_title(value) if kind in ("pro", "con", "feature") else header
            claim_topic = claim_topic or self.topics.topic_for_heading(header)
            self.add_claim(framework, claim_kind, title, value, section, line, claim_topic)

    def cost_topic(self) -> str | None:
        return self.topics.by_name.get("cost")

    # -- results ------------------------------------------------------------------------------

    def finish(self) -> None:
        if self.dropped:
            self.warnings.append(
                f"the article has {MAX_CLAIMS + self.dropped:,} claims; kept the first {MAX_CLAIMS:,}"
            )
        used = {claim.framework for claim in self.claims}
        for name, entry in self.frameworks.items():
            if name not in used:
                self.warnings.append(
                    f"line {entry.line or '?'}: framework {name!r} found but no pros, cons or features read"
                )
        counts: dict[str, int] = {}
        for claim in self.claims:
            base = f"{name_key(claim.framework)}|{claim.kind}|{name_key(claim.title)[:120]}"
            counts[base] = counts.get(base, 0) + 1
            if counts[base] > 1:
                base = f"{base}|{counts[base]}"
            claim.key = hashlib.sha256(base.encode("utf-8")).hexdigest()[:40]


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


# --------------------------------------------------------------------------------------------
# The body readers see
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


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
