"""Every claim gets the topic and the title the importer now gives it, and the point it then makes.

Each article's last imported text is read again, so a claim gets what a re-import would give it:
the topic its headings, title and words say, and a title that no longer repeats its text. Claims
an editor changed or reviewed keep their topic and title; for every claim, what the importer read
is brought up to date, so the next re-import reports no conflict the article itself did not make.
A claim whose article cannot be read again is filed from its own title, text and heading.

Topics whose keywords are still the ones we shipped lose the five that filed claims wrongly.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles.importing import read_catalogue
from articles.parsing import Kind, parse_article
from articles.parsing.titles import shown_title
from articles.parsing.topics import classifier_for
from articles.points import PointIndex
from guide.caching import content_changed

BATCH = 200
FIELDS = ["title", "topic", "imported_title", "point", "version", "updated_at"]

# slug: (keywords as fixtures/topics.json shipped them, the same without the misleading word)
SHIPPED = {
    "learning-curve": (
        "learning curve, easy to learn, beginner, beginners, onboarding, get started, getting started, "
        "simple, simplicity, ease of use, easy, intuitive, steep, steeper, complexity, complex, approachable, "
        "minimal setup, boilerplate, conventions, curva de aprendizaje, curva di apprendimento, courbe "
        "d'apprentissage, lernkurve, sencillez, semplicità, simplicité, sencillo, semplice, facile, fácil",
        "boilerplate",
    ),
    "ecosystem": (
        "ecosystem, plugins, plugin, extensions, extension, third-party, packages, libraries, community, "
        "communities, mindshare, popular, popularity, stars, contributors, reusable apps, add-ons, batteries, "
        "comunidad, comunità, communauté, ecosistema, écosystème, paquetes, pacchetti, librerie, bibliotecas",
        "batteries",
    ),
    "frontend-ui": (
        "frontend, front-end, ui, user interface, user interfaces, components, component, react, javascript, "
        "css, tailwind, widgets, layout, html, design, customization, customizable, styling, look and feel, "
        "interfaz, interfaccia, interface utilisateur, componentes, componenti",
        "design",
    ),
    "typing-validation": (
        "type hints, typing, typed, types, validation, validate, pydantic, serialization, type-checking, "
        "editor support, autocompletion, auto-completion, schema, schemas, validación, validazione, tipado, "
        "tipizzazione",
        "types",
    ),
    "ml-integration": (
        "machine learning, ml, model, models demo, tensorflow, pytorch, hugging face, huggingface, ai, llm, "
        "inference, data science, data scientists, notebooks",
        "model",
    ),
}


def unship(Topic) -> None:
    for slug, (shipped, word) in SHIPPED.items():
        kept = ", ".join(w.strip() for w in shipped.split(",") if w.strip() != word)
        Topic.objects.filter(slug=slug, keywords=shipped).update(keywords=kept)


def read_again(text: str, path: str, catalogue) -> dict:
    """The claims today's parser reads in an article's last imported text, by key."""
    if not text:
        return {}
    try:
        return {claim.key: claim for claim in parse_article(text, catalogue, path=path).claims}
    except Exception:  # an article it can no longer read keeps what its claims say for themselves
        return {}


def refile(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Claim = apps.get_model("articles", "Claim")
    Point = apps.get_model("articles", "Point")
    Framework = apps.get_model("frameworks", "Framework")
    Topic = apps.get_model("frameworks", "Topic")
    unship(Topic)
    catalogue, _, topic_ids = read_catalogue(Framework, apps.get_model("frameworks", "FrameworkAlias"), Topic)
    classifier = classifier_for(tuple(catalogue.topics), frozenset(catalogue.names))
    index = PointIndex(Point, Framework)
    left: set[int] = set()  # points claims moved out of
    now = timezone.now()
    articles = Article.objects.order_by("pk").values_list("pk", "original_text", "source_path")
    last = 0
    while batch := list(articles.filter(pk__gt=last)[:BATCH]):
        last = batch[-1][0]
        read = {pk: read_again(text, path, catalogue) for pk, text, path in batch}
        claims = Claim.objects.filter(article_id__in=read, withdrawn=False)
        changed, moved = [], []
        for claim in claims.order_by("pk"):
            found = read[claim.article_id].get(claim.key)
            said, text = claim.imported_title or claim.title, claim.imported_text or claim.text
            if found is not None:
                title, topic = found.title, found.topic
            else:
                title = shown_title(said, text)
                topic = classifier.classify(said, text, (claim.heading,), Kind(claim.kind))
            topic_id = topic_ids.get(topic) if topic else None
            edits = claim.imported_title != title
            claim.imported_title = title
            if not claim.edited and claim.status == "imported" and (claim.title, claim.topic_id) != (title, topic_id):
                claim.title, claim.topic_id = title, topic_id
                claim.version, claim.updated_at = claim.version + 1, now
                moved.append(claim)
            elif not edits:
                continue
            changed.append(claim)
        before = {claim.pk: claim.point_id for claim in moved}
        left.update(before[claim.pk] for claim in index.assign(moved) if before[claim.pk])
        Claim.objects.bulk_update(changed, FIELDS)
    Point.objects.filter(pk__in=left).exclude(Exists(Claim.objects.filter(point_id=OuterRef("pk")))).delete()
    content_changed()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_claim_title_may_be_empty"),
        ("frameworks", "0004_ascii_slugs"),
    ]

    operations = [migrations.RunPython(refile, migrations.RunPython.noop)]
