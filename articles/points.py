"""Points: the same thing said by several sources.

Two claims make one point when they are about the same framework, of the same kind, on the same
topic, and their titles (their text when they have no title) say the same words once case,
accents, punctuation and the framework's own name are set aside. Words are compared with
RapidFuzz: in any order ("Partial async support" / "Async support is partial"), or every word of
the shorter in the longer, which adds at most two ("Great documentation" / "The documentation is
great"). A single shared word is never enough ("Fast" / "Fast to learn"), and a negation or a
number on one side only keeps them apart ("Async support" / "No async support", "Python 3.8" /
"Python 3.9").

Claims in different languages stay apart: no offline library translates reliably enough to say
that two sentences in two languages make the same point, so an editor merges those in the admin.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

from articles.parsing.text import MAX_CLAIM_TITLE

# Scores out of 100 (RapidFuzz): how alike two keys must be to be one point.
SAME_IN_ANY_ORDER = 85  # token_sort_ratio: "zero dependencies" / "no dependencies" is 87.5
SAME_WORDS = 95  # token_set_ratio: the shorter's words all in the longer...
MIN_SHARED_WORDS = 2  # ...when the shorter has at least this many
MAX_EXTRA_WORDS = 2  # ...and the longer adds at most this many
# "No", "not", "zero", "without" in the languages the importer reads: the negation on one side only
# makes another point (any of them on both sides is fine: "Zero dependencies" / "No dependencies").
NEGATIONS = frozenset(
    {"no", "not", "non", "without", "lacks", "lacking", "sin", "senza", "sans", "ohne", "kein", "keine"}
    | {"keinen", "nicht", "pas", "nao", "nem", "nessun", "nessuna", "nada", "ni", "geen", "zonder"}
    | {"nie", "bez", "brak", "zero", "none"}
)


def words(text: str) -> list[str]:
    """Case- and accent-folded words; punctuation splits words ("built-in" is two)."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    folded = "".join(ch if ch.isalnum() else " " for ch in decomposed if unicodedata.category(ch)[0] != "M")
    return folded.split()


def point_key(title: str, text: str, framework_name: str = "") -> str:
    """What a claim is matched on: its title's words (its text's when it has no title), without
    the framework's own name, which says nothing about the point."""
    own = set(words(framework_name))
    said = [word for word in words(title or text) if word not in own]
    return " ".join(said)[:MAX_CLAIM_TITLE]


