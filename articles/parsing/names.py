"""Framework names: read out of decorated headings, and looked up in what the importer knows.

A heading carries a name among decoration: numbering ("2) FastAPI", "Alternative 1: Django"),
emoji and shortcodes, taglines ("Reflex -- Pure Python"), parentheses ("Flask (Python)",
"Reflex (formerly Pynecone)", "diango（ジャンゴ）"), versions and combinations ("Django + DRF").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.parsing.blocks import Inline
from articles.parsing.model import Catalogue
from articles.parsing.text import MAX_NAME_LENGTH, name_key
from articles.parsing.vocabulary import FILLER, SECTION_TITLES, is_section_title, label_of

ALIAS_PREFIX = re.compile(
    r"^(formerly|previously|once|née|nee|aka|a\.k\.a\.|also known as|was|ex|renamed from|"
    r"già|anteriormente|anciennement|ehemals|以前|原名|旧称)\s*:?\s+",
    re.I,
)
RESOURCE_HINTS = (
    "marketplace", "learning platform", "platform", "course", "courses", "publisher", "store",
    "tutorials", "membership", "package index", "bookstore", "books", "university", "academy",
    "bootcamp", "newsletter", "podcast", "magazine", "repository", "registry",
)  # fmt: skip
# Words that make a heading a sentence or a section, not a name ("How to deploy", "Getting started").
STOP_WORDS = {
    "vs", "versus", "comparison", "comparing", "compared", "choosing", "choose", "choice", "why",
    "how", "what", "when", "which", "where", "who", "considerations", "factors", "table", "tips",
    "thoughts", "reading", "wrap", "wrapping", "started", "steps", "bonus", "honorable",
    "mentions", "benchmarks", "benchmark", "final", "best", "your", "my", "we", "you", "todo",
    "update", "updates", "index", "tutorial", "deploy", "deploying", "create", "creating", "run",
    "running", "step", "configure", "write", "define", "start", "starting", "add", "adding",
    "from", "to", "import", "install", "lesson", "chapter", "part", "module", "seminar", "week",
    "day", "question", "questions", "answer", "answers", "vs.", "or", "alternative", "option",
}  # fmt: skip
GENERIC_WORDS = {
    "python", "web", "framework", "frameworks", "development", "app", "apps", "application",
    "applications", "library", "libraries", "tool", "tools", "api", "apis", "the", "for", "of",
    "in", "and", "a", "an", "with", "on", "building", "build", "modern", "popular", "backend",
    "frontend", "full-stack", "fullstack", "stack", "micro", "async", "data", "other", "more",
    "new", "options", "2023", "2024", "2025", "2026", "server", "servers", "orm", "cli",
}  # fmt: skip

EMOJI = "[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
_SHORTCODE = re.compile(r":[a-z0-9_+-]{2,40}:")
_TAG = re.compile(r"^\[[^\[\]]{1,30}\]\s+(?=\S)")  # "[2024.07] July", "[Update] ..."
_DECORATION = re.compile(r"^[\W_]*?(?=[\w\[(`\"'“])", re.UNICODE)
_NUMBERING = re.compile(
    r"^(?:#\s*)?(?:[A-Za-zÀ-ÿ]{3,14}\s+)?(?:no\.\s*)?(?:\d{1,3}(?:\.\d{1,3}){0,3}|[ivxlc]{1,6})(?!\.?\d)\s*[.):\]\-–—]\s*(?=\S)"
    r"|^(?:#\s*)?\d{1,3}(?:\.\d{1,3}){0,3}\s+(?=\D)"
    r"|^[A-Za-zÀ-ÿ]{3,14}\s+[a-h]\s*[.):\-–—]\s*(?=\S)",  # "Option A: PySide6"
    re.I,
)
_KEYCAP = re.compile(r"^(?:[0-9#*]\ufe0f?\u20e3|\U0001f51f)+\s*")
_ANCHOR = re.compile(r"(?<!\s)\s*\{\s*#[^{}]*\}\s*$")
# A tagline after the name: "Reflex -- Pure Python", "FastAPI: modern APIs", "FastAPI ⭐ Recommended".
_TAGLINE = re.compile(r"\s*(?::\s|：|--+|\s[-–—|]\s|[–—]|\s\|\s)|\s(?=" + EMOJI + ")")
PARENS = re.compile(r"(?<!\s)\s*[(（]([^()（）]*)[)）]")
_COMBINED = re.compile(r"\s+(?:\+|&|with|avec|con|mit|и|和|与|と)\s+", re.I)
_KIND_SUFFIX = re.compile(r"\s+(web\s+)?(framework|library|toolkit|microframework)$", re.I)
_VERSION = re.compile(r"\s+v?\d+(\.\d+)*$")
SCRIPT_CHANGE = re.compile(
    r"(?<=[A-Za-z0-9])(?=[^\x00-\x7f\u00c0-\u024f])|(?<=[^\x00-\x7f\u00c0-\u024f])(?=[A-Za-z])"
)


@dataclass
class HeadingName:
    plain: str  # the heading's text, anchor removed
    name: str  # the name it carries, decoration removed
    numbered: bool
    aliases: list[str] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)  # "(Python)", "(course marketplace)"
    parts: list[str] = field(default_factory=list)  # "Django + DRF": ["Django", "DRF"]
    href: str = ""


def _undecorated(text: str) -> tuple[str, bool]:
    text = _TAG.sub("", _SHORTCODE.sub(" ", text).strip())
    keycap = _KEYCAP.match(text)  # "1️⃣ Fast development": an emoji number
    if keycap:
        text = text[keycap.end() :]
    if text and not text[0].isalnum():
        text = _DECORATION.sub("", text)
    match = _NUMBERING.match(text)
    if match:
        text = text[match.end() :]
    return text.strip().strip("*_").strip(), bool(match or keycap)


def heading_name(inline: Inline) -> HeadingName:
    plain = _ANCHOR.sub("", inline.text[:300]).strip()
    href = next((h for _, h in inline.links() if h.startswith(("http://", "https://"))), "")
    text, numbered = _undecorated(plain)
    result = HeadingName(plain, "", numbered, href=href)

    def take_parens(match: re.Match) -> str:
        inner = match.group(1).strip()
        alias = ALIAS_PREFIX.match(inner)
        if alias:
            result.aliases.append(inner[alias.end() :].strip(" .\"'“”"))
        elif inner:
            result.descriptors.append(inner)
        return " "

    # Parentheses first: "Betaweb (Website: https://...)" is not a tagline after "Betaweb (".
    text = " ".join(PARENS.sub(take_parens, text).split())
    separator = _TAGLINE.search(text)
    name = text[: separator.start()] if separator else text
    parts = [_clean_name(part) for part in _COMBINED.split(name)]
    result.parts = [part for part in parts if part]
    result.name = result.parts[0] if result.parts else ""
    return result


def _clean_name(name: str) -> str:
    name = _KIND_SUFFIX.sub("", name)
    return _VERSION.sub("", name).strip(" .,;:!*_\"'“”")


def looks_like_name(name: str, topic_keys: set[str]) -> bool:
    """Whether a heading's name could be a framework nobody has told us about."""
    if not name or len(name) > 40 or re.search(r"[?!,;]", name) or not any(ch.isalnum() for ch in name):
        return False  # a sentence, or decoration ("🚀🔥", "‽¿¡")
    words = name.split()
    if not 1 <= len(words) <= 4 or not _name_words(words):
        return False
    key = name_key(name)
    return not (key in topic_keys or key.isdigit() or is_section_title(name) or label_of(name))


