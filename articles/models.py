from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models
from django.db.models import Exists, F, Func, OuterRef, Q, Subquery, TextField
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from articles.parsing import stable_slug
from articles.points import PointIndex
from frameworks import freshness
from frameworks.models import Framework, FrameworkKind, Topic
from guide.links import slug_url
from guide.markdown import render_inline, render_markdown


def language_name(code: str) -> str:
    """ "es" -> "Spanish", from Django's own table of languages; the code when it is not there."""
    from django.conf.locale import LANG_INFO

    return LANG_INFO.get(code, {}).get("name", code) if code else ""


# The article page shows at most this much of a body (cut between blocks): what one page costs
# must not depend on what one article holds. Real articles are a tenth of it.
BODY_SHOWN_CHARS = 100_000

# Full-text search on PostgreSQL reads stored, indexed vectors (articles/search.py); most
# articles are English, and other languages still match word for word. The parser keeps a run
# of Chinese, Japanese or Korean as one word, so each field's runs also go in as character pairs
# (search_cjk_bigrams(), migration 0015), unstemmed.
SEARCH_CONFIG = "english"
CJK_CONFIG = "simple"


class CJKBigrams(Func):
    """search_cjk_bigrams(text): the character pairs of the text's CJK runs, space-separated."""

    function = "search_cjk_bigrams"
    output_field = TextField()


def _vector(*weighted) -> SearchVector:
    """The fields' words, then their CJK pairs: the order the triggers concatenate them in."""
    parts = [SearchVector(field, weight=weight, config=SEARCH_CONFIG) for field, weight in weighted]
    parts += [SearchVector(CJKBigrams(field), weight=weight, config=CJK_CONFIG) for field, weight in weighted]
    vector = parts[0]
    for part in parts[1:]:
        vector = vector + part
    return vector


class SearchableQuerySet(models.QuerySet):
    """Subclasses define `search_vector()`: the (expression, weight) pairs their vector is built from."""

    def refresh_search_vectors(self) -> int:
        """Recompute the stored search vectors (PostgreSQL; elsewhere search reads the text).

        Writing a row computes its vector (triggers, migrations 0007 and 0015); this is for what a
        row's own columns do not show: a claim's framework or topic renamed."""
        if connection.vendor != "postgresql":
            return 0
        return self.update(search_vector=_vector(*self.search_vector()))


def vendor_label(affiliation: str, source_kind: str) -> str:
    """How the site names a vendor source: "Reflex's own blog" (its badge: "From Reflex's own blog")."""
    return f"{affiliation}'s own {'documentation' if source_kind == SourceKind.DOCS else 'blog'}"


class SourceKind(models.TextChoices):
    COMPANY_BLOG = "company_blog", "Company blog"
    INDEPENDENT_BLOG = "independent_blog", "Independent blog"
    CONSULTANCY = "consultancy", "Consultancy"
    DOCS = "docs", "Documentation site"
    PUBLICATION = "publication", "Publication"
    COMMUNITY = "community", "Community site"
    UNKNOWN = "unknown", "Unknown"


class SourceQuerySet(models.QuerySet):
    def affiliated(self):
        return self.filter(affiliation__isnull=False)

    def with_related(self):
        return self.select_related("affiliation")


