"""Framework slugs in the URL alphabet: names in other scripts were once given their own
characters as a slug, which no URL pattern accepts, so every page linking to them failed."""

import re

from django.db import migrations

from articles.parsing import stable_slug

URL_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def ascii_slugs(apps, schema_editor):
    Framework = apps.get_model("frameworks", "Framework")
    taken = set(Framework.objects.values_list("slug", flat=True))
    for framework in Framework.objects.all():
        if URL_SLUG.fullmatch(framework.slug):
            continue
        base = stable_slug(framework.name, "framework", 90)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        Framework.objects.filter(pk=framework.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0003_review_gate")]
    operations = [migrations.RunPython(ascii_slugs, migrations.RunPython.noop)]
