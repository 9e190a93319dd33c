"""Write parsed articles to the database: one transaction per file, idempotent, editor-safe.

`Importer.import_bytes` is the one entry point for the command and for the admin's
re-import: it parses (articles/parsing.py), then creates or updates the article, the
frameworks it introduces, and its claims, and returns a FileReport saying what changed.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article, Claim, ClaimStatus, ImportStatus, Source, SourceKind
from articles.parsing import (
    ArticleError,
    Catalogue,
    ParsedArticle,
    ParsedClaim,
    TopicRule,
    decode,
    name_key,
    parse_article,
    stable_slug,
)
from articles.points import PointIndex
from frameworks.models import Framework, FrameworkAlias, FrameworkKind, Topic
from guide.caching import one_invalidation
from guide.markdown import render_inline

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
CLAIM_FIELDS = [
    "framework_id",
    "kind",
    "topic_id",
    "title",
    "text",
    "text_html",
    "heading",
    "line",
    "position",
]


def read_catalogue(
    framework_model=Framework, alias_model=FrameworkAlias, topic_model=Topic
) -> tuple[Catalogue, dict[str, int], dict[str, int]]:
    """What the parser is told the site knows, in three queries: frameworks and aliases by name
    key, libraries, and topics with their keywords. Also the framework id of every name key and
    the topic id of every slug. Migrations pass their historical models."""
    framework_ids: dict[str, int] = {}
    names: dict[str, str] = {}
    libraries = set()
    for pk, key, name, kind in framework_model.objects.values_list("pk", "key", "name", "kind"):
        framework_ids[key] = pk
        names[key] = name
        if kind == FrameworkKind.LIBRARY:
            libraries.add(key)
    id_to_name = {pk: names[key] for key, pk in framework_ids.items()}
    for key, framework_id in alias_model.objects.values_list("key", "framework_id"):
        framework_ids[key] = framework_id
        names[key] = id_to_name[framework_id]
    topics = list(topic_model.objects.order_by("position", "name"))
    rules = [TopicRule.listed(t.slug, t.name, t.keywords) for t in topics]
    catalogue = Catalogue(names=names, topics=rules, libraries=libraries)
    return catalogue, framework_ids, {topic.slug: topic.pk for topic in topics}


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class FileReport:
    path: str
    status: str = "failed"  # created, updated, unchanged, failed
    slug: str = ""
    title: str = ""
    claims_created: int = 0
    claims_updated: int = 0
    claims_unchanged: int = 0
    claims_withdrawn: int = 0
    frameworks_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0  # reading, parsing and writing this file

    def as_dict(self) -> dict:
        return asdict(self)


def _commit_without_waiting_for_the_disk() -> None:
    """This transaction's commit does not wait for PostgreSQL to flush its log to disk
    (synchronous_commit, for this transaction only): a twentieth of an import's time, one flush
    per file. Until wait_for_the_disk() returns, a crash of the database server can lose the
    imports of the last fraction of a second (never part of one): whatever reports what was
    imported calls it first."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def wait_for_the_disk() -> None:
    """Return once every import committed so far is on PostgreSQL's disk, so it survives a
    crash of the database server: a commit that waits for the disk (synchronous_commit) flushes
    the log up to itself, the commits before it that did not wait too. Its transaction writes
    a message to the log and nothing else (a commit that wrote nothing would not wait). A
    database that stops meanwhile raises DatabaseError."""
    if connection.vendor != "postgresql":
        return  # SQLite's commits are on disk when they return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = on")
        cursor.execute("SELECT pg_logical_emit_message(true, 'framework-guide', 'imported')")