class Source(models.Model):
    name = models.CharField(max_length=120, unique=True, help_text="Who publishes, e.g. Reflex blog.")
    slug = models.SlugField(max_length=120, unique=True)
    homepage = models.URLField(blank=True, help_text="The publisher's home page.")
    kind = models.CharField(
        max_length=20,
        choices=SourceKind.choices,
        default=SourceKind.UNKNOWN,
        help_text="What sort of publisher this is.",
    )
    affiliation = models.ForeignKey(
        Framework,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="affiliated_sources",
        help_text="The framework this source belongs to (e.g. a vendor's own blog). "
        "Drives the vendor badge and bias disclosure.",
    )
    description = models.TextField(blank=True, help_text="Who they are, in a sentence or two.")
    hold_for_review = models.BooleanField(
        default=False,
        help_text="Hold this source's claims for review: readers see only the ones an editor has "
        "verified (e.g. a new or doubtful publisher).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("change_affiliation", "Can change a source's affiliation")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = stable_slug(self.name, "source", 120)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("articles:source", self.slug)

    @property
    def vendor_label(self) -> str:
        """ "Reflex's own blog" for an affiliated source, "" for an independent one."""
        return vendor_label(self.affiliation.name, self.kind) if self.affiliation_id else ""


class ImportStatus(models.TextChoices):
    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    UNCHANGED = "unchanged", "Unchanged"
    MANUAL = "manual", "Written in the admin"


# What an article in a list reads of itself and of its source (ArticleQuerySet.for_lists).
LISTED_ARTICLE_FIELDS = (
    "title", "slug", "published", "authors", "description", "language",
    "source__name", "source__slug", "source__affiliation__name",
)  # fmt: skip


class ArticleQuerySet(SearchableQuerySet):
    @staticmethod
    def search_vector():
        return (("title", "A"), ("description", "B"), ("body", "C"))

    def published(self):
        return self.filter(draft=False)

    def with_related(self):
        return self.select_related("source", "source__affiliation")

    def without_text(self):
        """For lists of articles, which show titles, sources and dates, never the text."""
        return self.defer("body", "body_html", "original_text", "import_warnings", "search_vector")

    def for_lists(self):
        """with_related(), reading only what an article in a list shows (articles/jinja2/articles/
        article_card.html): a few of the dozens of columns it and its source's framework have."""
        return self.with_related().only(*LISTED_ARTICLE_FIELDS)


class Article(models.Model):
    title = models.CharField(max_length=300, help_text="The article's own title.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in public URLs.")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="articles", help_text="Who published it."
    )
    authors = models.JSONField(default=list, blank=True, help_text="A list of author names.")
    published = models.DateField(null=True, blank=True, db_index=True, help_text="Publication date.")
    canonical_url = models.URLField(max_length=500, blank=True, help_text="Where it was published.")
    description = models.TextField(blank=True, help_text="One or two sentences.")
    tags = models.JSONField(default=list, blank=True, help_text="A list of tags.")
    body = MarkdownxField(blank=True, help_text="The article body in markdown, cleaned on import.")
    body_html = models.TextField(blank=True, editable=False)
    draft = models.BooleanField(default=False, help_text="Drafts are not shown to readers.")
    language = models.CharField(
        max_length=12,
        blank=True,
        help_text="ISO 639-1 code of the language it is written in (en, es, zh...): from its front "
        "matter, or detected on import.",
    )
    edited = models.BooleanField(
        default=False,
        help_text="Changed by an editor: a re-import keeps the editor's title, body and metadata.",
    )
    original_text = models.TextField(blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    source_path = models.CharField(max_length=500, blank=True, editable=False)
    import_status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.MANUAL, editable=False
    )
    import_warnings = models.JSONField(default=list, blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "version",
            "body_html",
            "original_text",
            "updated_at",
            "import_warnings",
            "search_vector",
        ]
    )

    class Meta:
        ordering = ["-published", "title"]
        indexes = [
            models.Index(fields=["source", "-published"]),
            # The importer finds the article a file is by its text, its path or its URL. Plain
            # indexes: db_index on a CharField adds a second, LIKE-only one on PostgreSQL.
            models.Index(fields=["content_hash"]),
            models.Index(fields=["source_path"]),
            models.Index(fields=["canonical_url"]),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body, max_chars=BODY_SHOWN_CHARS)
        super().save(*args, **kwargs)  # PostgreSQL computes search_vector (migrations 0007, 0015)

    def get_absolute_url(self) -> str:
        return slug_url("articles:detail", self.slug)

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def body_is_cut(self) -> bool:
        """Whether the page shows only the start of a very long body (BODY_SHOWN_CHARS)."""
        return len(self.body) > BODY_SHOWN_CHARS


class ClaimKind(models.TextChoices):
    PRO = "pro", "Pro"
    CON = "con", "Con"
    FEATURE = "feature", "Feature"
    SUMMARY = "summary", "Summary"


class ClaimStatus(models.TextChoices):
    IMPORTED = "imported", "Imported, awaiting review"
    VERIFIED = "verified", "Verified by an editor"
    REJECTED = "rejected", "Rejected"


def vendor_q(prefix: str = "") -> Q:
    """Vendor claims: every claim from a source affiliated with a framework (a vendor's own
    blog), whatever framework it is about and whichever way it points."""
    return Q(**{f"{prefix}article__source__affiliation__isnull": False})


def public_q(prefix: str = "", *, unreviewed_frameworks: bool = False) -> Q:
    """What readers may see: not rejected, not withdrawn, not from a draft, verified if its
    source holds its claims for review, and about a framework an editor has accepted.

    `unreviewed_frameworks` keeps claims about frameworks an import created and nobody has
    accepted yet: for the open-data API, and for a page that already checked its framework.
    A Q (not only a queryset method) so aggregates across a relation can filter on it in one
    query."""
    status = f"{prefix}status"
    q = (
        ~Q(**{status: ClaimStatus.REJECTED})
        & Q(**{f"{prefix}withdrawn": False, f"{prefix}article__draft": False})
        & (Q(**{f"{prefix}article__source__hold_for_review": False}) | Q(**{status: ClaimStatus.VERIFIED}))
    )
    if not unreviewed_frameworks:
        q &= Q(**{f"{prefix}framework__needs_review": False})
    return q


