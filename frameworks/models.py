from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from articles.parsing import name_key, stable_slug
from guide.links import slug_url
from guide.markdown import render_markdown


class FrameworkKind(models.TextChoices):
    FULL_STACK = "full_stack", "Full-stack framework"
    MICRO = "micro", "Microframework"
    ASYNC_API = "async_api", "Async API framework"
    ASGI_TOOLKIT = "asgi_toolkit", "ASGI toolkit"
    ASYNC_NETWORKING = "async_networking", "Async networking"
    PYTHON_UI = "python_ui", "Web apps in pure Python"
    DATA_APP = "data_app", "Data app framework"
    ML_DEMO = "ml_demo", "ML demo framework"
    LIBRARY = "library", "Library (not a web framework)"
    OTHER = "other", "Other framework"
    RESOURCE = "resource", "Resource (not a framework)"


class Interface(models.TextChoices):
    WSGI = "wsgi", "WSGI"
    ASGI = "asgi", "ASGI"
    BOTH = "both", "WSGI and ASGI"
    OWN_SERVER = "own_server", "Own server"
    UNKNOWN = "", "Unknown"


class FrameworkQuerySet(models.QuerySet):
    def frameworks(self):
        return self.exclude(kind=FrameworkKind.RESOURCE)

    def resources(self):
        return self.filter(kind=FrameworkKind.RESOURCE)

    def public(self):
        """What readers see: everything but the frameworks an import created and no editor has
        accepted yet (the JSON API lists those too, marked "reviewed": false)."""
        return self.filter(needs_review=False)

    def needing_review(self):
        return self.filter(needs_review=True)

    def named(self, name: str):
        """Frameworks whose name, slug or an alias matches `name` (at most one)."""
        key = name_key(name)
        if not key:
            return self.none()
        return self.filter(Q(key=key) | Q(aliases__key=key)).distinct()

    def with_related(self):
        return self.prefetch_related("aliases")

    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


# The capability facts a comparison needs, each with the source that says so and when we checked.
CAPABILITIES: list[tuple[str, str]] = [
    ("has_orm", "Built-in ORM"),
    ("has_admin", "Admin interface"),
    ("has_auth", "Authentication"),
    ("native_async", "Native async"),
    ("has_templating", "Templating"),
    ("auto_api_docs", "Automatic API docs"),
    ("pure_python_ui", "UI in pure Python"),
    ("websockets", "WebSockets"),
]


class FactValue(models.TextChoices):
    YES = "yes", "Yes"
    PARTIAL = "partial", "Partial"
    NO = "no", "No"
    UNKNOWN = "unknown", "Unknown"


# Values that count as having the capability where a yes-or-no is asked (the list's filters): a
# partial one has it, with the limits its note names.
HAS_IT = (FactValue.YES, FactValue.PARTIAL)


class FactField(models.CharField):
    """A capability fact's value. Booleans, the facts' older form, still read and write: True is
    yes, False no, None unknown (fixtures and code written before facts had sources)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("choices", FactValue.choices)
        kwargs.setdefault("default", FactValue.UNKNOWN)
        super().__init__(*args, **kwargs)

    @staticmethod
    def _from_bool(value):
        if value is True:
            return FactValue.YES
        if value is False:
            return FactValue.NO
        return FactValue.UNKNOWN if value is None else value

    def to_python(self, value):
        return super().to_python(self._from_bool(value))

    def get_prep_value(self, value):
        return super().get_prep_value(self._from_bool(value))


def _fact(label: str) -> tuple[models.Field, models.Field, models.Field, models.Field]:
    """A capability fact's four fields: its value, its source, when it was checked, a note."""
    return (
        FactField(label, help_text="Yes, partial, no, or unknown until a source establishes it."),
        models.URLField(
            f"{label}: source", blank=True, help_text="Where this is established: the official docs page."
        ),
        models.DateField(f"{label}: checked", null=True, blank=True, help_text="When the source was read."),
        models.CharField(
            f"{label}: note",
            max_length=200,
            blank=True,
            help_text="What a partial means, or what the answer rests on, in one line.",
        ),
    )


@dataclass(frozen=True)
class Fact:
    """One capability fact as pages and the API show it."""

    name: str  # the field, e.g. "native_async"
    label: str
    value: FactValue
    source: str
    checked: date | None
    note: str

    @property
    def has(self) -> bool | None:
        """The yes-or-no view: partial counts as having it, unknown is None."""
        return None if self.value == FactValue.UNKNOWN else self.value in HAS_IT

    @property
    def display(self) -> str:
        return self.value.label

    def as_json(self) -> dict:
        return {
            "value": self.value.value,
            "has": self.has,
            "source": self.source or None,
            "checked": self.checked,
            "note": self.note,
        }


