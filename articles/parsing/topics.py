"""Topics: what a claim is about, from the headings above it, its title and its text.

The evidence, strongest first:
1. A heading above the claim that names a topic ("## Performance", "### Rendimiento",
   "## 4. Learning curve & documentation", "## Performance — who wins?", "## Round 3:
   Deployment", "### Async support"): topic-first articles say the topic once, in the heading,
   and never again in the bullets under it.
2. The topic's words in the claim's title (which counts three times, and most when it is only the
   topic's name: "**Sicurezza**: ...") and in its text; a label heading that names a topic
   ("Advantages of the Django ORM") counts as a word of the title, a heading made only of a
   topic's words ("Migrations") or a question about one ("How fast is it?") as a word of the text.

A summary (a verdict, "Best for", a conclusion) gets a topic from a heading only: "Teams building
secure web apps" says who a framework is for, not that it is secure.

The words are data: the topic's own name and keywords (editable in the admin) and, in every
language the importer reads, `topics.toml`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from articles.parsing.model import Kind, TopicRule
from articles.parsing.text import name_key
from articles.parsing.topic_words import (
    DATA,
    LABEL_WORDS,
    PARTICLES,
    SPACELESS,
    TOKEN,
    Match,
    Vocabulary,
    connectors,
    edges,
    fold,
    hangul,
    without_filler,
)

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.):]?|[ivx]+[.)]|[a-z][.)])\s+")
TITLE_WEIGHT = 3
SUBHEADING_WEIGHT = 1  # a heading naming the point a claim's bullet makes: a word of its text
WEAK = 0.5
WORDS_HINT = 1  # a heading of a topic's words, not its name: worth one word of the claim
NAME_WEIGHT = 4  # a title that is only the topic's name ("Performance") outweighs a stray word
CONCEDED = 0.5  # a word in the concession a claim opens with ("Though it is flexible, ...")
INVENTORY = 3  # a list of this many built-in parts is about what comes built in
# Where a heading says more than its topic: "Performance — who wins?", "Round 1: Performance"
_PREFIXES = "|".join(map(re.escape, sorted(map(fold, DATA["heading"]["prefixes"]), key=len, reverse=True)))
_PREFIX = re.compile(rf"(?:(?:{_PREFIXES})\s*)?(?:\d+|[ivx]+)?[.)]?")
_SEGMENTS = re.compile(r"\s*(?:[:()\[\]—–]|\s-\s)\s*")
_URL = re.compile(r"(?:https?://|www\.)\S+")  # an address says nothing: "https" is not about security
_OPENERS = sorted(map(fold, DATA["concession"]["openers"]), key=len, reverse=True)
_CONCESSION = re.compile(
    r"^\W*(?:"
    + "|".join(re.escape(w) if SPACELESS.match(w) else rf"{re.escape(w)}(?!\w)" for w in _OPENERS)
    + r")[^,，;.!?。]{1,160}?[,，;]"
)


def _conceded(text: str) -> int:
    """Where the concession a (folded) text opens with ends, 0 without one: "Though Sanic is
    flexible, it takes long to set up" is about setting up."""
    found = _CONCESSION.match(text)
    return found.end() if found else 0