def review_changes(status: str) -> dict:
    """The fields an editor's review sets: the status, and when it was verified (if it is)."""
    return {"status": status, "verified_at": timezone.now() if status == ClaimStatus.VERIFIED else None}


class FreshClaimIterable(models.query.ModelIterable):
    """Claims loaded with_freshness(): each is given its stale_reason as the list is read."""

    def __iter__(self):
        claims = list(super().__iter__())
        if claims:
            releases, today = freshness.major_releases(), timezone.localdate()
            for claim in claims:
                claim.stale_reason = freshness.reason(
                    releases.get(claim.framework_id, ()), claim.article_published, today
                )
        yield from claims


# What a claim in a list reads of itself and of its related rows (ClaimQuerySet.for_lists).
LISTED_CLAIM_FIELDS = (
    "kind", "title", "text", "text_html", "line", "heading", "verified_at",
    "framework__slug", "framework__name",
    "topic__slug", "topic__name",
    "article__slug", "article__title", "article__published", "article__language",
    "article__source__slug", "article__source__name", "article__source__kind",
    "article__source__affiliation__name",
)  # fmt: skip


class ClaimQuerySet(SearchableQuerySet):
    @staticmethod
    def search_vector():
        # The framework's and topic's names too, so "django admin" finds Django's admin claims.
        framework = Framework.objects.filter(pk=OuterRef("framework_id")).values("name")[:1]
        topic = Topic.objects.filter(pk=OuterRef("topic_id")).values("name")[:1]
        return (("title", "A"), (Subquery(framework), "B"), (Subquery(topic), "B"), ("text", "C"))

    def public(self, *, unreviewed_frameworks: bool = False):
        return self.filter(public_q(unreviewed_frameworks=unreviewed_frameworks))

    def about_frameworks(self):
        """Not about resources (package indexes, course sites): those never count in totals."""
        return self.exclude(framework__kind=FrameworkKind.RESOURCE)

    def verified(self):
        return self.filter(status=ClaimStatus.VERIFIED)

    def held(self):
        """From a source that holds its claims for review (readers see them once verified)."""
        return self.filter(article__source__hold_for_review=True)

    def awaiting_review(self):
        return self.filter(status=ClaimStatus.IMPORTED, withdrawn=False)

    def independent(self):
        return self.exclude(vendor_q())

    def vendor(self):
        return self.filter(vendor_q())

    def stale(self, today=None):
        """Possibly stale: a major release of their framework since, or over three years old."""
        return self.filter(freshness.stale_q(today or timezone.localdate()))

    def with_freshness(self):
        """Claims that say why they may be out of date (Claim.stale_reason), from their article's
        date and their framework's major releases (remembered: frameworks/freshness.py), never a
        query per claim."""
        claims = self.annotate(article_published=F("article__published"))
        claims._iterable_class = FreshClaimIterable
        return claims

    def contested(self):
        """Claims on a framework and topic that has pros and cons from different sources."""
        same_place = {"framework": OuterRef("framework"), "topic": OuterRef("topic")}
        con_elsewhere = (
            Claim.objects.public()
            .filter(
                framework=OuterRef(OuterRef("framework")),
                topic=OuterRef(OuterRef("topic")),
                kind=ClaimKind.CON,
            )
            .exclude(article__source=OuterRef("article__source"))
        )
        pro_with_con = Claim.objects.public().filter(kind=ClaimKind.PRO, **same_place)
        return self.filter(topic__isnull=False).filter(Exists(pro_with_con.filter(Exists(con_elsewhere))))

    def single_source(self):
        """Claims that no other source backs: the only source for their framework, topic and kind."""
        others = (
            Claim.objects.public()
            .filter(framework=OuterRef("framework"), topic=OuterRef("topic"), kind=OuterRef("kind"))
            .exclude(article__source=OuterRef("article__source"))
        )
        return self.exclude(Exists(others))

    def with_related(self):
        """What a list of claims shows: their framework, topic, article and source, and freshness."""
        return self.select_related(
            "framework", "topic", "article", "article__source", "article__source__affiliation"
        ).with_freshness()

    def for_lists(self):
        """with_related(), reading only what a claim in a list shows (articles/jinja2/articles/
        claim.html): a few of the dozens of columns its five related rows have."""
        return self.with_related().only(*LISTED_CLAIM_FIELDS)


