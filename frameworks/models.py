from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
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


# The capability facts a comparison needs. None means "unknown", never "no".
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


def _capability(label: str) -> models.BooleanField:
    return models.BooleanField(
        label, null=True, blank=True, help_text="Yes, no, or leave unknown when not established."
    )


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
    has_orm = _capability("Built-in ORM")
    has_admin = _capability("Admin interface")
    has_auth = _capability("Authentication")
    native_async = _capability("Native async")
    has_templating = _capability("Templating")
    auto_api_docs = _capability("Automatic API docs")
    pure_python_ui = _capability("UI in pure Python")
    websockets = _capability("WebSockets")
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

    @property
    def is_resource(self) -> bool:
        return self.kind == FrameworkKind.RESOURCE

    def capabilities(self) -> list[tuple[str, bool | None]]:
        return [(label, getattr(self, field)) for field, label in CAPABILITIES]

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

    def keyword_list(self) -> list[str]:
        return [word.strip().lower() for word in self.keywords.split(",") if word.strip()]