class Framework(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="Canonical name, e.g. Dash.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in public URLs.")
    key = models.CharField(
        max_length=100, unique=True, editable=False, help_text="Normalised name for matching."
    )
    kind = models.CharField(
        max_length=20,
        choices=FrameworkKind.choices,
        default=FrameworkKind.OTHER,
        db_index=True,
        help_text="Resources (package indexes, course sites, publishers) are not frameworks.",
    )
    tagline = models.CharField(max_length=200, blank=True, help_text="One line shown in lists.")
    description = MarkdownxField(blank=True, help_text="Editor's description, in markdown.")
    description_html = models.TextField(blank=True, editable=False)
    website = models.URLField(blank=True, help_text="Official home page.")
    docs_url = models.URLField("documentation", blank=True, help_text="Official documentation.")
    repository = models.URLField(blank=True, help_text="Source repository.")
    license = models.CharField(max_length=60, blank=True, help_text="SPDX name, e.g. BSD-3-Clause.")
    first_release = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year of the first public release."
    )
    interface = models.CharField(
        max_length=12,
        choices=Interface.choices,
        blank=True,
        default=Interface.UNKNOWN,
        help_text="How it talks to the web server.",
    )
    has_orm, has_orm_source, has_orm_checked, has_orm_note = _fact("Built-in ORM")
    has_admin, has_admin_source, has_admin_checked, has_admin_note = _fact("Admin interface")
    has_auth, has_auth_source, has_auth_checked, has_auth_note = _fact("Authentication")
    native_async, native_async_source, native_async_checked, native_async_note = _fact("Native async")
    has_templating, has_templating_source, has_templating_checked, has_templating_note = _fact("Templating")
    auto_api_docs, auto_api_docs_source, auto_api_docs_checked, auto_api_docs_note = _fact(
        "Automatic API docs"
    )
    pure_python_ui, pure_python_ui_source, pure_python_ui_checked, pure_python_ui_note = _fact(
        "UI in pure Python"
    )
    websockets, websockets_source, websockets_checked, websockets_note = _fact("WebSockets")
    needs_review = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Created by the importer and hidden from readers (its page, lists, counts, search "
        "and the sitemap) until an editor checks the name and kind and clears this flag.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: an admin save based on an older version is refused (guide/admin_locking.py).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = FrameworkQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "description_html", "updated_at"])

    class Meta:
        ordering = ["name"]
        indexes = [
            # The reader's list, in its order (frameworks.filters): a page of it is read from
            # here and the reading stops, rather than every framework being read and sorted.
            models.Index(Lower("name"), "id", name="framework_list_by_name", condition=Q(needs_review=False))
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.key = name_key(self.name)
        if not self.slug:
            self.slug = stable_slug(self.name, "framework", 100)
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("frameworks:detail", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def is_resource(self) -> bool:
        return self.kind == FrameworkKind.RESOURCE

    def facts(self) -> list[Fact]:
        """The capability facts, in display order, each with its source."""
        return [
            Fact(
                name,
                label,
                FactValue(getattr(self, name)),
                getattr(self, f"{name}_source"),
                getattr(self, f"{name}_checked"),
                getattr(self, f"{name}_note"),
            )
            for name, label in CAPABILITIES
        ]

    def clean(self):
        self.key = name_key(self.name)
        if not self.key:
            raise ValidationError({"name": "The name needs at least one letter or digit."})
        clash = FrameworkAlias.objects.filter(key=self.key).exclude(framework_id=self.pk).first()
        if clash:
            raise ValidationError({"name": f"“{self.name}” is already an alias of {clash.framework}."})


class FrameworkAlias(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100, help_text="Another name, e.g. Pynecone or Plotly Dash.")
    key = models.CharField(max_length=100, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "framework aliases"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.key = name_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.framework.get_absolute_url()

    def clean(self):
        self.key = name_key(self.name)
        if not self.key:
            raise ValidationError({"name": "The alias needs at least one letter or digit."})
        other = Framework.objects.filter(key=self.key).exclude(pk=self.framework_id).first()
        if other:
            raise ValidationError({"name": f"“{self.name}” is already the name of {other}."})


class MajorReleaseQuerySet(models.QuerySet):
    def get_by_natural_key(self, framework_slug: str, version: str):
        return self.get(framework__slug=framework_slug, version=version)


class MajorRelease(models.Model):
    """A release that may have changed what is true about a framework: claims written before it
    are marked possibly stale (frameworks/freshness.py)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="major_releases")
    version = models.CharField(max_length=30, help_text="As the project names it, e.g. 5.0.")
    released = models.DateField(help_text="The day the final release came out (not a beta).")
    notes_url = models.URLField(
        "release notes", blank=True, help_text="The project's own release notes or announcement."
    )

    objects = MajorReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "released"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "version"], name="one_release_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.framework} {self.version}"

    def get_absolute_url(self) -> str:
        return self.framework.get_absolute_url()

    def natural_key(self) -> tuple[str, str]:
        return (self.framework.slug, self.version)

    natural_key.dependencies = ["frameworks.framework"]


class Topic(models.Model):
    name = models.CharField(max_length=60, unique=True, help_text="E.g. Performance.")
    slug = models.SlugField(max_length=60, unique=True)
    keywords = models.TextField(
        blank=True,
        help_text="Comma-separated words and phrases; a claim mentioning one gets this topic.",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("frameworks:list") + f"?topic={self.slug}"