class Importer:
    """One import run: caches the catalogue so each file costs a handful of queries."""

    def __init__(
        self,
        *,
        source: str = "",
        affiliated_with: Framework | None = None,
        dry_run: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ):
        self.default_source = source.strip()
        self.affiliated_with = affiliated_with
        self.dry_run = dry_run
        self.max_bytes = max_bytes
        self._imported_hashes: set[str] | None = None  # read on first use: see _imported()
        # The texts of the files ahead that may be imported already (expect()), and the article
        # read for each (None: there is none), until this import writes anything.
        self._expected: set[str] = set()
        self._with_text: dict[str, dict | None] = {}
        self._load_catalogue()

    def _load_catalogue(self) -> None:
        # Sources this run has read or created, by lower-cased name (reloaded with the
        # catalogue, since a rolled-back file may have created one).
        self.sources: dict[str, Source] = {}
        self.points = PointIndex()  # points a rolled-back file created are forgotten too
        self.catalogue, self.framework_ids, self.topic_ids = read_catalogue()

    # -- entry points ---------------------------------------------------------------------------

    def import_bytes(
        self,
        path: str,
        data: bytes,
        *,
        force: bool = False,
        parse: Callable[[str, str], ParsedArticle] | None = None,
    ) -> FileReport:
        """Import one file. `parse(text, path)` parses it, by default parse_article with this
        run's catalogue (articles/parse_ahead.py gives one whose work is already done)."""
        report = FileReport(path=path)
        if len(data) > self.max_bytes:
            report.error = (
                f"{path}: file is {len(data):,} bytes; the limit is {self.max_bytes:,} (--max-bytes)"
            )
            return report
        try:
            text = decode(data)
            text_hash = content_hash(text)
            if not force and self._imported(text_hash) and self._unchanged(text_hash, report):
                return report  # the same text is already imported: nothing to parse or write
            parsed = (parse or self.parse)(text, path)
        except ArticleError as exc:
            report.error = f"{path}: {exc}"
            return report
        except Exception as exc:
            # A file the parser cannot cope with fails alone; the rest of the run goes on.
            logger.exception("parsing %s failed", path)
            report.error = f"{path}: could not be read ({type(exc).__name__}: {str(exc)[:200]})"
            return report
        report.slug, report.title, report.warnings = (
            parsed.slug,
            parsed.title,
            list(parsed.warnings),
        )
        for attempt in range(2):
            try:
                with one_invalidation(), transaction.atomic():
                    _commit_without_waiting_for_the_disk()
                    self._write(path, text, text_hash, parsed, report, force=force)
                    if self.dry_run:
                        transaction.set_rollback(True)
                break
            except IntegrityError as exc:
                # Another import wrote the same article at the same moment: read it again, and
                # forget the sources and frameworks the rolled-back attempt created.
                self._load_catalogue()
                if attempt:
                    report.status, report.error = "failed", f"{path}: could not save: {exc}"
                    return report
                report = FileReport(
                    path=path, slug=parsed.slug, title=parsed.title, warnings=list(parsed.warnings)
                )
            except Exception as exc:
                report.status = "failed"
                report.error = f"{path}: {type(exc).__name__}: {exc}"
                self._load_catalogue()
                return report
        if self.dry_run or report.status == "failed":
            self._load_catalogue()  # forget frameworks that were rolled back
        return report

    def parse(self, text: str, path: str) -> ParsedArticle:
        return parse_article(text, self.catalogue, path=path)

    def expect(self, text: str) -> bool:
        """Told of a file a few places ahead: whether its text may be imported already (then it
        needs no parsing to be found unchanged, and its article is read with the others'
        expected, in one query, when the first of them is imported)."""
        text_hash = content_hash(text)
        if not self._imported(text_hash):
            return False
        self._expected.add(text_hash)
        return True

    def _imported(self, text_hash: str) -> bool:
        """Whether an article with this text may exist: every imported text's hash is read once
        per run, so a new file costs no query before it is parsed. One that another import
        writes meanwhile is still caught inside the file's transaction."""
        if self._imported_hashes is None:
            hashes = Article.objects.exclude(content_hash="").values_list("content_hash", flat=True)
            self._imported_hashes = set(hashes)
        return text_hash in self._imported_hashes

    # -- writing ------------------------------------------------------------------------------

    def _unchanged(self, text_hash: str, report: FileReport) -> bool:
        if text_hash not in self._with_text:
            wanted = (self._expected | {text_hash}) - self._with_text.keys()
            self._expected.clear()
            self._with_text.update(dict.fromkeys(wanted))
            rows = (
                Article.objects.filter(content_hash__in=wanted)
                .annotate(claim_count=Count("claims"))
                .values("content_hash", "slug", "title", "claim_count")
                .order_by("-pk")  # of two articles with the same text, the older
            )
            self._with_text.update((row["content_hash"], row) for row in rows)
        article = self._with_text.pop(text_hash)
        if article is None:
            return False
        report.status, report.slug, report.title = "unchanged", article["slug"], article["title"]
        report.claims_unchanged = article["claim_count"]  # one query: re-importing a folder reads no more
        return True

    def _write(
        self, path: str, text: str, text_hash: str, parsed: ParsedArticle, report: FileReport, *, force: bool
    ) -> None:
        named_source = parsed.source or self.default_source
        known = self._known_articles(text_hash, path, parsed, named_source)
        # Checked again inside the transaction: another import may have written this text since.
        same_text = next((a for a in known if a.content_hash == text_hash), None)
        if same_text is not None and not force:
            report.status, report.slug = "unchanged", same_text.slug
            report.claims_unchanged = same_text.claims.count()
            return
        at_url = [a for a in known if parsed.canonical_url and a.canonical_url == parsed.canonical_url]
        article = same_text
        if article is None and at_url and not named_source:
            article = at_url[0]  # a new version of the article at this address
        if article is not None and not named_source:
            source = article.source  # a re-import that names no source keeps the article's
        else:
            source = self._source(parsed, report)
            # Another source's article at the same address is never taken over (a repost, or a
            # mistake): both are kept, and an editor decides.
            article = article or next((a for a in at_url if a.source_id == source.pk), None)
            for other in at_url:
                if other.source_id != source.pk and other is not article:
                    report.warnings.append(
                        f"canonical URL {parsed.canonical_url} is also the address of {other.title!r} "
                        f"from {other.source.name}; kept both (an editor decides which stays)"
                    )
            article = article or self._article_from(known, source, path, parsed)
        framework_ids = self._frameworks(parsed, report)
        now = timezone.now()
        if article is None:
            article = Article(slug=self._free_slug(parsed.slug, known, report), source=source)
            report.status = "created"
        else:
            report.status = "updated"
        report.slug = article.slug
        fields = {
            "title": parsed.title,
            "authors": parsed.authors,
            "published": parsed.published,
            "canonical_url": parsed.canonical_url,
            "description": parsed.description,
            "tags": parsed.tags,
            "body": parsed.body,
            "draft": parsed.draft,
            "language": parsed.language,
        }
        if article.pk and article.edited:
            report.conflicts.append(
                "the article was edited in the admin: kept the editor's title, body and metadata"
            )
        else:
            for name, value in fields.items():
                setattr(article, name, value)
        article.source = source if not (article.pk and article.edited) else article.source
        article.original_text = text
        article.content_hash = text_hash
        article.source_path = path[:500]
        article.import_status = ImportStatus.CREATED if report.status == "created" else ImportStatus.UPDATED
        article.import_warnings = report.warnings
        article.imported_at = now
        if article.pk:
            article.version += 1
        article.save()
        if self._imported_hashes is not None:
            self._imported_hashes.add(text_hash)
        self._with_text.clear()  # what was read for the files ahead may be out of date now
        self._claims(article, parsed.claims, framework_ids, report, new=report.status == "created")

    def _source(self, parsed: ParsedArticle, report: FileReport) -> Source:
        name = parsed.source or self.default_source
        homepage = ""
        kind = SourceKind.UNKNOWN
        if not name and parsed.canonical_url:
            host = urlsplit(parsed.canonical_url).hostname or ""
            name = host.removeprefix("www.")
            homepage = f"https://{host}/" if host else ""
        if not name and parsed.authors:
            name, kind = ", ".join(parsed.authors)[:120], SourceKind.INDEPENDENT_BLOG
        if not name:
            name = "Unknown source"
            report.warnings.append("no source: pass --source or add 'source' to the front matter")
        source = self.sources.get(name.lower())
        if source is None:
            source = Source.objects.filter(name__iexact=name).select_related("affiliation").first()
        if source is None:
            source = Source(name=name, homepage=homepage, kind=kind, slug=self._free_source_slug(name))
            source.save()
        self.sources[name.lower()] = source
        if self.affiliated_with and name.lower() == self.default_source.lower():
            if source.affiliation_id is None:
                source.affiliation = self.affiliated_with
                source.save(update_fields=["affiliation"])
            elif source.affiliation_id != self.affiliated_with.pk:
                report.warnings.append(
                    f"source {source.name!r} is already affiliated with {source.affiliation}; "
                    "kept that (change it in the admin)"
                )
        return source

    @staticmethod
    def _free_source_slug(name: str) -> str:
        base = stable_slug(name, "source", 110)
        slug, n = base, 1
        while Source.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    @staticmethod
    def _known_articles(text_hash: str, path: str, parsed: ParsedArticle, named_source: str) -> list[Article]:
        """In one query, every article this file may be: the same text, the same canonical URL,
        the same file (from the named source: "index.md" is everywhere), or the same slug (a new
        version of it, or a slug already taken).

        Locked until the file's transaction ends (PostgreSQL), so an editor's save cannot land
        between this read and the import's write and be overwritten by it."""
        same_file = Q(source_path=path[:500])
        if named_source:
            same_file &= Q(source__name__iexact=named_source)
        match = Q(content_hash=text_hash) | same_file | Q(slug=parsed.slug)
        if parsed.canonical_url:
            match |= Q(canonical_url=parsed.canonical_url)
        articles = Article.objects.filter(match).select_related("source")
        return list(articles.select_for_update(of=("self",)))

    @staticmethod
    def _article_from(
        known: list[Article], source: Source, path: str, parsed: ParsedArticle
    ) -> Article | None:
        """The article this file is a new version of: from the same source, and either the same
        file or the same slug and title. Anything else is a different article, never overwritten."""
        ours = [a for a in known if a.source_id == source.pk]
        same_file = next((a for a in ours if a.source_path == path[:500]), None)
        # A file moved or renamed: the same title, and the article's own file is gone. Two
        # files that are both there ("Introduction" in every folder) are two articles.
        moved = (
            a
            for a in ours
            if (a.slug, a.title) == (parsed.slug, parsed.title)
            and not (a.source_path and Path(a.source_path).exists())
        )
        return same_file or next(moved, None)

    @staticmethod
    def _free_slug(slug: str, known: list[Article], report: FileReport) -> str:
        if all(article.slug != slug for article in known):
            return slug
        base, candidate, n = slug, slug, 1
        while Article.objects.filter(slug=candidate).exists():
            n += 1
            suffix = f"-{n}"
            candidate = base[: 200 - len(suffix)] + suffix
        report.warnings.append(f"slug {base!r} is taken by another article; this one is {candidate!r}")
        return candidate

    def _frameworks(self, parsed: ParsedArticle, report: FileReport) -> dict[str, int]:
        ids: dict[str, int] = {}
        for entry in parsed.frameworks:
            key = name_key(entry.name)
            framework_id = self.framework_ids.get(key)
            if framework_id is None:
                framework = Framework(
                    name=entry.name,
                    slug=self._free_framework_slug(entry.name),
                    kind=FrameworkKind.RESOURCE if entry.resource else FrameworkKind.OTHER,
                    website=entry.website if entry.website.startswith(("http://", "https://")) else "",
                    needs_review=True,
                )
                framework.save()
                framework_id = framework.pk
                self.framework_ids[key] = framework_id
                report.frameworks_created.append(entry.name)
            ids[entry.name] = framework_id
            for alias in entry.aliases:
                alias_key = name_key(alias)
                if alias_key and alias_key not in self.framework_ids:
                    FrameworkAlias.objects.create(framework_id=framework_id, name=alias)
                    self.framework_ids[alias_key] = framework_id
        return ids

    @staticmethod
    def _free_framework_slug(name: str) -> str:
        base = stable_slug(name, "framework", 90)
        slug, n = base, 1
        while Framework.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def _claims(
        self,
        article: Article,
        parsed: list[ParsedClaim],
        framework_ids: dict[str, int],
        report: FileReport,
        *,
        new: bool,
    ) -> None:
        # Locked like the article: an editor's save of one of them waits for this import.
        existing = {} if new else {c.key: c for c in article.claims.select_for_update(of=("self",))}
        to_create, to_update = [], []
        seen = set()
        for position, item in enumerate(parsed):
            seen.add(item.key)
            values = {
                "framework_id": framework_ids[item.framework],
                "kind": item.kind,
                "topic_id": self.topic_ids.get(item.topic) if item.topic else None,
                "title": item.title,
                "text": item.text,
                "heading": item.heading,
                "line": item.line,
                "position": position,
            }
            claim = existing.get(item.key)
            values["text_html"] = render_inline(item.text)
            if claim is None:
                to_create.append(
                    Claim(
                        article=article,
                        key=item.key,
                        imported_title=item.title,
                        imported_text=item.text,
                        **values,
                    )
                )
                continue
            reviewed = claim.edited or claim.status != ClaimStatus.IMPORTED
            changed = False
            if claim.withdrawn and not reviewed:  # back in the article; an editor's withdrawal stands
                claim.withdrawn, changed = False, True
            if reviewed:
                if (claim.imported_title, claim.imported_text) != (item.title, item.text):
                    report.conflicts.append(
                        f"line {item.line}: {item.framework} claim "
                        f"{claim.title!r} was reviewed by an editor; kept their version. "
                        f"The article now says: {item.text[:200]!r}"
                    )
                    claim.imported_title, claim.imported_text, changed = item.title, item.text, True
                for name in ("heading", "line", "position"):
                    if getattr(claim, name) != values[name]:
                        setattr(claim, name, values[name])
                        changed = True
            else:
                for name, value in values.items():
                    if getattr(claim, name) != value:
                        setattr(claim, name, value)
                        changed = True
                claim.imported_title, claim.imported_text = item.title, item.text
            if changed:
                to_update.append(claim)
            else:
                report.claims_unchanged += 1
        for key, claim in existing.items():
            if key in seen or claim.withdrawn:
                continue
            if claim.edited or claim.status != ClaimStatus.IMPORTED:
                report.conflicts.append(
                    f"claim {claim.title!r} (reviewed by an editor) is no longer in the article; "
                    "kept it: withdraw or reject it in the admin"
                )
                continue
            claim.withdrawn = True
            to_update.append(claim)
            report.claims_withdrawn += 1
        # Every claim still in the article gets the point it makes (a changed topic, kind or title
        # may move it). New claims are written with it; of the others, only those not updated
        # anyway are written again for it (each write rewrites the claim's search index entries).
        regrouped = self.points.assign([*to_create, *(c for c in existing.values() if c.key in seen)])
        updating = {id(claim) for claim in to_update}
        moved_only = [c for c in regrouped if c.pk and id(c) not in updating]
        Claim.objects.bulk_create(to_create)
        if moved_only:
            Claim.objects.bulk_update(moved_only, ["point"])
        if to_update:
            now = timezone.now()
            for claim in to_update:
                claim.updated_at = now
                claim.version += 1  # an editor's form opened before this import is now stale
            Claim.objects.bulk_update(
                to_update,
                [
                    *CLAIM_FIELDS,
                    "point",
                    "withdrawn",
                    "imported_title",
                    "imported_text",
                    "updated_at",
                    "version",
                ],
            )
        report.claims_created = len(to_create)
        report.claims_updated = len(to_update) - report.claims_withdrawn
