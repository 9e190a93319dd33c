"""Capability facts against the evidence: where independent sources say a fact is wrong.

Facts are written by us and by editors from the frameworks' own documentation, each with its
source and the date it was checked (Framework.facts()). Claims are what articles say. A fact is
*disputed* when independent claims on its topic say the opposite: a con that the capability is
missing or only partly there, against a "yes"; a pro or feature that it is built in, against a
"no". A "partial" is a hedge already, and vendor claims never dispute a fact. The framework page
shows a dispute beside the fact and the coverage dashboard lists it for an editor; the words
are data (facts.toml).

Pure: callers hand in the claims' words, so each page decides how it loads them.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from articles.models import ClaimKind
from frameworks.models import Fact, FactValue
from frameworks.verdict import phrase_pattern

_VOCABULARY = tomllib.loads((Path(__file__).parent / "facts.toml").read_text(encoding="utf-8"))


def _all(table: dict) -> list[str]:
    return [phrase for phrases in table.values() for phrase in phrases]


# The topic each capability is about, by topic slug.
TOPICS: dict[str, str] = {name: spec["topic"] for name, spec in _VOCABULARY["capabilities"].items()}
_TERMS = {name: _all(spec["terms"]) for name, spec in _VOCABULARY["capabilities"].items()}
_MENTIONS = {name: phrase_pattern(terms) for name, terms in _TERMS.items()}
# A negator, up to two words, then the capability: "no built-in ORM", "sin ORM".
_NEGATED = {
    name: re.compile(
        rf"(?:{phrase_pattern(_all(_VOCABULARY['negators'])).pattern})"
        rf"(?:\W+\w+){{0,2}}?\W+(?:{phrase_pattern(terms).pattern})"
    )
    for name, terms in _TERMS.items()
}
_LACKING = phrase_pattern(_all(_VOCABULARY["lacking"]))
_PRESENT = phrase_pattern(_all(_VOCABULARY["present"]))
# Which kinds of claim can dispute which value.
DISPUTING_KINDS: dict[str, tuple[str, ...]] = {
    FactValue.YES: (ClaimKind.CON,),
    FactValue.NO: (ClaimKind.PRO, ClaimKind.FEATURE),
}


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def says_otherwise(capability: str, value: str, kind: str, words: str) -> bool:
    """Whether a claim of this kind, saying `words` on the capability's topic, disputes `value`."""
    if kind not in DISPUTING_KINDS.get(value, ()):
        return False
    folded = _folded(words)
    if not _MENTIONS[capability].search(folded):
        return False
    lacking = bool(_NEGATED[capability].search(folded) or _LACKING.search(folded))
    if value == FactValue.YES:
        return lacking
    return not lacking and bool(_PRESENT.search(folded))


class ClaimWords(NamedTuple):
    """What deciding a dispute needs of one independent claim."""

    id: int
    topic_id: int | None
    kind: str
    source_id: int
    words: str  # its title and text


@dataclass(frozen=True)
class Dispute:
    fact: Fact
    topic_id: int
    claim_ids: tuple[int, ...]  # the claims that say otherwise, one per source
    sources: int  # distinct independent sources

    @property
    def topic(self) -> str:
        return TOPICS[self.fact.name]


def disputes(facts: Iterable[Fact], topic_ids: dict[str, int], claims: Iterable[ClaimWords]) -> list[Dispute]:
    """The facts independent claims dispute, in the facts' order. `topic_ids` maps topic slugs
    to ids; `claims` are independent claims about the framework the facts describe."""
    claims = list(claims)
    found = []
    for fact in facts:
        topic_id = topic_ids.get(TOPICS[fact.name])
        if topic_id is None or fact.value not in DISPUTING_KINDS:
            continue
        by_source: dict[int, int] = {}
        for claim in claims:
            if claim.topic_id == topic_id and says_otherwise(fact.name, fact.value, claim.kind, claim.words):
                by_source.setdefault(claim.source_id, claim.id)
        if by_source:
            found.append(Dispute(fact, topic_id, tuple(by_source.values()), len(by_source)))
    return found