def same_point(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    a_words, b_words = a.split(), b.split()
    if NEGATIONS.isdisjoint(a_words) != NEGATIONS.isdisjoint(b_words):
        return False
    if _numbers(a_words) != _numbers(b_words):  # "Python 3.8 support" / "Python 3.12 support"
        return False
    if fuzz.token_sort_ratio(a, b) >= SAME_IN_ANY_ORDER:
        return True
    return _contained(a_words, b_words) and fuzz.token_set_ratio(a, b) >= SAME_WORDS


def _numbers(words: list[str]) -> set[str]:
    return {word for word in words if any(ch.isdigit() for ch in word)}


def _contained(a: list[str], b: list[str]) -> bool:
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= MIN_SHARED_WORDS and len(longer) - len(shorter) <= MAX_EXTRA_WORDS


def point_title(title: str, text: str) -> str:
    if title:
        return title
    cut = text[:MAX_CLAIM_TITLE]
    return cut if len(text) <= MAX_CLAIM_TITLE else (cut.rsplit(" ", 1)[0] or cut)


Group = tuple[str, int | None]  # (kind, topic id) within one framework


class PointIndex:
    """The points of the frameworks a run touches, read once per framework and kept up to date
    as the run adds points: grouping a file's claims costs no query for a framework already seen.

    `assign()` gives claims a point (the one they already have if it still fits); it creates the
    points it needs and leaves saving the claims to the caller."""

    def __init__(self, point_model=None, framework_model=None):
        # Models are passed in by migrations (their historical versions); the app's otherwise.
        if point_model is None:
            from articles.models import Point
            from frameworks.models import Framework

            point_model, framework_model = Point, Framework
        self.Point = point_model
        self.Framework = framework_model
        self._points: dict[int, dict[Group, dict[str, int]]] = {}  # framework -> group -> key -> point
        self._key_of: dict[int, tuple[int, Group, str]] = {}  # point id -> (framework, group, key)
        self._names: dict[int, str] = {}

    def _load(self, framework_ids: Iterable[int]) -> None:
        missing = {pk for pk in framework_ids if pk not in self._points}
        if not missing:
            return
        self._names.update(self.Framework.objects.filter(pk__in=missing).values_list("pk", "name"))
        for pk in missing:
            self._points[pk] = defaultdict(dict)
        rows = self.Point.objects.filter(framework_id__in=missing).values_list(
            "pk", "framework_id", "kind", "topic_id", "key"
        )
        for pk, framework_id, kind, topic_id, key in rows.order_by("pk"):
            self._remember(pk, framework_id, (kind, topic_id), key)

    def _remember(self, pk: int, framework_id: int, group: Group, key: str) -> None:
        self._points[framework_id][group].setdefault(key, pk)
        self._key_of[pk] = (framework_id, group, key)

    def key(self, claim) -> str:
        return point_key(claim.title, claim.text, self._names.get(claim.framework_id, ""))

    def assign(self, claims: Sequence) -> list:
        """Set `point_id` on each claim; return the claims whose point changed."""
        self._load({claim.framework_id for claim in claims})
        changed, new_points = [], {}  # provisional (negative) id -> the point, written at the end
        for claim in claims:
            group: Group = (claim.kind, claim.topic_id)
            key = self.key(claim)
            # A claim keeps its point while it stays in the point's place and says the same; one an
            # editor has touched keeps it as long as it stays in place (they may have merged it).
            current = self._key_of.get(claim.point_id)
            in_place = current is not None and current[:2] == (claim.framework_id, group)
            if in_place and (getattr(claim, "edited", False) or same_point(current[2], key)):
                continue
            point_id = self._find(claim.framework_id, group, key)
            if point_id is None:
                point_id = -len(new_points) - 1
                new_points[point_id] = self.Point(
                    framework_id=claim.framework_id,
                    kind=claim.kind,
                    topic_id=claim.topic_id,
                    title=point_title(claim.title, claim.text),
                    key=key,
                )
                self._remember(point_id, claim.framework_id, group, key)
            if point_id != claim.point_id:
                claim.point_id = point_id
                changed.append(claim)
        self._create(new_points, changed)
        return changed

    def _create(self, new_points: dict, claims: list) -> None:
        """Write the new points in one query and give them, and their claims, their ids."""
        if not new_points:
            return
        self.Point.objects.bulk_create(new_points.values())
        for provisional, point in new_points.items():
            framework_id, group, key = self._key_of.pop(provisional)
            points = self._points[framework_id][group]
            if points.get(key) == provisional:
                points[key] = point.pk
            self._key_of[point.pk] = (framework_id, group, key)
        for claim in claims:
            if claim.point_id in new_points:
                claim.point_id = new_points[claim.point_id].pk

    def _find(self, framework_id: int, group: Group, key: str) -> int | None:
        points = self._points[framework_id][group]
        if not key:
            return None
        if key in points:  # the common case: no scoring at all
            return points[key]
        # RapidFuzz narrows the candidates in C; same_point() has the last word on each.
        for scorer, cutoff in (
            (fuzz.token_sort_ratio, SAME_IN_ANY_ORDER),
            (fuzz.token_set_ratio, SAME_WORDS),
        ):
            near = process.extract(key, points.keys(), scorer=scorer, score_cutoff=cutoff, limit=5)
            match = next((candidate for candidate, _score, _i in near if same_point(candidate, key)), None)
            if match is not None:
                return points[match]
        return None
