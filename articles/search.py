"""Site search: frameworks, articles and claims on one page, ranked, with the matched words marked.

On PostgreSQL, articles and claims use full-text search on their stored, GIN-indexed vectors
(articles/models.py, SearchableQuerySet): `websearch_to_tsquery`, which accepts anything a
person might type (quotes, `or`, `-word`, stray punctuation) without a syntax error, English
stemming, and weights so a title match outranks a body match. Anywhere else (SQLite in
development and tests) every word must appear somewhere in the item (`-word` must not; phrases
and `or` are not understood), and items are ranked by how often the words occur, titles first.

Frameworks are matched by substring on both databases: readers type "fast" for FastAPI and
"pynecone" for Reflex, which stemmed full-text search would miss.

Whatever the input, the query is capped, stripped of control characters (PostgreSQL refuses NUL)
and split into words before anything reaches the database, and the number of queries does not
depend on the number of results.
"""

import html
import re
from dataclasses import dataclass, field

import nh3
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, Length, Lower, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import SEARCH_CONFIG, Article, Claim
from frameworks.models import Framework, FrameworkAlias

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
FRAMEWORK_LIMIT = 10
ARTICLE_LIMIT = 20
CLAIM_LIMIT = 30
SNIPPET_CHARS = 220
# Counting every match of a common word costs as much as the search; past this many the page
# says "1000+" (nobody reads further than the best results and the browse link).
COUNT_LIMIT = 1000

# A word, and whether it was written `-word` (leave out), as websearch syntax means it.
WORD = re.compile(r"(?:(?<=\s)|^)(-?)([^\W_]+)|([^\W_]+)")
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
# Nor the stored vectors and texts only the importer and the framework page use.
UNSHOWN_CLAIM_FIELDS = (
    "search_vector",
    "imported_title",
    "imported_text",
    "article__search_vector",
    "framework__description",
    "framework__description_html",
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
    for minus, word, inner in WORD.findall(query.lower()):
        word = word or inner
        if (len(word) == 1 and word.isascii()) or word in STOPWORDS:
            continue
        target = excluded if minus else terms
        if word not in target:
            target.append(word)
    return terms[:MAX_TERMS], excluded[:MAX_TERMS]


def query_terms(query: str) -> list[str]:
    return parse_terms(query)[0]


def _stem(term: str) -> str:
    for suffix in SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 3:
            return term[: -len(suffix)]
    return term


def _pattern(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    parts = []
    for term in sorted({_stem(t) for t in terms}, key=len, reverse=True):
        # Word boundaries only mean something in scripts that put spaces between words.
        parts.append(rf"\b{re.escape(term)}\w*" if term.isascii() else re.escape(term))
    return re.compile("|".join(parts), re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every match of `terms` wrapped in <mark>.

    The text is split on the matches and every piece is escaped on its own, so a match can
    never cut through an entity and nothing the user typed reaches the page unescaped.
    """
    pattern = _pattern(terms)
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
    pattern = _pattern(terms)
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


def _count_up_to_limit(queryset) -> tuple[int, bool]:
    """(number of matches, capped): counts at most COUNT_LIMIT + 1 rows, then stops."""
    found = queryset.order_by().values("pk")[: COUNT_LIMIT + 1].count()
    return min(found, COUNT_LIMIT), found > COUNT_LIMIT


@dataclass
class SearchResults:
    query: str = ""
    terms: list[str] = field(default_factory=list)
    frameworks: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    framework_count: int = 0
    article_count: int = 0
    claim_count: int = 0
    # A count that stopped at COUNT_LIMIT: there are more than it says.
    articles_capped: bool = False
    claims_capped: bool = False

    @property
    def total(self) -> int:
        return self.framework_count + self.article_count + self.claim_count

    @property
    def capped(self) -> bool:
        return self.articles_capped or self.claims_capped


def _uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _full_text(queryset, query: str):
    """Match and rank on the stored, GIN-indexed vector (see SearchableQuerySet)."""
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return queryset.filter(search_vector=search_query).annotate(
        rank=SearchRank(F("search_vector"), search_query)
    )


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

    Terms are matched by their stem, so "scaling" finds "scalable" as PostgreSQL would.
    """
    terms = [_stem(term) for term in terms]
    for term in terms:
        queryset = queryset.filter(_any_field(fields, term))
    for term in excluded:
        queryset = queryset.exclude(_any_field(fields, term))
    rank = Value(0)
    for term in terms:
        for name, weight in fields:
            rank = rank + _occurrences(name, term) * WEIGHTS[weight]
    return queryset.annotate(rank=rank)


def _matching(queryset, fields, query: str, terms: list[str], excluded: list[str]):
    if _uses_full_text():
        return _full_text(queryset, query)
    return _substring(queryset, fields, terms, excluded)


def _frameworks(terms: list[str]):
    """Any term in the name, an alias or the tagline; name and alias hits rank first."""
    match, rank = Q(), Value(0)
    for term in terms:
        alias = Exists(FrameworkAlias.objects.filter(framework=OuterRef("pk"), name__icontains=term))
        match |= Q(name__icontains=term) | Q(tagline__icontains=term) | Q(alias)
        rank = (
            rank
            + Case(When(name__iexact=term, then=Value(8)), default=Value(0))
            + Case(When(name__icontains=term, then=Value(4)), default=Value(0))
            + Case(When(alias, then=Value(3)), default=Value(0))
            + Case(When(tagline__icontains=term, then=Value(1)), default=Value(0))
        )
    return (
        Framework.objects.public()
        .frameworks()
        .filter(match)
        .annotate(rank=rank)
        .order_by("-rank", "name")
        .only("name", "slug", "kind", "tagline")
    )


def search(raw_query: str) -> SearchResults:
    """Search everything public for `raw_query`; a query with no words finds nothing, quietly."""
    query = clean_query(raw_query)
    terms, excluded = parse_terms(query)
    results = SearchResults(query=query, terms=terms)
    if not terms:
        return results

    frameworks = _frameworks(terms)
    results.framework_count = frameworks.count()
    results.frameworks = list(frameworks.prefetch_related("aliases")[:FRAMEWORK_LIMIT])

    articles = _matching(
        Article.objects.published().select_related("source", "source__affiliation"),
        ARTICLE_FIELDS,
        query,
        terms,
        excluded,
    )
    results.article_count, results.articles_capped = _count_up_to_limit(articles)
    results.articles = list(
        articles.defer("original_text", "import_warnings", "body", "search_vector").order_by(
            "-rank", F("published").desc(nulls_last=True), "pk"
        )[:ARTICLE_LIMIT]
    )
    for article in results.articles:
        article.title_html = highlight(article.title, terms)
        article.snippet_html = snippet(
            f"{article.description} {html_to_text(article.body_html)}".strip(), terms
        )

    claims = _matching(Claim.objects.public(), CLAIM_FIELDS, query, terms, excluded)
    results.claim_count, results.claims_capped = _count_up_to_limit(claims)
    results.claims = list(
        claims.with_related()
        .defer(*ARTICLE_BODY_FIELDS, *UNSHOWN_CLAIM_FIELDS)
        .order_by("-rank", F("article__published").desc(nulls_last=True), "pk")[:CLAIM_LIMIT]
    )
    for claim in results.claims:
        claim.title_html = highlight(claim.title, terms)
        claim.text_html = highlight(claim.text, terms)
    for framework in results.frameworks:
        framework.name_html = highlight(framework.name, terms)
        framework.tagline_html = highlight(framework.tagline, terms)
        framework.alias_names = [alias.name for alias in framework.aliases.all()]
    return results
