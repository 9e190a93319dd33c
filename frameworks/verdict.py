"""The verdict at the top of a framework page: "Best for" and "Avoid if".

Drawn from evidence, never written by hand: first the summary claims of independent sources that
say what the framework is for or when to avoid it ("Best for: typed JSON APIs", "Avoid it for a
tiny script"; phrases in verdict.toml), then the strongest points independent sources make for
and against it, most sources first. Vendors' own sources never make the verdict. Where no
independent source says anything on a side, the page says so instead of guessing.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from articles.models import ClaimKind
from frameworks.consensus import Evidence, PointEvidence

SHOWN = 3  # items per side
# Fewer independent sources than this, and the verdict says how little it rests on.
ENOUGH_SOURCES = 2

_PHRASES = tomllib.loads((Path(__file__).parent / "verdict.toml").read_text(encoding="utf-8"))


def _spaced(ch: str) -> bool:
    """Whether the script separates words with spaces (so a phrase must match whole words)."""
    return not unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))


def phrase_pattern(phrases) -> re.Pattern:
    """One pattern for whole-word phrases (in scripts without spaces, for the phrase anywhere),
    longest first; match it against casefolded text."""
    alternatives = []
    for phrase in phrases:
        body = re.escape(phrase.casefold())
        before = r"(?<!\w)" if _spaced(phrase[0]) else ""
        after = r"(?!\w)" if _spaced(phrase[-1]) else ""
        alternatives.append(f"{before}{body}{after}")
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True)))


def _pattern(side: str) -> re.Pattern:
    return phrase_pattern(phrase for phrases in _PHRASES[side].values() for phrase in phrases)


BEST, AVOID = _pattern("best"), _pattern("avoid")


def leaning(text: str) -> str | None:
    """ "avoid", "best" or None for what a summary says ("avoid" wins: "not ideal for" is no praise)."""
    folded = unicodedata.normalize("NFC", text).casefold()
    if AVOID.search(folded):
        return "avoid"
    if BEST.search(folded):
        return "best"
    return None


@dataclass(frozen=True)
class Verdict:
    best_for: list[PointEvidence]
    avoid_if: list[PointEvidence]
    independent_sources: int

    @property
    def thin(self) -> bool:
        """Resting on less than ENOUGH_SOURCES independent sources."""
        return self.independent_sources < ENOUGH_SOURCES

    @property
    def points(self) -> list[PointEvidence]:
        return [*self.best_for, *self.avoid_if]


def verdict(evidence: Evidence) -> Verdict:
    """Pure: the verdict from weighed evidence."""
    independent = [p for p in evidence.summaries if p.sources.independent]
    by_side: dict[str, list[PointEvidence]] = {"best": [], "avoid": []}
    for summary in independent:
        side = leaning(summary.claim.said)
        if side:
            by_side[side].append(summary)
    # The points most independent sources make; among equals, those on the topics where most
    # independent sources take the same side.
    support = {
        (t.topic_id, kind): tally.independent
        for t in evidence.topics
        for kind, tally in ((ClaimKind.PRO, t.pros), (ClaimKind.CON, t.cons))
    }
    strongest = sorted(
        (p for p in evidence.points if p.sources.independent),
        key=lambda p: (-p.sources.independent, -support.get((p.topic_id, p.kind), 0), p.rank),
    )
    return Verdict(
        best_for=_one_per_topic(by_side["best"], strongest, ClaimKind.PRO),
        avoid_if=_one_per_topic(by_side["avoid"], strongest, ClaimKind.CON),
        independent_sources=evidence.sources.independent,
    )


def _one_per_topic(summaries: list[PointEvidence], strongest: list[PointEvidence], kind: str) -> list:
    """The summaries, then the strongest point of each topic not yet covered: three points on
    one topic say less than one on each of three."""
    picked = summaries[:SHOWN]
    covered = {p.topic_id for p in picked if p.topic_id is not None}
    for point in strongest:
        if len(picked) >= SHOWN:
            break
        if point.kind == kind and point.topic_id not in covered:
            picked.append(point)
            covered.add(point.topic_id)
    return picked
