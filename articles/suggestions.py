"""“Did you mean …?” for a search that found no article and no claim: each word of the query the
site does not know, replaced by the closest word it does.

The words it knows: the names and aliases of public frameworks, topic names, the search
vocabulary (search_words.toml) and the commonest words of public claim titles, read once per
content change. Closest means trigram similarity on PostgreSQL (pg_trgm's similarity(), enabled by
migration 0014), difflib's ratio elsewhere (and on PostgreSQL for the near misses trigrams score
low: two letters swapped in a short word); ties go to the commoner word. A suggestion is
remembered per content version and query, so asking again costs no query.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Claim
from articles.search_words import CONCEPTS, is_cjk
from frameworks.models import Framework, FrameworkAlias, Topic
from guide.caching import for_this_content

# Claim-title words kept, commonest first: enough for every word a topic or a framework is
# discussed with, few enough that the list costs little to remember and to compare with.
TITLE_WORDS = 5000
MIN_LENGTH = 3
SIMILARITY = 0.3  # pg_trgm's own default threshold for "similar"
# Two letters swapped cost a short word most of its trigrams ("djnago" and "django" share 3 of
# 11, 0.27), so the closest few above a lower floor are candidates too, taken when difflib's ratio
# says they differ by a letter or two.
FLOOR = 0.2
CANDIDATES = 5
RATIO = 0.75  # difflib's ratio: about as forgiving as SIMILARITY on the words people mistype
LETTERS = re.compile(r"[^\W\d_]+")

CLOSEST_SQL = """
    SELECT typed.term, best.word, best.score
    FROM unnest(%s::text[]) AS typed(term)
    CROSS JOIN LATERAL (
        SELECT known.word, similarity(known.word, typed.term) AS score
        FROM unnest(%s::text[]) WITH ORDINALITY AS known(word, position)
        WHERE similarity(known.word, typed.term) >= %s
        ORDER BY score DESC, known.position
        LIMIT %s
    ) AS best
"""


def _words(text: str) -> list[str]:
    return [word for word in LETTERS.findall(text.lower()) if len(word) >= MIN_LENGTH and not is_cjk(word)]


def _build_vocabulary() -> tuple[str, ...]:
    frameworks = Framework.objects.public().frameworks()
    names = (
        frameworks.order_by()
        .values_list("name", flat=True)
        .union(
            FrameworkAlias.objects.filter(framework__in=frameworks).order_by().values_list("name", flat=True),
            Topic.objects.order_by().values_list("name", flat=True),
            all=True,
        )
    )
    known = dict.fromkeys(word for name in sorted(names) for word in _words(name))
    phrases = [phrase for concept in CONCEPTS for phrase in concept.words]
    known.update(dict.fromkeys(word for phrase in phrases for word in _words(phrase)))
    titles = Counter()
    rows = Claim.objects.public().about_frameworks().values_list("title").annotate(n=Count("pk")).order_by()
    for title, n in rows:
        for word in _words(title):
            titles[word] += n
    known.update(dict.fromkeys(word for word, _n in titles.most_common(TITLE_WORDS)))
    return tuple(known)


def vocabulary() -> tuple[str, ...]:
    """Every word suggestions are drawn from: names and the vocabulary first, then title words
    by how often they occur. Remembered until the content changes."""
    return for_this_content("search-vocabulary", _build_vocabulary)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _closest_by_trigrams(terms: list[str], words: tuple[str, ...]) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(CLOSEST_SQL, [terms, list(words), FLOOR, CANDIDATES])
        rows = cursor.fetchall()
    candidates: dict[str, list[tuple[str, float]]] = {}
    for term, word, score in rows:  # best first
        candidates.setdefault(term, []).append((word, score))
    closest = {}
    for term, found in candidates.items():
        word, score = found[0]
        if score >= SIMILARITY:
            closest[term] = word
            continue
        near = [(ratio, word) for word, _score in found if (ratio := _ratio(term, word)) >= RATIO]
        if near:
            closest[term] = max(near, key=lambda pair: pair[0])[1]
    return closest


def _closest_by_ratio(terms: list[str], words: tuple[str, ...]) -> dict[str, str]:
    closest = {}
    for term in terms:
        found = difflib.get_close_matches(term, words, n=1, cutoff=RATIO)
        if found:
            closest[term] = found[0]
    return closest


def correctable(term: str) -> bool:
    """A word of letters in a spaced script, long enough to have been mistyped recognisably."""
    return len(term) >= MIN_LENGTH and LETTERS.fullmatch(term) is not None and not is_cjk(term)


def corrections(terms: list[str]) -> dict[str, str]:
    """{typed word: known word} for the words of `terms` the site does not know."""
    terms = [term for term in terms if correctable(term)]
    if not terms:
        return {}
    words = vocabulary()
    known = set(words)
    unknown = [term for term in terms if term not in known]
    if not unknown:
        return {}
    if connection.vendor == "postgresql":
        return _closest_by_trigrams(unknown, words)
    return _closest_by_ratio(unknown, words)


@dataclass(frozen=True)
class Suggestion:
    query: str
    html: SafeString  # the query with the corrected words in <strong>


def suggest(query: str, terms: list[str]) -> Suggestion | None:
    """The query with its unknown words corrected, or None when there is nothing to correct."""
    terms = [term for term in terms if correctable(term)]
    if not terms:
        return None  # nothing that could be a typo: no need to read the vocabulary
    digest = hashlib.sha256("\n".join(terms).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    found = for_this_content(f"search-suggestion:{digest}", lambda: corrections(terms))
    if not found:
        return None
    text, html, last = [], [], 0
    for word in LETTERS.finditer(query):
        better = found.get(word.group().lower())
        if better is None:
            continue
        text += [query[last : word.start()], better]
        html += [escape(query[last : word.start()]), f"<strong>{escape(better)}</strong>"]
        last = word.end()
    text.append(query[last:])
    html.append(escape(query[last:]))
    return Suggestion("".join(text), mark_safe("".join(html)))  # every piece went through escape()
