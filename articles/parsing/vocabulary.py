"""The words that mark claims and the headings that are never frameworks (vocabulary.toml).

`label_of` answers "is this text only a label?" ("Pros:", "Las ventajas de Django", "[장점]"),
`label_in` "does this sentence announce a list of one kind?" ("Flask, because of these
pros:"), and `is_section_title` "is this heading a section of the article rather than a name?".
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from pathlib import Path

from articles.parsing.model import Kind
from articles.parsing.text import name_key

_DATA = tomllib.loads((Path(__file__).parent / "vocabulary.toml").read_text(encoding="utf-8"))


def _phrases(section: str) -> set[str]:
    return {" ".join(p.lower().split()) for words in _DATA[section].values() for p in words}


LABELS: dict[str, Kind] = {}
for _kind in (Kind.SUMMARY, Kind.FEATURE, Kind.CON, Kind.PRO):  # later wins: pro/con over feature
    LABELS.update(dict.fromkeys(_phrases(_kind.value), _kind))
SECTION_TITLES = _phrases("not_framework")
TITLE_OPENS = _phrases("title_opens")
TITLE_BREAKS = _phrases("title_breaks")
TITLE_DANGLING = _phrases("title_dangling")
TITLE_CONTINUES = _phrases("title_continues")
PAIRS = _phrases("pair")
# Words that join two labels: "Pros and Cons", "Advantages vs Disadvantages", "Plusy i minusy".
JOINERS = {"and", "&", "/", "vs", "vs.", "versus", "or", "und", "et", "y", "e", "i", "и", "та", "ve",
           "dan", "và", "en", "oder", "o", "ou", "или", "або", "ya", "veya", "+", "-", "–", "—"}  # fmt: skip
BUT_WORDS = tuple(_DATA["but"]["words"])
MARKERS = [(phrase, Kind(kind)) for kind, phrases in _DATA["marker"].items() for phrase in phrases]
MARKERS.sort(key=lambda pair: -len(pair[0]))
CUES = {Kind.PRO: set(_DATA["cue"]["pro"]), Kind.CON: set(_DATA["cue"]["con"])}
NEGATIONS = set(_DATA["cue"]["negation"])
ASKS = set(_DATA["cue"]["asks"])
AVOID = set(_DATA["cue"]["avoid"]) | NEGATIONS
# Labels too short or too common to start a longer label: "Why" alone is one ("Why Django?"),
# "Why look past it" is not.
WEAK = {"why", "good", "bad", "pro", "con", "neden", "warum", "pourquoi", "perché", "por qué", "por que"}

# Words around a label that change nothing: "The main advantages of", "Las ventajas de".
FILLER = {
    "the", "a", "an", "of", "and", "for", "its", "their", "our", "key", "main", "major", "top",
    "some", "notable", "primary", "biggest", "potential", "general", "overall", "using", "with",
    "in", "to", "on", "most", "important", "few", "here", "are", "is", "framework", "frameworks",
    "de", "des", "du", "del", "la", "le", "les", "los", "las", "el", "un", "una", "y", "et", "e",
    "i", "gli", "il", "lo", "di", "da", "dei", "delle", "principali", "principales", "principais",
    "principal", "clés", "clave", "der", "die", "das", "von", "und", "für", "dem", "den",
    "wichtigsten", "główne", "основные", "ключевые", "главные", "utama", "chính", "các", "những",
    "do", "dos", "en", "van", "het", "een", "ve", "ile", "temel", "ana", "python", "web", "dari",
    "của",
}  # fmt: skip
PRO_EMOJI = ("✅", "✔️", "✔", "✓", "👍", "➕", "🟢", "💪", "⭐", "🚀", "👌", "🎉", "☑️", "☑")
CON_EMOJI = ("❌", "✖️", "✖", "✘", "✗", "✕", "👎", "➖", "🔴", "⚠️", "⚠", "⛔", "🚫", "🐢", "😕", "❗")
# On a heading, only marks that say yes or no: a star or a rocket there is decoration.
HEADING_MARKS = dict.fromkeys(("✅", "✔", "✓", "☑", "👍", "➕"), Kind.PRO) | dict.fromkeys(
    ("❌", "✖", "✘", "✗", "✕", "⛔", "🚫", "👎", "➖"), Kind.CON
)

# A framework's name may carry a possessive: "Django's", "Django'nun", "Django의", "Djangoの".
_POSSESSIVE = re.compile(r"(?:['’](?:s|nun|nın|nin|in|ın|un|ün|da|de)|의|の|的)$")
_WORD = re.compile(r"[\w'’-]+")


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") and ch.isalpha()


_NOT_PLAIN = re.compile(r"[^\w '’\-,&+/]|_")  # \w is str.isalnum() and "_"


@functools.lru_cache(maxsize=4096)  # each heading is asked about several times
def plain(text: str) -> str:
    """Lower-case text without markup, brackets, emoji or trailing punctuation."""
    kept = _NOT_PLAIN.sub(" ", text.replace("\\", "")[:300])
    return " ".join(kept.lower().split()).strip(" ,-/")


def _without_names(words: list[str], names) -> list[str]:
    kept = []
    for word in words:
        bare = _POSSESSIVE.sub("", word)
        if name_key(bare) in names or name_key(word) in names:
            continue
        kept.append(word)
    return kept


# Single label words long enough to match with an ending added ("özelliklere", "avantajları").
_STEMS = sorted((p for p in LABELS if " " not in p and len(p) >= 6), key=len, reverse=True)


def _word_kind(word: str) -> Kind | None:
    if word in LABELS:
        return LABELS[word]
    if len(word) < 6 or word.isascii():
        return None  # English plurals and forms are in the vocabulary; endings matter elsewhere
    stem = next((s for s in _STEMS if word.startswith(s) and len(word) - len(s) <= 4), None)
    return LABELS[stem] if stem else None


def _kinds_in(words: list[str]) -> list[tuple[int, int, Kind]]:
    """(start, length, kind) of every label phrase among the words, longest first at each start."""
    found = []
    for start in range(len(words)):
        for size in (4, 3, 2):
            phrase = " ".join(words[start : start + size])
            if len(words) - start >= size and phrase in LABELS:
                found.append((start, size, LABELS[phrase]))
                break
        else:
            kind = _word_kind(words[start])
            if kind:
                found.append((start, 1, kind))
    return found


def _cjk_label(text: str, slack: int = 40) -> Kind | None:
    """Labels in scripts without spaces, found inside a short heading ("Django的优点"): at most
    `slack` characters besides the label."""
    if any(pair in text for pair in PAIRS):
        return None  # "优缺点", "장단점": pros and cons together
    found = [p for p in LABELS if _is_cjk(p[0]) and p in text and len(text) - len(p) <= slack]
    # The longest reading: "デメリット" (cons) is not also "メリット" (pros).
    kinds = {LABELS[p] for p in found if not any(p != other and p in other for other in found)}
    has_pro_and_con = {Kind.PRO, Kind.CON} <= kinds
    kinds.discard(Kind.SUMMARY) if len(kinds) > 1 else None
    if has_pro_and_con or len(kinds) != 1:
        return None
    return kinds.pop()


def label_of(text: str, names=frozenset(), *, strict: bool = False) -> Kind | None:
    """The kind of claims a label announces, when `text` is only a label: "Pros", "Advantages of
    Django", "[장점]", and unless `strict`, a label with a few words of its own ("Ventajas para
    aplicaciones empresariales", "Main pitfalls"). `names` are the name keys of known
    frameworks, which may appear in it. Both pros and cons ("Pros and cons") is no label."""
    words = plain(text).split()
    if not words or len(words) > 8:
        return None
    words = _without_names(words, names)
    core = [w for w in words if w not in FILLER]
    if len(text) <= 40 and any(_is_cjk(ch) for ch in text):
        return _cjk_label(" ".join(core), slack=3 if strict else 12)
    return _words_label(words, core, strict)


def _words_label(words: list[str], core: list[str], strict: bool) -> Kind | None:
    trimmed = _trimmed(words)
    phrases = (" ".join(words), " ".join(trimmed), " ".join(core))
    if set(phrases) & PAIRS:
        return None  # "Vor- und Nachteile"
    exact = next((LABELS[phrase] for phrase in phrases if phrase in LABELS), None)
    if exact is None and words and words[0] in ASKS and any(w in AVOID or w.endswith("n't") for w in words):
        return Kind.CON  # "When not to use FastAPI?", "Wanneer kies je niet voor Flask?", "Quando evitar"
    if exact or strict or not core or len(core) > 5:
        return exact
    return _label_with_words(trimmed)


def _trimmed(words: list[str]) -> list[str]:
    """The words without filler at either end ("the main advantages of" -> "main advantages")."""
    start = next((i for i, w in enumerate(words) if w not in FILLER), len(words))
    end = next((i for i in range(len(words), start, -1) if words[i - 1] not in FILLER), start)
    return words[start:end]


def _label_with_words(words: list[str]) -> Kind | None:
    """A label at the start or the end of a few words of its own: "Benefits for teams"."""
    found = _kinds_in(words)
    if {Kind.PRO, Kind.CON} <= {kind for _, _, kind in found}:
        return None  # "Pro e contro", "Ưu và nhược điểm": both
    kinds = [f for f in found if " ".join(words[f[0] : f[0] + f[1]]) not in WEAK]
    if not kinds or len({kind for _, _, kind in kinds} - {Kind.SUMMARY}) > 1:
        return None
    if kinds[0][0] == 0:
        start, _, kind = kinds[0]
    elif kinds[-1][0] + kinds[-1][1] == len(words):
        start, _, kind = kinds[-1]
    else:
        return None
    return None if kind == Kind.PRO and words[start] == "pro" else kind


_SCRIPTS = re.compile(r"(?<=[A-Za-z0-9])(?=[^\x00-\u024f\s])|(?<=[^\x00-\u024f\s])(?=[A-Za-z])")


def label_kinds(text: str, names=frozenset()) -> set[Kind] | None:
    """The kinds of the labels a heading is made of, when it is made of nothing else (a known
    name aside): {pro, con} for "Pros and Cons of Flask", "优缺点", "Vor- und Nachteile";
    {feature, pro} for "Features & Benefits". None for a heading with words of its own."""
    if len(text) > 80:
        return None
    spaced = _SCRIPTS.sub(" ", text.replace("/", " / "))  # "Django的优缺点": a name, then a label
    words = _without_names(plain(spaced).split(), names)
    if not words or len(words) > 8:
        return None
    phrase = " ".join(w for w in words if w not in FILLER)
    if {phrase, " ".join(words), " ".join(_trimmed(words))} & PAIRS:
        return {Kind.PRO, Kind.CON}
    if any(_is_cjk(ch) for ch in phrase):
        return _cjk_kinds(phrase.replace(" ", ""))
    return _word_kinds(words)


def _word_kinds(words: list[str]) -> set[Kind] | None:
    """The kinds of the label phrases among the words, when the others only join them."""
    found = _kinds_in(words)
    covered = {i for start, size, _ in found for i in range(start, start + size)}
    rest = [w for i, w in enumerate(words) if i not in covered and w not in FILLER and w not in JOINERS]
    return {kind for _, _, kind in found} if found and not rest else None


def _cjk_kinds(text: str) -> set[Kind] | None:
    """Labels in a short CJK heading ("特点和优点"), with at most two characters between them."""
    kinds = set()
    for phrase in _CJK_LABELS:
        if phrase in text:
            kinds |= {Kind.PRO, Kind.CON} if phrase in PAIRS else {LABELS[phrase]}
            text = text.replace(phrase, " ")
    return kinds if kinds and len(text.replace(" ", "")) <= 2 else None


_CJK_LABELS = sorted(PAIRS | {p for p in LABELS if _is_cjk(p[0])}, key=len, reverse=True)


def is_pair(text: str, names=frozenset()) -> bool:
    """A heading that announces pros and cons together, each claim saying which it is."""
    kinds = label_kinds(text, names)
    return bool(kinds) and {Kind.PRO, Kind.CON} <= kinds


def label_in(sentence: str) -> Kind | None:
    """The one kind of claim a sentence announces: "Flask, because of the following pros:",
    "Django bietet entscheidende Vorteile:", "Gradio的主要功能包括：". None for both or neither."""
    text = plain(sentence)
    if any(_is_cjk(ch) for ch in text):
        return _cjk_label(text)
    kinds = {kind for _, _, kind in _kinds_in(text.split())}
    if kinds - {Kind.SUMMARY}:
        kinds.discard(Kind.SUMMARY)  # "good for many reasons; its advantages:" announces pros
    if kinds - {Kind.FEATURE}:
        kinds.discard(Kind.FEATURE)
    return kinds.pop() if len(kinds) == 1 else None


_CJK_TITLES = [t for t in SECTION_TITLES if _is_cjk(t[0])]
_LONGEST_CJK_TITLE = max(map(len, _CJK_TITLES), default=0)


@functools.lru_cache(maxsize=4096)  # a heading's name and its text are both asked
def is_section_title(text: str) -> bool:
    """Headings that name a part of the article, never a framework ("Conclusion", "Use Cases",
    "결론", "Conclusione finale"): the title itself, or its first words."""
    text = plain(text)
    words = [w for w in text.split() if w not in FILLER]
    if not words:
        return False
    for size in (4, 3, 2, 1):
        if " ".join(words[:size]) in SECTION_TITLES:
            return True
    text = text.replace(" ", "")
    # In scripts without spaces, the title itself or nearly ("结论", "小结一下"), not any heading
    # that contains the word ("闪电框架" is a framework's name).
    return (
        len(text) <= _LONGEST_CJK_TITLE + 2
        and any(_is_cjk(ch) for ch in text)
        and any(t in text and len(text) - len(t) <= 2 for t in _CJK_TITLES)
    )


def marker_of(text: str) -> tuple[Kind | None, str]:
    """A claim that says its own kind: "✅ Fast", "Good, because it is fast" (MADR)."""
    stripped = text.lstrip()
    for emoji, kind in [(e, Kind.PRO) for e in PRO_EMOJI] + [(e, Kind.CON) for e in CON_EMOJI]:
        if stripped.startswith(emoji):
            return kind, stripped[len(emoji) :].lstrip(" \ufe0f:-–")
    lowered = stripped.lower()
    for phrase, kind in MARKERS:
        if lowered.startswith(phrase) and (len(phrase) > 1 or lowered[1:2] == " "):
            return kind, stripped[len(phrase) :].strip()
    return None, text


_SHORTCODE_MARKS = {
    phrase: kind for phrase, kind in MARKERS if phrase[:1] == phrase[-1:] == ":" and len(phrase) > 2
}


def heading_mark(text: str) -> Kind | None:
    """ "## ✔️ Reasons to use it", "## ❌ Where it falls short", "## :x: Limits": a heading
    that opens with a check or a cross mark announces claims of that kind."""
    text = text.lstrip()
    code = re.match(r":[\w+-]{1,30}:", text)
    return _SHORTCODE_MARKS.get(code.group(0)) if code else HEADING_MARKS.get(text[:1])


def split_but(text: str) -> tuple[str, str] | None:
    """ "Mature, but heavy" is a pro and a con: (pro, con), or None."""
    for word in BUT_WORDS:
        pattern = (
            rf"(?:,\s*|\s+){re.escape(word)}\s+" if word.isascii() else rf"[,，]?\s*{re.escape(word)}\s*"
        )
        match = re.search(pattern, text[:500], re.I)
        if match and match.start() >= 3 and len(text) - match.end() >= 3:
            return text[: match.start()].strip(" ,;"), text[match.end() :].strip(" .;")
    return None


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def label_cue(text: str) -> Kind | None:
    """The kind a short label's words lean to, when no label matches it: "What Masonite gets
    right", "Was mir fehlt", "Lo que no me gusta tanto". A negation turns a pro into a con."""
    words = plain(text).replace("’", "'").split()
    if not 1 <= len(words) <= 8:
        return None
    negated = any(w in NEGATIONS or w.endswith("n't") for w in words)
    kinds = {kind for kind, cues in CUES.items() for w in words if w in cues}
    kinds |= {kind for kind, cues in CUES.items() for cue in cues if " " in cue and cue in " ".join(words)}
    if kinds == {Kind.PRO}:
        return Kind.CON if negated else Kind.PRO
    return Kind.CON if kinds == {Kind.CON} else None
