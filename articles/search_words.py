"""The words search understands beyond the text itself, and how a query is compared with them.

Concepts (search_words.toml) map what readers type, in several languages, to what a framework
is or has (its capability facts, kind and interface) and to the topics sources discuss it under:
"async", "asíncrono" and "非同期" all mean native async. Text is compared folded, case and accents
aside. Chinese, Japanese and Korean put no spaces between words, so a run of their characters is
also cut into overlapping pairs (bigrams): "异步框架" holds 异步, 步框 and 框架, and a word inside
a run is found by its pairs. PostgreSQL indexes the same pairs (search_cjk_bigrams(), migration
0015); tests/test_search_cjk.py checks that both cut alike.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from frameworks.models import CAPABILITIES, FactValue, FrameworkKind, Interface

# Hangul Jamo, CJK symbols that are letters (々 〆 〇), kana, Hangul compatibility Jamo, katakana
# extensions, CJK Unified Ideographs and extension A, Hangul syllables, compatibility ideographs,
# half-width katakana.
CJK_RANGES = (
    ("\u1100", "\u11ff"),
    ("\u3005", "\u3007"),
    ("\u3040", "\u30ff"),
    ("\u3130", "\u318f"),
    ("\u31f0", "\u31ff"),
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uac00", "\ud7af"),
    ("\uf900", "\ufaff"),
    ("\uff66", "\uff9f"),
)
CJK_RUN = re.compile("[" + "".join(f"{low}-{high}" for low, high in CJK_RANGES) + "]+")


def is_cjk(text: str) -> bool:
    """Whether `text` (a word as search splits them) is written in Chinese, Japanese or Korean."""
    return bool(text) and CJK_RUN.fullmatch(text) is not None


def split_scripts(word: str) -> list[str]:
    """A word cut where it changes between a CJK script and another: "django的异步" -> django, 的异步."""
    parts, last = [], 0
    for run in CJK_RUN.finditer(word):
        parts += [word[last : run.start()], run.group()]
        last = run.end()
    parts.append(word[last:])
    return [part for part in parts if part]


def pairs(run: str) -> list[str]:
    """The overlapping character pairs a CJK word is searched by (one character: itself)."""
    return [run[i : i + 2] for i in range(len(run) - 1)] or [run]


def indexed_pairs(run: str) -> list[str]:
    """What the index holds for a run: its pairs and its last character, so a one-character
    query finds the run wherever the character stands (as the start of a pair, or the end)."""
    return [*(run[i : i + 2] for i in range(len(run) - 1)), run[-1:]] if run else []


def fold(text: str) -> str:
    """Lower-case, compatibility forms unified (full-width letters, half-width kana), accents
    dropped outside CJK scripts (where the marks are part of the letter: が is not か)."""
    folded = []
    for ch in unicodedata.normalize("NFKC", text).casefold():
        if CJK_RUN.match(ch):
            folded.append(ch)
        else:
            folded.extend(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return "".join(folded)


# --------------------------------------------------------------------------------------------
# Concepts

FACT_LABELS = dict(CAPABILITIES)
RESERVED = {"facts", "kinds", "interfaces", "topics"}


@dataclass(frozen=True)
class Concept:
    name: str
    facts: tuple[str, ...]
    kinds: tuple[str, ...]
    interfaces: tuple[str, ...]
    topics: tuple[str, ...]  # topic slugs
    words: tuple[str, ...]  # every language's whole words and phrases (not "*" prefixes), as written
    pattern: re.Pattern

    @property
    def about_frameworks(self) -> bool:
        return bool(self.facts or self.kinds or self.interfaces)

    def describes(self, framework: dict) -> bool:
        """Whether it describes a framework (its values: facts, kind, interface): one of its facts
        known to be had in full, or one of its kinds or interfaces."""
        return (
            any(framework[fact] == FactValue.YES for fact in self.facts)
            or framework["kind"] in self.kinds
            or framework["interface"] in self.interfaces
        )

    def reasons(self, framework: dict) -> list[str]:
        """Why a framework (its values: facts, kind, interface) matches, in the words of its page."""
        found = [FACT_LABELS[fact] for fact in self.facts if framework.get(fact) == FactValue.YES]
        if framework.get("kind") in self.kinds:
            found.append(FrameworkKind(framework["kind"]).label)
        if framework.get("interface") in self.interfaces:
            found.append(Interface(framework["interface"]).label)
        return found

    def list_filter(self) -> str:
        """The framework list's query string for the same frameworks, "" when it has no one filter
        for them (a fact and a kind together)."""
        if len(self.facts) == 1 and not (self.kinds or self.interfaces):
            return f"{self.facts[0]}=1"
        if self.kinds and not (self.facts or self.interfaces):
            return "&".join(f"kind={kind}" for kind in self.kinds)
        return ""

    @property
    def label(self) -> str:
        """What the frameworks it finds have in common, as their pages name it."""
        if self.facts:
            return FACT_LABELS[self.facts[0]]
        if self.kinds:
            return FrameworkKind(self.kinds[0]).label
        return Interface(self.interfaces[0]).label if self.interfaces else ""


def _spaced(ch: str) -> bool:
    return not CJK_RUN.match(ch)


@lru_cache(maxsize=1024)  # named() asks for every topic's name on every search
def _phrase_pattern(phrase: str) -> str:
    """A phrase as a regular expression on folded text: whole words in spaced scripts (with an
    optional plural), "-" and " " alike, "*" any ending; CJK anywhere."""
    prefix = phrase.endswith("*")
    phrase = fold(phrase.rstrip("*")).strip()
    body = r"[\s\-]*".join(re.escape(part) for part in re.split(r"[\s\-]+", phrase))
    before = r"(?<!\w)" if _spaced(phrase[0]) else ""
    if prefix:
        after = r"\w*"
    elif _spaced(phrase[-1]):
        after = r"(?:e?s)?(?!\w)" if phrase[-1].isalpha() else r"(?!\w)"
    else:
        after = ""
    return f"{before}{body}{after}"


def _concept(name: str, data: dict) -> Concept:
    def names(key: str, allowed) -> tuple[str, ...]:
        values = tuple(data.get(key, ()))
        unknown = set(values) - set(allowed)
        if unknown:
            raise ValueError(f"search_words.toml [{name}]: unknown {key} {sorted(unknown)}")
        return values

    phrases = [phrase for key, words in data.items() if key not in RESERVED for phrase in words]
    alternatives = sorted({_phrase_pattern(phrase) for phrase in phrases}, key=len, reverse=True)
    return Concept(
        name=name,
        facts=names("facts", FACT_LABELS),
        kinds=names("kinds", FrameworkKind.values),
        interfaces=names("interfaces", Interface.values),
        topics=tuple(data.get("topics", ())),
        words=tuple(dict.fromkeys(phrase for phrase in phrases if not phrase.endswith("*"))),
        pattern=re.compile("|".join(alternatives)),
    )


_DATA = tomllib.loads((Path(__file__).parent / "search_words.toml").read_text(encoding="utf-8"))
CONCEPTS: list[Concept] = [_concept(name, data) for name, data in _DATA.items()]


@dataclass(frozen=True)
class ConceptMatch:
    concept: Concept
    said: tuple[str, ...]  # the query's words that named it, folded

    def covers(self, term: str) -> bool:
        """Whether a query term is one of the words that named the concept (for CJK, which has
        no words to compare, part of them or containing them)."""
        term = fold(term)
        if is_cjk(term):
            return any(term in said or said in term for said in self.said)
        return any(term in re.split(r"[\s\-]+", said) for said in self.said)


def concepts_in(query: str) -> list[ConceptMatch]:
    """The concepts a query names, in the order of the vocabulary."""
    folded = fold(query)
    found = []
    for concept in CONCEPTS:
        said = tuple(dict.fromkeys(match.group() for match in concept.pattern.finditer(folded)))
        if said:
            found.append(ConceptMatch(concept, said))
    return found


def named(phrase: str, folded_text: str) -> bool:
    """Whether folded text names `phrase`, matched as the vocabulary's phrases are."""
    return re.search(_phrase_pattern(phrase), folded_text) is not None