class TopicClassifier:
    def __init__(self, topics: list[TopicRule], names: Iterable[str] = ()):
        """`names`: the name keys of known frameworks, which are never a topic's words."""
        self.names = frozenset(names)
        self.by_name: dict[str, str] = {}  # a folded name (or slug) -> its topic's slug
        owners: dict[str, dict[str, float]] = {}  # a folded keyword -> the topics it speaks of
        for topic in topics:
            extra = DATA["topic"].get(topic.slug, {})
            names = {fold(topic.name), fold(topic.slug.replace("-", " ")), *map(fold, extra.get("names", []))}
            names = {" ".join(name.split()) for name in names if name.strip()}
            for name in names:
                self.by_name.setdefault(name, topic.slug)
            # Weak last: a word the vocabulary calls weak stays weak when the admin lists it too,
            # and so does any form of a weak stem ("fácil*" makes the admin's "fácil" weak too).
            strong = [*topic.keywords, *extra.get("words", []), *names]
            weak = [" ".join(fold(word).split()) for word in extra.get("weak", [])]
            stems = tuple(word[:-1] for word in weak if word.endswith("*") and " " not in word)
            for word in strong:
                word = " ".join(fold(word).split())
                if word:
                    owners.setdefault(word, {})[topic.slug] = WEAK if _weakened(word, stems, names) else 1.0
            for word in weak:
                if word:
                    owners.setdefault(word, {})[topic.slug] = WEAK
        for word in DATA["neutral"]["words"]:
            owners.setdefault(" ".join(fold(word).split()), {})
        modifiers = frozenset(" ".join(fold(w).split()) for w in DATA["modifiers"]["words"])
        self._vocabulary = Vocabulary(owners, modifiers)
        self._connectors = connectors()
        self.heading_topics = functools.lru_cache(maxsize=4096)(self._heading_topics)
        self._slugs = frozenset(topic.slug for topic in topics)
        self._parts = frozenset(DATA["inventory"]["parts"])

    @property
    def keys(self) -> set[str]:
        """Every name a topic goes by: a heading that is one of them is not a framework's name."""
        return set(self.by_name)

    def topic_for_heading(self, heading: str) -> str | None:
        topics, outright, _ = self.heading_topics(heading)
        return topics[0] if topics and outright else None

    def _heading_topics(self, heading: str) -> tuple[tuple[str, ...], bool, bool]:
        """The topics a heading names, when naming them is all it does ("Performance", "3.
        Rendimiento", "Learning curve & documentation", "Django's performance", "Async support"),
        and whether it names them outright: a label with a topic ("Advantages of the Django ORM")
        only says what most claims under it are about; and whether it only uses a topic's words
        ("Migrations", "Caching"), a weaker hint still. A tagline that uses a topic's words ("High
        performance, easy to learn") names none.

        A heading may say more than the topic around it: a comment after a colon, a dash or in
        brackets ("Performance — who wins?", "Speed (requests per second)"), or a label before it
        that speaks of no topic ("Round 1: Performance"). The topic first, or the only part that
        names one, decides."""
        text = fold(heading)
        found = self._named(text)
        if found[0] and not found[2]:
            return found
        segments = [part for part in _SEGMENTS.split(text) if part.strip()]
        for part in segments if len(segments) > 1 else ():
            named = self._named(part)
            if named[0]:
                # a name in one part beats the words of the whole ("Speed (requests per second)")
                return named if not found[0] or (found[2] and not named[2]) else found
            if not _PREFIX.fullmatch(part.strip()):  # a framework's tagline names no topic
                break
        if found[0]:
            return found
        return self._asked(text) if text.rstrip().endswith("?") else ((), False, False)

    def _asked(self, text: str) -> tuple[tuple[str, ...], bool, bool]:
        """A question that asks about one topic ("How fast is it?", "¿Es seguro?", "What about
        async?"): a hint, as a heading of the topic's words is."""
        topics = set()
        for match in self._vocabulary.find(text, self.names):
            if any(strength < 1 for _, strength in match.topics):
                continue
            topics.update(slug for slug, _ in match.topics)
        return ((topics.pop(),), False, True) if len(topics) == 1 else ((), False, False)

    def _named(self, text: str) -> tuple[tuple[str, ...], bool, bool]:
        text = _NUMBERING.sub("", text)
        text = _NUMBERING.sub("", re.sub(r"[^\w\s,&/+|'-]", " ", text).strip())
        found: list[str] = []
        outright, by_words = True, False
        # A heading with a framework's name in it names a topic only by the topic's name
        # ("Django's performance"): its other words are a tagline ("Flask: minimal and flexible").
        text = " ".join(map(self._without_particle, text.split()))
        keywords = not any(self._framework(w) for w in text.split())
        for part in self._connectors.split(text):
            words = [w for w in map(without_filler, part.split()) if w and not self._framework(w)]
            topic = [w for w in words if w not in LABEL_WORDS]
            if not topic:
                continue
            slug = (
                self.by_name.get(" ".join(part.split()))
                or self.by_name.get(edges(part))  # "Manejo de bases de datos"
                or self.by_name.get(" ".join(topic))
            )
            if slug is None and keywords:
                # Words of the topic, not its name: what most claims under it are about.
                slug = self._only_keyword(" ".join(part.split())) or self._only_keyword(" ".join(topic))
                outright, by_words = False, slug is not None
            if slug is None:
                return (), False, False
            outright = outright and len(topic) == len(words)
            found.append(slug)
        return tuple(dict.fromkeys(found)), outright, by_words

    def _without_particle(self, word: str) -> str:
        """A Korean word without the particle joined to it, when what is left is a topic's or
        a framework's name: "성능과" is "성능 및" (and). After a Latin word a particle stands apart
        ("Django의" is read "django 의") and is filler."""
        if len(word) < 2 or word[-1] not in PARTICLES or not hangul(word[-2]):
            return word
        stem = word[:-1]
        if stem not in self.by_name and not self._framework(stem):
            return word
        return f"{stem} 및" if word[-1] in "과와" else stem

    def _only_keyword(self, text: str) -> str | None:
        """The topic of a heading that is nothing but one topic's words ("Migrations", "Caching",
        "WebSockets", "Asynchronous", "Template engines"): words of no other topic, none of them
        weak or only describing ("Lightweight", "Fast" name nothing)."""
        matches = self._vocabulary.find(text, self.names)
        spans = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        if not matches or not spans:
            return None
        if any(not any(m.start <= start and end <= m.end for m in matches) for start, end in spans):
            return None
        topics = set()
        for match in matches:
            if match.modifies or not match.topics or any(strength < 1 for _, strength in match.topics):
                return None
            topics.update(slug for slug, _ in match.topics)
        return topics.pop() if len(topics) == 1 else None

    def _framework(self, word: str) -> bool:
        return name_key(word.removesuffix("'s")) in self.names

    def classify(
        self,
        title: str,
        text: str,
        headings: tuple[str, ...] = (),
        kind: Kind | None = None,
        subheadings: tuple[str, ...] = (),
    ) -> str | None:
        """`headings`: every heading above the claim, outermost first; `subheadings`: those of
        them under its label, which name the point its bullets make ("### Pros" > "#### Type
        safety" > "- Wrong data is refused")."""
        hint, hint_weight = None, TITLE_WEIGHT
        for heading in reversed(headings):  # the nearest heading that names a topic decides
            named, outright, by_words = self.heading_topics(heading)
            if named and outright:
                return named[0] if len(named) == 1 else self._best(title, text, named) or named[0]
            if named and by_words:  # only a topic's words: a section further out may name one
                hint, hint_weight = hint or named[0], hint_weight if hint else WORDS_HINT
            elif named:
                hint, hint_weight = named[0], TITLE_WEIGHT
                break
        if kind == Kind.SUMMARY:
            return None
        if hint is None and not self.heading_topics(title)[1] and (listed := self._inventory(title, text)):
            return listed
        return self._best(title, text, context=subheadings, hint=hint, hint_weight=hint_weight)

    def scores(self, title: str, text: str, context: tuple[str, ...] = ()) -> dict[str, float]:
        """Each topic's evidence in a claim: its words in the headings that name its point and in
        its title (three times each) and in its text, in the order the claim first speaks of them."""
        scores: dict[str, float] = {}
        named, _, by_words = self.heading_topics(title) if len(title) <= 80 else ((), False, False)
        named = () if by_words else named
        if named:  # "Performance", "Documentation and community support"
            scores[named[0]] = NAME_WEIGHT * TITLE_WEIGHT
        parts = [(TITLE_WEIGHT, title), (1, text if text != title else "")]
        for index, (weight, part) in enumerate((*parts, *((SUBHEADING_WEIGHT, h) for h in context))):
            folded = _URL.sub(" ", fold(part))
            conceded = _conceded(folded) if index == 1 else 0
            for match in _described(folded, self._vocabulary.find(folded, self.names)):
                said = weight * (CONCEDED if match.start < conceded else 1)
                for slug, strength in match.topics:
                    scores[slug] = scores.get(slug, 0) + said * strength
        return scores

    def _inventory(self, title: str, text: str) -> str | None:
        """The topic of a claim that lists what a framework comes with ("ORM, admin panel, forms,
        auth, migrations", "Autenticación, mensajes, caché, permisos, panel de administración"):
        how much is built in, not any one of the parts. Two parts are still a claim about the
        first ("Built-in ORM and admin panel")."""
        topic = DATA["inventory"]["topic"]
        if topic not in self._slugs:
            return None
        # a title that speaks of another topic says what the list is for ("Curva de aprendizaje": ...)
        said = {slug for slug, score in self.scores(title, "").items() if score >= TITLE_WEIGHT}
        if said - self._parts - {topic}:
            return None
        for part in (text, title):
            listed = []
            for item in self._connectors.split(fold(part)):
                found = {
                    slug
                    for match in self._vocabulary.find(item, self.names)
                    for slug, strength in match.topics
                    if strength >= 1 and slug in self._parts
                }
                listed += [found] if found else []
            if len(listed) >= INVENTORY and len(set().union(*listed)) >= 2:
                return topic
        return None

    def _best(
        self,
        title: str,
        text: str,
        among: tuple[str, ...] = (),
        context: tuple[str, ...] = (),
        hint: str | None = None,
        hint_weight: float = TITLE_WEIGHT,
    ) -> str | None:
        """The topic with most evidence; between equals, the one the claim speaks of first (a
        claim leads with what it is about: "Built-in ORM and admin panel"). `hint`: the topic a
        label heading above names, worth a word in the title, after the claim's own words."""
        scores = self.scores(title, text, context)
        if hint:
            scores[hint] = scores.get(hint, 0) + hint_weight
        if among:
            scores = {slug: score for slug, score in scores.items() if slug in among}
        order = {slug: index for index, slug in enumerate(scores)}
        return max(scores, key=lambda slug: (scores[slug], -order[slug]), default=None)


