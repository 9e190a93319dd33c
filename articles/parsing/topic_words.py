"""The words of topics, and how they are found in a claim: one form of each word (`fold()`:
lower case, no accents), split into words even where a script puts no spaces between them
(`tokens()`), and a vocabulary that finds each topic's words and phrases in a text, singular or
plural, with Korean particles and elided articles ("d'apprentissage") taken off (`Vocabulary`).

articles/parsing/topics.py weighs what is found into a topic; the words are data, `topics.toml`.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from articles.parsing.vocabulary import LABELS

DATA = tomllib.loads((Path(__file__).parent / "topics.toml").read_text(encoding="utf-8"))
_MARKS = re.compile(r"(?<=[\x00-\u052f])[\u0300-\u036f]+")  # accents on Latin, Greek, Cyrillic letters
_LATIN = re.compile("[a-z0-9]")
SPACELESS = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")  # Chinese, Japanese kana
# Latin words written against Chinese, Japanese or Korean ones ("自带ORM", "ORM을"): read apart.
_GLUED = re.compile(
    "(?<=[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7a3])(?=[a-z0-9])"
    "|(?<=[a-z0-9])(?=[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7a3])"
)
TOKEN = re.compile(r"\w+(?:[-.']\w+)*")  # "real-time", "node.js", "d'apprentissage": one word
_START = 2  # stems are indexed by their first two letters (or their one: Korean "쉽")


def fold(text: str) -> str:
    """Lower case without the accents of Latin, Greek and Cyrillic letters, full-width forms as
    ASCII, and one kind of apostrophe and hyphen: "Rápido" and "rapido", "ＯＲＭ" and "orm"."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("‑", "-").replace("‐", "-")
    text = _GLUED.sub(" ", text)
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text)))


_FILLER = frozenset(fold(word) for word in DATA["heading"]["filler"])
# Filler written without spaces (Chinese, Japanese), found inside a heading's words: "性能对比"
_SPACELESS_FILLER = sorted((w for w in _FILLER if SPACELESS.search(w)), key=len, reverse=True)
PARTICLES = "과와의은는이가을를도"  # Korean particles joined to the word before them
_ELIDED = re.compile(r"^(?:d|l|dell|all|nell|dall|sull|qu)'(?=\w)")  # "d'apprentissage"


def _unelided(word: str, start: int) -> tuple[str, int]:
    """A word without the article elided onto it, and where it then starts: "l'asynchrone"."""
    elided = _ELIDED.match(word)
    return (word[elided.end() :], start + elided.end()) if elided else (word, start)


def edges(part: str) -> str:
    """A heading's part without the filler at its ends, keeping the filler inside a name."""
    words = [_ELIDED.sub("", word) for word in part.split()]
    while words and without_filler(words[0]) == "":
        words.pop(0)
    while words and without_filler(words[-1]) == "":
        words.pop()
    return " ".join(words)


def without_filler(word: str) -> str:
    """A heading's word without filler ("" when it is filler): "性能对比" is "性能",
    "d'apprentissage" is "apprentissage"."""
    word = _ELIDED.sub("", word)
    if word in _FILLER:
        return ""
    if SPACELESS.search(word):
        for filler in _SPACELESS_FILLER:
            if word != filler and (word.endswith(filler) or word.startswith(filler)):
                return word.removesuffix(filler) if word.endswith(filler) else word.removeprefix(filler)
    return word


LABEL_WORDS = frozenset(fold(label) for label in LABELS if " " not in label)


def hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def connectors() -> re.Pattern:
    words = dict.fromkeys(["and", "or", *map(fold, DATA["heading"]["connectors"])])  # "và" is read "va"
    alternatives = [re.escape(w) if SPACELESS.match(w) else rf"(?<!\w){re.escape(w)}(?!\w)" for w in words]
    return re.compile(r"\s*(?:[,&/+|·]|" + "|".join(alternatives) + r")\s*")


@dataclass(frozen=True)
class Word:
    """One keyword: its words, the last one perhaps a stem ("background task*"); the topics it
    speaks of, with how strongly."""

    parts: tuple[str, ...]
    stems: tuple[bool, ...]
    topics: tuple[tuple[str, float], ...]
    modifies: bool = False  # a word that describes the next one ("free admin panel"), see Match

    def matches(self, words: list[str], at: int) -> bool:
        if at + len(self.parts) > len(words):
            return False
        last = len(self.parts) - 1
        for index, (part, stem, word) in enumerate(zip(self.parts, self.stems, words[at:], strict=False)):
            if stem:
                if not word.startswith(part):
                    return False
            elif word != part and not (index == last and _plural(word, part)):
                return False
        return True


class Match(NamedTuple):
    """A keyword found in a text: its topics, where it is, and whether it only describes what
    stands next to it."""

    topics: tuple[tuple[str, float], ...]
    start: int
    end: int
    modifies: bool