class Point(models.Model):
    """One thing several claims say: near-duplicate claims about one framework, of one kind, on
    one topic, from any number of articles. Consensus counts the distinct sources behind a
    point, so three articles saying "no built-in ORM" are one con with three sources.

    The importer groups claims as it reads them (articles/points.py); editors merge and split
    points in the admin."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(max_length=10, choices=ClaimKind.choices)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="points")
    title = models.CharField(max_length=200, help_text="What the claims say, in a few words.")
    # The normalised title claims are matched on (articles/points.py).
    key = models.CharField(max_length=200, editable=False, db_index=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["framework", "kind", "title"]
        indexes = [models.Index(fields=["framework", "kind", "topic"])]

    def __str__(self) -> str:
        return f"{self.framework}: {self.get_kind_display().lower()}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("articles:claims") + f"?point={self.pk}"


class Claim(models.Model):
    # Both foreign keys lead composite indexes (Meta), which serve their lookups: a single-column
    # index each would only slow every import down.
    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="claims",
        db_index=False,
        help_text="What it is about.",
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="claims",
        db_index=False,
        help_text="Where it was said.",
    )
    kind = models.CharField(
        max_length=10, choices=ClaimKind.choices, help_text="Pro, con, feature or summary."
    )
    topic = models.ForeignKey(
        Topic,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
        help_text="Makes claims from different articles comparable.",
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text="Short title, e.g. Admin interface. Empty when the text says it in a few words.",
    )
    text = models.TextField(help_text="The claim as the article makes it (one line of markdown).")
    point = models.ForeignKey(
        Point,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
        help_text="Claims that say the same thing share a point; its sources count once each.",
    )
    text_html = models.TextField(blank=True, editable=False)
    heading = models.CharField(
        max_length=300, blank=True, help_text="Section heading of the article it came from."
    )
    line = models.PositiveIntegerField(
        null=True, blank=True, help_text="1-based line number in the original file."
    )
    position = models.PositiveIntegerField(default=0, help_text="Order within the article.")
    status = models.CharField(
        max_length=10,
        choices=ClaimStatus.choices,
        default=ClaimStatus.IMPORTED,
        help_text="Rejected claims are hidden from readers.",
    )
    verified_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When an editor last verified it; cleared when it is no longer verified.",
    )
    edited = models.BooleanField(
        default=False,
        help_text="Changed by an editor: a re-import keeps this version.",
    )
    withdrawn = models.BooleanField(
        default=False,
        help_text="Withdrawn by an editor, or no longer in the article's latest version; hidden "
        "from readers. Claims are withdrawn, never deleted.",
    )
    # Identity within the article across re-imports, and what the importer last read, so a
    # re-import can tell an editor's change from a change in the article.
    key = models.CharField(max_length=64, editable=False)
    imported_title = models.CharField(max_length=200, blank=True, editable=False)
    imported_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["version", "updated_at", "key", "search_vector", "text_html"]
    )

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="claim_unique_key_per_article")
        ]
        indexes = [
            models.Index(fields=["framework", "kind"]),
            models.Index(fields=["framework", "topic"]),
            # "Often covered alongside": which frameworks an article's claims are about.
            models.Index(fields=["article", "framework"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self) -> str:
        return f"{self.framework}: {self.label}"

    def save(self, *args, **kwargs):
        self.text_html = render_inline(self.text)
        if self.status != ClaimStatus.VERIFIED:
            self.verified_at = None
        elif self.verified_at is None:
            self.verified_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if self._moves_point(update_fields):
            PointIndex().assign([self])
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "point"}
        super().save(*args, **kwargs)  # PostgreSQL computes search_vector (migrations 0007, 0015)
        self._grouped_as = self._grouping()

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#claim-{self.pk}"

    # What decides a claim's point: a change to any of them may move it to another.
    GROUPED_BY = ("framework_id", "kind", "topic_id", "title", "text")

    @classmethod
    def from_db(cls, db, field_names, values):
        claim = super().from_db(db, field_names, values)
        claim._grouped_as = claim._grouping()
        return claim

    def _grouping(self) -> tuple:
        return tuple(self.__dict__.get(name) for name in self.GROUPED_BY)  # deferred fields: None

    def _moves_point(self, update_fields) -> bool:
        """Whether saving may move the claim to another point: it has none yet, or what groups
        it changed since it was read."""
        if update_fields is not None and not {"framework", "kind", "topic", "title", "text"} & set(
            update_fields
        ):
            return False
        return self.point_id is None or self._grouping() != getattr(self, "_grouped_as", None)

    @property
    def label(self) -> str:
        """What to call the claim in a list: its title, or its text's opening words."""
        return self.title or Truncator(self.text).chars(80)

    @property
    def is_vendor(self) -> bool:
        return self.article.source.affiliation_id is not None

    @property
    def vendor_label(self) -> str:
        return self.article.source.vendor_label

    # Why the claim may be out of date ("written before Django 5.0, Dec 2023"), for a claim loaded
    # with_freshness(); None otherwise.
    stale_reason: str | None = None
