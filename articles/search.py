"""Site search: frameworks, articles and claims on one page, ranked, with the matched words marked.

On PostgreSQL, articles and claims use full-text search on their stored, indexed vectors
(articles/models.py, SearchableQuerySet): `websearch_to_tsquery`, which accepts anything a
person might type (quotes, `or`, `-word`, stray punctuation) without a syntax error, English
stemming, and weights so a title match outranks a body match. Where the vectors have RUM
indexes (migration 0018), the best matches are read from the index in order; with GIN indexes
every match is ranked. Anywhere else (SQLite in development and tests) every word must appear
somewhere in the item (`-word` must not; phrases and `or` are not understood), and items are
ranked by how often the words occur, titles first.

Chinese, Japanese and Korean words are found by their character pairs on both databases
(search_words.py): the vectors hold the pairs of every run of those scripts, which the full-text
parser would keep as one word.

Frameworks are matched by substring, case aside, in Python against every public framework
(remembered until the content changes): readers type "fast" for FastAPI and "pynecone" for
Reflex, which stemmed full-text search would miss. They are also matched by what they are and
have: a query naming a concept (search_words.toml: "async", "asíncrono", "admin panel",
"仪表板") finds the frameworks whose facts, kind or interface say so, first, with the reason,
ordered by how many independent sources write about them. A search that finds no article and
no claim suggests a correction (suggestions.py).

Whatever the input, the query is capped, stripped of control characters (PostgreSQL refuses NUL)
and split into words before anything reaches the database, and the number of queries does not
depend on the number of results. What is shown of each article and claim found is remembered
until the content changes, so a search reads only the best matches' ids.
"""

import copy
import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from operator import and_

import nh3
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Func, Q, Value
from django.db.models.functions import Coalesce, Length, Lower, Replace
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles import suggestions
from articles.models import CJK_CONFIG, SEARCH_CONFIG, Article, Claim
from articles.search_words import (
    CJK_RUN,
    ConceptMatch,
    concepts_in,
    fold,
    is_cjk,
    named,
    pairs,
    split_scripts,
)
from articles.templatetags import provenance
from frameworks import consensus
from frameworks.consensus import NO_COUNTS, TopicInfo
from frameworks.models import CAPABILITIES, Framework, FrameworkAlias
from guide.caching import for_this_content, rows_for_this_content

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
FRAMEWORK_LIMIT = 10
# After the best, this many more frameworks by name alone: "async" describes a few dozen.
MORE_FRAMEWORKS = 40
ARTICLE_LIMIT = 10
CLAIM_LIMIT = 10
SNIPPET_CHARS = 220
# Counting every match of a common word costs more than finding the best ones; past this many
# the page says "100+" (nobody reads further than the best results and the browse link). At
# scale 1, counting up to 1,000 claims of "throughput" took 10 ms, up to 100 2 ms.
COUNT_LIMIT = 100

# A word, and whether it was written `-word` (leave out), as websearch syntax means it.
WORD = re.compile(r"(?:(?<=\s)|^)(-?)([^\W_]+)|([^\W_]+)")
# A `-word` whole, taken out before the query is read for what it asks for (concepts, topics).
EXCLUDED = re.compile(r"(?:(?<=\s)|^)-[^\W_]\S*")
# Connecting words match nearly everything by substring; "or" is websearch syntax.
STOPWORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or",
     "the", "to", "vs", "with"}
)  # fmt: skip
# Endings removed before highlighting so "scaling" also marks "scalable" and "scale", roughly
# what PostgreSQL's stemmer matched. Longest first.
SUFFIXES = (
    "ability",
    "ation",
    "ility",
    "ings",
    "able",
    "ance",
    "ence",
    "ing",
    "ers",
    "ed",
    "es",
    "er",
    "ly",
    "s",
)
WEIGHTS = {"A": 4, "B": 2, "C": 1}