def _plural(word: str, part: str) -> bool:
    """A keyword's last word in the plural, in the languages that add -s or -es: "cold starts",
    "benchmarks" (words of five letters or more: "ships with" is not about shipping)."""
    return len(part) >= 5 and part.isascii() and word in (part + "s", part + "es")


def _singulars(word: str) -> tuple[str, ...]:
    if len(word) < 6 or not word.isascii() or not word.endswith("s"):
        return ()
    return (word[:-1], word[:-2]) if word.endswith("es") else (word[:-1],)


def _length(word: Word) -> tuple[int, int]:
    return len(word.parts), sum(map(len, word.parts))


class Vocabulary:
    """Every keyword, found in a text word by word, the longest first: a phrase is read as itself
    and not as the words inside it ("server-side rendering" is templating, not a "server"). Words
    in Chinese and Japanese are found inside longer runs of text; Korean ones take any ending,
    since particles join the word ("성능이")."""

    def __init__(self, owners: dict[str, dict[str, float]], modifiers: frozenset[str] = frozenset()):
        self.modifiers = modifiers
        self.exact: dict[str, list[Word]] = {}  # first word -> keywords opening with it
        self.stems: dict[str, list[Word]] = {}  # first stem -> keywords opening with it
        spaceless: dict[str, tuple[tuple[str, float], ...]] = {}
        for keyword, topics in owners.items():
            ranked = tuple(sorted(topics.items()))
            if SPACELESS.search(keyword) and not _LATIN.search(keyword):
                spaceless[keyword.replace(" ", "")] = ranked
                continue
            parts: list[str] = []
            stems: list[bool] = []
            for piece in keyword.split():
                found = tokens(piece.removesuffix("*")) or [piece.removesuffix("*")]
                found = [_unelided(part, 0)[0] for part in found]  # as the text is read
                parts += found
                last = found[-1]
                stems += [False] * (len(found) - 1) + [
                    piece.endswith("*") or hangul(last[-1]) or bool(SPACELESS.search(last))
                ]
            word = Word(tuple(parts), tuple(stems), ranked, keyword in modifiers)
            (self.stems if stems[0] else self.exact).setdefault(parts[0], []).append(word)
        for table in (self.exact, self.stems):
            for words in table.values():
                words.sort(key=_length, reverse=True)
        # Stems by their first letters, so a word that starts none costs one look-up.
        self._stems_by_start: dict[str, list[tuple[str, list[Word]]]] = {}
        for stem, words in sorted(self.stems.items(), key=lambda item: -len(item[0])):
            self._stems_by_start.setdefault(stem[:_START], []).append((stem, words))
        self.spaceless = spaceless
        ordered = sorted(spaceless, key=len, reverse=True)
        self._inside = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def find(self, text: str, names: frozenset[str] = frozenset()) -> list[Match]:
        """Every keyword in a (folded) text, in order. A word that is a framework's name says
        nothing ("Fast-API" is not "fast"); another hyphenated word is read whole, then part by
        part ("OpenAPI-first", "Admin-Interface")."""
        spans = [_unelided(m.group(0), m.start()) for m in TOKEN.finditer(text)]
        return self._find([word for word, _ in spans], [start for _, start in spans], names)

    def _find(self, words: list[str], starts: list[int], names: frozenset[str]) -> list[Match]:
        found = []
        at = 0
        while at < len(words):
            word, start = words[at], starts[at]
            match = self._at(words, at)
            if match is not None:
                last = at + len(match.parts) - 1
                found.append(Match(match.topics, start, starts[last] + len(words[last]), match.modifies))
                at += len(match.parts)
                continue
            if word.replace("-", "").replace(".", "") in names:
                pass
            elif "-" in word:
                parts = word.split("-")
                offsets = [start + sum(len(p) + 1 for p in parts[:i]) for i in range(len(parts))]
                found += self._find(parts, offsets, names)
            elif self._inside is not None and not word.isascii() and SPACELESS.search(word):
                for inner in self._inside.finditer(word):
                    said = inner.group(0)
                    at_start, at_end = start + inner.start(), start + inner.end()
                    found.append(Match(self.spaceless[said], at_start, at_end, said in self.modifiers))
            at += 1
        return found

    def _at(self, words: list[str], at: int) -> Word | None:
        """The longest keyword that starts at this word."""
        word = words[at]
        exact = [
            *self.exact.get(word, ()),
            *(w for singular in _singulars(word) for w in self.exact.get(singular, ())),
        ]
        exact.sort(key=_length, reverse=True)
        best = next((w for w in exact if w.matches(words, at)), None)
        short = self._stems_by_start.get(word[:1], ()) if len(word) > 1 else ()
        for stem, stemmed in (*self._stems_by_start.get(word[:_START], ()), *short):
            if word.startswith(stem):
                match = next((w for w in stemmed if w.matches(words, at)), None)
                if match is not None and (best is None or _length(match) > _length(best)):
                    best = match
        return best