def _name_words(words: list[str]) -> bool:
    lowered = [w.lower().strip(".'’\"") for w in words]
    if any(w in STOP_WORDS for w in lowered) or all(w in GENERIC_WORDS | FILLER for w in lowered):
        return False
    if len(words) > 1 and any(w in SECTION_TITLES for w in lowered):
        return False  # "Architecture Example", "Security Notes": a section about something
    # Several words make a name only when they are capitalised ("Real Python", "Ruby on Rails").
    return len(words) == 1 or not any(w[0].islower() and w.lower() not in FILLER for w in words)


class NameTable:
    """The names this article may use: the catalogue's, and those it introduces as it goes."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.keys = dict(catalogue.names)  # name key -> canonical name

    def known(self, name: str) -> str | None:
        key = name_key(name) if name else ""
        return self.keys.get(key) if key else None

    def is_library(self, name: str | None) -> bool:
        """A library or server, not a web framework (Pydantic, Uvicorn): in the catalogue as such."""
        return bool(name) and name_key(name) in self.catalogue.libraries

    def in_catalogue(self, name: str) -> bool:
        return name_key(name) in self.catalogue.names

    def add(self, name: str) -> str:
        canonical = self.known(name) or name[:MAX_NAME_LENGTH]
        self.keys.setdefault(name_key(canonical), canonical)
        return canonical

    def add_alias(self, alias: str, canonical: str) -> bool:
        key = name_key(alias)
        if not key or key in self.keys:
            return False
        self.keys[key] = canonical
        return True

    def in_heading(self, heading: HeadingName) -> str | None:
        """The known framework a heading is about: its name, else one of the names combined
        in it ("Node.js + Express"), else an alias it gives."""
        for candidate in [heading.name, heading.plain, *heading.parts, *heading.aliases]:
            found = self.known(candidate)
            if found:
                return found
        return None

    def mentioned(self, text: str) -> list[str]:
        """Known names in a short text, by whole words, in the order they come."""
        # "FastAPI用到", "Django가": a name written against another script is still a word.
        text = SCRIPT_CHANGE.sub(" ", text[:400])
        words = re.findall(r"[\w.+'’-]+", text)
        found: list[tuple[int, str]] = []
        taken: set[int] = set()
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                span = set(range(start, start + size))
                if span & taken:
                    continue
                phrase = " ".join(words[start : start + size]).strip(".'’")
                canonical = self.known(phrase) or self.known(re.sub(r"['’]\w+$", "", phrase))
                if canonical:
                    found.append((start, canonical))
                    taken |= span
        return list(dict.fromkeys(name for _, name in sorted(found)))


def is_resource(descriptors: list[str], text: str = "") -> bool:
    described = (" ".join(descriptors) + " " + text).lower()
    return any(hint in described for hint in RESOURCE_HINTS)