# The fields each kind of result is searched on, most important first (the SQLite fallback;
# PostgreSQL's stored vectors are built from the same fields).
ARTICLE_FIELDS = [("title", "A"), ("description", "B"), ("body", "C")]
# A list of claims shows each article's title and date, never its text: leave the bodies behind.
ARTICLE_BODY_FIELDS = (
    "article__body",
    "article__body_html",
    "article__original_text",
    "article__import_warnings",
)
CLAIM_FIELDS = [("title", "A"), ("framework__name", "B"), ("topic__name", "B"), ("text", "C")]


def clean_query(raw: str) -> str:
    """The query as it is searched and shown: capped, without control characters."""
    raw = raw[:MAX_QUERY_LENGTH]
    return " ".join("".join(ch if ch.isprintable() else " " for ch in raw).split())


def parse_terms(query: str) -> tuple[list[str], list[str]]:
    """(words to find, words to leave out): distinct, lower-case, in order, capped.

    One-letter Latin words and connecting words are dropped; a word written `-word` is excluded.
    """
    terms: list[str] = []
    excluded: list[str] = []
    for minus, first, inner in WORD.findall(query.lower()):
        for word in split_scripts(first or inner):
            if (len(word) == 1 and word.isascii()) or word in STOPWORDS:
                continue
            target = excluded if minus else terms
            if word not in target:
                target.append(word)
    return terms[:MAX_TERMS], excluded[:MAX_TERMS]


def without_excluded(query: str) -> str:
    """The query without its `-word`s: what it asks for."""
    return EXCLUDED.sub(" ", query)


def query_terms(query: str) -> list[str]:
    return parse_terms(query)[0]


def _stem(term: str) -> str:
    for suffix in SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 3:
            return term[: -len(suffix)]
    return term


def _units(term: str) -> list[str]:
    """What a term is matched by: its stem, or a CJK word's character pairs."""
    return pairs(term) if is_cjk(term) else [_stem(term)]


