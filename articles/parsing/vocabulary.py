"""Labels, headings that are never frameworks, emoji marks, and reading names out of headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.parsing.blocks import Inline
from articles.parsing.text import name_key

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