def _described(text: str, matches: list[Match]) -> list[Match]:
    """The matches that speak of their topic: a word like "free" or "fast" right next to another
    topic's word only describes it ("Free admin panel" is about the admin, "fast learning curve"
    about learning, "mise en place rapide" about setting up)."""

    def describes(match: Match, other: Match) -> bool:
        between = text[min(match.end, other.end) : max(match.start, other.start)]
        return not other.modifies and other.topics not in ((), match.topics) and not between.strip(" -")

    def kept(index: int) -> bool:
        neighbours = [matches[i] for i in (index - 1, index + 1) if 0 <= i < len(matches)]
        return not (matches[index].modifies and any(describes(matches[index], n) for n in neighbours))

    return [match for index, match in enumerate(matches) if kept(index)]


def _weakened(word: str, stems: tuple[str, ...], names: set[str]) -> bool:
    """A single word (not a topic's name) that a weak stem of its topic matches."""
    return bool(stems) and " " not in word and word not in names and word.rstrip("*").startswith(stems)


@functools.lru_cache(maxsize=8)
def classifier_for(topics: tuple[TopicRule, ...], names: frozenset[str]) -> TopicClassifier:
    """One classifier per catalogue: reading the vocabulary takes longer than reading an article."""
    return TopicClassifier(list(topics), names)