@lru_cache(maxsize=256)  # a page marks up forty-odd texts for the same terms
def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    parts = []
    # A CJK word is marked whole where it stands whole, else by the pairs that found it.
    marked = {_stem(t) for t in terms} | {unit for t in terms if is_cjk(t) for unit in pairs(t)}
    for term in sorted(marked, key=len, reverse=True):
        # Word boundaries only mean something in scripts that put spaces between words.
        parts.append(rf"\b{re.escape(term)}\w*" if term.isascii() else re.escape(term))
    return re.compile("|".join(parts), re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every match of `terms` wrapped in <mark>.

    The text is split on the matches and every piece is escaped on its own, so a match can
    never cut through an entity and nothing the user typed reaches the page unescaped.
    """
    pattern = _pattern(tuple(terms))
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece above went through escape()


def snippet(text: str, terms: list[str], length: int = SNIPPET_CHARS) -> SafeString:
    """A highlighted excerpt of `text` around its first match (or its start)."""
    text = " ".join(text.split())
    pattern = _pattern(tuple(terms))
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - length // 3) if match else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = start + length
    excerpt = text[start:end]
    return mark_safe(("… " if start else "") + highlight(excerpt, terms) + (" …" if end < len(text) else ""))


def html_to_text(body_html: str) -> str:
    # nh3 (already the site's sanitiser) drops every tag in one pass; Django's strip_tags loops
    # an HTML parser in Python, which dominated the search page for long articles.
    return html.unescape(nh3.clean(body_html, tags=set()))


def most_relevant(matched, published: str):
    """The COUNT_LIMIT + 1 most relevant of `matched`, best first, as (pk, relevance, date).

    They are picked by relevance alone, which a RUM index returns in order, so a common word's
    thousands of matches are not all ranked and sorted. The same rows count the matches up to
    the limit, so the page asks the index once."""
    ranked = matched.annotate(rank=F("relevance")).order_by("relevance")
    return ranked.values_list("pk", "rank", published)[: COUNT_LIMIT + 1]


def _closest_then_newest(row: tuple) -> tuple:
    pk, rank, date = row
    return rank, date is None, -date.toordinal() if date else 0, pk


def _found(load, matched, published: str, limit: int) -> tuple[list, int, bool]:
    """(the `limit` most relevant of `matched`, newest first among equals, as `load(pks)`
    returns them ({pk: item}); the number of matches up to COUNT_LIMIT; whether there are more)."""
    ranked = list(most_relevant(matched, published))
    best = [pk for pk, _rank, _date in sorted(ranked[:limit], key=_closest_then_newest)]
    by_pk = load(best)  # reads what `matched` filtered: an item no longer public is left out
    return [by_pk[pk] for pk in best if pk in by_pk], min(len(ranked), COUNT_LIMIT), len(ranked) > COUNT_LIMIT


def _remembered(name: str, load):
    """`load` ({pk: item} for a list of pks), each item remembered until the content changes
    under `name` and its pk, so only the items not remembered yet are read (one query): what
    search shows of an item depends on the item alone, its highlighting on the query. Each item
    comes back a copy, for the page to mark up."""

    def remembered(pks: list[int]) -> dict:
        return {pk: copy.copy(item) for pk, item in rows_for_this_content(name, pks, load).items()}

    return remembered


# Where an item's HTML takes its title and text highlighted for the query: tags, which nothing
# escaped (every word of the content) can write.
TITLE_SLOT = mark_safe("<search-title>")
TEXT_SLOT = mark_safe("<search-text>")


@dataclass
class Shown:
    """An article or a claim as search shows it: its HTML, rendered once per content version
    with slots for its title and its text (TITLE_SLOT, TEXT_SLOT), and the words they are
    highlighted from (`words`: an article's description and body, a claim's text, as plain
    text). A query sets title_html and text_html, which `html` puts in the slots."""

    pk: int
    title: str
    words: str
    html_with_slots: str
    title_html: str = ""
    text_html: str = ""

    @property
    def html(self) -> SafeString:
        # Both are escaped (highlight()), so neither holds the other's slot.
        html = self.html_with_slots.replace(TITLE_SLOT, self.title_html)
        return mark_safe(html.replace(TEXT_SLOT, self.text_html))


def _shown_articles(pks: list[int]) -> dict[int, Shown]:
    """The articles as cards with the source named; an article with no words shows no text."""
    found = Article.objects.published().for_lists().annotate(shown_body=F("body_html")).in_bulk(pks)
    shown = {}
    for pk, article in found.items():
        words = " ".join(f"{article.description} {html_to_text(article.shown_body)}".split())
        article.title_html, article.snippet_html = TITLE_SLOT, TEXT_SLOT if words else ""
        shown[pk] = Shown(pk, article.title, words, provenance.article_card(article, show_source=True))
    return shown


def _shown_claims(pks: list[int]) -> dict[int, Shown]:
    """The claims as a list of every framework's claims shows them. Their words are their
    markdown rendered, as plain text (not its `code` and **marks**); a claim with none shows
    its markdown as it would anywhere."""
    found = Claim.objects.public().for_lists().in_bulk(pks)
    shown = {}
    for pk, claim in found.items():
        words = html_to_text(claim.text_html) if claim.text_html else claim.text
        claim.title_html, claim.text_html = TITLE_SLOT, TEXT_SLOT if words else ""
        html = provenance.claim(claim, show_framework=True, show_article=True, show_source=True)
        shown[pk] = Shown(pk, claim.title, words, html)
    return shown


@dataclass
class SearchResults:
    query: str = ""
    terms: list[str] = field(default_factory=list)
    frameworks: list = field(default_factory=list)
    more_frameworks: list[tuple[str, str]] = field(default_factory=list)  # (name, URL) after the best
    articles: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    framework_count: int = 0
    article_count: int = 0
    claim_count: int = 0
    # A count that stopped at COUNT_LIMIT: there are more than it says.
    articles_capped: bool = False
    claims_capped: bool = False
    # What the query named beyond its words: concepts (with the frameworks they found) and topics.
    concepts: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    suggestion: suggestions.Suggestion | None = None

    @property
    def total(self) -> int:
        return self.framework_count + self.article_count + self.claim_count

    @property
    def unlisted_frameworks(self) -> int:
        """Frameworks found but neither shown nor named."""
        return self.framework_count - len(self.frameworks) - len(self.more_frameworks)

    @property
    def capped(self) -> bool:
        return self.articles_capped or self.claims_capped


def _uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _cjk_query(term: str) -> SearchQuery:
    """A CJK word as the index holds it: all its pairs, or one character at either end of a pair."""
    if len(term) == 1:
        return SearchQuery(f"{term}:*", search_type="raw", config=CJK_CONFIG)  # a letter, no operators
    return reduce(and_, (SearchQuery(pair, search_type="plain", config=CJK_CONFIG) for pair in pairs(term)))


def full_text_query(query: str) -> SearchQuery | None:
    """The query for the stored vectors: websearch syntax for the words of spaced scripts, the
    pairs of each CJK word (`-word` leaves one out); None when nothing is left to search."""
    terms, excluded = parse_terms(query)
    parts = []
    if any(not is_cjk(word) for word in terms + excluded):
        parts.append(SearchQuery(CJK_RUN.sub(" ", query), search_type="websearch", config=SEARCH_CONFIG))
    parts += [_cjk_query(term) for term in terms if is_cjk(term)]
    parts += [~_cjk_query(term) for term in excluded if is_cjk(term)]
    return reduce(and_, parts) if parts else None


class Distance(Func):
    """RUM's `vector <=> query`: how far a row is from the query, smaller first, read from the index."""

    arg_joiner = " <=> "
    template = "%(expressions)s"
    output_field = FloatField()


# Whether the database's vectors have RUM indexes (migration 0018), per database: a property of
# the installation, probed once per process like the server's version, on the driver's connection.
_ranked_in_index: dict[str, bool] = {}


def ranked_in_index() -> bool:
    name = connection.settings_dict["NAME"]
    if name not in _ranked_in_index:
        connection.ensure_connection()
        found = connection.connection.execute(
            "SELECT 1 FROM pg_indexes WHERE indexname = 'articles_claim_search_rum'"
        ).fetchone()
        _ranked_in_index[name] = found is not None
    return _ranked_in_index[name]


def _full_text(queryset, query: str):
    """Match on the stored, indexed vector (see SearchableQuerySet); `relevance` orders the best
    first: RUM's distance, which the index returns in order, else PostgreSQL's rank of every match."""
    search_query = full_text_query(query)
    if search_query is None:
        return queryset.none().alias(relevance=Value(0.0))
    matched = queryset.filter(search_vector=search_query)
    if ranked_in_index():
        return matched.alias(relevance=Distance(F("search_vector"), search_query))
    return matched.alias(relevance=-SearchRank(F("search_vector"), search_query))


def _occurrences(name: str, term: str):
    text = Coalesce(name, Value(""))
    return (Length(text) - Length(Replace(Lower(text), Value(term), Value("")))) / len(term)


def _any_field(fields, term: str) -> Q:
    condition = Q()
    for name, _weight in fields:
        condition |= Q(**{f"{name}__icontains": term})
    return condition


def _substring(queryset, fields, terms: list[str], excluded: list[str]):
    """Every term somewhere in the item; rank by weighted occurrences (the SQLite fallback).

    Terms are matched by their stem, so "scaling" finds "scalable" as PostgreSQL would, and CJK
    words by their character pairs, as PostgreSQL's index holds them.
    """
    terms = [unit for term in terms for unit in _units(term)]
    for term in terms:
        queryset = queryset.filter(_any_field(fields, term))
    for term in excluded:
        queryset = queryset.exclude(reduce(and_, (_any_field(fields, unit) for unit in _units(term))))
    rank = Value(0)
    for term in terms:
        for name, weight in fields:
            rank = rank + _occurrences(name, term) * WEIGHTS[weight]
    return queryset.alias(relevance=-rank)


def _matching(queryset, fields, query: str, terms: list[str], excluded: list[str]):
    if _uses_full_text():
        return _full_text(queryset, query)
    return _substring(queryset, fields, terms, excluded)


FACT_FIELDS = [name for name, _label in CAPABILITIES]
SHOWN_FIELDS = ["name", "slug", "kind", "tagline"]  # of a framework in the results


def _searchable_frameworks() -> list[dict]:
    """Every public framework (not the resources) as search matches and shows it: what a result
    shows of it, its interface and facts (what concepts and reasons read), its other names, and
    its name, tagline and other names folded for matching. A few hundred, remembered until the
    content changes: matching them in Python costs less than asking the database each time."""
    public = Framework.objects.public().frameworks().order_by()
    frameworks = list(public.values("pk", *SHOWN_FIELDS, "interface", *FACT_FIELDS))
    aliases = defaultdict(list)
    other_names = FrameworkAlias.objects.filter(framework__in=public).values_list("framework_id", "name")
    for framework_id, alias in other_names:
        aliases[framework_id].append(alias)
    for framework in frameworks:
        framework["aliases"] = aliases[framework["pk"]]
        framework["folded"] = (
            framework["name"].casefold(),
            (framework["tagline"] or "").casefold(),
            [alias.casefold() for alias in framework["aliases"]],
        )
    return frameworks


def _framework_rows(terms: list[str], concepts: list[ConceptMatch]) -> list[dict]:
    """Every public framework a term names (in its name, an alias or its tagline: case aside) or
    a concept describes, with what matched: per term `name_<i>` (8 the exact name, 4 inside the
    name, 3 an alias) and `tagline_<i>`, per concept `concept_<j>`; and the facts the reasons
    are told by."""
    folded_terms = [term.casefold() for term in terms]
    rows = []
    for framework in for_this_content("searchable-frameworks", _searchable_frameworks):
        name, tagline, aliases = framework["folded"]
        matched, scores = False, {}
        for i, term in enumerate(folded_terms):
            in_name, in_tagline = term in name, term in tagline
            in_alias = any(term in alias for alias in aliases)
            scores[f"name_{i}"] = 8 * (name == term) + 4 * in_name + 3 * in_alias
            scores[f"tagline_{i}"] = int(in_tagline)
            matched = matched or in_name or in_tagline or in_alias
        for j, found in enumerate(concepts):
            scores[f"concept_{j}"] = int(found.concept.describes(framework))
            matched = matched or bool(scores[f"concept_{j}"])
        if matched:
            rows.append({**framework, **scores})
    return rows


def _hits(row: dict, concepts: list[ConceptMatch]) -> list[ConceptMatch]:
    return [found for j, found in enumerate(concepts) if row[f"concept_{j}"]]


def _rank(row: dict, terms: list[str], covered: list[set[int]], counts: dict) -> tuple:
    """Most query words answered first (by the name, an alias, the tagline or a concept: concept
    j answers the terms `covered[j]`); then concept matches, then name matches; then the
    frameworks more independent sources discuss (vendors' own sources second)."""
    hits = [j for j in range(len(covered)) if row[f"concept_{j}"]]
    answered = {i for i in range(len(terms)) if row[f"name_{i}"] or row[f"tagline_{i}"]}
    for j in hits:
        answered |= covered[j]
    sources = counts.get(row["pk"], NO_COUNTS).sources
    return (
        -len(answered),
        -len(hits),
        -sum(row[f"name_{i}"] for i in range(len(terms))),
        -sources.independent,
        -sources.vendor,
        -sum(row[f"tagline_{i}"] for i in range(len(terms))),
        row["name"].lower(),
    )


@dataclass(frozen=True)
class ConceptLink:
    """A concept the query named, the number of frameworks it found, and the framework list
    filtered to them ("" when no one filter of the list says the same)."""

    label: str
    count: int
    url: str


def _concept_links(rows: list[dict], concepts: list[ConceptMatch]) -> list[ConceptLink]:
    links = []
    for j, found in enumerate(concepts):
        count = sum(row[f"concept_{j}"] for row in rows)
        if count:
            query = found.concept.list_filter()
            url = f"{reverse('frameworks:list')}?{query}" if query else ""
            links.append(ConceptLink(found.concept.label, count, url))
    return links


def _frameworks(results: SearchResults, terms: list[str], concepts: list[ConceptMatch]) -> None:
    """The best FRAMEWORK_LIMIT frameworks, each with `reasons`: what it has that the query named."""
    concepts = [found for found in concepts if found.concept.about_frameworks]
    rows = _framework_rows(terms, concepts)
    results.framework_count = len(rows)
    results.concepts = _concept_links(rows, concepts)
    if not rows:
        return
    counts = consensus.remembered_counts()
    covered = [{i for i, term in enumerate(terms) if found.covers(term)} for found in concepts]
    rows.sort(key=lambda row: _rank(row, terms, covered, counts))
    results.more_frameworks = [
        (row["name"], reverse("frameworks:detail", args=[row["slug"]]))
        for row in rows[FRAMEWORK_LIMIT : FRAMEWORK_LIMIT + MORE_FRAMEWORKS]
    ]
    for row in rows[:FRAMEWORK_LIMIT]:
        # Built from the row the ranking read: what the page shows of a framework is all there.
        framework = Framework(**{name: row[name] for name in SHOWN_FIELDS}, id=row["pk"])
        framework.reasons = list(
            dict.fromkeys(reason for hit in _hits(row, concepts) for reason in hit.concept.reasons(row))
        )
        framework.name_html = highlight(framework.name, terms)
        framework.tagline_html = highlight(framework.tagline, terms)
        framework.alias_names = row["aliases"]
        results.frameworks.append(framework)


def _topics(query: str, concepts: list[ConceptMatch]) -> list[TopicInfo]:
    """The topics the query names: by a concept of the vocabulary, or by the topic's own name."""
    by_slug = {topic.slug: topic for topic in consensus.topics().values()}
    slugs = [slug for found in concepts for slug in found.concept.topics if slug in by_slug]
    folded = fold(query)
    slugs += [slug for slug, topic in by_slug.items() if named(topic.name, folded)]
    return [by_slug[slug] for slug in dict.fromkeys(slugs)]


def search(raw_query: str) -> SearchResults:
    """Search everything public for `raw_query`; a query with no words finds nothing, quietly."""
    query = clean_query(raw_query)
    terms, excluded = parse_terms(query)
    results = SearchResults(query=query, terms=terms)
    if not terms:
        return results

    asked = without_excluded(query)
    concepts = concepts_in(asked)
    _frameworks(results, terms, concepts)
    results.topics = _topics(asked, concepts)

    results.articles, results.article_count, results.articles_capped = _found(
        _remembered("search-shown-article", _shown_articles),
        _matching(Article.objects.published(), ARTICLE_FIELDS, query, terms, excluded),
        "published",
        ARTICLE_LIMIT,
    )
    for article in results.articles:
        article.title_html = highlight(article.title, terms)
        article.text_html = snippet(article.words, terms)

    results.claims, results.claim_count, results.claims_capped = _found(
        # Claims turn stale by the day.
        _remembered(f"search-shown-claim:{timezone.localdate()}", _shown_claims),
        _matching(Claim.objects.public(), CLAIM_FIELDS, query, terms, excluded),
        "article__published",
        CLAIM_LIMIT,
    )
    for claim in results.claims:
        claim.title_html = highlight(claim.title, terms)
        claim.text_html = highlight(claim.words, terms)
    if not results.article_count and not results.claim_count:
        results.suggestion = suggestions.suggest(query, terms)
    return results
