"""Capability facts become yes / partial / no / unknown, each with a source, the date it was
checked and a note: the old booleans become yes and no, and unknown where they were empty (in
the history too, so restoring an old version restores its facts)."""

from django.db import migrations, models

import frameworks.models

# As they were when this migration was written.
FACTS = [
    ("has_orm", "Built-in ORM"),
    ("has_admin", "Admin interface"),
    ("has_auth", "Authentication"),
    ("native_async", "Native async"),
    ("has_templating", "Templating"),
    ("auto_api_docs", "Automatic API docs"),
    ("pure_python_ui", "UI in pure Python"),
    ("websockets", "WebSockets"),
]
MODELS = ["framework", "historicalframework"]
# How each database writes a boolean once its column holds text.
TRUE, FALSE = ["1", "t", "true", "True"], ["0", "f", "false", "False"]


def to_values(apps, schema_editor):
    for model_name in MODELS:
        model = apps.get_model("frameworks", model_name)
        for name, _label in FACTS:
            model.objects.filter(**{f"{name}__in": TRUE}).update(**{name: "yes"})
            model.objects.filter(**{f"{name}__in": FALSE}).update(**{name: "no"})
            model.objects.filter(**{f"{name}__isnull": True}).update(**{name: "unknown"})


def to_booleans(apps, schema_editor):
    true, false = ("1", "0") if schema_editor.connection.vendor == "sqlite" else ("true", "false")
    for model_name in MODELS:
        model = apps.get_model("frameworks", model_name)
        for name, _label in FACTS:
            model.objects.filter(**{f"{name}__in": ["yes", "partial"]}).update(**{name: true})
            model.objects.filter(**{name: "no"}).update(**{name: false})
            model.objects.filter(**{name: "unknown"}).update(**{name: None})


def _as_text(label):
    return models.CharField(label, max_length=8, null=True, blank=True)


def _value(label):
    return frameworks.models.FactField(
        label,
        choices=[("yes", "Yes"), ("partial", "Partial"), ("no", "No"), ("unknown", "Unknown")],
        default="unknown",
        max_length=8,
        help_text="Yes, partial, no, or unknown until a source establishes it.",
    )


def _details(label):
    return {
        "source": models.URLField(
            f"{label}: source", blank=True, help_text="Where this is established: the official docs page."
        ),
        "checked": models.DateField(
            f"{label}: checked", null=True, blank=True, help_text="When the source was read."
        ),
        "note": models.CharField(
            f"{label}: note",
            max_length=200,
            blank=True,
            help_text="What a partial means, or what the answer rests on, in one line.",
        ),
    }


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0004_ascii_slugs")]

    operations = [
        *(
            migrations.AlterField(model_name=model, name=name, field=_as_text(label))
            for model in MODELS
            for name, label in FACTS
        ),
        migrations.RunPython(to_values, to_booleans),
        *(
            migrations.AlterField(model_name=model, name=name, field=_value(label))
            for model in MODELS
            for name, label in FACTS
        ),
        *(
            migrations.AddField(model_name=model, name=f"{name}_{part}", field=field)
            for model in MODELS
            for name, label in FACTS
            for part, field in _details(label).items()
        ),
    ]
